//! Checks made before the `pdf` crate sees the bytes: files no reader would
//! accept, and inputs known to send the crate into a panic or a runaway
//! (which on wasm32 aborts the whole module, `catch_unwind` or not).

/// How far from the end `%%EOF` may be: readers look in the last 1024 bytes
/// (as for `%PDF-` at the start).
const EOF_WINDOW: usize = 1024;

/// Cross-reference sections followed through `/Prev` (the crate stops at a
/// loop; this stops at a long chain).
const MAX_SECTIONS: usize = 64;

/// `Err(reason)` when the file must not be handed to the crate.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    if !super::is_pdf(bytes) {
        return Err("it has no PDF header (%PDF-) in its first 1024 bytes".to_owned());
    }
    if !ends_with_eof_marker(bytes) {
        // Without this, a file cut inside its last incremental update reads
        // as the earlier revision whose `startxref` survived: a truncated
        // signed file would look like an intact unsigned one.
        return Err("it does not end with %%EOF: the file looks cut off".to_owned());
    }
    if xref_stream_with_zero_width(bytes) {
        // pdf 0.10 reads `/Index` entries of zero bytes each without running
        // out of data: `/W [0 0 0] /Index [0 200000000]` in a 300-byte file
        // made it allocate gigabytes and spin for many seconds.
        return Err(
            "its cross-reference stream is malformed (/W gives its entries no width)".to_owned(),
        );
    }
    super::encrypted::check_key_length(bytes).map_err(str::to_owned)
}

fn ends_with_eof_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(EOF_WINDOW)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// Walk the cross-reference sections the way the crate will (`startxref`,
/// then each `/Prev`) and look at each one's `/W`.
fn xref_stream_with_zero_width(bytes: &[u8]) -> bool {
    // Offsets count from the `%PDF-` header, as the crate counts them.
    let header = bytes
        .windows(5)
        .take(1024)
        .position(|w| w == b"%PDF-")
        .unwrap_or(0);
    let mut next = last_startxref(bytes).and_then(|offset| offset.checked_add(header));
    let mut seen = Vec::new();
    while let Some(offset) = next {
        if seen.contains(&offset) || seen.len() == MAX_SECTIONS {
            break;
        }
        seen.push(offset);
        let Some(section) = bytes.get(offset..) else {
            break;
        };
        // The section's dictionary: an xref stream's ends before `stream`,
        // a trailer's before `startxref`.
        let end = find(section, b"stream")
            .into_iter()
            .chain(find(section, b"startxref"))
            .min()
            .unwrap_or(section.len());
        let dict = &section[..end];
        // All zero, not "sums to zero": widths near u64::MAX must not
        // overflow a sum here (the fuzzer's first find was exactly that).
        if integers_after(dict, b"/W").is_some_and(|w| w.iter().all(|&width| width == 0)) {
            return true;
        }
        next = integers_after(dict, b"/Prev")
            .and_then(|prev| prev.first().copied())
            .and_then(|prev| usize::try_from(prev).ok())
            .and_then(|prev| prev.checked_add(header));
    }
    false
}

/// The number after the last `startxref`, as the crate finds it.
fn last_startxref(bytes: &[u8]) -> Option<usize> {
    let at = bytes.windows(9).rposition(|w| w == b"startxref")? + 9;
    let numbers = leading_integers(bytes.get(at..)?, 1)?;
    usize::try_from(*numbers.first()?).ok()
}

/// The integers right after `key` (a bare number or an array of up to
/// three); `None` when `key` is absent or followed by something else.
fn integers_after(dict: &[u8], key: &[u8]) -> Option<Vec<u64>> {
    let mut from = 0;
    while let Some(at) = find(&dict[from..], key) {
        let rest = &dict[from + at + key.len()..];
        // `/W` must not match `/Width`, nor `/Prev` match `/PrevX`.
        if rest.first().is_some_and(|b| b.is_ascii_alphanumeric()) {
            from += at + key.len();
            continue;
        }
        let rest = skip_space(rest);
        return match rest.strip_prefix(b"[") {
            Some(array) => leading_integers(array, 3),
            None => leading_integers(rest, 1),
        };
    }
    None
}

fn leading_integers(mut text: &[u8], max: usize) -> Option<Vec<u64>> {
    let mut found = Vec::new();
    while found.len() < max {
        text = skip_space(text);
        let digits = text.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 19 {
            break;
        }
        found.push(std::str::from_utf8(&text[..digits]).ok()?.parse().ok()?);
        text = &text[digits..];
    }
    (!found.is_empty()).then_some(found)
}

fn skip_space(text: &[u8]) -> &[u8] {
    let n = text
        .iter()
        .take_while(|b| b.is_ascii_whitespace() || **b == 0)
        .count();
    &text[n..]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xref_stream_file(w: &str) -> Vec<u8> {
        let head = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
        format!(
            "{head}2 0 obj\n<< /Type /XRef /Size 3 /W {w} /Index [0 200000000] /Length 0 >>\n\
             stream\n\nendstream\nendobj\nstartxref\n{}\n%%EOF\n",
            head.len()
        )
        .into_bytes()
    }

    #[test]
    fn zero_width_xref_stream_is_refused() {
        assert!(xref_stream_with_zero_width(&xref_stream_file("[0 0 0]")));
        assert!(xref_stream_with_zero_width(&xref_stream_file("[ 0 0 ]")));
        assert!(!xref_stream_with_zero_width(&xref_stream_file("[1 2 1]")));
        assert!(check(&xref_stream_file("[0 0 0]")).is_err());
    }

    #[test]
    fn keys_are_matched_whole() {
        assert_eq!(
            integers_after(b"/Width 0 /W [1 2 3]", b"/W"),
            Some(vec![1, 2, 3])
        );
        assert_eq!(
            integers_after(b"/Prev 4711 /Size 3", b"/Prev"),
            Some(vec![4711])
        );
        assert_eq!(integers_after(b"/W 5 0 R", b"/W"), Some(vec![5]));
        assert_eq!(integers_after(b"/Size 3", b"/W"), None);
    }
}

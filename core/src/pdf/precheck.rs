//! Checks made before the `pdf` crate sees the bytes: files no reader would
//! accept, and inputs known to reach a panic inside the crate (which on
//! wasm32 aborts the whole module, `catch_unwind` or not).

/// How far from the end `%%EOF` may be: readers look in the last 1024 bytes
/// (as for `%PDF-` at the start).
const EOF_WINDOW: usize = 1024;

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
    Ok(())
}

fn ends_with_eof_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(EOF_WINDOW)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

//! Certificate names as people read them: a name and an organisation
//! (`张三 personal · InfoPlus Dev`) from an RFC 4514 string, the full
//! string on request; fingerprints shortened, the whole one to copy.

/// A certificate name shown short, with the full RFC 4514 string behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameModel {
    /// "Signed by", "Issuer".
    pub label: String,
    /// The CN and the O, or the whole name when it has neither.
    pub short: String,
    pub full: String,
}

/// A fingerprint shown short (first and last groups), copied whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FingerprintModel {
    pub label: String,
    pub short: String,
    pub full: String,
}

/// The attribute values of an RFC 4514 name, in order (`\,` and `\+`
/// unescaped), as `(key, value)`.
fn attributes(name: &str) -> Vec<(String, String)> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut escaped = false;
    for c in name.chars() {
        match (escaped, c) {
            (true, _) => {
                current.push(c);
                escaped = false;
            }
            (false, '\\') => escaped = true,
            (false, ',' | '+') => parts.push(std::mem::take(&mut current)),
            (false, _) => current.push(c),
        }
    }
    parts.push(current);
    parts
        .iter()
        .filter_map(|p| {
            let (key, value) = p.split_once('=')?;
            let value = value.trim();
            (!value.is_empty()).then(|| (key.trim().to_ascii_uppercase(), value.to_owned()))
        })
        .collect()
}

fn attribute(name: &str, key: &str) -> Option<String> {
    attributes(name)
        .into_iter()
        .find_map(|(k, v)| (k == key).then_some(v))
}

/// The CN of an RFC 4514 name (`CN=张三,O=…`), else the whole name.
pub fn common_name(name: &str) -> String {
    attribute(name, "CN").unwrap_or_else(|| name.to_owned())
}

/// `张三 personal · InfoPlus Dev`: the CN and the O; the one there is;
/// or the whole name.
pub fn name_and_organisation(name: &str) -> String {
    match (attribute(name, "CN"), attribute(name, "O")) {
        (Some(cn), Some(o)) if cn != o => format!("{cn} · {o}"),
        (Some(cn), _) => cn,
        (None, Some(o)) => o,
        (None, None) => name.to_owned(),
    }
}

impl NameModel {
    pub fn of(label: &str, full: &str) -> NameModel {
        NameModel {
            label: label.to_owned(),
            short: name_and_organisation(full),
            full: full.to_owned(),
        }
    }
}

impl FingerprintModel {
    /// `ab12 cd34 … 9f0e`: the first two and the last group of four hex
    /// digits, as people compare fingerprints by eye.
    pub fn of(label: &str, hex: &str) -> FingerprintModel {
        let digits: String = hex.chars().filter(char::is_ascii_hexdigit).collect();
        let group = |range: std::ops::Range<usize>| digits.get(range).unwrap_or("").to_owned();
        let short = if digits.len() > 16 {
            let n = digits.len();
            format!("{} {} … {}", group(0..4), group(4..8), group(n - 4..n))
        } else {
            digits.clone()
        };
        FingerprintModel {
            label: label.to_owned(),
            short,
            full: digits.to_ascii_lowercase(),
        }
    }
}

//! Reading the few facts the tests need from OpenSSL's own printouts
//! (`openssl cms -cmsout -print`, `openssl ts -reply -text`, `openssl
//! dgst`), saved by `make.sh` next to each fixture.

use std::path::PathBuf;

pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cms")
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn text(name: &str) -> String {
    String::from_utf8(fixture(name)).expect("utf-8 printout")
}

/// The lines from the first one containing `marker` on.
pub fn from<'a>(lines: &[&'a str], marker: &str) -> Vec<&'a str> {
    let at = lines
        .iter()
        .position(|l| l.contains(marker))
        .unwrap_or_else(|| panic!("no {marker:?} in the printout"));
    lines[at..].to_vec()
}

/// The value after `key` on the first line (trimmed) starting with it.
pub fn value<'a>(lines: &[&'a str], key: &str) -> &'a str {
    lines
        .iter()
        .map(|l| l.trim())
        .find_map(|l| l.strip_prefix(key))
        .unwrap_or_else(|| panic!("no {key:?} in the printout"))
        .trim()
}

/// The dotted OID in parentheses of the first `algorithm:` line after
/// `section` (e.g. `digestAlgorithm:`).
pub fn algorithm(lines: &[&str], section: &str) -> String {
    let rest = from(lines, section);
    let line = value(&rest, "algorithm:");
    let open = line.rfind('(').expect("(");
    line[open + 1..line.len() - 1].to_owned()
}

/// The bytes of the hex dump (`0000 - 4b 50 f8-…   ascii`) right after
/// the line containing `marker`.
pub fn hex_dump(lines: &[&str], marker: &str) -> Vec<u8> {
    let rest = from(lines, marker);
    let mut out = Vec::new();
    for line in &rest[1..] {
        let Some((offset, dump)) = line.trim().split_once(" - ") else {
            break;
        };
        if offset.len() != 4 || !offset.chars().all(|c| c.is_ascii_hexdigit()) {
            break;
        }
        let hex = dump.split("   ").next().unwrap_or("").replace('-', " ");
        for byte in hex.split_whitespace() {
            out.push(u8::from_str_radix(byte, 16).expect("hex byte"));
        }
    }
    out
}

/// `0x06C0…` → bytes.
pub fn hex_number(text: &str) -> Vec<u8> {
    let digits = text.trim().trim_start_matches("0x");
    let digits = if digits.len() % 2 == 1 {
        format!("0{digits}")
    } else {
        digits.to_owned()
    };
    hex::decode(digits).expect("hex number")
}

/// OpenSSL's `Dec  1 08:58:48 2026 GMT` as RFC 3339.
pub fn openssl_time(text: &str) -> String {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = months.iter().position(|m| *m == parts[0]).expect("month") + 1;
    let day: u32 = parts[1].parse().expect("day");
    assert_eq!(parts[4], "GMT");
    format!("{}-{month:02}-{day:02}T{}Z", parts[3], parts[2])
}

/// The digest `openssl dgst -<name>` printed for content.txt.
pub fn content_digest(name: &str) -> Vec<u8> {
    let prefix = format!(
        "{}(content.txt)= ",
        name.to_uppercase().replace("SHA", "SHA2-")
    );
    let all = text("content.dgst.txt");
    let line = all
        .lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no {prefix}"));
    hex::decode(line.trim()).expect("digest hex")
}

/// Strips an INTEGER's sign byte, as OpenSSL prints serials without it.
pub fn unsigned(bytes: &[u8]) -> &[u8] {
    match bytes {
        [0, rest @ ..] if !rest.is_empty() => rest,
        _ => bytes,
    }
}

//! Hostile input: every prefix of the fixtures, thousands of random byte
//! changes (fixed seed), and files made to trip each limit. Nothing may
//! panic, and every file is done with quickly (a panic would abort the
//! whole wasm module in the browser).

use std::time::{Duration, Instant};

use super::common::{fixture, walk, XorShift};
use crate::pdf::cos::{CosError, File, Object, Ref};

/// Per file, open + reading everything, on a shared two-core machine
/// (others' builds run beside the tests): generous, but far below what an
/// unbounded loop would take.
const SLOW: Duration = Duration::from_secs(if cfg!(debug_assertions) { 10 } else { 3 });

fn exercise(bytes: &[u8], what: &str) {
    let t = Instant::now();
    if let Ok(file) = File::open_with_budget(bytes, 20_000) {
        let _ = walk(&file, 5_000);
        let _ = file.revision_ends();
        for s in file.sections() {
            for (num, entry) in s.entries.iter().take(200) {
                let _ = file.object_at(Ref { num: *num, gen: 0 }, *entry);
            }
        }
    }
    let took = t.elapsed();
    assert!(took < SLOW, "{what}: {took:?}");
}

const FIXTURES: [&str; 5] = [
    "base.pdf",
    "objstm.pdf",
    "r3-rc4-128.pdf",
    "r4-aes-128-objstm.pdf",
    "r6-aes-256-objstm.pdf",
];

#[test]
fn every_prefix() {
    for name in FIXTURES {
        let bytes = fixture(name);
        for len in 0..=bytes.len() {
            exercise(&bytes[..len], &format!("{name}[..{len}]"));
        }
    }
}

#[test]
fn random_mutations() {
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let files: Vec<Vec<u8>> = FIXTURES.iter().map(|n| fixture(n)).collect();
    // Bytes that change the meaning of PDF syntax more often than random.
    let interesting = b"0123456789 \n\r()<>[]{}/%#\\RnfFsz~.-+\x00\xff";
    for i in 0..4000 {
        let which = rng.below(files.len());
        let mut bytes = files[which].clone();
        for _ in 0..=rng.below(3) {
            let at = rng.below(bytes.len());
            let byte = match rng.below(3) {
                0 => rng.next() as u8,
                _ => interesting[rng.below(interesting.len())],
            };
            match rng.below(8) {
                0 => {
                    bytes.insert(at, byte);
                }
                1 => {
                    bytes.remove(at);
                }
                _ => bytes[at] = byte,
            }
        }
        exercise(&bytes, &format!("mutation {i} of {}", FIXTURES[which]));
    }
}

#[test]
fn mutations_of_real_files() {
    let dir = "/work/shared/interop/realworld/pdf";
    let names = [
        "dss__pdf-byterange-overlap.pdf",
        "itext__B-LT.pdf",
        "openpdf__Demo1_encrypted_.pdf",
    ];
    let mut rng = XorShift(42);
    for name in names {
        let Ok(original) = std::fs::read(format!("{dir}/{name}")) else {
            eprintln!("skipped: {name} is absent");
            continue;
        };
        for i in 0..150 {
            let mut bytes = original.clone();
            // Near the end, where the tables and trailers are, half the time.
            let span = if i % 2 == 0 {
                2048.min(bytes.len())
            } else {
                bytes.len()
            };
            let at = bytes.len() - 1 - rng.below(span);
            bytes[at] = rng.next() as u8;
            exercise(&bytes, &format!("{name} byte {at}"));
        }
    }
}

/// `%PDF`, `objects`, a table listing them, and `trailer`.
fn file_with(objects: &[(u32, &[u8])], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut table = String::from("xref\n0 1\n0000000000 65535 f \n");
    for (num, body) in objects {
        table.push_str(&format!("{num} 1\n{:010} 00000 n \n", out.len()));
        out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let at = out.len();
    out.extend_from_slice(table.as_bytes());
    out.extend_from_slice(format!("trailer\n<<{trailer}>>\nstartxref\n{at}\n%%EOF\n").as_bytes());
    out
}

#[test]
fn numbers_that_would_allocate_without_bound() {
    let zlib = |data: &[u8]| miniz_oxide::deflate::compress_to_vec_zlib(data, 9);
    let stream = |dict: &str, data: &[u8]| -> Vec<u8> {
        [
            format!("<<{dict} /Length {}>>stream\n", data.len()).as_bytes(),
            data,
            b"\nendstream",
        ]
        .concat()
    };
    let xref_rows = zlib(&[1u8, 0, 0, 0, 9, 0, 0]);
    let bomb = zlib(&vec![0u8; 200 << 20]);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("huge /Size", file_with(&[(1, b"<</Type/Catalog>>")], "/Size 2000000000 /Root 1 0 R")),
        (
            "xref stream /W [0 0 0], /Index [0 200000000]",
            file_with(
                &[
                    (1, b"<</Type/Catalog>>"),
                    (2, &stream("/Type/XRef /W [0 0 0] /Index [0 200000000] /Filter/FlateDecode", &xref_rows)),
                ],
                "/Size 3 /Root 1 0 R /XRefStm 0",
            ),
        ),
        (
            "/N 999999999",
            file_with(
                &[(1, b"<</Type/Catalog /A 3 0 R>>"), (2, &stream("/Type/ObjStm /N 999999999 /First 4", b"3 0 <<>>"))],
                "/Size 3 /Root 1 0 R",
            ),
        ),
        (
            "/Length 10^12",
            file_with(&[(1, b"<</Type/Catalog>>"), (2, &stream("/Length 1000000000000", b"x"))], "/Size 3 /Root 1 0 R"),
        ),
        (
            "a Flate bomb (200 MiB of zeros)",
            file_with(&[(1, b"<</Type/Catalog /S 2 0 R>>"), (2, &stream("/Filter/FlateDecode", &bomb))], "/Size 3 /Root 1 0 R"),
        ),
        (
            "the bomb ten times over",
            file_with(
                &[(1, b"<</Type/Catalog /S [2 0 R 2 0 R 2 0 R 2 0 R 2 0 R 2 0 R 2 0 R 2 0 R 2 0 R 2 0 R]>>"), (2, &stream("/Filter [/FlateDecode /FlateDecode]", &zlib(&bomb)))],
                "/Size 3 /Root 1 0 R",
            ),
        ),
        ("100000 nested arrays", file_with(&[(1, &[b"<</Type/Catalog /A ".as_slice(), &b"[".repeat(100_000)].concat())], "/Size 2 /Root 1 0 R")),
        ("100000 nested parentheses", file_with(&[(1, &[b"<</Type/Catalog /A ".as_slice(), &b"(".repeat(100_000)].concat())], "/Size 2 /Root 1 0 R")),
        (
            "an /Encrypt that refers to itself",
            file_with(&[(1, b"<</Type/Catalog>>"), (2, b"<</Filter/Standard /V 2 0 R /R 2 0 R /O 2 0 R /U 2 0 R>>")], "/Size 3 /Root 1 0 R /Encrypt 2 0 R"),
        ),
        (
            "a /Length that refers to its own stream",
            file_with(&[(1, b"<</Type/Catalog /S 2 0 R>>"), (2, &stream("/Length 2 0 R /Filter 2 0 R /DecodeParms 2 0 R", b"abc"))], "/Size 3 /Root 1 0 R"),
        ),
    ];
    for (what, bytes) in cases {
        let t = Instant::now();
        exercise(&bytes, what);
        eprintln!("{what}: {:?}", t.elapsed());
    }
}

/// Inputs where each read (or scan step) could lex to the end of the file:
/// the work budget, and lexing each byte once in the scan, keep them linear.
#[test]
fn quadratic_traps() {
    let mut unterminated = b"%PDF-1.7\n".to_vec();
    for num in 1..=5_000 {
        unterminated.extend_from_slice(format!("{num} 0 obj\n<</Type/Catalog /A (\n").as_bytes());
    }
    let trailers = [
        b"%PDF-1.7\n1 0 obj <</Type/Catalog>> endobj\n".as_slice(),
        &b"trailer[(".repeat(1_000_000),
    ]
    .concat();
    let unclosed_arrays = [b"%PDF-1.7\n".as_slice(), &b"1 0 obj [".repeat(500_000)].concat();
    for (what, bytes) in [
        ("5000 objects with unterminated strings", unterminated),
        ("a million `trailer[(`", trailers),
        ("half a million unclosed arrays", unclosed_arrays),
    ] {
        let t = Instant::now();
        exercise(&bytes, what);
        eprintln!("{what}: {:?}", t.elapsed());
    }
}

#[test]
fn a_bomb_is_refused_not_inflated() {
    let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![0u8; 100 << 20], 9);
    let body = [
        format!("<</Filter/FlateDecode /Length {}>>stream\n", bomb.len()).as_bytes(),
        &bomb,
        b"\nendstream",
    ]
    .concat();
    let bytes = file_with(
        &[(1, b"<</Type/Catalog>>"), (2, &body)],
        "/Size 3 /Root 1 0 R",
    );
    let file = File::open(&bytes).unwrap();
    let Ok(Object::Stream(s)) = file.object(Ref { num: 2, gen: 0 }) else {
        panic!()
    };
    assert_eq!(file.decoded_stream(&s), Err(CosError::TooLarge));
}

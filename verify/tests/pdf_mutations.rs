//! A few hundred seeded mutations of the fixtures through the run
//! (`verify_all`), on the stable toolchain, so `cargo test` keeps exercising
//! malformed input between fuzzing runs (`fuzz/`). On wasm32 a panic is an
//! abort, so none is acceptable here either: not in the checks, and not in
//! the `pdf` crate (the run catches those natively; the test fails on them).

#[path = "support/rng.rs"]
mod rng;
#[path = "pdf/support.rs"]
mod support;
use rng::Rng;

use std::time::Instant;

use infoplus_signature_core::Signature;
use infoplus_signature_verify::{verify_all, Options};
use support::{files_in, QUICK};

/// Mutations per fixture.
const ROUNDS: usize = 24;

/// Tokens that steer parsers into their edge cases.
const TOKENS: &[&[u8]] = &[
    b"0",
    b"-1",
    b"2147483647",
    b"4294967296",
    b"99999999999",
    b"1.5",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"(",
    b")",
    b"<",
    b">",
    b" R",
    b"obj",
    b"endobj",
    b"stream\n",
    b"endstream",
    b"xref",
    b"trailer",
    b"startxref",
    b"/Kids",
    b"/Count",
    b"/Length",
    b"/W [0 0 0]",
    b"/Index [0 99999]",
    b"/Type /ObjStm",
    b"/N 99999",
    b"/First -5",
    b"/FT /Sig",
    b"/V",
    b"/ByteRange",
    b"/Prev",
    b"/Root",
    b"/Encrypt",
    b"\xFE\xFF",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let i = at.min(out.len() - 1);
                out[i] = rng.next().to_le_bytes()[0];
            }
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
            2 => {
                let end = (at + rng.below(64)).min(out.len());
                out.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(256)).min(out.len());
                let copy = out[at..end].to_vec();
                let to = rng.below(out.len() + 1);
                out.splice(to..to, copy);
            }
            4 => {
                // A cut file that still ends like a PDF: past the %%EOF
                // check, into the crate.
                out.truncate(at);
                out.extend_from_slice(b"\n%%EOF\n");
            }
            _ => {
                // Overwrite a digit run with an extreme number.
                if let Some(start) = out[at..].iter().position(u8::is_ascii_digit) {
                    let start = at + start;
                    let len = out[start..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit())
                        .count();
                    let token = TOKENS[rng.below(6)];
                    out.splice(start..start + len, token.iter().copied());
                }
            }
        }
    }
    out
}

#[test]
fn mutated_fixtures_neither_panic_nor_hang() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut cases = 0;
    for path in files_in(".").into_iter().chain(files_in("malformed")) {
        let original = std::fs::read(&path).expect("fixture");
        for round in 0..ROUNDS {
            let input = mutate(&mut rng, &original);
            let started = Instant::now();
            let report = verify_all(&Signature::default(), &input, &Options::default());
            assert!(
                started.elapsed() < QUICK,
                "{} round {round}: {:?}",
                path.display(),
                started.elapsed()
            );
            // The report must be something the UI can show.
            let json = serde_json::to_string(&report).expect("report serializes");
            assert!(json.len() < 64 * 1024, "{} round {round}", path.display());
            cases += 1;
        }
    }
    assert!(cases >= 400, "only {cases} cases");
}

//! Native timing of seal verification for `scripts/bench`.
//!
//!   infoplus-bench-native SIGNATURE.json DOCUMENT [SIGNATURE.json DOCUMENT …]
//!
//! For each pair: the Signature (as the engine would send it; seal 0 is
//! verified) and the document bytes. Times what the browser's verify worker
//! does after receiving the bytes, natively: step 1 of a run for seal 0
//! (`Run::new(..).seals(&[0])`: key and signature decoding, hash of the
//! whole document, curve arithmetic), reported as `verify_ms`. The document
//! is read once (`Document::read`), as the worker reads it once; each timed
//! run starts with no digest known, so the document's hash is in the time.
//!
//! Median (and best) over at least MIN_RUNS runs and MIN_TIME. Prints one JSON object
//! per pair on stdout. Exits 1 if a seal does not verify as valid: timing a
//! failing verify would be meaningless.

use std::time::{Duration, Instant};

use infoplus_signature_core::{signature_from_str, SealVerdict};
use infoplus_signature_verify::{Document, Options, Run};

const MIN_RUNS: usize = 5;
const MIN_TIME: Duration = Duration::from_millis(800);

/// Median and best of the runs, in ms, and how many runs.
fn time_ms(mut run: impl FnMut()) -> (f64, f64, usize) {
    run(); // warm-up: page faults, caches
    let started = Instant::now();
    let mut times = Vec::new();
    while times.len() < MIN_RUNS || started.elapsed() < MIN_TIME {
        let t = Instant::now();
        run();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    (times[times.len() / 2], times[0], times.len())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.len() % 2 != 0 {
        eprintln!(
            "usage: infoplus-bench-native SIGNATURE.json DOCUMENT [SIGNATURE.json DOCUMENT …]"
        );
        std::process::exit(2);
    }
    for pair in args.chunks(2) {
        let (signature_path, document_path) = (&pair[0], &pair[1]);
        let text = std::fs::read_to_string(signature_path)
            .unwrap_or_else(|e| fail(&format!("{signature_path}: {e}")));
        let signature =
            signature_from_str(&text).unwrap_or_else(|e| fail(&format!("{signature_path}: {e}")));
        let document =
            std::fs::read(document_path).unwrap_or_else(|e| fail(&format!("{document_path}: {e}")));
        let options = Options {
            limit: document.len() as u64,
            ..Options::default()
        };
        let read = Document::read(&document, options.limit);

        let report = Run::new(&read, &signature, &options).seals(&[0]);
        let Some(seal) = report.seals.first() else {
            fail(&format!("{signature_path}: no seal 0"));
        };
        let verdict = &seal.verdict;
        let algorithm = match verdict {
            SealVerdict::Valid(valid) => valid.algorithm.clone(),
            other => fail(&format!(
                "{signature_path} over {document_path}: not valid natively: {other:?}"
            )),
        };
        let (verify_ms, best_ms, runs) = time_ms(|| {
            let run = Run::new(
                std::hint::black_box(&read),
                std::hint::black_box(&signature),
                &options,
            );
            std::hint::black_box(run.seals(&[0]));
        });
        let line = serde_json::json!({
            "signature": signature_path,
            "document": document_path,
            "bytes": document.len(),
            "algorithm": algorithm,
            "result": "valid",
            "verify_ms": verify_ms,
            "best_ms": best_ms,
            "runs": runs,
        });
        println!("{line}");
    }
}

fn fail(message: &str) -> ! {
    eprintln!("infoplus-bench-native: {message}");
    std::process::exit(1);
}

//! How fast seals verify over large documents (spec §6 allows 20 MiB): time
//! per seal of a run's step 1 (`Run::seals`, what the worker does once it
//! has read the document) and throughput, for SM2 and ECDSA P-256 (plus
//! Ed25519), next to the bare hash so one sees where the time goes. Prints
//! figures, asserts nothing.
//!
//!   cargo bench -p infoplus-signature-verify --bench verify_bench
//!
//! The workspace's release profile is size-optimized (opt-level "z", it is
//! what ships as wasm); add `--config profile.bench.opt-level=3` for the
//! speed-optimized figures.

use std::hint::black_box;
use std::time::{Duration, Instant};

use base64::Engine;
use infoplus_signature_core::{Seal, SealVerdict, Signature};
use infoplus_signature_verify::{Document, Options, Run, SM2_DISTINGUISHING_ID};
use sha2::{Digest, Sha256};
use sm2::elliptic_curve::sec1::ToSec1Point;

const MIB: usize = 1024 * 1024;
const SIZES_MIB: [usize; 3] = [1, 5, 20];
/// Per measurement: at least this many runs and this much time; the best run
/// counts (the least disturbed by the rest of the machine).
const MIN_RUNS: u32 = 3;
const MIN_TIME: Duration = Duration::from_millis(500);

/// DER prefix of a P-256 SubjectPublicKeyInfo; the 65-byte point follows.
const P256_SPKI_PREFIX: [u8; 26] = [
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
    0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
];

/// A PDF header and then bytes that do not compress or repeat.
fn document(size: usize) -> Vec<u8> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut out = b"%PDF-1.7\n".to_vec();
    while out.len() < size {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.extend_from_slice(&state.to_le_bytes());
    }
    out.truncate(size);
    out
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn seal(algorithm: &str, key: String, signature: String) -> Seal {
    Seal {
        algorithm: Some(algorithm.into()),
        public_key: Some(key),
        signature: Some(signature),
        ..Seal::default()
    }
}

/// Signatures are deterministic (RFC 6979 / RFC 8032): fixed keys, no RNG.
fn sm2_seal(document: &[u8]) -> Seal {
    use sm2::dsa::signature::Signer;
    let key = sm2::dsa::SigningKey::from_slice(SM2_DISTINGUISHING_ID, &[0x42; 32])
        .expect("fixed SM2 key");
    let signature: sm2::dsa::Signature = key.sign(document);
    let point = key.verifying_key().as_affine().to_sec1_point(false);
    seal(
        "SM2withSM3",
        hex::encode(point.as_bytes()),
        b64(&signature.to_bytes()),
    )
}

fn ecdsa_seal(document: &[u8]) -> Seal {
    use p256::ecdsa::signature::Signer;
    let key = p256::ecdsa::SigningKey::from_slice(&[0x42; 32]).expect("fixed P-256 key");
    let signature: p256::ecdsa::Signature = key.sign(document);
    let point = key.verifying_key().as_affine().to_sec1_point(false);
    let spki = [&P256_SPKI_PREFIX[..], point.as_bytes()].concat();
    seal("SHA256withECDSA", b64(&spki), b64(&signature.to_bytes()))
}

fn ed25519_seal(document: &[u8]) -> Seal {
    use ed25519_dalek::Signer;
    const ED25519_SPKI_PREFIX: [u8; 12] = [
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
    ];
    let key = ed25519_dalek::SigningKey::from_bytes(&[0x42; 32]);
    let signature = key.sign(document);
    let spki = [&ED25519_SPKI_PREFIX[..], key.verifying_key().as_bytes()].concat();
    seal("Ed25519", b64(&spki), b64(&signature.to_bytes()))
}

/// Best time of `run` over MIN_RUNS runs and MIN_TIME.
fn best(mut run: impl FnMut()) -> Duration {
    let started = Instant::now();
    let mut best = Duration::MAX;
    let mut runs = 0;
    while runs < MIN_RUNS || started.elapsed() < MIN_TIME {
        let start = Instant::now();
        run();
        best = best.min(start.elapsed());
        runs += 1;
    }
    best
}

/// Step 1 of a run over `document` (read once by the caller) for the one
/// seal of `signature`. A new run each time: no digest of the document is
/// known yet, so its hash is in the time, as in the worker's first step.
fn verify_seal(document: &Document<'_>, signature: &Signature, options: &Options) -> SealVerdict {
    let report = Run::new(document, signature, options).seals(&[0]);
    match report.seals.into_iter().next() {
        Some(seal) => seal.verdict,
        None => SealVerdict::Unsigned,
    }
}

fn row(what: &str, size: usize, time: Duration) {
    let mib_per_s = size as f64 / MIB as f64 / time.as_secs_f64();
    println!(
        "{what:<22} {:>4} MiB {:>10.2} ms {:>9.1} MiB/s",
        size / MIB,
        time.as_secs_f64() * 1000.0,
        mib_per_s
    );
}

fn main() {
    // Arguments (`cargo bench` passes `--bench`) are ignored: three sizes,
    // three algorithms, always.
    println!(
        "infoplus_signature_verify::Run::seals, native, {} build",
        if cfg!(debug_assertions) {
            "debug (figures meaningless)"
        } else {
            "optimized"
        }
    );
    println!(
        "{:<22} {:>8} {:>13} {:>15}",
        "what", "size", "time", "throughput"
    );
    for size_mib in SIZES_MIB {
        let size = size_mib * MIB;
        let document = document(size);
        let options = Options {
            limit: u64::MAX,
            ..Options::default()
        };
        // Read once, as the worker reads it: `%PDF-` and then no PDF, so the
        // reader gives up at once and there is no PDF report to make.
        let read = Document::read(&document, options.limit);
        let seals = [
            ("SM2withSM3", sm2_seal(&document)),
            ("SHA256withECDSA", ecdsa_seal(&document)),
            ("Ed25519", ed25519_seal(&document)),
        ];
        for (name, seal) in &seals {
            let signature = Signature {
                seals: vec![seal.clone()],
                ..Signature::default()
            };
            assert!(
                matches!(
                    verify_seal(&read, &signature, &options),
                    SealVerdict::Valid(_)
                ),
                "{name} seal made for the benchmark verifies"
            );
            let time = best(|| {
                black_box(verify_seal(
                    black_box(&read),
                    black_box(&signature),
                    &options,
                ));
            });
            row(name, size, time);
        }
        row(
            "  SM3 hash alone",
            size,
            best(|| {
                black_box(sm3::Sm3::digest(black_box(&document)));
            }),
        );
        row(
            "  SHA-256 hash alone",
            size,
            best(|| {
                black_box(Sha256::digest(black_box(&document)));
            }),
        );
    }
}

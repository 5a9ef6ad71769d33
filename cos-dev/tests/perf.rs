//! Time on a 20 MiB file: a small signed-looking PDF (tests/fixtures/
//! base.pdf) whose page carries a 20 MiB stream of random bytes, as a scan
//! would. Open, then read the catalog and every AcroForm field (and each
//! field's /V): with the table intact, without `startxref` (rebuilt by
//! scanning at open) and with every table offset wrong (rebuilt on the
//! first read). `cargo test --release --test perf -- --nocapture` prints
//! the figures; the file is also written to target/perf-20mib.pdf for the
//! wasm measurement (README.md).

use std::time::{Duration, Instant};

use common::{fixture, XorShift};
use cos_dev::{File, Object};

mod common;

/// base.pdf with one more object, a 20 MiB image stream, added by an
/// incremental update that also puts it on the page.
fn big_file() -> Vec<u8> {
    let mut bytes = fixture("base.pdf");
    let prev = {
        let at = memchr::memmem::rfind(&bytes, b"startxref").unwrap();
        let rest = std::str::from_utf8(&bytes[at + 9..]).unwrap();
        rest.split_whitespace().next().unwrap().to_string()
    };
    let mut rng = XorShift(7);
    let mut noise = vec![0u8; 20 << 20];
    for chunk in noise.chunks_mut(8) {
        let word = rng.next().to_le_bytes();
        chunk.copy_from_slice(&word[..chunk.len()]);
    }
    let image_at = bytes.len();
    bytes.extend_from_slice(format!("13 0 obj\n<</Type/XObject /Subtype/Image /Width 4096 /Height 1707 /BitsPerComponent 8 /ColorSpace/DeviceRGB /Length {}>>stream\n", noise.len()).as_bytes());
    bytes.extend_from_slice(&noise);
    bytes.extend_from_slice(b"\nendstream\nendobj\n");
    let page_at = bytes.len();
    bytes.extend_from_slice(b"3 0 obj\n<</Type/Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Annots [6 0 R 7 0 R] /Resources <</Font <</F1 5 0 R>> /XObject <</Im1 13 0 R>>>>>>\nendobj\n");
    let xref_at = bytes.len();
    bytes.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f \n3 1\n{page_at:010} 00000 n \n13 1\n{image_at:010} 00000 n \n\
             trailer\n<</Size 14 /Root 1 0 R /Info 10 0 R /Prev {prev}>>\nstartxref\n{xref_at}\n%%EOF\n"
        )
        .as_bytes(),
    );
    bytes
}

/// Open, read the catalog, the AcroForm and every field with its value
/// and its page.
fn open_and_read_fields(bytes: &[u8]) -> (usize, bool) {
    let file = File::open(bytes).unwrap();
    let root = file.resolve(file.trailer().get("Root").unwrap()).unwrap();
    let form = file
        .resolve(root.as_dict().unwrap().get("AcroForm").unwrap())
        .unwrap();
    let fields = file
        .resolve(form.as_dict().unwrap().get("Fields").unwrap())
        .unwrap();
    let mut read = 0;
    for field in fields.as_array().unwrap() {
        let field = file.resolve(field).unwrap();
        for key in ["V", "P"] {
            let value = field.as_dict().unwrap().get(key).unwrap();
            assert!(!matches!(file.resolve(value).unwrap(), Object::Null));
        }
        read += 1;
    }
    (read, file.reconstructed())
}

fn best_of(runs: usize, f: impl Fn()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn twenty_mebibytes() {
    let bytes = big_file();
    assert!(bytes.len() > 20 << 20);
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let _ = std::fs::create_dir_all(&target);
    let _ = std::fs::write(target.join("perf-20mib.pdf"), &bytes);

    assert_eq!(open_and_read_fields(&bytes), (2, false));
    let intact = best_of(5, || {
        open_and_read_fields(&bytes);
    });

    // Every `startxref` gone (the update's and the original's).
    let no_startxref: Vec<u8> = {
        let mut b = bytes.clone();
        let at: Vec<usize> = memchr::memmem::find_iter(&b, b"startxref").collect();
        for at in at {
            b[at + 8] = b'X';
        }
        b
    };
    assert_eq!(open_and_read_fields(&no_startxref), (2, true));
    let rebuilt = best_of(3, || {
        open_and_read_fields(&no_startxref);
    });

    // The newest table's offsets all wrong: the chain opens, the first
    // read that lands on the wrong bytes scans the file.
    let wrong: Vec<u8> = {
        let mut b = bytes.clone();
        // Move the page entry by one byte.
        let xref = memchr::memmem::rfind(&b, b"\n3 1\n").unwrap() + 5;
        b[xref + 9] = if b[xref + 9] == b'9' {
            b'8'
        } else {
            b[xref + 9] + 1
        };
        b
    };
    let (_, reconstructed) = open_and_read_fields(&wrong);
    assert!(reconstructed);
    let lazily = best_of(3, || {
        open_and_read_fields(&wrong);
    });

    println!(
        "20 MiB file, open + catalog + {} AcroForm fields: {:.2} ms with the table intact, \
         {:.1} ms rebuilt at open (no startxref), {:.1} ms rebuilt on the first wrong offset",
        2,
        intact.as_secs_f64() * 1000.0,
        rebuilt.as_secs_f64() * 1000.0,
        lazily.as_secs_f64() * 1000.0
    );
    // Bounds for a debug build on a busy machine; release is far below.
    assert!(intact < Duration::from_millis(500));
    assert!(rebuilt < Duration::from_secs(5));
}

//! The committed fixtures (tests/fixtures/make.sh): every encryption
//! revision qpdf writes reads back as the same objects, strings and
//! stream contents as the unencrypted original; the signature's
//! /Contents stays as written.

use std::collections::HashSet;

use super::common::fixture;
use crate::pdf::cos::{CosError, File, Object, Ref};

/// Compare two object graphs, following references (each pair once).
/// Streams compare by their dictionaries (less the encoding keys) and
/// decoded data.
fn same(
    fa: &File<'_>,
    a: &Object,
    fb: &File<'_>,
    b: &Object,
    seen: &mut HashSet<(Ref, Ref)>,
    path: &str,
) {
    if let (Object::Ref(ra), Object::Ref(rb)) = (a, b) {
        if !seen.insert((*ra, *rb)) {
            return;
        }
    }
    let a = fa.resolve(a).unwrap_or_else(|e| panic!("{path}: {e}"));
    let b = fb.resolve(b).unwrap_or_else(|e| panic!("{path}: {e}"));
    match (&a, &b) {
        (Object::Array(x), Object::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{path}");
            for (i, (x, y)) in x.iter().zip(y).enumerate() {
                same(fa, x, fb, y, seen, &format!("{path}[{i}]"));
            }
        }
        (Object::Dict(_) | Object::Stream(_), Object::Dict(_) | Object::Stream(_)) => {
            let (da, db) = (a.as_dict().unwrap(), b.as_dict().unwrap());
            // qpdf adds the /Extensions of AES-256 to the catalog.
            let skip = ["Length", "Filter", "DecodeParms", "Extensions"];
            let keys = |d: &crate::pdf::cos::Dict| {
                let mut k: Vec<String> = d.iter().map(|(k, _)| k.as_str().into_owned()).collect();
                k.retain(|k| !skip.contains(&k.as_str()));
                k.sort();
                k
            };
            assert_eq!(keys(da), keys(db), "{path}");
            for key in keys(da) {
                same(
                    fa,
                    da.get(&key).unwrap(),
                    fb,
                    db.get(&key).unwrap(),
                    seen,
                    &format!("{path}/{key}"),
                );
            }
            if let (Object::Stream(sa), Object::Stream(sb)) = (&a, &b) {
                let (x, y) = (
                    fa.decoded_stream(sa).unwrap(),
                    fb.decoded_stream(sb).unwrap(),
                );
                assert_eq!(x, y, "{path} stream data");
            }
        }
        _ => assert_eq!(a, b, "{path}"),
    }
}

fn same_document(original: &File<'_>, other: &File<'_>) {
    let mut seen = HashSet::new();
    for key in ["Root", "Info"] {
        let (a, b) = (
            original.trailer().get(key).unwrap(),
            other.trailer().get(key).unwrap(),
        );
        same(original, a, other, b, &mut seen, key);
    }
}

const ENCRYPTED: [&str; 10] = [
    "r2-rc4-40.pdf",
    "r3-rc4-128.pdf",
    "r4-rc4-128.pdf",
    "r4-aes-128.pdf",
    "r4-aes-128-meta.pdf",
    "r4-aes-128-objstm.pdf",
    "r5-aes-256.pdf",
    "r6-aes-256.pdf",
    "r6-aes-256-meta.pdf",
    "r6-aes-256-objstm.pdf",
];

#[test]
fn every_revision_reads_as_the_original() {
    let base = fixture("base.pdf");
    let original = File::open(&base).unwrap();
    assert!(!original.encrypted() && !original.reconstructed());
    for name in ["plain.pdf", "objstm.pdf"].iter().chain(ENCRYPTED.iter()) {
        let bytes = fixture(name);
        let file = File::open(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(file.encrypted(), name.starts_with('r'), "{name}");
        assert!(!file.reconstructed(), "{name}");
        same_document(&original, &file);
        assert!(!file.exhausted(), "{name}");
    }
}

#[test]
fn signature_contents_are_never_decrypted() {
    let base = fixture("base.pdf");
    let original = File::open(&base).unwrap();
    let contents = |file: &File<'_>| -> Vec<u8> {
        let root = file.resolve(file.trailer().get("Root").unwrap()).unwrap();
        let form = file
            .resolve(root.as_dict().unwrap().get("AcroForm").unwrap())
            .unwrap();
        let field = file
            .resolve(
                &form
                    .as_dict()
                    .unwrap()
                    .get("Fields")
                    .unwrap()
                    .as_array()
                    .unwrap()[0],
            )
            .unwrap();
        let sig = file
            .resolve(field.as_dict().unwrap().get("V").unwrap())
            .unwrap();
        sig.as_dict()
            .unwrap()
            .get("Contents")
            .unwrap()
            .as_string()
            .unwrap()
            .to_vec()
    };
    let want = contents(&original);
    assert_eq!(&want[..2], &[0x30, 0x82]);
    for name in ENCRYPTED {
        let bytes = fixture(name);
        let file = File::open(&bytes).unwrap();
        assert_eq!(contents(&file), want, "{name}");
        // And those bytes are in the file as written, in hex.
        let hex: String = want.iter().map(|b| format!("{b:02x}")).collect();
        assert!(
            memchr::memmem::find(&bytes, hex.as_bytes()).is_some(),
            "{name}"
        );
    }
}

#[test]
fn a_user_password_is_reported() {
    for name in ["password-r3.pdf", "password-r6.pdf"] {
        let bytes = fixture(name);
        let err = File::open(&bytes).err().unwrap();
        assert_eq!(
            err,
            CosError::Encrypted {
                needs_password: true
            },
            "{name}"
        );
        assert_eq!(err.to_string(), "the file is protected by a password");
    }
}

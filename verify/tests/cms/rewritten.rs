//! OpenSSL's fixtures rewritten by `tree.rs`: BER indefinite lengths, more
//! certificates than the limit, a timestamp token as an unsigned
//! attribute. The reader must read the same facts from them.

use crate::cms::{self, CmsError, SignedData, MAX_CERTIFICATES};
use crate::oid;

use super::openssl_print::fixture;
use super::tree::{self, Node};
use super::{signed_data, FIXTURES};

/// The fixtures OpenSSL wrote in DER (definite lengths throughout).
fn der_fixtures() -> impl Iterator<Item = (&'static str, Vec<u8>)> {
    FIXTURES
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !name.contains("indef"))
        .map(|name| (name, fixture(&format!("{name}.der"))))
}

/// Facts that do not depend on the encoding.
fn facts(sd: &SignedData<'_>) -> String {
    let s = &sd.signers[0];
    format!(
        "{} {:?} {} {} {:?} {:?} {:?} {} {}",
        sd.version,
        sd.digest_algorithms
            .iter()
            .map(|a| a.oid.to_string())
            .collect::<Vec<_>>(),
        sd.content_type,
        sd.certificates.len(),
        s.message_digest(),
        s.signing_time(),
        s.content_type(),
        s.signature_algorithm.oid,
        hex::encode(s.signature),
    )
}

#[test]
fn the_tree_helper_round_trips() {
    for (name, der) in der_fixtures() {
        assert_eq!(tree::write(&tree::read(&der)), der, "{name}");
    }
}

#[test]
fn indefinite_signed_attributes_are_hashed_with_a_definite_length() {
    // Levels 0–5 indefinite: ContentInfo … SignerInfo and the [0]
    // signedAttrs itself; the attributes inside stay DER.
    for (name, der) in der_fixtures() {
        let ber = tree::write_indefinite_above(&tree::read(&der), 6);
        assert_ne!(ber, der);
        let (a, b) = (signed_data(&der), signed_data(&ber));
        assert_eq!(facts(&a), facts(&b), "{name}");
        let signed = |sd: &SignedData<'_>| {
            sd.signers[0]
                .signed_attributes
                .clone()
                .map(|s| s.to_be_signed)
        };
        assert_eq!(
            signed(&a),
            signed(&b),
            "{name}: to_be_signed differs under BER"
        );
        if let Some(attrs) = &b.signers[0].signed_attributes {
            assert!(!ber
                .windows(attrs.to_be_signed.len())
                .any(|w| w == attrs.to_be_signed));
        }
    }
}

#[test]
fn fully_indefinite_encodings_read_the_same_facts() {
    for (name, der) in der_fixtures() {
        let ber = tree::write_indefinite_above(&tree::read(&der), usize::MAX);
        assert_eq!(
            facts(&signed_data(&der)),
            facts(&signed_data(&ber)),
            "{name}"
        );
    }
}

/// The `[0]` certificates of a SignedData tree.
fn certificate_set(root: &mut Node) -> &mut Node {
    root.at(&[1, 0, 3])
}

#[test]
fn more_than_fifty_certificates_are_refused() {
    let der = fixture("rsa-pkcs1.der");
    for (count, ok) in [(MAX_CERTIFICATES, true), (MAX_CERTIFICATES + 1, false)] {
        let mut root = tree::read(&der);
        let set = certificate_set(&mut root);
        let cert = set.children_mut()[0].clone();
        *set.children_mut() = vec![cert; count];
        let bytes = tree::write(&root);
        match cms::parse(&bytes) {
            Ok(cms::Contents::SignedData(sd)) if ok => assert_eq!(sd.certificates.len(), count),
            Err(CmsError::TooMany {
                what: "certificates",
                max,
            }) if !ok => {
                assert_eq!(max, MAX_CERTIFICATES)
            }
            other => panic!("{count} certificates: {other:?}"),
        }
    }
}

#[test]
fn other_certificate_choices_are_skipped() {
    let mut root = tree::read(&fixture("rsa-pkcs1.der"));
    let set = certificate_set(&mut root);
    // A [1] v1 attribute certificate (content irrelevant here).
    set.children_mut().push(Node::Constructed {
        tag: 0xa1,
        children: vec![],
    });
    let bytes = tree::write(&root);
    assert_eq!(signed_data(&bytes).certificates.len(), 1);
}

#[test]
fn a_timestamp_token_in_the_unsigned_attributes_is_found() {
    let token = fixture("tst.der");
    let mut root = tree::read(&fixture("p256.der"));
    let signer = root.at(&[1, 0, -1, 0]);
    let attribute = Node::Constructed {
        tag: 0x30,
        children: vec![
            Node::Primitive {
                tag: 0x06,
                content: oid::SIGNATURE_TIMESTAMP_TOKEN.as_bytes().to_vec(),
            },
            Node::Constructed {
                tag: 0x31,
                children: vec![tree::read(&token)],
            },
        ],
    };
    signer.children_mut().push(Node::Constructed {
        tag: 0xa1,
        children: vec![attribute],
    });
    let bytes = tree::write(&root);
    let sd = signed_data(&bytes);
    let found = sd.signers[0].timestamp_token().expect("token");
    assert_eq!(found, token.as_slice());
    let inner = signed_data(found);
    assert!(cms::is_timestamp_token(&inner));
    assert!(!cms::is_timestamp_token(&sd));
    let tst = cms::tst_info(inner.content.as_deref().expect("eContent")).expect("TSTInfo");
    assert_eq!(tst.hash_algorithm.oid, oid::SHA256.as_bytes());
}

//! Real-world CMS from pyHanko's test PDFs (see `pyhanko/README.md`):
//! every field OpenSSL reports (`pyhanko/expected.tsv`) read alike, and
//! the timestamp tokens inside readable down to their TSTInfo.

use crate::cms::{self, SignerId};

use super::openssl_print::{fixture, text};
use super::signed_data;

#[test]
fn pyhanko_signatures_read_as_openssl_reads_them() {
    let expected = text("pyhanko/expected.tsv");
    let rows: Vec<Vec<&str>> = expected
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 14);
    for row in rows {
        let [name, certs, signers, econtent, sid, digest, signature, signed, token] = row[..]
        else {
            panic!("row {row:?}");
        };
        let bytes = fixture(&format!("pyhanko/{name}.der"));
        let sd = signed_data(&bytes);
        assert_eq!(sd.certificates.len().to_string(), certs, "{name}");
        assert_eq!(sd.signers.len().to_string(), signers, "{name}");
        assert_eq!(sd.content_type.to_string(), econtent, "{name}");
        let signer = &sd.signers[0];
        let kind = match signer.sid {
            SignerId::IssuerSerial { .. } => "issuer",
            SignerId::SubjectKeyId(_) => "ski",
        };
        assert_eq!(kind, sid, "{name}");
        assert_eq!(signer.digest_algorithm.oid.to_string(), digest, "{name}");
        assert_eq!(
            signer.signature_algorithm.oid.to_string(),
            signature,
            "{name}"
        );
        let count = signer
            .signed_attributes
            .as_ref()
            .map_or(0, |s| s.attributes.len());
        assert_eq!(count.to_string(), signed, "{name}");
        if count > 0 {
            assert!(signer.content_type().is_some(), "{name}");
            assert!(signer.message_digest().is_some(), "{name}");
        }
        assert_eq!(signer.timestamp_token().is_some(), token == "1", "{name}");
        if let Some(token) = signer.timestamp_token() {
            let inner = signed_data(token);
            assert!(cms::is_timestamp_token(&inner), "{name}");
            let tst = cms::tst_info(inner.content.as_deref().expect("eContent")).expect("TSTInfo");
            // The token timestamps the signature value (RFC 3161 App. A).
            let hash = cms::hash_of(&tst.hash_algorithm).expect("hash");
            assert_eq!(
                tst.hashed_message,
                hash.digest(&[signer.signature]),
                "{name}"
            );
        }
        if cms::is_timestamp_token(&sd) {
            let tst = cms::tst_info(sd.content.as_deref().expect("eContent")).expect("TSTInfo");
            assert!(tst.gen_time > 1_500_000_000, "{name}");
        }
    }
}

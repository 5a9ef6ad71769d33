//! What the revocation tests share: a stamped seal's certificate, files in
//! a work directory, OpenSSL 3's `ocsp`, `crl` and `pkeyutl`, and the signed
//! bytes of an OCSP response or a CRL (for SM2, which OpenSSL 3.0 checks
//! only with an explicit distinguishing id, see `sm2_signature_holds`).

use std::path::PathBuf;
use std::process::Command;

use der::asn1::{BitString, ObjectIdentifier, OctetString};
use der::{Any, Decode, DecodePem, Encode, EncodePem, Sequence};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;

use crate::common::{param, Server};

/// The roots in the order `/dev/trust-roots.pem` lists them.
pub const CAS: [&str; 3] = ["sm2", "ecdsa", "rsa"];

/// A seal of each root's algorithm, with a user who may use it. None of
/// them is stamped in the template database, so each test server issues
/// their certificates itself, with its own origin in them.
pub const SEALS: [(&str, &str, &str); 3] = [
    ("lisi", "seal-lisi-sm2", "sm2"),
    ("zhangsan", "seal-zhangsan-ecdsa", "ecdsa"),
    ("lisi", "seal-lisi-rsa", "rsa"),
];

/// Stamps a fresh Signature `id` with `seal_id`; the seal's certificate
/// (PEM) from the Signature's `privateKey`.
pub async fn stamp_for_certificate(server: &Server, user: &str, seal_id: &str, id: &str) -> String {
    server.export(id).await;
    let back = server.stamp(user, id, 0, seal_id).await;
    assert_eq!(
        param(&back, "sig_status").as_deref(),
        Some("done"),
        "{back}"
    );
    let (signature, _) = server.s1(id).await;
    let pem = signature["seals"][0]["privateKey"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");
    pem
}

/// A work directory holding `roots.pem` and each root as `{ca}-root.pem`.
pub struct Work {
    pub dir: tempfile::TempDir,
}

impl Work {
    pub fn new(roots_pem: &str) -> Work {
        let work = Work {
            dir: tempfile::tempdir().unwrap(),
        };
        work.put("roots.pem", roots_pem.as_bytes());
        let roots = Certificate::load_pem_chain(roots_pem.as_bytes()).unwrap();
        assert_eq!(roots.len(), 3);
        for (ca, root) in CAS.iter().zip(roots) {
            let pem = root.to_pem(der::pem::LineEnding::LF).unwrap();
            work.put(&format!("{ca}-root.pem"), pem.as_bytes());
        }
        work
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn put(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// `openssl args…` in the work directory: success and all it printed.
    pub fn openssl(&self, args: &[&str]) -> (bool, String) {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .expect("openssl must be installed");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }

    /// `openssl args…`, which must succeed.
    pub fn openssl_ok(&self, args: &[&str]) -> String {
        let (ok, text) = self.openssl(args);
        assert!(ok, "openssl {}:\n{text}", args.join(" "));
        text
    }

    /// OpenSSL 3.0 verifies SM2 signatures in OCSP responses, CRLs and
    /// certificates with the empty distinguishing id, not GM/T 0009's
    /// `1234567812345678` that our SM2 keys sign with (and `openssl ocsp`
    /// and `openssl crl` take no `-vfyopt`): so for SM2 the signature over
    /// `signed` is checked with `pkeyutl -digest sm3 -pkeyopt distid:…`
    /// under `signer` (a certificate, DER), and the signer's chain with
    /// `verify -vfyopt distid:…`.
    pub fn sm2_signature_holds(&self, signed: &[u8], signature: &[u8], signer: &[u8]) {
        self.put("signed.der", signed);
        self.put("signature.bin", signature);
        let signer = Certificate::from_der(signer).unwrap();
        let pem = signer.to_pem(der::pem::LineEnding::LF).unwrap();
        self.put("signer.pem", pem.as_bytes());
        let text = self.openssl_ok(&[
            "pkeyutl",
            "-verify",
            "-certin",
            "-inkey",
            "signer.pem",
            "-rawin",
            "-digest",
            "sm3",
            "-pkeyopt",
            DISTID,
            "-in",
            "signed.der",
            "-sigfile",
            "signature.bin",
        ]);
        assert!(text.contains("Signature Verified Successfully"), "{text}");
        let text = self.openssl_ok(&[
            "verify",
            "-vfyopt",
            DISTID,
            "-CAfile",
            "roots.pem",
            "signer.pem",
        ]);
        assert!(text.contains("signer.pem: OK"), "{text}");
    }
}

const DISTID: &str = "distid:1234567812345678";

/// `OCSPResponse`, just far enough to reach the basic response.
#[derive(Sequence)]
struct OcspResponse {
    status: Any,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    bytes: ResponseBytes,
}

#[derive(Sequence)]
struct ResponseBytes {
    kind: ObjectIdentifier,
    response: OctetString,
}

#[derive(Sequence)]
struct BasicOcspResponse {
    tbs_response_data: Any,
    algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    certs: Option<Vec<Certificate>>,
}

/// What a responder signed, its signature, and the first certificate it
/// sent (the delegated responder's), all DER.
pub fn ocsp_signed_parts(response: &[u8]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let outer = OcspResponse::from_der(response).unwrap();
    assert_eq!(outer.status.value(), [0], "successful");
    let basic = BasicOcspResponse::from_der(outer.bytes.response.as_bytes()).unwrap();
    let certs = basic.certs.unwrap();
    (
        basic.tbs_response_data.to_der().unwrap(),
        basic.signature.raw_bytes().to_vec(),
        certs[0].to_der().unwrap(),
    )
}

/// What a CRL's issuer signed and its signature.
pub fn crl_signed_parts(crl: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let list =
        x509_cert::crl::CertificateList::<x509_cert::certificate::Rfc5280>::from_der(crl).unwrap();
    (
        list.tbs_cert_list.to_der().unwrap(),
        list.signature.raw_bytes().to_vec(),
    )
}

/// The root of `ca` as DER, from the work directory.
pub fn root_der(work: &Work, ca: &str) -> Vec<u8> {
    let pem = std::fs::read_to_string(work.path(&format!("{ca}-root.pem"))).unwrap();
    Certificate::from_pem(&pem).unwrap().to_der().unwrap()
}

/// The serial of a certificate (PEM) as `openssl crl -text` writes it.
pub fn serial_hex(certificate_pem: &str) -> String {
    let certificate = Certificate::from_pem(certificate_pem).unwrap();
    let bytes = certificate.tbs_certificate().serial_number().as_bytes();
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    hex::encode_upper(&bytes[start..])
}

//! Which signature algorithm a CMS signer or an X.509 certificate names.
//! OIDs arrive as DER content bytes (what the CMS reader hands over), so
//! they are compared with the content bytes of the constants below.

use spki::der::asn1::{AnyRef, ObjectIdentifier};
use spki::der::{Decode, Reader, SliceReader, Tag};
use spki::AlgorithmIdentifierRef;

use super::error::PkiError;
use crate::Hash;

const fn oid(text: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(text)
}

// Key OIDs (also used as signature OIDs by some CMS signers).
pub(crate) const RSA_ENCRYPTION: ObjectIdentifier = oid("1.2.840.113549.1.1.1");
pub(crate) const RSASSA_PSS: ObjectIdentifier = oid("1.2.840.113549.1.1.10");
pub(crate) const EC_PUBLIC_KEY: ObjectIdentifier = oid("1.2.840.10045.2.1");
/// The SM2 curve (GM/T 0006), also an algorithm OID.
pub(crate) const SM2: ObjectIdentifier = oid("1.2.156.10197.1.301");
pub(crate) const ED25519: ObjectIdentifier = oid("1.3.101.112");
pub(crate) const P256: ObjectIdentifier = oid("1.2.840.10045.3.1.7");
pub(crate) const P384: ObjectIdentifier = oid("1.3.132.0.34");

// Combined signature OIDs.
const SHA1_WITH_RSA: ObjectIdentifier = oid("1.2.840.113549.1.1.5");
const SHA256_WITH_RSA: ObjectIdentifier = oid("1.2.840.113549.1.1.11");
const SHA384_WITH_RSA: ObjectIdentifier = oid("1.2.840.113549.1.1.12");
const SHA512_WITH_RSA: ObjectIdentifier = oid("1.2.840.113549.1.1.13");
const ECDSA_WITH_SHA1: ObjectIdentifier = oid("1.2.840.10045.4.1");
const ECDSA_WITH_SHA256: ObjectIdentifier = oid("1.2.840.10045.4.3.2");
const ECDSA_WITH_SHA384: ObjectIdentifier = oid("1.2.840.10045.4.3.3");
const ECDSA_WITH_SHA512: ObjectIdentifier = oid("1.2.840.10045.4.3.4");
/// SM2-with-SM3 (GM/T 0006).
const SM2_WITH_SM3: ObjectIdentifier = oid("1.2.156.10197.1.501");
/// sm2sign (GM/T 0006 "1.2.156.10197.1.301.1"), met in the wild.
const SM2_SIGN: ObjectIdentifier = oid("1.2.156.10197.1.301.1");
const MGF1: ObjectIdentifier = oid("1.2.840.113549.1.1.8");

// Digests.
const SHA1: ObjectIdentifier = oid("1.3.14.3.2.26");
const SHA256: ObjectIdentifier = oid("2.16.840.1.101.3.4.2.1");
const SHA384: ObjectIdentifier = oid("2.16.840.1.101.3.4.2.2");
const SHA512: ObjectIdentifier = oid("2.16.840.1.101.3.4.2.3");
const SM3: ObjectIdentifier = oid("1.2.156.10197.1.401");

/// A signature algorithm of §6a, with the hash it signs over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignatureAlgorithm {
    /// RSASSA-PKCS1-v1_5.
    RsaPkcs1(Hash),
    /// RSASSA-PSS with MGF1 over the same hash; the salt length is read
    /// from the signature.
    RsaPss(Hash),
    /// ECDSA on P-256 or P-384 (the key says which).
    Ecdsa(Hash),
    /// SM2 over SM3(Z ‖ M).
    Sm2Sm3,
    /// Pure Ed25519 (RFC 8032).
    Ed25519,
}

fn is(bytes: &[u8], known: ObjectIdentifier) -> bool {
    bytes == known.as_bytes()
}

/// The hash a digest OID names.
pub(crate) fn hash_of(digest_oid: &[u8]) -> Option<Hash> {
    [
        (SHA1, Hash::Sha1),
        (SHA256, Hash::Sha256),
        (SHA384, Hash::Sha384),
        (SHA512, Hash::Sha512),
        (SM3, Hash::Sm3),
    ]
    .into_iter()
    .find(|(known, _)| is(digest_oid, *known))
    .map(|(_, hash)| hash)
}

/// An OID in dotted form for messages (or its hex when it cannot be read).
fn dotted(bytes: &[u8]) -> String {
    ObjectIdentifier::from_bytes(bytes)
        .map(|o| o.to_string())
        .unwrap_or_else(|_| format!("(OID bytes {})", hex::encode(bytes)))
}

/// RSA and ECDSA use the SHA family; SM3 belongs to SM2.
fn sha_family(digest_oid: &[u8], what: &str) -> Result<Hash, PkiError> {
    match hash_of(digest_oid) {
        Some(Hash::Sm3) | None => Err(PkiError::Unsupported(format!(
            "{what} with digest {}",
            dotted(digest_oid)
        ))),
        Some(hash) => Ok(hash),
    }
}

impl SignatureAlgorithm {
    /// A SignerInfo's signatureAlgorithm (OID content bytes + raw
    /// parameters TLV) and its digestAlgorithm OID. A key OID takes its hash
    /// from `digest_oid`; a combined OID names its own (the digest OID then
    /// only says how the messageDigest attribute was computed).
    pub fn from_cms(
        signature_oid: &[u8],
        parameters: Option<&[u8]>,
        digest_oid: &[u8],
    ) -> Result<Self, PkiError> {
        let s = signature_oid;
        if is(s, RSA_ENCRYPTION) {
            return sha_family(digest_oid, "RSA").map(SignatureAlgorithm::RsaPkcs1);
        }
        if is(s, EC_PUBLIC_KEY) {
            // SM2 keys are id-ecPublicKey keys too; SM3 says which is meant.
            if hash_of(digest_oid) == Some(Hash::Sm3) {
                return Ok(SignatureAlgorithm::Sm2Sm3);
            }
            return sha_family(digest_oid, "ECDSA").map(SignatureAlgorithm::Ecdsa);
        }
        if is(s, SM2) {
            return match hash_of(digest_oid) {
                Some(Hash::Sm3) => Ok(SignatureAlgorithm::Sm2Sm3),
                _ => Err(PkiError::Unsupported(format!(
                    "SM2 with digest {}",
                    dotted(digest_oid)
                ))),
            };
        }
        Self::from_x509(signature_oid, parameters)
    }

    /// An X.509 certificate's (or CRL's) signatureAlgorithm: a combined
    /// OID, SHA-1 included for old certificates.
    pub fn from_x509(oid: &[u8], parameters: Option<&[u8]>) -> Result<Self, PkiError> {
        use SignatureAlgorithm::*;
        let table = [
            (SHA1_WITH_RSA, RsaPkcs1(Hash::Sha1)),
            (SHA256_WITH_RSA, RsaPkcs1(Hash::Sha256)),
            (SHA384_WITH_RSA, RsaPkcs1(Hash::Sha384)),
            (SHA512_WITH_RSA, RsaPkcs1(Hash::Sha512)),
            (ECDSA_WITH_SHA1, Ecdsa(Hash::Sha1)),
            (ECDSA_WITH_SHA256, Ecdsa(Hash::Sha256)),
            (ECDSA_WITH_SHA384, Ecdsa(Hash::Sha384)),
            (ECDSA_WITH_SHA512, Ecdsa(Hash::Sha512)),
            (SM2_WITH_SM3, Sm2Sm3),
            (SM2_SIGN, Sm2Sm3),
            (ED25519, Ed25519),
        ];
        if let Some((_, algorithm)) = table.into_iter().find(|(known, _)| is(oid, *known)) {
            return Ok(algorithm);
        }
        if is(oid, RSASSA_PSS) {
            return pss_hash(parameters).map(RsaPss);
        }
        Err(PkiError::Unsupported(format!(
            "signature algorithm {}",
            dotted(oid)
        )))
    }

    /// The name reports use: `SHA256withRSA`, `SHA384withRSA/PSS`,
    /// `SHA256withECDSA`, `SM2withSM3`, `Ed25519`, `SHA1withRSA`, …
    pub fn canonical_name(&self) -> String {
        match self {
            SignatureAlgorithm::RsaPkcs1(h) => format!("{}withRSA", hash_label(*h)),
            SignatureAlgorithm::RsaPss(h) => format!("{}withRSA/PSS", hash_label(*h)),
            SignatureAlgorithm::Ecdsa(h) => format!("{}withECDSA", hash_label(*h)),
            SignatureAlgorithm::Sm2Sm3 => "SM2withSM3".to_owned(),
            SignatureAlgorithm::Ed25519 => "Ed25519".to_owned(),
        }
    }

    /// The hash the signature is computed over; `None` for Ed25519, which
    /// signs the message itself.
    pub fn hash(&self) -> Option<Hash> {
        match self {
            SignatureAlgorithm::RsaPkcs1(h)
            | SignatureAlgorithm::RsaPss(h)
            | SignatureAlgorithm::Ecdsa(h) => Some(*h),
            SignatureAlgorithm::Sm2Sm3 => Some(Hash::Sm3),
            SignatureAlgorithm::Ed25519 => None,
        }
    }
}

fn hash_label(hash: Hash) -> &'static str {
    match hash {
        Hash::Sha1 => "SHA1",
        Hash::Sha256 => "SHA256",
        Hash::Sha384 => "SHA384",
        Hash::Sha512 => "SHA512",
        Hash::Sm3 => "SM3",
    }
}

/// The hash of RSASSA-PSS-params (RFC 8017 A.2.3). Absent fields mean
/// SHA-1; MGF1 must use the same hash, which is all the `rsa` crate does.
/// Read by hand because `pkcs1`'s type holds the salt length in a `u8`,
/// and OpenSSL's default (the longest salt) exceeds 255 for keys of 3072
/// bits and more.
fn pss_hash(parameters: Option<&[u8]>) -> Result<Hash, PkiError> {
    let bad = |e: spki::der::Error| PkiError::Parameters(format!("RSASSA-PSS-params: {e}"));
    let Some(tlv) = parameters else {
        return Ok(Hash::Sha1);
    };
    let mut reader = SliceReader::new(tlv).map_err(bad)?;
    let (hash_tlv, mgf_tlv) = reader
        .sequence(|fields| {
            let (mut hash, mut mgf) = (None, None);
            while !fields.is_finished() {
                let tag = Tag::peek(fields)?;
                let field = fields.tlv_bytes()?;
                match tag {
                    Tag::ContextSpecific { number, .. } if number.value() == 0 => {
                        hash = Some(field)
                    }
                    Tag::ContextSpecific { number, .. } if number.value() == 1 => mgf = Some(field),
                    _ => {}
                }
            }
            Ok::<_, spki::der::Error>((hash, mgf))
        })
        .map_err(bad)?;
    reader.finish().map_err(bad)?;
    let hash = match hash_tlv {
        Some(field) => {
            let inner = AnyRef::from_der(field).map_err(bad)?;
            let algorithm = AlgorithmIdentifierRef::from_der(inner.value()).map_err(bad)?;
            sha_family(algorithm.oid.as_bytes(), "RSASSA-PSS")?
        }
        None => Hash::Sha1,
    };
    let mgf_hash = match mgf_tlv {
        Some(field) => {
            let inner = AnyRef::from_der(field).map_err(bad)?;
            let mgf = AlgorithmIdentifierRef::from_der(inner.value()).map_err(bad)?;
            if mgf.oid != MGF1 {
                return Err(PkiError::Unsupported(format!(
                    "RSASSA-PSS mask generation {}",
                    mgf.oid
                )));
            }
            let over = mgf
                .parameters
                .ok_or_else(|| PkiError::Parameters("MGF1 without its hash".to_owned()))?
                .decode_as::<AlgorithmIdentifierRef<'_>>()
                .map_err(bad)?;
            sha_family(over.oid.as_bytes(), "MGF1")?
        }
        None => Hash::Sha1,
    };
    if mgf_hash != hash {
        return Err(PkiError::Unsupported(
            "RSASSA-PSS with MGF1 over another hash than the message's".to_owned(),
        ));
    }
    Ok(hash)
}

#[cfg(test)]
mod tests {
    use super::SignatureAlgorithm::*;
    use super::*;

    fn b(o: ObjectIdentifier) -> Vec<u8> {
        o.as_bytes().to_vec()
    }

    /// RSASSA-PSS-params for SHA-256, MGF1-SHA-256, salt 32 (RFC 4055 form,
    /// as OpenSSL writes it).
    const PSS_SHA256: &str = "3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120";

    #[test]
    fn cms_key_oids_take_the_hash_from_the_digest_algorithm() {
        let cases = [
            (RSA_ENCRYPTION, SHA256, RsaPkcs1(Hash::Sha256)),
            (RSA_ENCRYPTION, SHA512, RsaPkcs1(Hash::Sha512)),
            (EC_PUBLIC_KEY, SHA384, Ecdsa(Hash::Sha384)),
            (EC_PUBLIC_KEY, SM3, Sm2Sm3),
            (SM2, SM3, Sm2Sm3),
            // A combined OID names its own hash, whatever the digest is.
            (SHA384_WITH_RSA, SHA256, RsaPkcs1(Hash::Sha384)),
            (ECDSA_WITH_SHA512, SHA256, Ecdsa(Hash::Sha512)),
            (SM2_WITH_SM3, SM3, Sm2Sm3),
            (SM2_SIGN, SM3, Sm2Sm3),
            (ED25519, SHA512, Ed25519),
        ];
        for (signature, digest, want) in cases {
            assert_eq!(
                SignatureAlgorithm::from_cms(&b(signature), None, &b(digest)),
                Ok(want),
                "{signature} + {digest}"
            );
        }
        for (signature, digest) in [(RSA_ENCRYPTION, SM3), (SM2, SHA256), (EC_PUBLIC_KEY, MGF1)] {
            assert!(matches!(
                SignatureAlgorithm::from_cms(&b(signature), None, &b(digest)),
                Err(PkiError::Unsupported(_))
            ));
        }
        assert!(SignatureAlgorithm::from_cms(b"\xff\xff", None, b"").is_err());
    }

    #[test]
    fn pss_parameters_name_the_hash() {
        let params = hex::decode(PSS_SHA256).unwrap();
        assert_eq!(
            SignatureAlgorithm::from_x509(&b(RSASSA_PSS), Some(&params)),
            Ok(RsaPss(Hash::Sha256))
        );
        // Absent parameters are all defaults: SHA-1.
        assert_eq!(
            SignatureAlgorithm::from_x509(&b(RSASSA_PSS), None),
            Ok(RsaPss(Hash::Sha1))
        );
        // Every truncation is an error, never a panic.
        for len in 0..params.len() {
            assert!(SignatureAlgorithm::from_x509(&b(RSASSA_PSS), Some(&params[..len])).is_err());
        }
        // MGF1 over SHA-1 with a SHA-256 message hash: not what `rsa` does.
        let mixed = PSS_SHA256.replacen(
            "a11c301a06092a864886f70d010108300d06096086480165030402010500",
            "a118301606092a864886f70d010108300906052b0e03021a0500",
            1,
        );
        let mixed = hex::decode(mixed.replacen("3034", "3030", 1)).unwrap();
        assert!(matches!(
            SignatureAlgorithm::from_x509(&b(RSASSA_PSS), Some(&mixed)),
            Err(PkiError::Unsupported(_))
        ));
    }

    #[test]
    fn canonical_names_and_hashes() {
        let cases = [
            (RsaPkcs1(Hash::Sha256), "SHA256withRSA"),
            (RsaPkcs1(Hash::Sha1), "SHA1withRSA"),
            (RsaPkcs1(Hash::Sha512), "SHA512withRSA"),
            (RsaPss(Hash::Sha384), "SHA384withRSA/PSS"),
            (Ecdsa(Hash::Sha384), "SHA384withECDSA"),
            (Sm2Sm3, "SM2withSM3"),
            (Ed25519, "Ed25519"),
        ];
        for (algorithm, name) in cases {
            assert_eq!(algorithm.canonical_name(), name);
        }
        assert_eq!(Sm2Sm3.hash(), Some(Hash::Sm3));
        assert_eq!(Ed25519.hash(), None);
        assert_eq!(
            SignatureAlgorithm::from_x509(&b(SHA1_WITH_RSA), Some(&[5, 0])),
            Ok(RsaPkcs1(Hash::Sha1))
        );
    }
}

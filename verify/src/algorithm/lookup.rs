//! Finding an algorithm in the table: by the name a seal gives (§6), by a
//! certificate's or CRL's signatureAlgorithm, by a CMS SignerInfo's
//! signatureAlgorithm and digestAlgorithm.

use spki::der::asn1::AnyRef;
use spki::der::{Decode, Reader, SliceReader, Tag};
use spki::AlgorithmIdentifierRef;

use super::{Scheme, SignatureAlgorithm, ALGORITHMS};
use crate::error::CryptoError;
use crate::hash::Hash;
use crate::oid;

fn find(test: impl Fn(&SignatureAlgorithm) -> bool) -> Option<&'static SignatureAlgorithm> {
    ALGORITHMS.iter().copied().find(|a| test(a))
}

fn unsupported(what: &str, bytes: &[u8]) -> CryptoError {
    CryptoError::Unsupported(format!("{what} {}", oid::describe(bytes)))
}

impl SignatureAlgorithm {
    /// The algorithm a seal's `algorithm` field names: its name or an
    /// alias, ignoring ASCII case and surrounding white space.
    pub fn for_seal(name: &str) -> Option<&'static SignatureAlgorithm> {
        let name = name.trim();
        find(|a| {
            a.name.eq_ignore_ascii_case(name)
                || a.aliases.iter().any(|n| n.eq_ignore_ascii_case(name))
        })
    }

    /// The algorithm of `scheme` over `hash`, if we have it.
    pub fn of(scheme: Scheme, hash: Hash) -> Option<&'static SignatureAlgorithm> {
        find(|a| a.scheme == scheme && a.hash == hash)
    }

    /// A certificate's (or CRL's, or SES's) signatureAlgorithm: an OID
    /// that names its hash, or RSASSA-PSS with its parameters.
    pub fn from_x509(
        oid_bytes: &[u8],
        parameters: Option<&[u8]>,
    ) -> Result<&'static SignatureAlgorithm, CryptoError> {
        if oid::is(oid_bytes, oid::RSASSA_PSS) {
            let hash = pss_hash(parameters)?;
            return Self::of(Scheme::RsaPss, hash)
                .ok_or_else(|| unsupported("RSASSA-PSS with", hash.oid().as_bytes()));
        }
        find(|a| a.oids.iter().any(|o| oid::is(oid_bytes, *o)))
            .ok_or_else(|| unsupported("signature algorithm", oid_bytes))
    }

    /// A SignerInfo's signatureAlgorithm and digestAlgorithm. A key OID
    /// (rsaEncryption, id-ecPublicKey, SM2) takes its hash from the
    /// digest algorithm; a signature OID names its own (the digest
    /// algorithm then only says how the messageDigest attribute was made).
    pub fn from_cms(
        signature_oid: &[u8],
        parameters: Option<&[u8]>,
        digest_oid: &[u8],
    ) -> Result<&'static SignatureAlgorithm, CryptoError> {
        // Old signers write a signature OID as the digest algorithm
        // (sha1WithRSAEncryption): its hash is meant.
        let digest = || {
            Hash::from_oid(digest_oid).or_else(|| {
                find(|a| a.oids.iter().any(|o| oid::is(digest_oid, *o))).map(|a| a.hash)
            })
        };
        let with_digest = |scheme: Scheme, what: &str| {
            digest()
                .and_then(|hash| Self::of(scheme, hash))
                .ok_or_else(|| unsupported(&format!("{what} with digest"), digest_oid))
        };
        let s = signature_oid;
        if oid::is(s, oid::RSA_ENCRYPTION) {
            return with_digest(Scheme::RsaPkcs1, "RSA");
        }
        if oid::is(s, oid::EC_PUBLIC_KEY) {
            // SM2 keys are id-ecPublicKey keys too; SM3 says which is meant.
            if digest() == Some(Hash::Sm3) {
                return with_digest(Scheme::Sm2, "SM2");
            }
            return with_digest(Scheme::Ecdsa, "ECDSA");
        }
        if oid::is(s, oid::SM2) {
            return with_digest(Scheme::Sm2, "SM2");
        }
        Self::from_x509(signature_oid, parameters)
    }
}

/// The hash of RSASSA-PSS-params (RFC 8017 A.2.3). Absent fields mean
/// SHA-1; MGF1 must use the same hash, which is all the `rsa` crate does.
/// Read by hand because `pkcs1`'s type holds the salt length in a `u8`,
/// and OpenSSL's default (the longest salt) exceeds 255 for keys of 3072
/// bits and more.
fn pss_hash(parameters: Option<&[u8]>) -> Result<Hash, CryptoError> {
    let bad = |e: spki::der::Error| CryptoError::Parameters(format!("RSASSA-PSS-params: {e}"));
    // Absent, or NULL as some signers write it: every field at its default.
    let Some(tlv) = parameters.filter(|p| *p != [5, 0]) else {
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
    let hash_of = |algorithm: AlgorithmIdentifierRef<'_>, what: &str| {
        Hash::from_oid(algorithm.oid.as_bytes())
            .filter(|h| *h != Hash::Sm3 && *h != Hash::Shake256)
            .ok_or_else(|| unsupported(what, algorithm.oid.as_bytes()))
    };
    let hash = match hash_tlv {
        Some(field) => {
            let inner = AnyRef::from_der(field).map_err(bad)?;
            hash_of(
                AlgorithmIdentifierRef::from_der(inner.value()).map_err(bad)?,
                "RSASSA-PSS with digest",
            )?
        }
        None => Hash::Sha1,
    };
    let mgf_hash = match mgf_tlv {
        Some(field) => {
            let inner = AnyRef::from_der(field).map_err(bad)?;
            let mgf = AlgorithmIdentifierRef::from_der(inner.value()).map_err(bad)?;
            if mgf.oid != oid::MGF1 {
                return Err(unsupported(
                    "RSASSA-PSS mask generation",
                    mgf.oid.as_bytes(),
                ));
            }
            let over = mgf
                .parameters
                .ok_or_else(|| CryptoError::Parameters("MGF1 without its hash".to_owned()))?
                .decode_as::<AlgorithmIdentifierRef<'_>>()
                .map_err(bad)?;
            hash_of(over, "MGF1 with digest")?
        }
        None => Hash::Sha1,
    };
    if mgf_hash != hash {
        return Err(CryptoError::MixedPss {
            hash,
            mgf: mgf_hash,
        });
    }
    Ok(hash)
}

#[cfg(test)]
mod tests;

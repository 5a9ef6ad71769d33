//! Object identifiers as their DER content bytes (what a CMS carries, so
//! comparing is a byte comparison) and their dotted rendering. The GM/T
//! ones (SM2, SM3, GM/T 0010 content types) are not in `const-oid`; the
//! rest are written out too, so that this module needs no dependency.

use std::fmt;

use super::error::CmsError;

/// The DER content bytes of an OBJECT IDENTIFIER. `Display` writes the
/// dotted form; compares equal to the constants of this module.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Oid<'a>(pub &'a [u8]);

impl Oid<'_> {
    /// Whether the bytes are a well-formed identifier: not empty, every
    /// arc ends (last byte below 0x80) and no arc starts with a 0x80 pad.
    pub fn is_well_formed(&self) -> bool {
        let Some(&last) = self.0.last() else {
            return false;
        };
        let mut arc_start = true;
        for &byte in self.0 {
            if arc_start && byte == 0x80 {
                return false;
            }
            arc_start = byte & 0x80 == 0;
        }
        last & 0x80 == 0
    }

    /// The dotted form, or `None` if malformed or an arc is wider than
    /// 128 bits.
    pub fn dotted(&self) -> Option<String> {
        if !self.is_well_formed() {
            return None;
        }
        let mut out = String::new();
        let mut arc: u128 = 0;
        let mut first = true;
        for &byte in self.0 {
            if arc.leading_zeros() < 7 {
                return None;
            }
            arc = (arc << 7) | u128::from(byte & 0x7f);
            if byte & 0x80 != 0 {
                continue;
            }
            if first {
                // The first arc holds two: 40·x + y, x ∈ {0, 1, 2}.
                let (x, y) = match arc {
                    0..=39 => (0, arc),
                    40..=79 => (1, arc - 40),
                    _ => (2, arc - 80),
                };
                out.push_str(&format!("{x}.{y}"));
                first = false;
            } else {
                out.push_str(&format!(".{arc}"));
            }
            arc = 0;
        }
        Some(out)
    }
}

impl PartialEq<&[u8]> for Oid<'_> {
    fn eq(&self, other: &&[u8]) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for Oid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.dotted() {
            Some(dotted) => f.write_str(&dotted),
            None => write!(f, "malformed-oid:{}", hex::encode(self.0)),
        }
    }
}

impl fmt::Debug for Oid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Oid({self})")
    }
}

/// An identifier read from a value, checked to be well formed.
pub(super) fn read<'a>(tlv: &super::der::Tlv<'a>, what: &'static str) -> Result<Oid<'a>, CmsError> {
    let oid = Oid(tlv.expect(super::der::OBJECT_IDENTIFIER, what)?.content);
    if oid.is_well_formed() {
        Ok(oid)
    } else {
        Err(CmsError::BadOid)
    }
}

// Content types.
/// 1.2.840.113549.1.7.1 id-data
pub const DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
/// 1.2.840.113549.1.7.2 id-signedData
pub const SIGNED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
/// 1.2.156.10197.6.1.4.2.1 GM/T 0010 data
pub const GM_DATA: &[u8] = &[0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x06, 0x01, 0x04, 0x02, 0x01];
/// 1.2.156.10197.6.1.4.2.2 GM/T 0010 signedData
pub const GM_SIGNED_DATA: &[u8] = &[0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x06, 0x01, 0x04, 0x02, 0x02];
/// 1.2.840.113549.1.9.16.1.4 id-ct-TSTInfo
pub const TST_INFO: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x04,
];

// Attributes.
/// 1.2.840.113549.1.9.3 id-contentType
pub const CONTENT_TYPE: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03];
/// 1.2.840.113549.1.9.4 id-messageDigest
pub const MESSAGE_DIGEST: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04];
/// 1.2.840.113549.1.9.5 id-signingTime
pub const SIGNING_TIME: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x05];
/// 1.2.840.113549.1.9.16.2.12 id-aa-signingCertificate
pub const SIGNING_CERTIFICATE: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x0c,
];
/// 1.2.840.113549.1.9.16.2.14 id-aa-signatureTimeStampToken
pub const SIGNATURE_TIMESTAMP_TOKEN: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x0e,
];
/// 1.2.840.113549.1.9.16.2.47 id-aa-signingCertificateV2
pub const SIGNING_CERTIFICATE_V2: &[u8] = &[
    0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x02, 0x2f,
];

// Digests.
/// 1.3.14.3.2.26 SHA-1
pub const SHA1: &[u8] = &[0x2b, 0x0e, 0x03, 0x02, 0x1a];
/// 2.16.840.1.101.3.4.2.1 SHA-256
pub const SHA256: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
/// 2.16.840.1.101.3.4.2.2 SHA-384
pub const SHA384: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02];
/// 2.16.840.1.101.3.4.2.3 SHA-512
pub const SHA512: &[u8] = &[0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03];
/// 1.2.156.10197.1.401 SM3
pub const SM3: &[u8] = &[0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x11];

// Keys and signatures.
/// 1.2.840.113549.1.1.1 rsaEncryption
pub const RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
/// 1.2.840.113549.1.1.8 id-mgf1 (inside RSASSA-PSS parameters)
pub const MGF1: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08];
/// 1.2.840.113549.1.1.10 id-RSASSA-PSS
pub const RSASSA_PSS: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a];
/// 1.2.840.113549.1.1.11 sha256WithRSAEncryption
pub const SHA256_WITH_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
/// 1.2.840.113549.1.1.12 sha384WithRSAEncryption
pub const SHA384_WITH_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c];
/// 1.2.840.113549.1.1.13 sha512WithRSAEncryption
pub const SHA512_WITH_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d];
/// 1.2.840.10045.2.1 id-ecPublicKey
pub const EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
/// 1.2.840.10045.3.1.7 prime256v1 (P-256)
pub const P256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
/// 1.3.132.0.34 secp384r1 (P-384)
pub const P384: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
/// 1.2.840.10045.4.3.2 ecdsa-with-SHA256
pub const ECDSA_WITH_SHA256: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
/// 1.2.840.10045.4.3.3 ecdsa-with-SHA384
pub const ECDSA_WITH_SHA384: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03];
/// 1.2.840.10045.4.3.4 ecdsa-with-SHA512
pub const ECDSA_WITH_SHA512: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04];
/// 1.2.156.10197.1.301 SM2 (key and curve)
pub const SM2_KEY: &[u8] = &[0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d];
/// 1.2.156.10197.1.301.1 SM2 signature, as some signers name it
pub const SM2_SIGN_ALT: &[u8] = &[0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d, 0x01];
/// 1.2.156.10197.1.501 SM2 with SM3
pub const SM2_SM3: &[u8] = &[0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75];
/// 1.3.101.112 Ed25519
pub const ED25519: &[u8] = &[0x2b, 0x65, 0x70];

// Extended key usage.
/// 1.3.6.1.5.5.7.3.8 id-kp-timeStamping
pub const KP_TIME_STAMPING: &[u8] = &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x08];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_render_as_their_dotted_names() {
        let table: &[(&[u8], &str)] = &[
            (DATA, "1.2.840.113549.1.7.1"),
            (SIGNED_DATA, "1.2.840.113549.1.7.2"),
            (GM_DATA, "1.2.156.10197.6.1.4.2.1"),
            (GM_SIGNED_DATA, "1.2.156.10197.6.1.4.2.2"),
            (TST_INFO, "1.2.840.113549.1.9.16.1.4"),
            (CONTENT_TYPE, "1.2.840.113549.1.9.3"),
            (MESSAGE_DIGEST, "1.2.840.113549.1.9.4"),
            (SIGNING_TIME, "1.2.840.113549.1.9.5"),
            (SIGNING_CERTIFICATE, "1.2.840.113549.1.9.16.2.12"),
            (SIGNATURE_TIMESTAMP_TOKEN, "1.2.840.113549.1.9.16.2.14"),
            (SIGNING_CERTIFICATE_V2, "1.2.840.113549.1.9.16.2.47"),
            (SHA1, "1.3.14.3.2.26"),
            (SHA256, "2.16.840.1.101.3.4.2.1"),
            (SHA384, "2.16.840.1.101.3.4.2.2"),
            (SHA512, "2.16.840.1.101.3.4.2.3"),
            (SM3, "1.2.156.10197.1.401"),
            (RSA_ENCRYPTION, "1.2.840.113549.1.1.1"),
            (MGF1, "1.2.840.113549.1.1.8"),
            (RSASSA_PSS, "1.2.840.113549.1.1.10"),
            (SHA256_WITH_RSA, "1.2.840.113549.1.1.11"),
            (SHA384_WITH_RSA, "1.2.840.113549.1.1.12"),
            (SHA512_WITH_RSA, "1.2.840.113549.1.1.13"),
            (EC_PUBLIC_KEY, "1.2.840.10045.2.1"),
            (P256, "1.2.840.10045.3.1.7"),
            (P384, "1.3.132.0.34"),
            (ECDSA_WITH_SHA256, "1.2.840.10045.4.3.2"),
            (ECDSA_WITH_SHA384, "1.2.840.10045.4.3.3"),
            (ECDSA_WITH_SHA512, "1.2.840.10045.4.3.4"),
            (SM2_KEY, "1.2.156.10197.1.301"),
            (SM2_SIGN_ALT, "1.2.156.10197.1.301.1"),
            (SM2_SM3, "1.2.156.10197.1.501"),
            (ED25519, "1.3.101.112"),
            (KP_TIME_STAMPING, "1.3.6.1.5.5.7.3.8"),
        ];
        for (bytes, dotted) in table {
            assert_eq!(Oid(bytes).to_string(), *dotted);
            assert!(Oid(bytes) == *bytes);
        }
    }

    #[test]
    fn malformed_identifiers_are_not_rendered() {
        assert_eq!(Oid(&[]).dotted(), None);
        assert_eq!(Oid(&[0x2a, 0x86]).dotted(), None);
        assert_eq!(Oid(&[0x2a, 0x80, 0x01]).dotted(), None);
        assert_eq!(Oid(&[0x2a, 0x86]).to_string(), "malformed-oid:2a86");
        // An arc wider than 128 bits.
        let mut wide = vec![0x2a];
        wide.extend([0xff; 19]);
        wide.push(0x7f);
        assert_eq!(Oid(&wide).dotted(), None);
        // 2.25.<uuid> fits.
        assert_eq!(Oid(&[0x69, 0x01]).to_string(), "2.25.1");
    }
}

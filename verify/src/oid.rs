//! Every object identifier the verifier knows, once, with the name a
//! report may show for it. The CMS reader hands OIDs over as their DER
//! content bytes; [`ObjectIdentifier::as_bytes`] gives the same bytes, so
//! comparing is a byte comparison. The devserver builds its certificates
//! and CMS from these same constants.

pub use spki::ObjectIdentifier;

macro_rules! oids {
    ($($(#[$doc:meta])* $name:ident = $dotted:literal, $label:literal;)*) => {
        $($(#[$doc])* pub const $name: ObjectIdentifier = ObjectIdentifier::new_unwrap($dotted);)*
        /// Every constant of this module with its name, for messages.
        const NAMED: &[(ObjectIdentifier, &str)] = &[$(($name, $label)),*];
    };
}

oids! {
    // Content types (RFC 5652, GM/T 0010, RFC 3161).
    DATA = "1.2.840.113549.1.7.1", "id-data";
    SIGNED_DATA = "1.2.840.113549.1.7.2", "id-signedData";
    GM_DATA = "1.2.156.10197.6.1.4.2.1", "GM/T 0010 data";
    GM_SIGNED_DATA = "1.2.156.10197.6.1.4.2.2", "GM/T 0010 signedData";
    TST_INFO = "1.2.840.113549.1.9.16.1.4", "id-ct-TSTInfo";

    // Attributes.
    CONTENT_TYPE = "1.2.840.113549.1.9.3", "contentType";
    MESSAGE_DIGEST = "1.2.840.113549.1.9.4", "messageDigest";
    SIGNING_TIME = "1.2.840.113549.1.9.5", "signingTime";
    SIGNING_CERTIFICATE = "1.2.840.113549.1.9.16.2.12", "signingCertificate";
    SIGNATURE_TIMESTAMP_TOKEN = "1.2.840.113549.1.9.16.2.14", "signatureTimeStampToken";
    SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47", "signingCertificateV2";

    // Digests.
    SHA1 = "1.3.14.3.2.26", "SHA-1";
    SHA224 = "2.16.840.1.101.3.4.2.4", "SHA-224";
    SHA256 = "2.16.840.1.101.3.4.2.1", "SHA-256";
    SHA384 = "2.16.840.1.101.3.4.2.2", "SHA-384";
    SHA512 = "2.16.840.1.101.3.4.2.3", "SHA-512";
    SHA3_256 = "2.16.840.1.101.3.4.2.8", "SHA3-256";
    SHA3_384 = "2.16.840.1.101.3.4.2.9", "SHA3-384";
    SHA3_512 = "2.16.840.1.101.3.4.2.10", "SHA3-512";
    /// id-shake256: RFC 8419's digest for Ed448 (512 bits of output).
    SHAKE256 = "2.16.840.1.101.3.4.2.12", "SHAKE256";
    /// id-shake256-len (RFC 8702): SHAKE256 with its length as parameter.
    SHAKE256_LEN = "2.16.840.1.101.3.4.2.18", "SHAKE256-LEN";
    SM3 = "1.2.156.10197.1.401", "SM3";

    // Public keys and curves.
    RSA_ENCRYPTION = "1.2.840.113549.1.1.1", "rsaEncryption";
    /// An RSA key restricted to PSS (RFC 4055), and the PSS signature OID.
    RSASSA_PSS = "1.2.840.113549.1.1.10", "RSASSA-PSS";
    MGF1 = "1.2.840.113549.1.1.8", "MGF1";
    EC_PUBLIC_KEY = "1.2.840.10045.2.1", "id-ecPublicKey";
    P256 = "1.2.840.10045.3.1.7", "P-256";
    P384 = "1.3.132.0.34", "P-384";
    P521 = "1.3.132.0.35", "P-521";
    BRAINPOOL_P256R1 = "1.3.36.3.3.2.8.1.1.7", "brainpoolP256r1";
    BRAINPOOL_P384R1 = "1.3.36.3.3.2.8.1.1.11", "brainpoolP384r1";
    BRAINPOOL_P512R1 = "1.3.36.3.3.2.8.1.1.13", "brainpoolP512r1";
    SECP256K1 = "1.3.132.0.10", "secp256k1";
    /// The SM2 curve (GM/T 0006), also used as the key algorithm itself.
    SM2 = "1.2.156.10197.1.301", "SM2";
    ED25519 = "1.3.101.112", "Ed25519";
    ED448 = "1.3.101.113", "Ed448";
    X25519 = "1.3.101.110", "X25519";
    DSA = "1.2.840.10040.4.1", "DSA";

    // Signature algorithms.
    SHA1_WITH_RSA = "1.2.840.113549.1.1.5", "sha1WithRSAEncryption";
    SHA224_WITH_RSA = "1.2.840.113549.1.1.14", "sha224WithRSAEncryption";
    SHA256_WITH_RSA = "1.2.840.113549.1.1.11", "sha256WithRSAEncryption";
    SHA384_WITH_RSA = "1.2.840.113549.1.1.12", "sha384WithRSAEncryption";
    SHA512_WITH_RSA = "1.2.840.113549.1.1.13", "sha512WithRSAEncryption";
    SHA3_256_WITH_RSA = "2.16.840.1.101.3.4.3.14", "id-rsassa-pkcs1-v1_5-with-sha3-256";
    SHA3_384_WITH_RSA = "2.16.840.1.101.3.4.3.15", "id-rsassa-pkcs1-v1_5-with-sha3-384";
    SHA3_512_WITH_RSA = "2.16.840.1.101.3.4.3.16", "id-rsassa-pkcs1-v1_5-with-sha3-512";
    ECDSA_WITH_SHA1 = "1.2.840.10045.4.1", "ecdsa-with-SHA1";
    ECDSA_WITH_SHA224 = "1.2.840.10045.4.3.1", "ecdsa-with-SHA224";
    ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2", "ecdsa-with-SHA256";
    ECDSA_WITH_SHA384 = "1.2.840.10045.4.3.3", "ecdsa-with-SHA384";
    ECDSA_WITH_SHA512 = "1.2.840.10045.4.3.4", "ecdsa-with-SHA512";
    ECDSA_WITH_SHA3_256 = "2.16.840.1.101.3.4.3.10", "id-ecdsa-with-sha3-256";
    ECDSA_WITH_SHA3_384 = "2.16.840.1.101.3.4.3.11", "id-ecdsa-with-sha3-384";
    ECDSA_WITH_SHA3_512 = "2.16.840.1.101.3.4.3.12", "id-ecdsa-with-sha3-512";
    // "Plain" ECDSA, r‖s instead of DER (BSI TR-03111 §5.2.1).
    PLAIN_ECDSA_SHA1 = "0.4.0.127.0.7.1.1.4.1.1", "ecdsa-plain-SHA1";
    PLAIN_ECDSA_SHA224 = "0.4.0.127.0.7.1.1.4.1.2", "ecdsa-plain-SHA224";
    PLAIN_ECDSA_SHA256 = "0.4.0.127.0.7.1.1.4.1.3", "ecdsa-plain-SHA256";
    PLAIN_ECDSA_SHA384 = "0.4.0.127.0.7.1.1.4.1.4", "ecdsa-plain-SHA384";
    PLAIN_ECDSA_SHA512 = "0.4.0.127.0.7.1.1.4.1.5", "ecdsa-plain-SHA512";
    PLAIN_ECDSA_SHA3_256 = "0.4.0.127.0.7.1.1.4.1.9", "ecdsa-plain-SHA3-256";
    PLAIN_ECDSA_SHA3_384 = "0.4.0.127.0.7.1.1.4.1.10", "ecdsa-plain-SHA3-384";
    PLAIN_ECDSA_SHA3_512 = "0.4.0.127.0.7.1.1.4.1.11", "ecdsa-plain-SHA3-512";
    SM2_WITH_SM3 = "1.2.156.10197.1.501", "SM2-with-SM3";
    /// sm2sign (GM/T 0006 "1.2.156.10197.1.301.1"), met in the wild.
    SM2_SIGN = "1.2.156.10197.1.301.1", "sm2sign";

    // Name attributes (RFC 4519).
    COUNTRY_NAME = "2.5.4.6", "countryName";
    ORGANIZATION_NAME = "2.5.4.10", "organizationName";
    COMMON_NAME = "2.5.4.3", "commonName";

    // Certificate extensions and key purposes.
    KP_TIME_STAMPING = "1.3.6.1.5.5.7.3.8", "id-kp-timeStamping";
    KP_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9", "id-kp-OCSPSigning";
    AUTHORITY_INFO_ACCESS = "1.3.6.1.5.5.7.1.1", "id-pe-authorityInfoAccess";
    CRL_DISTRIBUTION_POINTS = "2.5.29.31", "id-ce-cRLDistributionPoints";
    CRL_REASON = "2.5.29.21", "id-ce-cRLReasons";

    // Revocation data (RFC 6960, RFC 5940, Adobe).
    /// The OCSP access method in authorityInfoAccess.
    AD_OCSP = "1.3.6.1.5.5.7.48.1", "id-ad-ocsp";
    OCSP_BASIC = "1.3.6.1.5.5.7.48.1.1", "id-pkix-ocsp-basic";
    OCSP_NOCHECK = "1.3.6.1.5.5.7.48.1.5", "id-pkix-ocsp-nocheck";
    /// An OCSP response among a CMS's RevocationInfoChoices (RFC 5940).
    RI_OCSP_RESPONSE = "1.3.6.1.5.5.7.16.2", "id-ri-ocsp-response";
    ADBE_REVOCATION_INFO_ARCHIVAL = "1.2.840.113583.1.1.8", "adbe-revocationInfoArchival";
}

/// `dotted (name)` when the OID is one of ours, else the dotted form;
/// `bytes` that are not an OID are shown as hex.
pub fn describe(bytes: &[u8]) -> String {
    match ObjectIdentifier::from_bytes(bytes) {
        Ok(oid) => match NAMED.iter().find(|(known, _)| *known == oid) {
            Some((_, name)) => format!("{name} ({oid})"),
            None => oid.to_string(),
        },
        Err(_) => format!("(OID bytes {})", hex::encode(bytes)),
    }
}

/// Is `bytes` (DER content bytes) this identifier?
pub fn is(bytes: &[u8], known: ObjectIdentifier) -> bool {
    bytes == known.as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_shown_with_the_dotted_form() {
        for (i, (oid, name)) in NAMED.iter().enumerate() {
            assert!(
                NAMED[..i].iter().all(|(o, n)| o != oid && n != name),
                "{name} twice"
            );
        }
        assert_eq!(describe(P521.as_bytes()), "P-521 (1.3.132.0.35)");
        assert_eq!(describe(&[0x2a, 0x03]), "1.2.3");
        assert_eq!(describe(&[0x2a, 0x86]), "(OID bytes 2a86)");
        assert!(is(SM3.as_bytes(), SM3));
    }
}

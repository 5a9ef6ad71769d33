//! The object identifiers the dev PKI writes, spelled out with the document
//! that defines each (several, the GM/T ones, are not in const-oid's db).

use der::oid::ObjectIdentifier as Oid;

// Public keys (RFC 5480, RFC 8410, GM/T 0006).
pub(crate) const ID_EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
pub(crate) const SECP256R1: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
pub(crate) const SM2_CURVE: Oid = Oid::new_unwrap("1.2.156.10197.1.301");
pub(crate) const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");

// Signature algorithms (RFC 5758, RFC 4055, RFC 8410, GM/T 0006).
pub(crate) const SM2_WITH_SM3: Oid = Oid::new_unwrap("1.2.156.10197.1.501");
pub(crate) const ECDSA_WITH_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
pub(crate) const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
pub(crate) const ED25519: Oid = Oid::new_unwrap("1.3.101.112");

// Digests (RFC 5754, GM/T 0006).
pub(crate) const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
pub(crate) const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");
pub(crate) const SM3: Oid = Oid::new_unwrap("1.2.156.10197.1.401");

// CMS content types and attributes (RFC 5652, RFC 5035, RFC 3161).
pub(crate) const ID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
pub(crate) const ID_SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
pub(crate) const ID_AA_SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");
pub(crate) const ID_AA_SIGNATURE_TIME_STAMP_TOKEN: Oid =
    Oid::new_unwrap("1.2.840.113549.1.9.16.2.14");
pub(crate) const ID_CT_TST_INFO: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.1.4");

// Certificate extensions (RFC 5280).
pub(crate) const ID_KP_TIME_STAMPING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.8");

/// The dev TSA's policy: under private enterprise number 32473, which
/// RFC 5612 reserves for documentation, so it names no real TSA's policy.
pub(crate) const DEV_TSA_POLICY: Oid = Oid::new_unwrap("1.3.6.1.4.1.32473.3161.1");

// Name attributes (RFC 4519).
pub(crate) const COUNTRY_NAME: Oid = Oid::new_unwrap("2.5.4.6");
pub(crate) const ORGANIZATION_NAME: Oid = Oid::new_unwrap("2.5.4.10");
pub(crate) const COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");

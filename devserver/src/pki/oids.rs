//! The object identifiers the dev PKI writes: the verifier's one table
//! (`infoplus_signature_verify::oid`), so the provider cannot sign with an
//! identifier the verifier spells differently; and the few that are the
//! devserver's own.

use der::oid::ObjectIdentifier as Oid;

pub(crate) use infoplus_signature_verify::oid::*;

/// The dev TSA's policy: under private enterprise number 32473, which
/// RFC 5612 reserves for documentation, so it names no real TSA's policy.
pub(crate) const DEV_TSA_POLICY: Oid = Oid::new_unwrap("1.3.6.1.4.1.32473.3161.1");

/// id-pkix-ocsp-nonce (RFC 8954): the one request extension the dev OCSP
/// responder repeats.
pub(crate) const OCSP_NONCE: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.2");

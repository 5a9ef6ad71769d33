//! RFC 5280 §5.3.1's CRLReason: the names `/dev/revoke` takes, the codes
//! the store keeps.

use x509_cert::ext::pkix::CrlReason;

/// Each reason with its RFC 5280 name (7 is not used).
const REASONS: [(CrlReason, &str); 10] = [
    (CrlReason::Unspecified, "unspecified"),
    (CrlReason::KeyCompromise, "keyCompromise"),
    (CrlReason::CaCompromise, "cACompromise"),
    (CrlReason::AffiliationChanged, "affiliationChanged"),
    (CrlReason::Superseded, "superseded"),
    (CrlReason::CessationOfOperation, "cessationOfOperation"),
    (CrlReason::CertificateHold, "certificateHold"),
    (CrlReason::RemoveFromCRL, "removeFromCRL"),
    (CrlReason::PrivilegeWithdrawn, "privilegeWithdrawn"),
    (CrlReason::AaCompromise, "aACompromise"),
];

pub fn from_name(name: &str) -> Option<CrlReason> {
    REASONS.iter().find(|(_, n)| *n == name).map(|(r, _)| *r)
}

pub fn name(reason: CrlReason) -> &'static str {
    REASONS
        .iter()
        .find(|(r, _)| *r == reason)
        .map_or("unspecified", |(_, n)| n)
}

pub fn code(reason: CrlReason) -> u32 {
    reason as u32
}

/// The reason of a stored code; a code no reason has (a damaged row) reads
/// as unspecified, which still says "revoked".
pub fn from_code(code: u32) -> CrlReason {
    REASONS
        .iter()
        .find(|(r, _)| *r as u32 == code)
        .map_or(CrlReason::Unspecified, |(r, _)| *r)
}

/// The names, for an error message.
pub fn names() -> String {
    REASONS.map(|(_, n)| n).join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_round_trip() {
        for (reason, reason_name) in REASONS {
            assert_eq!(from_name(reason_name), Some(reason));
            assert_eq!(name(reason), reason_name);
            assert_eq!(from_code(code(reason)), reason);
        }
        assert_eq!(code(CrlReason::KeyCompromise), 1);
        assert_eq!(code(CrlReason::AaCompromise), 10);
        assert_eq!(from_name("KeyCompromise"), None);
        assert_eq!(from_code(7), CrlReason::Unspecified);
    }
}

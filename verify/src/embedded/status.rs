//! §6a's status rules, worst wins:
//! - `invalid`: altered bytes, a signature that does not verify or cannot
//!   be read, `partial`/`unclear` coverage, a change the certifier does
//!   not permit;
//! - `indeterminate`: intact, but the signer is not trusted (unknown
//!   issuer, self-signed, outside its validity at signing time, no
//!   certificate), an unsupported format or algorithm, `other` changes
//!   after an approval signature, no signing time to check against, a
//!   signature timestamp that does not verify (§6b), or a seal whose maker
//!   is not trusted;
//! - `valid`: everything else.

use crate::verdict_pdf::{
    Certification, ChangeClass, Coverage, Identity, Integrity, SignatureCheck, SignatureStatus,
    Warning,
};

/// Changes a certification signature with DocMDP `/P` permits. Document
/// timestamps and validation data are allowed under every `/P`, as PAdES
/// (ETSI EN 319 142-1 §5.4) and pyHanko allow them; metadata goes with
/// form filling, as pyHanko's default policy has it.
fn permitted_by(permissions: u8, change: ChangeClass) -> bool {
    match change {
        ChangeClass::Timestamp => true,
        ChangeClass::Signing | ChangeClass::FormFill | ChangeClass::Metadata => permissions >= 2,
        ChangeClass::Annotation => permissions >= 3,
        ChangeClass::Other => false,
    }
}

/// Fill `status` (and `certification`) from what was found.
pub(super) fn settle(result: &mut SignatureCheck, docmdp: Option<u8>) {
    result.changes_after.sort();
    result.changes_after.dedup();
    result.certification = docmdp.map(|p| Certification {
        permissions: p,
        permitted: result.changes_after.iter().all(|&c| permitted_by(p, c)),
    });
    // Said on every signature with a certificate that no revocation data
    // answered for (the chain's check says it when its data is stale or
    // partial), so nobody reads `valid` as "not revoked".
    if result.certificate.is_some() && result.revocation.is_none() {
        result.warn(Warning::RevocationNotChecked);
    }
    result.status = status(result);
}

/// An electronic seal (§6d) that was changed, used outside its validity
/// or by someone it does not allow makes the signature invalid, however
/// good the signer's own signature is.
const SEAL_BROKEN: [Warning; 3] = [
    Warning::SealSignatureInvalid,
    Warning::SealOutsideValidity,
    Warning::SealSignerNotAllowed,
];

fn status(result: &SignatureCheck) -> SignatureStatus {
    let broken = matches!(
        result.integrity,
        Integrity::Altered | Integrity::BadSignature | Integrity::Malformed
    ) || matches!(result.coverage, Coverage::Partial | Coverage::Unclear)
        || result.identity == Identity::Revoked
        || result.certification.is_some_and(|c| !c.permitted)
        || SEAL_BROKEN.iter().any(|w| result.warnings.contains(w));
    if broken {
        return SignatureStatus::Invalid;
    }
    let doubtful = result.integrity == Integrity::Unsupported
        || result.identity != Identity::Trusted
        || result.changes_after.contains(&ChangeClass::Other)
        || result.warnings.contains(&Warning::NoSigningTime)
        || result.warnings.contains(&Warning::TimestampBroken)
        || result.warnings.contains(&Warning::CertificationNotFirst)
        || result.warnings.contains(&Warning::MixedHashes)
        || result.warnings.contains(&Warning::SealMakerUntrusted);
    if doubtful {
        SignatureStatus::Indeterminate
    } else {
        SignatureStatus::Valid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intact() -> SignatureCheck {
        SignatureCheck {
            integrity: Integrity::Intact,
            identity: Identity::Trusted,
            coverage: Coverage::WholeFile,
            ..SignatureCheck::default()
        }
    }

    fn settled(mut check: SignatureCheck, docmdp: Option<u8>) -> SignatureCheck {
        settle(&mut check, docmdp);
        check
    }

    #[test]
    fn a_certificate_revoked_before_signing_is_invalid_after_only_a_warning() {
        let revoked = SignatureCheck {
            identity: Identity::Revoked,
            ..intact()
        };
        assert_eq!(settled(revoked, None).status, SignatureStatus::Invalid);
        let mut later = intact();
        later.warn(Warning::RevokedAfterSigning);
        assert_eq!(settled(later, None).status, SignatureStatus::Valid);
    }

    #[test]
    fn intact_and_trusted_is_valid() {
        assert_eq!(settled(intact(), None).status, SignatureStatus::Valid);
    }

    #[test]
    fn broken_bytes_or_coverage_are_invalid_whatever_the_identity() {
        for integrity in [
            Integrity::Altered,
            Integrity::BadSignature,
            Integrity::Malformed,
        ] {
            let check = SignatureCheck {
                integrity,
                identity: Identity::UnknownIssuer,
                ..intact()
            };
            assert_eq!(settled(check, None).status, SignatureStatus::Invalid);
        }
        for coverage in [Coverage::Partial, Coverage::Unclear] {
            let check = SignatureCheck {
                coverage,
                ..intact()
            };
            assert_eq!(settled(check, None).status, SignatureStatus::Invalid);
        }
    }

    #[test]
    fn an_untrusted_signer_is_indeterminate() {
        for identity in [
            Identity::UnknownIssuer,
            Identity::SelfSigned,
            Identity::Expired,
            Identity::NotYetValid,
            Identity::ChainInvalid,
            Identity::NoCertificate,
        ] {
            let check = SignatureCheck {
                identity,
                ..intact()
            };
            assert_eq!(settled(check, None).status, SignatureStatus::Indeterminate);
        }
    }

    #[test]
    fn after_an_approval_signature_only_other_changes_are_doubtful() {
        let permitted = vec![
            ChangeClass::Signing,
            ChangeClass::Timestamp,
            ChangeClass::FormFill,
            ChangeClass::Annotation,
            ChangeClass::Metadata,
        ];
        let check = SignatureCheck {
            coverage: Coverage::Revision,
            changes_after: permitted,
            ..intact()
        };
        assert_eq!(settled(check, None).status, SignatureStatus::Valid);
        let check = SignatureCheck {
            coverage: Coverage::Revision,
            changes_after: vec![ChangeClass::Other],
            ..intact()
        };
        assert_eq!(settled(check, None).status, SignatureStatus::Indeterminate);
    }

    #[test]
    fn docmdp_decides_what_a_certifier_permits() {
        let after = |changes: Vec<ChangeClass>, p: u8| {
            let check = SignatureCheck {
                coverage: Coverage::Revision,
                changes_after: changes,
                ..intact()
            };
            settled(check, Some(p))
        };
        let form_fill = after(vec![ChangeClass::FormFill, ChangeClass::Signing], 2);
        assert_eq!(form_fill.status, SignatureStatus::Valid);
        assert_eq!(
            form_fill.certification,
            Some(Certification {
                permissions: 2,
                permitted: true
            })
        );
        assert_eq!(
            after(vec![ChangeClass::FormFill], 1).status,
            SignatureStatus::Invalid
        );
        assert_eq!(
            after(vec![ChangeClass::Timestamp], 1).status,
            SignatureStatus::Valid
        );
        assert_eq!(
            after(vec![ChangeClass::Annotation], 2).status,
            SignatureStatus::Invalid
        );
        assert_eq!(
            after(vec![ChangeClass::Annotation], 3).status,
            SignatureStatus::Valid
        );
        assert_eq!(
            after(vec![ChangeClass::Other], 3).status,
            SignatureStatus::Invalid
        );
    }

    #[test]
    fn a_broken_signature_timestamp_is_never_valid() {
        let mut check = intact();
        check.warn(Warning::TimestampBroken);
        assert_eq!(settled(check, None).status, SignatureStatus::Indeterminate);
    }

    #[test]
    fn revocation_is_said_to_be_unchecked_once() {
        let check = SignatureCheck {
            certificate: Some(crate::verdict_pdf::SignerCertificate {
                subject: "CN=a".into(),
                issuer: "CN=b".into(),
                serial: "01".into(),
                not_before: String::new(),
                not_after: String::new(),
                fingerprint: String::new(),
            }),
            ..intact()
        };
        let once = settled(check, None);
        let twice = settled(once.clone(), None);
        assert_eq!(twice.warnings, vec![Warning::RevocationNotChecked]);
    }
}

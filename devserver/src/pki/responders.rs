//! The roots' delegated OCSP responders (RFC 6960 §4.2.2.2): one per root,
//! with a key of the root's algorithm, so the roots' own keys sign only
//! certificates and CRLs.

use time::OffsetDateTime;

use super::ca::{self, Blueprint, Role};
use super::{keys, public_key, random_serial, Issued, PkiError, RootCa, BACKDATE};

/// A responder certificate for `ca`, issued by `root`: valid from a day
/// before `now` until the root itself expires (a responder outliving its
/// issuer would be refused by careful verifiers).
pub(crate) fn issue_responder(
    root: &Issued,
    ca: RootCa,
    now: OffsetDateTime,
) -> Result<Issued, PkiError> {
    let pair = keys::generate(ca.kind().algorithm())?;
    let root_not_after = root
        .certificate()?
        .tbs_certificate()
        .validity()
        .not_after
        .to_unix_duration();
    let not_after = i64::try_from(root_not_after.as_secs())
        .ok()
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
        .ok_or_else(|| PkiError::Time(format!("{root_not_after:?}")))?;
    let certificate = root.issue(
        ca.kind(),
        Blueprint {
            role: Role::OcspResponder,
            subject: ca::dev_name(&format!("InfoPlus Dev {} OCSP Responder", ca.label()))?,
            public_key: public_key(&pair.public_pem)?,
            serial: ca::serial(random_serial()?)?,
            not_before: now - BACKDATE,
            not_after,
            revocation_urls: None,
        },
    )?;
    Issued::new(pair.private_pem, &certificate)
}

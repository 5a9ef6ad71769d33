//! Putting a seal on a document: sign the stored bytes with the seal's key,
//! fill the seal's fields, and write back under the S2 rules with the
//! version read (the domain layer's `write_stamped`).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use infoplus_signature_core::Signer;
use time::macros::format_description;
use time::OffsetDateTime;

use crate::domain::{documents, signatures, DomainError};
use crate::keys::{self, Algorithm};
use crate::seals::User;
use crate::store::{Record, SealRow, Store, StoreError};

/// Why stamping failed; the text goes back to the control as `sig_error`,
/// so it is short and readable.
#[derive(Debug, thiserror::Error)]
pub enum StampError {
    #[error("the signature record does not exist")]
    NoRecord,
    #[error("seal {0} does not exist")]
    NoSeal(usize),
    #[error("seal {0} is already signed")]
    AlreadySigned(usize),
    #[error("the document has not been exported yet")]
    NoDocument,
    #[error("the document's bytes are missing from the engine")]
    DocumentMissing,
    #[error("signing failed: {0}")]
    Key(#[from] keys::KeyError),
    #[error("the signature was changed meanwhile; try again")]
    Changed,
    #[error("the engine refused the result: {0}")]
    Engine(String),
    #[error("storage error: {0}")]
    Store(#[from] StoreError),
}

/// The domain's refusals in the provider's words (they become `sig_error`);
/// a lost race is "changed meanwhile" whichever check noticed it.
impl From<DomainError> for StampError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::NotFound(_) => StampError::NoRecord,
            DomainError::NoDocument | DomainError::DocumentMissing => StampError::DocumentMissing,
            DomainError::PreconditionFailed { .. } | DomainError::ChangedDuringWrite => {
                StampError::Changed
            }
            DomainError::Store(e) => StampError::Store(e),
            other => StampError::Engine(other.to_string()),
        }
    }
}

/// Human text for `description`, e.g. "张三 personal, stamped by 张三
/// (zhangsan), 2026-11-22 10:00 UTC".
fn description(seal: &SealRow, by: User) -> String {
    let when = OffsetDateTime::now_utc()
        .format(format_description!("[year]-[month]-[day] [hour]:[minute]"))
        .unwrap_or_default();
    format!(
        "{}, stamped by {} ({}), {when} UTC",
        seal.name, by.name, by.account
    )
}

/// Stamps seal `index` of Signature `id` with `seal`, as user `by`.
pub fn stamp(
    store: &Store,
    id: &str,
    index: usize,
    seal: &SealRow,
    by: User,
) -> Result<Record, StampError> {
    let record = signatures::find(store, id)?;
    let slot = record
        .signature
        .seals
        .get(index)
        .ok_or(StampError::NoSeal(index))?;
    if slot.is_signed() {
        return Err(StampError::AlreadySigned(index));
    }
    if !record.signature.has_document() {
        return Err(StampError::NoDocument);
    }
    let document = documents::bytes(store, &record.signature)?;
    let algorithm = Algorithm::from_canonical(&seal.algorithm)
        .ok_or_else(|| keys::KeyError::Unknown(seal.algorithm.clone()))?;
    let signature = keys::sign(algorithm, &seal.private_pem, &document)?;

    let mut updated = record.signature.clone();
    let slot = &mut updated.seals[index];
    slot.image = Some(format!("/provider/seals/{}.svg", seal.id));
    slot.description = Some(description(seal, by));
    slot.algorithm = Some(algorithm.canonical().to_owned());
    slot.signature = Some(STANDARD.encode(signature));
    slot.public_key = Some(seal.public_pem.clone());
    if slot.signer_account().is_none() {
        slot.signer = Some(Signer {
            account: Some(by.account.to_owned()),
            name: Some(by.name.to_owned()),
            extra: Default::default(),
        });
    }
    Ok(signatures::write_stamped(store, id, updated, &record.etag)?)
}

//! A raw-signature stamp (spec §6): the seal's key signs the stored bytes
//! as they are, and the document does not change. Only the dev documents
//! use it (`/dev/document`, `/dev/large`): they must keep exactly the bytes
//! they were given, hostile or not.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use time::OffsetDateTime;

use super::stamp::{fill_common, open_slot, StampError};
use crate::domain::{documents, signatures};
use crate::keys::{self, Algorithm};
use crate::seals::User;
use crate::store::{Record, SealRow, Store};

/// Signs seal `index` of Signature `id` over its document's exact bytes.
pub fn stamp_raw(
    store: &Store,
    id: &str,
    index: usize,
    seal: &SealRow,
    by: User,
) -> Result<Record, StampError> {
    let record = signatures::find(store, id)?;
    open_slot(&record, index)?;
    let document = documents::bytes(store, &record.signature)?;
    let algorithm = Algorithm::from_canonical(&seal.algorithm)
        .ok_or_else(|| keys::KeyError::Unknown(seal.algorithm.clone()))?;
    let signature = keys::sign(algorithm, &seal.private_pem, &document)?;

    let mut updated = record.signature.clone();
    let slot = &mut updated.seals[index];
    let now = OffsetDateTime::now_utc().to_offset(time::macros::offset!(+8));
    fill_common(slot, seal, by, now);
    slot.algorithm = Some(algorithm.canonical().to_owned());
    slot.signature = Some(STANDARD.encode(signature));
    slot.public_key = Some(seal.public_pem.clone());
    Ok(signatures::write_stamped(store, id, updated, &record.etag)?)
}

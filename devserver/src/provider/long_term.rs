//! After each seal the provider makes the document verifiable for the long
//! term (PAdES B-LTA, spec §6c): one revision with a document security
//! store — every seal certificate's chain, a fresh OCSP response and the
//! CRL of its CA, a VRI entry for the new signature — then one revision
//! with a document timestamp from the dev TSA over all of it. Deleting the
//! seal goes back to the file before all three revisions.

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::certificates;
use crate::domain::revisions::Sealing;
use crate::pdf::dss::{append_dss, vri_key, ValidationData};
use crate::pdf::{
    prepare_signature, CjkFont, ContentsFormat, Placement, SealAppearance, SignatureFields,
    CONTENTS_CAPACITY,
};
use crate::pki::{timestamp_token, DevPki};
use infoplus_signature_core::Signature;

use super::stamp::{pem_to_der, StampError};

/// `sealed` (whose last signature's `/Contents` holds `contents`, made as
/// PDF revision `revision`) with its DSS and document timestamp revisions;
/// `signature` is the Signature with every seal signed so far (their
/// certificates get validation data too).
pub(crate) fn archive(
    sealing: &Sealing<'_>,
    sealed: Vec<u8>,
    contents: &[u8],
    revision: u64,
    signature: &Signature,
    now: OffsetDateTime,
) -> Result<Vec<u8>, StampError> {
    let Sealing {
        store, pki, font, ..
    } = *sealing;
    let mut data = ValidationData::default();
    for seal in signature.seals.iter().filter(|s| s.is_signed()) {
        // A raw seal's key is no certificate: nothing to validate later.
        let Some(Ok(der)) = seal.public_key.as_deref().map(pem_to_der) else {
            continue;
        };
        merge(
            &mut data,
            crate::revocation::validation_data(store, pki, &der, now)?,
        );
    }
    // The timestamps' authority too: its chain and revocation data, so the
    // signature and document timestamps validate later as well.
    merge(
        &mut data,
        crate::revocation::validation_data(store, pki, &pki.tsa.cert_der, now)?,
    );
    let mut padded = contents.to_vec();
    padded.resize(CONTENTS_CAPACITY.max(contents.len()), 0);
    let with_dss = append_dss(&sealed, &data, &vri_key(&padded))?;
    document_timestamp(pki, font, &with_dss, revision, now)
}

/// Adds what `more` has that `data` has not.
fn merge(data: &mut ValidationData, more: ValidationData) {
    for (into, from) in [
        (&mut data.certificates, more.certificates),
        (&mut data.ocsps, more.ocsps),
        (&mut data.crls, more.crls),
    ] {
        for item in from {
            if !into.contains(&item) {
                into.push(item);
            }
        }
    }
}

/// One more revision: an invisible `ETSI.RFC3161` field whose token the dev
/// TSA makes over the revision's ByteRange.
fn document_timestamp(
    pki: &DevPki,
    font: &CjkFont,
    previous: &[u8],
    revision: u64,
    now: OffsetDateTime,
) -> Result<Vec<u8>, StampError> {
    let fields = SignatureFields {
        format: ContentsFormat::DocTimestamp,
        // Named after its seal's revision: unique while that seal stands,
        // and gone with it.
        field_name: format!("DocumentTimestamp{revision}"),
        signer_name: String::new(),
        reason: String::new(),
        location: String::new(),
        time: now,
    };
    let placement = Placement {
        page: 0,
        rect: [0.0; 4],
    };
    let appearance = SealAppearance {
        name: String::new(),
        kind_label: None,
    };
    let prepared = prepare_signature(previous, &placement, &appearance, &fields, font)?;
    let mut hash = Sha256::new();
    for part in prepared.signed_parts() {
        hash.update(part);
    }
    let token = timestamp_token(pki, &hash.finalize(), now, certificates::random_serial()?)?;
    Ok(prepared.finish(&token)?)
}

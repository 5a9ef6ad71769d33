//! Putting a seal on a document, as real providers do: the current document
//! gets one incremental update with a signature field and widget at the
//! seal's place, the visible seal, and a detached CMS SignedData (with a
//! timestamp from the dev TSA) over the update's ByteRange — or, for an
//! electronic seal, a GB/T 38540 `SES_Signature` carrying the seal and its
//! picture (spec §6d). The new bytes
//! and the seal's fields go back through the domain layer, which moves the
//! Signature to the new file (`revisions::write_sealed`).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use infoplus_signature_core::{Seal, Signer};
use serde_json::Value;
use time::macros::{format_description, offset};
use time::OffsetDateTime;

use crate::certificates::{self, CertificateError};
use crate::domain::revisions::{self, Sealing, PDF_REVISION};
use crate::domain::{documents, signatures, DomainError};
use crate::keys;
use crate::pdf::{find_placement, prepare_signature, PdfWriteError, SealAppearance};
use crate::pdf::{ContentsFormat, SignatureFields};
use crate::pki::{sign_cms, sign_ses, CmsRequest, PkiError, SesRequest};
use crate::seal_image;

use super::long_term;
use crate::seals::User;
use crate::store::{Record, SealRow, StoreError};

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
    #[error("the document cannot be sealed: {0}")]
    Pdf(#[from] PdfWriteError),
    #[error("the seal's certificate: {0}")]
    Certificate(#[from] CertificateError),
    #[error("signing failed: {0}")]
    Pki(#[from] PkiError),
    #[error("the validation data: {0}")]
    Revocation(#[from] crate::revocation::RevocationError),
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

/// "个人章" or "公章": the seal's kind in the description.
fn kind_in_chinese(seal: &SealRow) -> &'static str {
    if seal.seal_type == "official" {
        "公章"
    } else {
        "个人章"
    }
}

/// Human text for `description`, with an explicit time zone, e.g.
/// "张三 个人章，由 张三（zhangsan）于 2026-12-01 18:00:00 +08:00 盖章".
pub fn description(seal: &SealRow, by: User, when: OffsetDateTime) -> String {
    let when = when
        .format(format_description!(
            "[year]-[month]-[day] [hour]:[minute]:[second] [offset_hour sign:mandatory]:[offset_minute]"
        ))
        .unwrap_or_default();
    format!(
        "{} {}，由 {}（{}）于 {when} 盖章",
        seal.owner_name,
        kind_in_chinese(seal),
        by.name,
        by.account
    )
}

/// The visible seal: the owner's name with "之印", or "专用章" for an
/// organisation's seal.
fn appearance(seal: &SealRow) -> SealAppearance {
    let label = if seal.seal_type == "official" {
        "专用章"
    } else {
        "之印"
    };
    SealAppearance {
        name: seal.owner_name.clone(),
        kind_label: Some(label.to_owned()),
    }
}

/// The slot `index` of the record, unsigned, of a record with a document.
pub(crate) fn open_slot(record: &Record, index: usize) -> Result<&Seal, StampError> {
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
    Ok(slot)
}

/// Fills the stamp fields every stamp has; `signer` only if the engine did
/// not name one.
pub(crate) fn fill_common(slot: &mut Seal, seal: &SealRow, by: User, when: OffsetDateTime) {
    slot.image = Some(format!("/provider/seals/{}.svg", seal.id));
    slot.description = Some(description(seal, by, when));
    if slot.signer_account().is_none() {
        slot.signer = Some(Signer {
            account: Some(by.account.to_owned()),
            name: Some(by.name.to_owned()),
            extra: Default::default(),
        });
    }
}

/// Stamps seal `index` of Signature `id` with `seal`, as user `by`: a PDF
/// signature revision (see the module comment).
pub fn stamp(
    sealing: Sealing<'_>,
    id: &str,
    index: usize,
    seal: &SealRow,
    by: User,
) -> Result<Record, StampError> {
    let store = sealing.store;
    let record = signatures::find(store, id)?;
    let slot = open_slot(&record, index)?;
    let previous = documents::bytes(store, &record.signature)?;
    let now = OffsetDateTime::now_utc().to_offset(offset!(+8));
    let kind = certificates::key_kind(seal)?;
    let cert_pem = certificates::seal_certificate(store, sealing.pki, seal, sealing.origin)?;
    let cert_der = pem_to_der(&cert_pem)?;

    let number = |n: &Option<serde_json::Number>| n.as_ref().and_then(|n| n.as_f64());
    let placement = find_placement(
        &previous,
        index,
        slot.place_holder.as_deref(),
        number(&slot.x),
        number(&slot.y),
    )?;
    let format = crate::seals::contents_format(&seal.id);
    let fields = SignatureFields {
        format,
        field_name: format!("Seal{}", index + 1),
        signer_name: by.name.to_owned(),
        reason: "盖章".to_owned(),
        location: "InfoPlus 开发环境".to_owned(),
        time: now,
    };
    let prepared = prepare_signature(
        &previous,
        &placement,
        &appearance(seal),
        &fields,
        sealing.font,
    )?;
    let parts = prepared.signed_parts();
    let cms = match format {
        // A seal is a CMS unless it is an electronic seal.
        ContentsFormat::Cades | ContentsFormat::DocTimestamp => sign_cms(
            &CmsRequest {
                signed_parts: &parts,
                kind,
                key_pem: &seal.private_pem,
                certificate_der: &cert_der,
                chain_der: &[sealing.pki.root_for(kind).cert_der.clone()],
                signing_time: now,
            },
            sealing.pki,
            now,
            certificates::random_serial()?,
        )?,
        ContentsFormat::Ses => sign_ses(
            &SesRequest {
                signed_parts: &parts,
                key_pem: &seal.private_pem,
                certificate_der: &cert_der,
                seal_id: &seal.id,
                seal_name: &seal.name,
                seal_kind: if seal.seal_type == "official" { 1 } else { 2 },
                // The picture the form shows for this seal (`fill_common`).
                picture_svg: seal_image::render(&seal.owner_name, &seal.seal_type).as_bytes(),
                picture_mm: 40,
                // IA5String: the Signature's id, not its (Chinese) name.
                document_name: id,
                signing_time: now,
            },
            sealing.pki,
            now,
            certificates::random_serial()?,
        )?,
    };
    let sealed = prepared.finish(&cms)?;

    let revision = revisions::next_revision(&record.signature);
    let mut updated = record.signature.clone();
    let slot = &mut updated.seals[index];
    fill_common(slot, seal, by, now);
    slot.algorithm = Some(kind.algorithm().canonical().to_owned());
    slot.signature = Some(STANDARD.encode(&cms));
    slot.public_key = Some(cert_pem);
    slot.extra
        .insert(PDF_REVISION.to_owned(), Value::from(revision));
    // PAdES B-LTA: the validation data and a document timestamp after it.
    let sealed = long_term::archive(&sealing, sealed, &cms, revision, &updated, now)?;
    Ok(revisions::write_sealed(
        store,
        id,
        updated,
        &record.etag,
        &sealed,
    )?)
}

pub(super) fn pem_to_der(pem: &str) -> Result<Vec<u8>, StampError> {
    use der::DecodePem;
    use der::Encode;
    let certificate = x509_cert::Certificate::from_pem(pem).map_err(|e| PkiError::Der {
        what: "seal certificate",
        detail: e.to_string(),
    })?;
    certificate.to_der().map_err(|e| {
        StampError::Pki(PkiError::Der {
            what: "seal certificate",
            detail: e.to_string(),
        })
    })
}

//! The demo records, created on first start (and by `/dev/reset`): two
//! unsigned Signatures for the form, one sealed and one sealed-then-tampered.

use infoplus_signature_core::{signature_from_value, Signature};
use serde_json::json;

use crate::domain::{documents, signatures, DomainError, Sealing};
use crate::leave::{self, LeaveForm};
use crate::provider::stamp::{stamp, StampError};
use crate::seals::user;
use crate::store::StoreError;

pub const APPLICANT: &str = "demo-applicant";
pub const APPROVAL: &str = "demo-approval";
pub const SEALED: &str = "demo-sealed";
pub const TAMPERED: &str = "demo-tampered";
pub const ALL: [&str; 4] = [APPLICANT, APPROVAL, SEALED, TAMPERED];

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error(transparent)]
    Stamp(#[from] StampError),
    #[error("{0}")]
    Other(String),
}

fn applicant_seal() -> serde_json::Value {
    json!({
        "x": 380, "y": 600, "placeHolder": "申请人签章",
        "signer": {"account": "zhangsan", "name": "张三"},
        "permission": {"signers": ["zhangsan"]}
    })
}

/// The structure the engine defines for each demo field.
pub fn structure(id: &str) -> Result<Signature, SeedError> {
    let value = if id == APPROVAL {
        json!({"id": id, "seals": [
            {
                "x": 72, "y": 600, "placeHolder": "审批人签章",
                "signer": {"account": "lisi", "name": "李四"},
                "permission": {"sealTypes": ["personal"], "signers": ["lisi"]}
            },
            {
                "x": 230, "y": 600, "placeHolder": "人事处盖章",
                "signer": {"account": "wangwu", "name": "王五"},
                "permission": {"sealTypes": ["official"], "signers": ["wangwu", "lisi"]}
            }
        ]})
    } else {
        json!({"id": id, "seals": [applicant_seal()]})
    };
    signature_from_value(value).map_err(|e| SeedError::Other(e.to_string()))
}

/// Seeds the demo records that do not exist yet.
pub fn seed_missing(sealing: Sealing<'_>) -> Result<(), SeedError> {
    for id in ALL {
        if sealing.store.record(id)?.is_none() {
            seed(sealing, id)?;
        }
    }
    Ok(())
}

/// Puts every demo record back into its seeded state.
pub fn reset(sealing: Sealing<'_>) -> Result<(), SeedError> {
    ALL.iter().try_for_each(|id| seed(sealing, id))
}

fn seed(sealing: Sealing<'_>, id: &str) -> Result<(), SeedError> {
    let store = sealing.store;
    signatures::replace(store, id, &structure(id)?)?;
    leave::save(store, id, &LeaveForm::sample())?;
    if id == SEALED || id == TAMPERED {
        documents::export(store, id, |form, signature, created| {
            crate::engine::export::render_pdf(id, form, signature, created, sealing.font)
        })?;
        let seal = store
            .seal("seal-zhangsan-sm2")?
            .ok_or_else(|| SeedError::Other("seal-zhangsan-sm2 is missing".into()))?;
        let zhangsan = user("zhangsan").ok_or_else(|| SeedError::Other("no zhangsan".into()))?;
        let record = stamp(sealing, id, 0, &seal, zhangsan)?;
        if id == TAMPERED {
            documents::tamper(store, &record.signature)?;
        }
    }
    Ok(())
}

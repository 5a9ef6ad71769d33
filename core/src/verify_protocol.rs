//! The messages between the control and its verify worker, as types: the
//! control writes a [`VerifyRequest`] (the document's bytes travel beside
//! it, transferred), the worker answers with [`WorkerAnswer`]s as JSON
//! text made and read by these types alone: nothing is spliced by hand.
//!
//! A request is answered in steps (see `verify/src/run.rs`): the raw seals
//! first (with the document's SHA-256), then the PDF and its own
//! signatures, the risky part; if reading a hostile PDF kills the worker,
//! the first step's verdicts are already out.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::json::Fields;
use crate::verdict::VerifyReport;
use crate::wire::WireError;

/// What the control asks the worker (as JSON text; the document's chunks
/// are sent beside it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyRequest {
    pub id: u32,
    /// The Signature, as the engine holds it.
    pub signature: Value,
    /// The seals to verify (indices into `signature.seals`).
    pub seals: Vec<usize>,
    /// `max-document-bytes`.
    pub limit: u64,
    /// PEM bundles: trusted roots and extra intermediates (§6a).
    pub roots: Vec<String>,
    pub intermediates: Vec<String>,
    /// The page's clock, seconds since the epoch (the verifier has none).
    pub now: i64,
    /// Check certificates at the signing time (§6a's default), or `now`.
    pub at_now: bool,
}

impl VerifyRequest {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn from_json(text: &str) -> Result<VerifyRequest, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

/// What the worker says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum WorkerAnswer {
    /// The worker has loaded (sent by its entry script).
    Ready,
    /// One step's answer to request `id`.
    #[serde(rename_all = "camelCase")]
    Step {
        id: u32,
        report: VerifyReport,
        /// Lowercase hex SHA-256 of the document (with the first step).
        #[serde(skip_serializing_if = "Option::is_none")]
        document_sha256: Option<String>,
        /// The request is answered in full.
        last: bool,
    },
    /// The worker's wasm panicked: it is dead, every request it held ends
    /// with what it had.
    Panic { message: String },
}

impl WorkerAnswer {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Read an answer as [`Self::to_json`] wrote it; the error says why
    /// it could not be read.
    pub fn from_json(text: &str) -> Result<WorkerAnswer, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        Self::from_value(value).map_err(|e| e.to_string())
    }

    fn from_value(value: Value) -> Result<WorkerAnswer, WireError> {
        let unreadable = |why: &str| WireError::WrongType {
            field: "type".to_owned(),
            reason: why.to_owned(),
        };
        let Some(mut f) = Fields::of(value, "")? else {
            return Err(unreadable("not an object"));
        };
        match f.string("type")?.as_deref() {
            Some("ready") => Ok(WorkerAnswer::Ready),
            Some("step") => {
                let id = f.unsigned("id")?;
                Ok(WorkerAnswer::Step {
                    id: u32::try_from(f.required(id, "id")?).unwrap_or(u32::MAX),
                    report: VerifyReport::from_value(f.raw("report"))?,
                    document_sha256: f.string("documentSha256")?,
                    last: f.boolean("last")?.unwrap_or(true),
                })
            }
            Some("panic") => Ok(WorkerAnswer::Panic {
                message: f.string("message")?.unwrap_or_default(),
            }),
            _ => Err(unreadable("an unknown kind of answer")),
        }
    }
}

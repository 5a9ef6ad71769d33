//! What went wrong, in terms the control can put into words (the control's
//! i18n turns these into text) and into `signature-error` codes.

use serde::{Deserialize, Serialize};

/// The step the user was taking when something failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// Reading the Signature (S1).
    Load,
    /// Generating the document (EX).
    Export,
    /// Leaving for the signature service.
    Redirect,
    /// Reading the Signature after coming back from the service (S1).
    Return,
    /// Writing the Signature without a seal (S2).
    Delete,
    /// Fetching and checking the document.
    Verify,
}

/// Why it failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum Problem {
    /// No answer: offline, DNS, CORS, connection reset.
    Network { detail: String },
    /// No answer within the time limit (15 s).
    Timeout,
    /// An HTTP status other than 2xx (and not an envelope error).
    Http { status: u16 },
    /// The engine answered with `errno != 0`.
    Engine {
        errno: i64,
        ecode: String,
        message: String,
    },
    /// The body could not be read as a Signature.
    Unreadable { detail: String },
    /// The document is not a PDF.
    UnsupportedMime { mime: String },
    /// Someone else changed the Signature (HTTP 412).
    Conflict,
    /// An attribute is missing or unusable (`service`, `signature-id`).
    Config { detail: String },
    /// The verifier stopped (crashed or could not start).
    Verifier { detail: String },
}

impl Problem {
    /// The `code` of a `signature-error` event.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Network { .. } => "network",
            Problem::Timeout => "timeout",
            Problem::Http { .. } => "http",
            Problem::Engine { .. } => "engine",
            Problem::Unreadable { .. } => "unreadable",
            Problem::UnsupportedMime { .. } => "unsupported-mime",
            Problem::Conflict => "conflict",
            Problem::Config { .. } => "config",
            Problem::Verifier { .. } => "verifier",
        }
    }
}

impl From<crate::wire::WireError> for Problem {
    fn from(error: crate::wire::WireError) -> Self {
        use crate::wire::WireError;
        match error {
            WireError::Engine {
                errno,
                ecode,
                message,
            } => Problem::Engine {
                errno,
                ecode,
                message,
            },
            WireError::UnsupportedMime(mime) => Problem::UnsupportedMime { mime },
            other @ (WireError::NotJson(_) | WireError::WrongType { .. }) => Problem::Unreadable {
                detail: other.to_string(),
            },
        }
    }
}

/// What Retry does after a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", content = "seal", rename_all = "kebab-case")]
pub enum Retry {
    Load,
    Stamp(usize),
    Delete(usize),
    Verify(usize),
}

/// A failure as shown: the step, the reason, and what Retry will do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    pub step: Step,
    pub problem: Problem,
    pub retry: Retry,
}

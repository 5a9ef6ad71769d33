//! The engine's rules over the store, with no HTTP in sight: what reading,
//! writing (with its ETag precondition), exporting, stamping and tampering
//! mean for a Signature and its document. The engine's handlers, the
//! provider simulator, the demo seeding and the dev routes all come here;
//! each maps [`DomainError`] to its own answer (the API's in `error.rs`).

pub mod body;
pub mod documents;
mod error;
pub mod revisions;
pub mod signatures;

pub use error::DomainError;
pub use revisions::Sealing;

//! COS: the object layer of a PDF file (ISO 32000-1 §7), read by our own
//! code. See `file.rs` for the entry point.

mod error;
mod filters;
mod lexer;
mod object;
mod parser;
mod predictor;

pub use error::CosError;
pub use object::{Dict, Name, Object, Ref, Stream};

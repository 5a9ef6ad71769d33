//! COS: the object layer of a PDF file (ISO 32000-1 §7), read by our own
//! code. See `file.rs` for the entry point.

mod chain;
mod cipher;
mod crypt;
mod error;
mod file;
mod filters;
mod keys;
mod lexer;
mod object;
mod objstm;
mod parser;
mod predictor;
mod read;
mod rebuild;
mod scan;
mod streams;
#[cfg(test)]
mod testutil;
mod xref;

pub use error::CosError;
pub use file::{File, DEFAULT_MAX_OBJECT_READS};
pub use object::{Dict, Name, Object, Ref, Stream};
pub use xref::{Entry, Section};

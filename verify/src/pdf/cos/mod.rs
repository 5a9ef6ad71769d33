//! COS: the object layer of a PDF file (ISO 32000-1 §7), read by our own
//! code (the name is PDFBox's). [`File::open`] reads the cross-reference
//! chain from `startxref` through `/Prev`, keeping each section apart
//! (newest first, with where its revision ends); objects are read on
//! demand, decrypted with the empty user password (RC4, AES-128, AES-256;
//! R2–R6), and streams decoded (Flate with predictors, ASCIIHex, ASCII85).
//! Damaged files are rebuilt by scanning for `N G obj`, lazily when a read
//! finds the table wrong, at open when there is no usable chain.
//!
//! Hostile input is the normal case: nothing here panics (no indexing
//! without `get`, no unchecked arithmetic on file numbers, no recursion the
//! input can deepen), no number in the file sizes an allocation, and every
//! read counts against a budget of object reads and of work (bytes lexed,
//! bytes decoded); [`File::exhausted`] says when answers became partial.
//!
//! Not supported: passwords other than the empty user password, security
//! handlers other than /Standard (e.g. /Adobe.PubSec), the image filters
//! (DCT, JPX, JBIG2, CCITT), LZW and RunLength, and TIFF predictors below
//! 8 bits per sample.

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
pub(crate) mod xref;

#[cfg(test)]
#[path = "../../../tests/pdf/cos_tests/mod.rs"]
mod integration_tests;

pub use error::CosError;
pub use file::File;
pub(crate) use lexer::hex_value;
pub use object::{Dict, Object, Ref, Stream};
pub use xref::Entry;

//! The COS reader's own tests: the committed fixtures (every encryption
//! revision qpdf writes, `tests/pdf/cos/make.sh`), hostile input, and the
//! real-world corpus. Unit tests of the crate (the reader is internal).

#[allow(dead_code)]
mod common;
mod fixtures;
mod hostile;
mod realworld;

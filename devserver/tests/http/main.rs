//! End-to-end tests over real HTTP on 127.0.0.1, each against its own
//! server and its own copy of the database.

mod common;
mod demo;
mod dev_documents;
mod engine;
mod faults;
mod long_term;
mod openssl;
mod pdfsig;
mod precompressed;
mod provider;
mod raw_signature;
mod restart;
mod revocation;
mod revocation_tools;
mod sealing;
mod service;
mod ses;

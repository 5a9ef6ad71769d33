//! Verifying seals over the document bytes (spec §6). Verify-only, no
//! randomness: runs natively and in wasm.

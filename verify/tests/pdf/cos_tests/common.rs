//! Helpers shared by the integration tests.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::pdf::cos::{CosError, File, Object, Ref};

pub fn fixture(name: &str) -> Vec<u8> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "pdf", "cos", name]
        .iter()
        .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What a walk of a file found.
#[derive(Debug, Default)]
pub struct Walk {
    pub read: usize,
    pub errors: usize,
    pub stream_errors: usize,
    pub first_error: Option<String>,
}

/// Read every object reachable from the trailer (each once), decoding
/// every stream; at most `limit` objects.
pub fn walk(file: &File<'_>, limit: usize) -> Walk {
    let mut seen: HashSet<Ref> = HashSet::new();
    let mut queue: Vec<Object> = file.trailer().iter().map(|(_, v)| v.clone()).collect();
    let mut out = Walk::default();
    while let Some(value) = queue.pop() {
        match value {
            Object::Ref(r) => {
                if seen.len() >= limit || !seen.insert(r) {
                    continue;
                }
                match file.object(r) {
                    Ok(v) => {
                        out.read += 1;
                        queue.push(v);
                    }
                    Err(e) => {
                        out.errors += 1;
                        out.first_error
                            .get_or_insert(format!("{} {}: {e}", r.num, r.gen));
                    }
                }
            }
            Object::Array(items) => queue.extend(items),
            Object::Dict(d) => queue.extend(d.iter().map(|(_, v)| v.clone())),
            Object::Stream(s) => {
                match file.decoded_stream(&s) {
                    Err(CosError::Filter(_)) | Ok(_) => {}
                    Err(e) => {
                        out.stream_errors += 1;
                        out.first_error.get_or_insert(format!("stream: {e}"));
                    }
                }
                queue.extend(s.dict.iter().map(|(_, v)| v.clone()));
            }
            _ => {}
        }
    }
    out
}

/// xorshift64: a fixed-seed generator for mutation tests.
pub struct XorShift(pub u64);

impl XorShift {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

//! Any bytes into the COS reader (`verify/src/pdf/cos/`): open, then read
//! every object the trailer reaches (each once, at most 2,000), decode
//! every stream, read every entry of every section as that section says,
//! and the revision ends. The reader has no `catch_unwind` and must need
//! none: any panic is a bug to fix there. Built through `cos-dev` until the
//! `verify` crate exists.
#![no_main]

use std::collections::HashSet;

use cos_dev::{File, Object, Ref};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = File::open_with_budget(data, 10_000) else {
        return;
    };
    let mut seen: HashSet<Ref> = HashSet::new();
    let mut queue: Vec<Object> = file.trailer().iter().map(|(_, v)| v.clone()).collect();
    while let Some(value) = queue.pop() {
        match value {
            Object::Ref(r) if seen.len() < 2_000 && seen.insert(r) => {
                if let Ok(v) = file.object(r) {
                    queue.push(v);
                }
                let _ = file.resolve(&Object::Ref(r));
            }
            Object::Array(items) => queue.extend(items),
            Object::Dict(d) => queue.extend(d.iter().map(|(_, v)| v.clone())),
            Object::Stream(s) => {
                let _ = file.raw_stream(&s);
                let _ = file.decoded_stream(&s);
                queue.extend(s.dict.iter().map(|(_, v)| v.clone()));
            }
            _ => {}
        }
    }
    for section in file.sections() {
        for (num, entry) in section.entries.iter().take(2_000) {
            let _ = file.object_at(Ref { num: *num, gen: 0 }, *entry);
        }
    }
    let _ = file.revision_ends();
    let _ = (file.reconstructed(), file.encrypted(), file.exhausted());
});

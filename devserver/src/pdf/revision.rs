//! One incremental update being appended to a document: its objects (new
//! ones and new versions of changed ones), then a cross-reference section
//! of the same kind as the previous file's last one, and a trailer that
//! points back at it (`/Prev`). The previous bytes are never touched.
//!
//! Written by hand because neither pdf-writer (whole files or loose chunks)
//! nor lopdf (its incremental save renumbers and rewrites its own way) lets
//! the caller keep the exact offsets a signature's `/ByteRange` needs.

use lopdf::{Object, ObjectId, Writer};
use pdf_writer::{Chunk, Ref};

use super::PdfWriteError;

/// Object number, generation and offset of one object written.
type Entry = (u32, u16, usize);

pub(crate) struct Revision {
    pub bytes: Vec<u8>,
    offsets: Vec<Entry>,
    next_id: u32,
}

/// The trailer entries carried over from the previous trailer.
pub(crate) struct TrailerCarry {
    pub root: Object,
    pub info: Option<Object>,
    pub id: Option<Object>,
    pub prev: usize,
}

impl TrailerCarry {
    /// What a new revision of `prev` keeps of its trailer, its root the
    /// catalog `catalog_id`.
    pub fn of(prev: &super::previous::Previous, catalog_id: ObjectId) -> TrailerCarry {
        let trailer = &prev.doc.trailer;
        TrailerCarry {
            root: Object::Reference(catalog_id),
            info: trailer.get(b"Info").ok().cloned(),
            id: trailer.get(b"ID").ok().cloned(),
            prev: prev.startxref,
        }
    }
}

impl Revision {
    /// Starts after `previous` (copied whole), numbering new objects from
    /// `next_id`.
    pub fn new(previous: &[u8], next_id: u32, extra_capacity: usize) -> Revision {
        let mut bytes = Vec::with_capacity(previous.len() + extra_capacity);
        bytes.extend_from_slice(previous);
        if !bytes.ends_with(b"\n") && !bytes.ends_with(b"\r") {
            bytes.push(b'\n');
        }
        Revision {
            bytes,
            offsets: Vec::new(),
            next_id,
        }
    }

    pub fn alloc(&mut self) -> Ref {
        let id = self.next_id;
        self.next_id = self.next_id.saturating_add(1);
        Ref::new(i32::try_from(id).unwrap_or(i32::MAX))
    }

    /// `count` consecutive new object numbers; the first is returned.
    pub fn alloc_many(&mut self, count: i32) -> Ref {
        let first = self.alloc();
        for _ in 1..count {
            self.alloc();
        }
        first
    }

    /// Appends a chunk written with pdf-writer. Each chunk holds objects
    /// written with `Chunk::indirect` and friends; their offsets are found
    /// from the object headers it wrote.
    pub fn push_chunk(&mut self, chunk: &Chunk) {
        let base = self.bytes.len();
        let data = chunk.as_bytes();
        let ids: Vec<Ref> = chunk.refs().collect();
        let mut from = 0;
        for id in ids {
            let header = format!("{} 0 obj", id.get());
            // pdf-writer writes objects in the order of `refs()`, each
            // starting at the beginning of a line.
            if let Some(at) = find_line_start(data, header.as_bytes(), from) {
                self.offsets.push((id.get().unsigned_abs(), 0, base + at));
                from = at + header.len();
            }
        }
        self.bytes.extend_from_slice(data);
    }

    /// Appends a new version of an existing object (keeping its generation).
    pub fn push_lopdf(&mut self, id: ObjectId, object: &Object) -> Result<(), PdfWriteError> {
        let mut body = Vec::new();
        Writer::write_object(&mut body, object)
            .map_err(|e| PdfWriteError::Malformed(format!("cannot write object: {e}")))?;
        self.push_raw(id, &body);
        Ok(())
    }

    /// Appends `id`'s object with `body` as written; returns the offset of
    /// the body in the file.
    pub fn push_raw(&mut self, id: ObjectId, body: &[u8]) -> usize {
        self.offsets.push((id.0, id.1, self.bytes.len()));
        self.bytes
            .extend_from_slice(format!("{} {} obj\n", id.0, id.1).as_bytes());
        let at = self.bytes.len();
        self.bytes.extend_from_slice(body);
        self.bytes.extend_from_slice(b"\nendobj\n");
        at
    }

    /// Writes the cross-reference section and trailer and ends the file.
    pub fn finish(
        mut self,
        carry: &TrailerCarry,
        as_stream: bool,
    ) -> Result<Vec<u8>, PdfWriteError> {
        let mut trailer = lopdf::Dictionary::new();
        trailer.set("Root", carry.root.clone());
        if let Some(info) = &carry.info {
            trailer.set("Info", info.clone());
        }
        if let Some(id) = &carry.id {
            trailer.set("ID", id.clone());
        }
        trailer.set(
            "Prev",
            Object::Integer(i64::try_from(carry.prev).unwrap_or(i64::MAX)),
        );
        if as_stream {
            let own = self.alloc();
            let own_id = (own.get().unsigned_abs(), 0);
            let xref_at = self.bytes.len();
            self.offsets.push((own_id.0, 0, xref_at));
            self.offsets.sort_unstable();
            let mut data = Vec::with_capacity(self.offsets.len() * 7);
            for &(_, generation, offset) in &self.offsets {
                let offset = u32::try_from(offset)
                    .map_err(|_| PdfWriteError::TooLarge(u32::MAX as usize))?;
                data.push(1u8);
                data.extend_from_slice(&offset.to_be_bytes());
                data.extend_from_slice(&generation.to_be_bytes());
            }
            trailer.set("Type", Object::Name(b"XRef".to_vec()));
            trailer.set("Size", Object::Integer(i64::from(self.next_id)));
            trailer.set("W", Object::Array(vec![1.into(), 4.into(), 2.into()]));
            trailer.set("Index", Object::Array(self.index_array()));
            let stream = lopdf::Stream::new(trailer, data);
            let mut body = Vec::new();
            Writer::write_object(&mut body, &Object::Stream(stream))
                .map_err(|e| PdfWriteError::Malformed(format!("cannot write xref stream: {e}")))?;
            self.offsets.pop();
            self.push_raw(own_id, &body);
            self.bytes
                .extend_from_slice(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes());
            return Ok(self.bytes);
        }
        self.offsets.sort_unstable();
        let xref_at = self.bytes.len();
        let mut table = String::from("xref\n");
        for (first, run) in self.runs() {
            table.push_str(&format!("{first} {}\n", run.len()));
            for &(_, generation, offset) in run {
                table.push_str(&format!("{offset:010} {generation:05} n\r\n"));
            }
        }
        self.bytes.extend_from_slice(table.as_bytes());
        trailer.set("Size", Object::Integer(i64::from(self.next_id)));
        let mut written = Vec::new();
        Writer::write_object(&mut written, &Object::Dictionary(trailer))
            .map_err(|e| PdfWriteError::Malformed(format!("cannot write the trailer: {e}")))?;
        self.bytes.extend_from_slice(b"trailer\n");
        self.bytes.extend_from_slice(&written);
        self.bytes
            .extend_from_slice(format!("\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
        Ok(self.bytes)
    }

    /// Sorted offsets grouped into runs of consecutive object numbers.
    fn runs(&self) -> Vec<(u32, &[Entry])> {
        let mut runs = Vec::new();
        let mut start = 0;
        for i in 1..=self.offsets.len() {
            let breaks = match (self.offsets.get(i - 1), self.offsets.get(i)) {
                (Some(a), Some(b)) => b.0 != a.0.saturating_add(1),
                _ => true,
            };
            if breaks {
                if let (Some(first), Some(run)) =
                    (self.offsets.get(start), self.offsets.get(start..i))
                {
                    runs.push((first.0, run));
                }
                start = i;
            }
        }
        runs
    }

    fn index_array(&self) -> Vec<Object> {
        self.runs()
            .into_iter()
            .flat_map(|(first, run)| {
                [
                    Object::Integer(i64::from(first)),
                    Object::Integer(i64::try_from(run.len()).unwrap_or(i64::MAX)),
                ]
            })
            .collect()
    }
}

/// Offset of the object header `needle` in `data` at or after `from`: at
/// the start, or right after the previous object's `endobj` (so that the
/// same bytes inside a binary stream, such as a font, are never taken).
fn find_line_start(data: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(rest) = data.get(at..) {
        let found = rest.windows(needle.len()).position(|w| w == needle)? + at;
        let before = data.get(..found).unwrap_or_default();
        let trimmed = before.trim_ascii_end();
        if trimmed.is_empty() || trimmed.ends_with(b"endobj") {
            return Some(found);
        }
        at = found + 1;
    }
    None
}

//! The entry point: a PDF file opened for reading its objects, revision
//! by revision, within a budget.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use memchr::memmem;

use super::chain;
use super::crypt::Crypt;
use super::error::CosError;
use super::object::{Dict, Object};
use super::objstm::ObjStm;
use super::rebuild::Index;
use super::xref::{Entry, Section};

/// Object reads allowed by [`File::open`].
#[cfg(test)]
pub const DEFAULT_MAX_OBJECT_READS: u32 = 1_000_000;
/// Work allowed per file: lexer work units (a token, or 8 bytes lexed)
/// plus decoded stream bytes / 16. Reading every object and decoding every
/// stream of a 20 MiB file takes well under 10M; this is a second or two of
/// parsing, so hostile files cannot make reads repeat without end.
const MAX_WORK: u64 = 64 << 20;
/// Decoded object streams kept at once.
pub(crate) const MAX_CACHED: usize = 128 << 20;
/// Where `%PDF-` may start.
const HEADER_WINDOW: usize = 1024;

/// A PDF file's objects. Reads are lazy and counted against a budget; the
/// file is never modified. Not `Sync`: one per thread (as in a worker).
pub struct File<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) header: usize,
    /// What the cross-reference offsets count from (0 or `header`).
    pub(crate) base: usize,
    pub(crate) sections: Vec<Section>,
    pub(crate) trailer: Dict,
    /// `false` when the `/Prev` chain broke off: objects it lacks are
    /// looked up in the scanned index.
    pub(crate) chain_complete: bool,
    pub(crate) reconstructed: Cell<bool>,
    pub(crate) crypt: Option<Crypt>,
    /// Built by scanning, once, on first need (`rebuild.rs`).
    pub(crate) index: OnceCell<Index>,
    pub(crate) building: Cell<bool>,
    pub(crate) objstms: RefCell<HashMap<u32, Rc<ObjStm>>>,
    /// Object streams that could not be decoded, and why: not tried again
    /// for each of their objects (1,500 fields in one stream that inflates
    /// past the limit would otherwise inflate it 1,500 times).
    pub(crate) failed_objstms: RefCell<HashMap<u32, CosError>>,
    pub(crate) cached_bytes: Cell<usize>,
    reads_left: Cell<u32>,
    work_left: Cell<u64>,
    exhausted: Cell<bool>,
    /// Reads started inside other reads (indirect `/Length`, object
    /// streams): bounded, so hostile references cannot recurse deeply.
    pub(crate) nesting: Cell<u8>,
}

/// Where `%PDF-` is, within the first 1024 bytes.
fn find_header(bytes: &[u8]) -> Option<usize> {
    let window = bytes.get(..HEADER_WINDOW + 5).unwrap_or(bytes);
    memmem::find(window, b"%PDF-")
}

impl<'a> File<'a> {
    /// Open `bytes` with the default budget (tests and the fuzzer; the
    /// inspection sets its own budget).
    #[cfg(test)]
    pub fn open(bytes: &'a [u8]) -> Result<File<'a>, CosError> {
        File::open_with_budget(bytes, DEFAULT_MAX_OBJECT_READS)
    }

    /// Open `bytes`, allowing `max_object_reads` object reads in all.
    pub fn open_with_budget(bytes: &'a [u8], max_object_reads: u32) -> Result<File<'a>, CosError> {
        let header = find_header(bytes).ok_or(CosError::NoHeader)?;
        let mut file = File {
            bytes,
            header,
            base: 0,
            sections: Vec::new(),
            trailer: Dict::new(),
            chain_complete: true,
            reconstructed: Cell::new(false),
            crypt: None,
            index: OnceCell::new(),
            building: Cell::new(false),
            objstms: RefCell::new(HashMap::new()),
            failed_objstms: RefCell::new(HashMap::new()),
            cached_bytes: Cell::new(0),
            reads_left: Cell::new(max_object_reads),
            work_left: Cell::new(MAX_WORK),
            exhausted: Cell::new(false),
            nesting: Cell::new(0),
        };
        if let Some(chain) = chain::read(bytes, header) {
            file.work_left.set(MAX_WORK.saturating_sub(chain.work));
            file.base = chain.base;
            file.chain_complete = chain.complete;
            file.reconstructed.set(!chain.complete);
            file.trailer = merged_trailer(&chain.sections);
            file.sections = chain.sections;
            match file.setup_crypt(None) {
                Err(e @ (CosError::Encrypted { .. } | CosError::UnsupportedEncryption(_))) => {
                    return Err(e)
                }
                Err(CosError::Budget) => return Err(CosError::Budget),
                // The chain is usable when its catalog is.
                Ok(()) if file.root_is_dict() => return Ok(file),
                _ => {}
            }
        }
        file.rebuild()?;
        Ok(file)
    }

    /// Read the encryption dictionary the trailer names, if any, and open
    /// it. `scan` finds it when there is no table yet (a rebuild).
    pub(crate) fn setup_crypt(&mut self, scan: Option<&super::scan::Scan>) -> Result<(), CosError> {
        self.crypt = None;
        let (dict, dict_ref) = match self.trailer.get("Encrypt") {
            None => return Ok(()),
            Some(Object::Dict(d)) => (d.clone(), None),
            Some(Object::Ref(r)) => {
                let r = *r;
                let found = match scan {
                    Some(scan) => scan
                        .objects
                        .iter()
                        .rev()
                        .find(|(_, s)| s.num == r.num)
                        .map(|(at, _)| *at),
                    None => None,
                };
                let value = match found {
                    Some(at) => self.read_in_file(at, r),
                    None => self.object(r),
                };
                match value {
                    Ok(Object::Dict(d)) => (d, Some(r)),
                    Ok(_) => {
                        return Err(CosError::Encrypted {
                            needs_password: false,
                        })
                    }
                    Err(e) => return Err(e),
                }
            }
            Some(_) => {
                return Err(CosError::Encrypted {
                    needs_password: false,
                })
            }
        };
        let dict = self.flatten(&dict, 2);
        let id0 = match self.trailer.get("ID") {
            Some(Object::Array(ids)) => ids
                .first()
                .and_then(Object::as_string)
                .unwrap_or_default()
                .to_vec(),
            _ => Vec::new(),
        };
        self.crypt = Some(Crypt::open(&dict, &id0, dict_ref)?);
        // Anything decoded before the key was known was decoded wrong.
        if let Ok(mut cache) = self.objstms.try_borrow_mut() {
            cache.clear();
        }
        if let Ok(mut failed) = self.failed_objstms.try_borrow_mut() {
            failed.clear();
        }
        Ok(())
    }

    /// `dict` with indirect values read (to `depth` levels of dictionaries),
    /// for the encryption dictionary, whose parts may be indirect.
    fn flatten(&self, dict: &Dict, depth: u8) -> Dict {
        let mut out = Dict::new();
        for (k, v) in dict.iter() {
            let v = match v {
                Object::Ref(r) => self.object(*r).unwrap_or(Object::Null),
                other => other.clone(),
            };
            let v = match v {
                Object::Dict(d) if depth > 0 => Object::Dict(self.flatten(&d, depth - 1)),
                other => other,
            };
            out.0.push((k.clone(), v));
        }
        out
    }

    /// Does the trailer's `/Root` lead to a dictionary?
    pub(crate) fn root_is_dict(&self) -> bool {
        self.trailer
            .get("Root")
            .is_some_and(|root| matches!(self.resolve(root), Ok(Object::Dict(_))))
    }

    /// The whole file.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    #[cfg(test)]
    /// Where `%PDF-` starts (bytes before it are not part of the PDF).
    pub fn header_offset(&self) -> usize {
        self.header
    }

    /// The cross-reference sections, newest first. For a rebuilt file: one
    /// section (offset 0) holding what the scan found, and every `%%EOF`.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Was the object table (partly) rebuilt by scanning the file?
    pub fn reconstructed(&self) -> bool {
        self.reconstructed.get()
    }

    /// The newest trailer (for a rebuilt file: the last usable one found,
    /// or one made from the last catalog).
    pub fn trailer(&self) -> &Dict {
        &self.trailer
    }

    /// The entry a viewer uses for `num`: the newest section defining it
    /// wins (ISO 32000-1 §7.5.6); when the chain broke off, the scanned
    /// index answers for numbers the chain lacks.
    pub fn entry(&self, num: u32) -> Option<Entry> {
        if let Some(entry) = self.sections.iter().find_map(|s| s.entries.get(&num)) {
            return Some(*entry);
        }
        if self.chain_complete {
            return None;
        }
        self.index()?.entries.get(&num).copied()
    }

    /// Offsets right after every `%%EOF` that ends a revision, ascending:
    /// the ends of the sections read and, when the table was (partly)
    /// rebuilt, every `%%EOF` in the file (revisions the chain no longer
    /// reaches still end there).
    pub fn revision_ends(&self) -> Vec<usize> {
        let mut ends: Vec<usize> = self
            .sections
            .iter()
            .flat_map(|s| s.ends.iter().copied())
            .collect();
        if self.reconstructed() {
            ends.extend(self.index().map(|i| i.ends.clone()).unwrap_or_default());
        }
        ends.sort_unstable();
        ends.dedup();
        ends
    }

    /// How many revisions end at or before `end`: one per `%%EOF` that
    /// ends one ([`File::revision_ends`] has each with and without its
    /// end of line; the marker itself is counted once), as pyHanko counts.
    pub fn revisions_until(&self, end: usize) -> usize {
        self.revision_ends()
            .into_iter()
            .filter(|&at| at <= end && at >= 5 && self.bytes.get(at - 5..at) == Some(b"%%EOF"))
            .count()
    }

    pub fn encrypted(&self) -> bool {
        self.crypt.is_some()
    }

    /// Was the budget used up (answers since then are partial)?
    pub fn exhausted(&self) -> bool {
        self.exhausted.get()
    }

    /// Count one object read.
    pub(crate) fn charge(&self) -> Result<(), CosError> {
        match self.reads_left.get().checked_sub(1) {
            Some(left) => {
                self.reads_left.set(left);
                Ok(())
            }
            None => {
                self.exhausted.set(true);
                Err(CosError::Budget)
            }
        }
    }

    /// Count `work` units (work, decoded bytes / 16).
    pub(crate) fn spend(&self, work: u64) -> Result<(), CosError> {
        match self.work_left.get().checked_sub(work) {
            Some(left) => {
                self.work_left.set(left);
                Ok(())
            }
            None => {
                self.work_left.set(0);
                self.exhausted.set(true);
                Err(CosError::Budget)
            }
        }
    }
}

/// The newest trailer, completed with `/Root`, `/Info`, `/ID` and
/// `/Encrypt` from older ones when an update left them out (as PDFBox
/// merges trailers).
fn merged_trailer(sections: &[Section]) -> Dict {
    let Some(newest) = sections.first() else {
        return Dict::new();
    };
    let mut trailer = newest.trailer.clone();
    for key in ["Root", "Info", "ID", "Encrypt"] {
        if trailer.get(key).is_none() {
            if let Some(value) = sections.iter().find_map(|s| s.trailer.get(key)) {
                trailer.insert(key, value.clone());
            }
        }
    }
    trailer
}

#[cfg(test)]
#[path = "file_tests.rs"]
mod tests;

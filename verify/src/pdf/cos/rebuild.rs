//! Rebuilding the object table by scanning (`scan.rs`), as PDF readers do
//! for damaged files: lazily, once, when a read finds the table wrong or
//! the chain broken; or at `open`, when there is no usable chain at all.

use std::collections::BTreeMap;

use super::error::CosError;
use super::file::File;
use super::object::{Dict, Object, Ref};
use super::parser::parse_indirect;
use super::scan::{scan, Scan};
use super::xref::{Entry, Section};

/// The object table found by scanning: later definitions win.
pub(crate) struct Index {
    pub entries: BTreeMap<u32, Entry>,
    /// After every `%%EOF` in the file, with and without its EOL.
    pub ends: Vec<usize>,
}

impl<'a> File<'a> {
    /// The scanned index, built on first call. `None` while it is being
    /// built (reads made by the build itself do not recurse into it).
    pub(crate) fn index(&self) -> Option<&Index> {
        if let Some(index) = self.index.get() {
            return Some(index);
        }
        if self.building.get() {
            return None;
        }
        self.building.set(true);
        let mut work = 0;
        let found = scan(self.bytes, &mut work);
        let index = if self.spend(work).is_ok() {
            self.build_index(&found)
        } else {
            Index {
                entries: BTreeMap::new(),
                ends: Vec::new(),
            }
        };
        self.building.set(false);
        let _ = self.index.set(index);
        self.index.get()
    }

    /// Objects written directly, then those inside the object streams
    /// found, each where it is in the file: the later one wins.
    fn build_index(&self, found: &Scan) -> Index {
        let mut placed: BTreeMap<u32, (usize, Entry)> = BTreeMap::new();
        for &(offset, r) in &found.objects {
            placed.insert(r.num, (offset, Entry::InFile { offset, gen: r.gen }));
        }
        for &offset in &found.object_streams {
            let Some(r) = ref_at(found, offset) else {
                continue;
            };
            let Ok(Object::Stream(stream)) =
                self.charge().and_then(|_| self.read_in_file(offset, r))
            else {
                continue;
            };
            if !stream.dict.is("Type", "ObjStm") {
                continue;
            }
            let Ok(objstm) = self.decode_objstm(&stream) else {
                continue;
            };
            for (index, &(num, _)) in objstm.objects.iter().enumerate() {
                let Ok(index) = u32::try_from(index) else {
                    break;
                };
                if placed.get(&num).is_none_or(|(at, _)| *at <= offset) {
                    placed.insert(
                        num,
                        (
                            offset,
                            Entry::InStream {
                                stream: r.num,
                                index,
                            },
                        ),
                    );
                }
            }
        }
        Index {
            entries: placed
                .into_iter()
                .map(|(num, (_, entry))| (num, entry))
                .collect(),
            ends: found.ends.clone(),
        }
    }

    /// No usable chain: rebuild the whole table, choose a trailer, and
    /// stand the result in as one synthetic section.
    pub(crate) fn rebuild(&mut self) -> Result<(), CosError> {
        let mut work = 0;
        let found = scan(self.bytes, &mut work);
        self.spend(work)?;
        self.sections.clear();
        self.chain_complete = true;
        self.base = 0;
        self.reconstructed.set(true);
        self.index = Default::default();
        if let Ok(mut cache) = self.objstms.try_borrow_mut() {
            cache.clear();
        }
        let candidates = self.trailer_candidates(&found);
        // The key first: object streams are encrypted.
        self.trailer = Dict::new();
        self.crypt = None;
        if let Some((_, t)) = candidates
            .iter()
            .rev()
            .find(|(_, t)| t.get("Encrypt").is_some())
        {
            self.trailer = t.clone();
            self.setup_crypt(Some(&found))?;
        }
        self.building.set(true);
        let index = self.build_index(&found);
        self.building.set(false);
        self.sections.push(Section {
            offset: 0,
            entries: index.entries.clone(),
            trailer: Dict::new(),
            ends: found.ends.clone(),
        });
        let _ = self.index.set(index);
        let chosen = candidates.iter().rev().find(|(_, t)| {
            self.trailer = t.clone();
            self.root_is_dict()
        });
        self.trailer = match chosen {
            Some((_, t)) => t.clone(),
            None => self.trailer_from_catalog(&found, &candidates)?,
        };
        if let Some(section) = self.sections.first_mut() {
            section.trailer = self.trailer.clone();
        }
        Ok(())
    }

    /// Classic trailers and cross-reference stream dictionaries, in file
    /// order.
    fn trailer_candidates(&self, found: &Scan) -> Vec<(usize, Dict)> {
        let mut out: Vec<(usize, Dict)> = found.trailers.clone();
        for &offset in &found.xref_streams {
            let mut work = 0;
            let parsed = parse_indirect(self.bytes, offset, &mut work);
            if self.spend(work).is_err() {
                break;
            }
            if let Ok(parsed) = parsed {
                if let Object::Dict(d) = parsed.value {
                    if d.is("Type", "XRef") {
                        out.push((offset, d));
                    }
                }
            }
        }
        out.sort_by_key(|(offset, _)| *offset);
        out
    }

    /// A trailer for the last catalog found, with what the last trailers
    /// say of the encryption, the ID and the document information.
    fn trailer_from_catalog(
        &self,
        found: &Scan,
        candidates: &[(usize, Dict)],
    ) -> Result<Dict, CosError> {
        let is_catalog = |r: Ref| {
            self.object(r)
                .ok()
                .and_then(|o| o.as_dict().map(|d| d.is("Type", "Catalog")))
                .unwrap_or(false)
        };
        let direct = found
            .catalogs
            .iter()
            .rev()
            .filter_map(|at| ref_at(found, *at));
        let in_streams = self.sections.first().into_iter().flat_map(|s| {
            s.entries
                .iter()
                .rev()
                .filter(|(_, e)| matches!(e, Entry::InStream { .. }))
                .map(|(num, _)| Ref { num: *num, gen: 0 })
        });
        let Some(root) = direct
            .chain(in_streams)
            .find(|r| !self.exhausted() && is_catalog(*r))
        else {
            return Err(if self.exhausted() {
                CosError::Budget
            } else {
                CosError::Xref {
                    offset: 0,
                    what: "no catalog found",
                }
            });
        };
        let mut trailer = Dict::new();
        trailer.insert("Root", Object::Ref(root));
        for key in ["Encrypt", "ID", "Info"] {
            if let Some(value) = candidates.iter().rev().find_map(|(_, t)| t.get(key)) {
                trailer.insert(key, value.clone());
            }
        }
        Ok(trailer)
    }
}

/// The object scanned at `offset`.
fn ref_at(found: &Scan, offset: usize) -> Option<Ref> {
    let i = found
        .objects
        .binary_search_by_key(&offset, |(at, _)| *at)
        .ok()?;
    found.objects.get(i).map(|(_, r)| *r)
}

//! Opening a PDF with the `pdf` crate, at its storage level: the crate reads
//! the header, the cross-reference sections (tables and streams, following
//! `/Prev` through incremental updates), object streams and decryption; we
//! read the few objects we need as raw dictionaries.
//!
//! Why not `pdf::file::File`: loading it decodes the whole catalog into typed
//! structs (outlines, structure tree, name trees, form fields), and any entry
//! the crate's types reject makes the whole file unreadable, although none of
//! it matters here; it also runs more of the crate, so more of its panics.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

use pdf::any::AnySync;
use pdf::file::{NoLog, Storage};
use pdf::object::{ParseOptions, PlainRef, Resolve};
use pdf::primitive::{Dictionary, PdfStream, Primitive};
use pdf::xref::XRef;
use pdf::PdfError;

use super::encrypted::Plain;
use super::memo::Memo;
use super::xref_entry::read_at;

type Objects = Memo<Result<AnySync, Arc<PdfError>>>;
type Streams = Memo<Result<Arc<[u8]>, Arc<PdfError>>>;

/// Most objects one inspection reads: the catalog, the page tree root, the
/// form, its fields and their signatures. Real forms need far fewer; a crafted
/// file with a million fields gets a partial answer, not an hour of work.
pub const MAX_OBJECTS: u32 = 2_000;

/// Most objects the revision analysis reads in one document: it walks the
/// form, the page tree and what pages, annotations and appearances refer
/// to, which a real form needs a few hundred of.
pub const MAX_ANALYSIS_OBJECTS: u32 = 20_000;

/// References followed to reach one value (`1 0 R` → `2 0 R` → …).
const MAX_HOPS: u32 = 8;

pub struct Document<'a> {
    bytes: &'a [u8],
    storage: Storage<&'a [u8], Objects, Streams, NoLog>,
    trailer: Dictionary,
    objects_read: Cell<u32>,
    max_objects: u32,
    /// Objects the crate would read from an older revision than a viewer
    /// does, and the entries a viewer uses (see `revisions.rs`).
    corrections: RefCell<HashMap<u64, XRef>>,
    /// Made on first need: only encrypted files with signatures need it.
    plain: OnceCell<Option<Plain<'a>>>,
}

/// A signature dictionary, and the object whose key decrypts its direct
/// strings when it had to be read without decryption (see `encrypted.rs`).
pub struct SignatureDictionary {
    pub dict: Dictionary,
    pub encrypted_in: Option<PlainRef>,
}

/// Why an object could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The crate failed on it.
    Pdf(PdfError),
    /// It is not there, or is the wrong kind of object.
    Missing(&'static str),
    /// [`MAX_OBJECTS`] or [`MAX_HOPS`] reached.
    Budget,
}

impl<'a> Document<'a> {
    /// Read the cross-reference sections and the trailer.
    pub fn open(bytes: &'a [u8]) -> Result<Self, PdfError> {
        Self::open_with_budget(bytes, MAX_OBJECTS)
    }

    /// [`Self::open`] allowing `max_objects` reads instead of [`MAX_OBJECTS`].
    pub fn open_with_budget(bytes: &'a [u8], max_objects: u32) -> Result<Self, PdfError> {
        let mut storage = Storage::with_cache(
            bytes,
            ParseOptions::strict(),
            Memo::new(),
            Memo::new(),
            NoLog,
        )?;
        let trailer = storage.load_storage_and_trailer()?;
        Ok(Document {
            bytes,
            storage,
            trailer,
            objects_read: Cell::new(0),
            max_objects,
            corrections: RefCell::new(HashMap::new()),
            plain: OnceCell::new(),
        })
    }

    pub fn trailer(&self) -> &Dictionary {
        &self.trailer
    }

    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The crate's resolver, for reading cross-reference sections again
    /// (`revisions.rs`); object reads go through [`Self::resolve`].
    pub fn resolver(&self) -> impl Resolve + '_ {
        self.storage.resolver()
    }

    /// Is the budget used up? Then answers are partial.
    pub fn exhausted(&self) -> bool {
        self.objects_read.get() >= self.max_objects
    }

    /// Object `id` as this revision of the file has it (generation numbers
    /// are ignored by the crate's lookup), or `None`.
    pub fn object(&self, id: u64) -> Option<Primitive> {
        self.read(PlainRef { id, gen: 0 }).ok()
    }

    /// The bytes of a stream as stored (still filtered), within the budget.
    pub fn raw_stream(&self, stream: &PdfStream) -> Result<Arc<[u8]>, ReadError> {
        self.count_read()?;
        stream
            .raw_data(&self.storage.resolver())
            .map_err(ReadError::Pdf)
    }

    /// Follow references until a direct object, within the budget.
    pub fn resolve(&self, value: &Primitive) -> Result<Primitive, ReadError> {
        let mut value = value.clone();
        for _ in 0..MAX_HOPS {
            let Primitive::Reference(r) = value else {
                return Ok(value);
            };
            value = self.read(r)?;
        }
        Err(ReadError::Budget)
    }

    /// [`Self::resolve`], expecting a dictionary.
    pub fn dictionary(
        &self,
        value: &Primitive,
        what: &'static str,
    ) -> Result<Dictionary, ReadError> {
        match self.resolve(value)? {
            Primitive::Dictionary(dict) => Ok(dict),
            // A stream's dictionary is as good (a signature `/V` never is a
            // stream, but nothing is gained by refusing one).
            Primitive::Stream(stream) => Ok(stream.info),
            _ => Err(ReadError::Missing(what)),
        }
    }

    /// A signature's `/V`. In an encrypted file the crate cannot read it
    /// (see `encrypted.rs`): then it is read again without decryption.
    pub fn signature_dictionary(
        &self,
        value: &Primitive,
    ) -> Result<SignatureDictionary, ReadError> {
        let error = match self.dictionary(value, "/V") {
            Ok(dict) => {
                return Ok(SignatureDictionary {
                    dict,
                    encrypted_in: None,
                })
            }
            Err(error @ ReadError::Pdf(_)) => error,
            Err(other) => return Err(other),
        };
        let (Primitive::Reference(r), Some(plain)) = (value, self.plain()) else {
            return Err(error);
        };
        self.count_read()?;
        match plain.read(*r, &self.storage.resolver()) {
            Some(dict) => Ok(SignatureDictionary {
                dict,
                encrypted_in: Some(*r),
            }),
            None => Err(error),
        }
    }

    /// Decrypt a string of object `r` read by [`Self::signature_dictionary`].
    pub fn decrypt(&self, r: PlainRef, encrypted: &[u8]) -> Option<Vec<u8>> {
        self.plain()?.decrypt(r, encrypted)
    }

    fn plain(&self) -> Option<&Plain<'a>> {
        self.plain
            .get_or_init(|| {
                self.trailer.get("Encrypt")?;
                Plain::new(self.bytes, &self.trailer, &self.storage.resolver())
            })
            .as_ref()
    }

    /// From now on read these objects at these entries instead of where
    /// the crate's merged table says (`revisions::Chain::correct`).
    pub fn correct(&self, entries: HashMap<u64, XRef>) {
        *self.corrections.borrow_mut() = entries;
    }

    fn read(&self, r: PlainRef) -> Result<Primitive, ReadError> {
        self.count_read()?;
        let corrected = self.corrections.borrow().get(&r.id).copied();
        match corrected {
            Some(entry) => read_at(self.bytes, &self.storage.resolver(), r.id, entry)
                .ok_or(ReadError::Missing("an object of a later revision")),
            None => self.storage.resolver().resolve(r).map_err(ReadError::Pdf),
        }
    }

    pub fn count_read(&self) -> Result<(), ReadError> {
        let count = self.objects_read.get();
        if count >= self.max_objects {
            return Err(ReadError::Budget);
        }
        self.objects_read.set(count + 1);
        Ok(())
    }
}

/// Why [`Document::open`] failed, in words.
pub fn open_failure(error: &PdfError) -> String {
    match deepest(error) {
        PdfError::InvalidPassword => "it is encrypted and opens only with a password".to_owned(),
        // pdf 0.10 cuts AES-256 keys to 16 bytes (`Decoder::key`), so every
        // AES-256 (revision 5/6) file ends here.
        PdfError::DecryptionFailure => {
            "it is encrypted and could not be decrypted (AES-256 encryption is not supported)"
                .to_owned()
        }
        cause => format!(
            "its cross-reference table or trailer cannot be read: {}",
            describe(cause)
        ),
    }
}

/// The crate wraps causes in `Try at file:line` layers.
fn deepest(error: &PdfError) -> &PdfError {
    match error {
        PdfError::Try { source, .. } | PdfError::FromPrimitive { source, .. } => deepest(source),
        PdfError::Shared { source } => deepest(source),
        other => other,
    }
}

/// The deepest cause of a crate error, in words short enough to show (the
/// crate may quote kilobytes of the file).
pub fn describe(error: &PdfError) -> String {
    match deepest(error) {
        PdfError::EOF => "the file ends too early".to_owned(),
        PdfError::NotFound { word } => format!("`{}` not found", excerpt(word)),
        PdfError::UnknownType {
            pos, first_lexeme, ..
        } => {
            format!("unexpected `{}` at byte {pos}", excerpt(first_lexeme))
        }
        PdfError::UnexpectedLexeme {
            pos,
            lexeme,
            expected,
        } => {
            format!(
                "expected `{expected}` at byte {pos}, found `{}`",
                excerpt(lexeme)
            )
        }
        PdfError::Parse { source } => {
            format!("a malformed number ({})", excerpt(&source.to_string()))
        }
        PdfError::FreeObject { obj_nr } | PdfError::NullRef { obj_nr } => {
            format!("object {obj_nr} is missing")
        }
        other => excerpt(other.to_string().lines().next().unwrap_or_default()),
    }
}

impl ReadError {
    pub fn describe(&self) -> String {
        match self {
            ReadError::Pdf(error) => describe(error),
            ReadError::Missing(what) => format!("{what} is missing or of the wrong kind"),
            ReadError::Budget => "it refers to too many objects".to_owned(),
        }
    }
}

/// At most 60 characters of file-controlled text, without control characters.
fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(60).flat_map(char::escape_debug).collect();
    if text.chars().nth(60).is_some() {
        out.push('…');
    }
    out
}

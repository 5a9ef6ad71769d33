//! A PDF file as the inspection reads it: our object-layer reader
//! ([`super::cos`]) with the few conveniences the walks need (objects by
//! number, dictionaries through references, a budget of reads), and why a
//! file or an object could not be read, in words.

use super::cos::{self, CosError, Dict, Object, Ref, Stream};

/// Most objects one inspection reads: the catalog, the page tree root, the
/// form, its fields and their signatures. Real forms need far fewer; a crafted
/// file with a million fields gets a partial answer, not an hour of work.
pub const MAX_OBJECTS: u32 = 2_000;

/// Most objects the revision analysis reads in one document: it walks the
/// form, the page tree and what pages, annotations and appearances refer
/// to, which a real form needs a few hundred of.
pub const MAX_ANALYSIS_OBJECTS: u32 = 20_000;

pub struct Document<'a> {
    file: cos::File<'a>,
}

/// A signature dictionary as read (`/Contents` never decrypted: the reader
/// leaves the `/Contents` of a dictionary with a `/ByteRange` as written).
pub struct SignatureDictionary {
    pub dict: Dict,
}

/// Why an object could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The reader failed on it.
    Pdf(CosError),
    /// It is not there, or is the wrong kind of object.
    Missing(&'static str),
}

impl<'a> Document<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, CosError> {
        Self::open_with_budget(bytes, MAX_OBJECTS)
    }

    /// [`Self::open`] allowing `max_objects` reads.
    pub fn open_with_budget(bytes: &'a [u8], max_objects: u32) -> Result<Self, CosError> {
        Ok(Document {
            file: cos::File::open_with_budget(bytes, max_objects)?,
        })
    }

    pub fn file(&self) -> &cos::File<'a> {
        &self.file
    }

    pub fn trailer(&self) -> &Dict {
        self.file.trailer()
    }

    pub fn bytes(&self) -> &'a [u8] {
        self.file.bytes()
    }

    /// Is the budget used up? Then answers are partial.
    pub fn exhausted(&self) -> bool {
        self.file.exhausted()
    }

    /// Object `id` as the file's newest revision has it, or `None`.
    pub fn object(&self, id: u64) -> Option<Object> {
        let num = u32::try_from(id).ok()?;
        self.file.object(Ref { num, gen: 0 }).ok()
    }

    /// The stored bytes of a stream (still filtered).
    pub fn raw_stream(&self, stream: &Stream) -> Result<&'a [u8], ReadError> {
        self.file.raw_stream(stream).map_err(ReadError::Pdf)
    }

    /// A stream's data, decoded (for appearance and content streams).
    pub fn decoded_stream(&self, stream: &Stream) -> Result<Vec<u8>, ReadError> {
        self.file.decoded_stream(stream).map_err(ReadError::Pdf)
    }

    /// Follow references until a direct object.
    pub fn resolve(&self, value: &Object) -> Result<Object, ReadError> {
        self.file.resolve(value).map_err(ReadError::Pdf)
    }

    /// [`Self::resolve`], expecting a dictionary (a stream's dictionary
    /// is as good).
    pub fn dictionary(&self, value: &Object, what: &'static str) -> Result<Dict, ReadError> {
        match self.resolve(value)? {
            Object::Dict(dict) => Ok(dict),
            Object::Stream(stream) => Ok(stream.dict),
            _ => Err(ReadError::Missing(what)),
        }
    }

    /// A signature's `/V`.
    pub fn signature_dictionary(&self, value: &Object) -> Result<SignatureDictionary, ReadError> {
        self.dictionary(value, "/V")
            .map(|dict| SignatureDictionary { dict })
    }
}

/// Why a file cannot be opened, in words.
pub fn open_failure(error: &CosError) -> String {
    match error {
        CosError::Encrypted {
            needs_password: true,
        } => "it is encrypted and opens only with a password".to_owned(),
        CosError::UnsupportedEncryption(how) => {
            format!("it is encrypted in a way this verifier does not open ({how})")
        }
        other => format!("it cannot be read as a PDF: {other}"),
    }
}

impl ReadError {
    pub fn describe(&self) -> String {
        match self {
            ReadError::Pdf(error) => error.to_string(),
            ReadError::Missing(what) => format!("{what} is missing or of the wrong kind"),
        }
    }
}

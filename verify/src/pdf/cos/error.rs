//! What can go wrong while reading a file's objects, in words a user can be
//! shown: every `Display` text is short, plain English, and never quotes
//! file content (only numbers and names this module chose).

use super::object::Ref;

/// A reason the file, or one object of it, could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CosError {
    /// No `%PDF-` in the first 1024 bytes.
    #[error("not a PDF file: no PDF header at the start")]
    NoHeader,
    /// Neither a cross-reference chain nor any object was found.
    #[error("no readable objects in the file ({what} at byte {offset})")]
    Xref { offset: usize, what: &'static str },
    /// The file is encrypted and does not open with the empty password.
    #[error("{}", if *.needs_password { "the file is protected by a password" } else { "the file's encryption could not be read" })]
    Encrypted { needs_password: bool },
    /// An encryption method other than the standard password handler.
    #[error("unsupported encryption: {0}")]
    UnsupportedEncryption(String),
    /// Bytes that are not the PDF syntax expected there.
    #[error("unreadable PDF syntax at byte {offset}: {what}")]
    Syntax { offset: usize, what: &'static str },
    /// An object the file refers to but does not contain.
    #[error("object {} {} is missing from the file", .0.num, .0.gen)]
    Missing(Ref),
    /// The limit on object reads for this file was reached.
    #[error("the file needs more work to read than allowed; results are partial")]
    Budget,
    /// A stream encoding that is not supported or is damaged.
    #[error("stream data could not be decoded: {0}")]
    Filter(String),
    /// Decoded data larger than the limits allow.
    #[error("stream data is too large to decode")]
    TooLarge,
}

impl CosError {
    /// A syntax error at `offset`.
    pub(crate) fn syntax(offset: usize, what: &'static str) -> CosError {
        CosError::Syntax { offset, what }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_plain_words() {
        let r = Ref { num: 7, gen: 0 };
        assert_eq!(
            CosError::Missing(r).to_string(),
            "object 7 0 is missing from the file"
        );
        assert_eq!(
            CosError::Encrypted {
                needs_password: true
            }
            .to_string(),
            "the file is protected by a password"
        );
        assert_eq!(
            CosError::syntax(12, "expected a dictionary").to_string(),
            "unreadable PDF syntax at byte 12: expected a dictionary"
        );
    }
}

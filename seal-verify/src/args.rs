//! The command line: four flags, parsed by hand (a parser crate would be
//! most of the binary).

use std::ffi::OsString;
use std::path::PathBuf;

use infoplus_signature_core::verify::DEFAULT_MAX_DOCUMENT_BYTES;

pub const USAGE: &str = "\
Verify the seals of an InfoPlus Signature against its document.

Usage: seal-verify --signature SIG.json --document DOC [--json] [--max-document-bytes N]

Options:
  --signature FILE          the Signature JSON (InfoPlus envelope or bare; - for stdin)
  --document FILE           the document the seals were made over (the PDF at `uri`)
  --json                    print the report as JSON instead of one line per seal
  --max-document-bytes N    refuse larger documents (default 20971520, 20 MiB)
  -h, --help                print this help
  -V, --version             print the version

Exit status:
  0  at least one seal is signed, and every signed seal is valid
  1  a signed seal is not valid (invalid, malformed, unsupported, not a PDF,
     too large), or no seal is signed at all: nothing was verified
  2  usage error, or a file could not be read or parsed
";

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Verify(Options),
    Help,
    Version,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// `None` means standard input.
    pub signature: Option<PathBuf>,
    pub document: PathBuf,
    pub json: bool,
    pub max_document_bytes: u64,
}

/// Parse the arguments after the program name. `--flag value` and
/// `--flag=value` both work. The error is a message for stderr.
pub fn parse(arguments: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let mut signature = None;
    let mut document = None;
    let mut json = false;
    let mut max_document_bytes = DEFAULT_MAX_DOCUMENT_BYTES;
    let mut arguments = arguments.into_iter();
    while let Some(argument) = arguments.next() {
        let text = argument
            .to_str()
            .ok_or_else(|| format!("unexpected argument {argument:?}"))?;
        let (flag, inline) = match text.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(OsString::from(value))),
            _ => (text, None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| arguments.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag {
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "--json" if inline.is_none() => json = true,
            "--signature" => {
                let path = value()?;
                signature = Some((path != "-").then(|| PathBuf::from(path)));
            }
            "--document" => document = Some(PathBuf::from(value()?)),
            "--max-document-bytes" => {
                let number = value()?;
                max_document_bytes = number
                    .to_str()
                    .and_then(|n| n.trim().parse().ok())
                    .ok_or_else(|| {
                        format!(
                            "--max-document-bytes needs a whole number of bytes, not {number:?}"
                        )
                    })?;
            }
            _ => return Err(format!("unexpected argument {text:?}")),
        }
    }
    Ok(Command::Verify(Options {
        signature: signature.ok_or("--signature is required")?,
        document: document.ok_or("--document is required")?,
        json,
        max_document_bytes,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<OsString> {
        text.split_whitespace().map(OsString::from).collect()
    }

    #[test]
    fn every_flag_in_both_spellings() {
        let want = Command::Verify(Options {
            signature: Some("s.json".into()),
            document: "d.pdf".into(),
            json: true,
            max_document_bytes: 10,
        });
        assert_eq!(
            parse(args(
                "--signature s.json --document d.pdf --json --max-document-bytes 10"
            )),
            Ok(want.clone())
        );
        assert_eq!(
            parse(args(
                "--json --max-document-bytes=10 --document=d.pdf --signature=s.json"
            )),
            Ok(want)
        );
    }

    #[test]
    fn defaults_and_stdin() {
        let Ok(Command::Verify(options)) = parse(args("--signature - --document d")) else {
            panic!("parses");
        };
        assert_eq!(options.signature, None);
        assert!(!options.json);
        assert_eq!(options.max_document_bytes, 20 * 1024 * 1024);
    }

    #[test]
    fn help_and_version_win() {
        assert_eq!(parse(args("--document d --help")), Ok(Command::Help));
        assert_eq!(parse(args("-h")), Ok(Command::Help));
        assert_eq!(parse(args("-V")), Ok(Command::Version));
    }

    #[test]
    fn usage_errors() {
        for (line, message) in [
            ("--document d", "--signature is required"),
            ("--signature s", "--document is required"),
            ("--signature", "--signature needs a value"),
            (
                "--signature s --document d --max-document-bytes lots",
                "whole number",
            ),
            (
                "--signature s --document d --max-document-bytes -1",
                "whole number",
            ),
            (
                "--signature s --document d --verbose",
                "unexpected argument \"--verbose\"",
            ),
            (
                "--signature s --document d extra",
                "unexpected argument \"extra\"",
            ),
            (
                "--json=yes --signature s --document d",
                "unexpected argument",
            ),
        ] {
            match parse(args(line)) {
                Err(error) => assert!(error.contains(message), "{line}: {error}"),
                Ok(command) => panic!("{line}: {command:?}"),
            }
        }
    }
}

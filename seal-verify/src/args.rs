//! The command line: a handful of flags, parsed by hand (a parser crate
//! would be most of the binary).

use std::ffi::OsString;
use std::path::PathBuf;

use infoplus_signature_verify::time::parse_rfc3339;
use infoplus_signature_verify::DEFAULT_MAX_DOCUMENT_BYTES;

pub const USAGE: &str = "\
Verify the seals of an InfoPlus Signature against its document, and the
PDF's own signatures (CMS/PAdES, SM2, certificates, trust, revisions).

Usage: seal-verify --document DOC.pdf [--signature SIG.json] [--trust ROOTS.pem]...
                   [--trust-own-certificates] [--at signing|now|RFC3339] [--json]
                   [--max-document-bytes N] [--seal-picture FILE] [--online]
                   [--signed-version N FILE]

Options:
  --document FILE           the PDF (the document at the Signature's `uri`)
  --signature FILE          the Signature JSON (InfoPlus envelope or bare; - for stdin);
                            without it only the PDF's own signatures are verified
  --trust FILE              a PEM bundle of trusted root certificates (repeatable);
                            no roots are built in: without --trust no signer is trusted
  --trust-own-certificates  also trust every certificate the document itself carries
                            (a diagnostic: checks that each signature holds and its
                            chain is sound at its signing time, whoever the CA is)
  --at WHEN                 when certificates are checked: `signing` (default: each
                            signature's signing time), `now`, or an RFC 3339 time
  --json                    print the report as JSON
  --max-document-bytes N    refuse larger documents (default 20971520, 20 MiB)
  --online                  also ask the certificates' OCSP responders and fetch their
                            CRLs (http, at most 16 requests, 5 s each, 30 s in all)
  --seal-picture FILE       write the picture of each electronic seal (GB/T 38540) the
                            PDF's signatures carry: the first to FILE, the n-th to
                            FILE with -n before its extension
  --signed-version N FILE   write the version of the PDF that its signature N (as
                            numbered in the report) signed: its revision, the file's
                            bytes up to the end of its /ByteRange, exactly
  -h, --help                print this help
  -V, --version             print the version

Exit status:
  0  everything verified is valid: every signed seal, and every signature in
     the PDF (at least one of them)
  1  something verified is not valid (invalid, indeterminate, malformed,
     unsupported, not a PDF, too large), or nothing was signed at all
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
    /// `None`: no Signature, the PDF's own signatures only; `Some(None)`:
    /// the Signature from standard input.
    pub signature: Option<Option<PathBuf>>,
    pub document: PathBuf,
    pub json: bool,
    pub max_document_bytes: u64,
    pub trust: Vec<PathBuf>,
    pub trust_own_certificates: bool,
    pub at: At,
    /// `--seal-picture`: where the seals' pictures go.
    pub seal_picture: Option<PathBuf>,
    /// `--online`: fetch revocation data (§6c).
    pub online: bool,
    /// `--signed-version N FILE`: signature N's signed version (1-based).
    pub signed_version: Option<(usize, PathBuf)>,
}

/// `--at`: when certificates are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    Signing,
    Now,
    /// Seconds since the epoch.
    Fixed(i64),
}

fn parse_at(text: &str) -> Result<At, String> {
    match text.trim() {
        "signing" => Ok(At::Signing),
        "now" => Ok(At::Now),
        other => parse_rfc3339(other).map(At::Fixed).ok_or_else(|| {
            format!("--at needs `signing`, `now` or an RFC 3339 time (2026-11-22T10:00:00+08:00), not {other:?}")
        }),
    }
}

/// Parse the arguments after the program name. `--flag value` and
/// `--flag=value` both work. The error is a message for stderr.
pub fn parse(arguments: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let mut signature = None;
    let mut document = None;
    let mut json = false;
    let mut trust = Vec::new();
    let mut trust_own_certificates = false;
    let mut at = At::Signing;
    let mut max_document_bytes = DEFAULT_MAX_DOCUMENT_BYTES;
    let mut seal_picture = None;
    let mut online = false;
    let mut signed_version = None;
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
            "--trust" => trust.push(PathBuf::from(value()?)),
            "--seal-picture" => seal_picture = Some(PathBuf::from(value()?)),
            "--online" if inline.is_none() => online = true,
            "--signed-version" if inline.is_none() => {
                let number = value()?;
                let n = number
                    .to_str()
                    .and_then(|n| n.trim().parse::<usize>().ok())
                    .filter(|n| *n > 0)
                    .ok_or_else(|| {
                        format!(
                            "--signed-version needs a signature number (1, 2, …), not {number:?}"
                        )
                    })?;
                let file = value().map_err(|_| "--signed-version needs N and a FILE".to_owned())?;
                signed_version = Some((n, PathBuf::from(file)));
            }
            "--trust-own-certificates" if inline.is_none() => trust_own_certificates = true,
            "--at" => {
                let when = value()?;
                at = parse_at(&when.to_string_lossy())?;
            }
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
        signature,
        document: document.ok_or("--document is required")?,
        json,
        max_document_bytes,
        trust,
        trust_own_certificates,
        at,
        seal_picture,
        online,
        signed_version,
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
            signature: Some(Some("s.json".into())),
            document: "d.pdf".into(),
            json: true,
            max_document_bytes: 10,
            trust: vec!["a.pem".into(), "b.pem".into()],
            trust_own_certificates: true,
            at: At::Fixed(1_795_341_600),
            seal_picture: Some("seal.png".into()),
            online: true,
            signed_version: Some((2, "rev.pdf".into())),
        });
        assert_eq!(
            parse(args(
                "--signature s.json --document d.pdf --json --max-document-bytes 10 --trust a.pem --trust b.pem --trust-own-certificates --at 2026-11-22T18:00:00+08:00 --seal-picture seal.png --online --signed-version 2 rev.pdf"
            )),
            Ok(want.clone())
        );
        assert_eq!(
            parse(args(
                "--json --max-document-bytes=10 --document=d.pdf --trust-own-certificates --signature=s.json --trust=a.pem --at=2026-11-22T10:00:00Z --trust b.pem --seal-picture=seal.png --signed-version 2 rev.pdf --online"
            )),
            Ok(want)
        );
    }

    #[test]
    fn defaults_and_stdin() {
        let Ok(Command::Verify(options)) = parse(args("--signature - --document d")) else {
            panic!("parses");
        };
        assert_eq!(options.signature, Some(None));
        assert!(!options.json);
        assert_eq!(options.max_document_bytes, 20 * 1024 * 1024);
        assert_eq!(options.at, At::Signing);
        assert!(options.trust.is_empty());
        assert!(!options.trust_own_certificates);
        assert_eq!(options.seal_picture, None);
        assert!(!options.online);
        let Ok(Command::Verify(options)) = parse(args("--document d --at now")) else {
            panic!("parses");
        };
        assert_eq!(options.signature, None);
        assert_eq!(options.at, At::Now);
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
            ("--signature s", "--document is required"),
            ("--document d --at yesterday", "--at needs"),
            ("--document d --trust", "--trust needs a value"),
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

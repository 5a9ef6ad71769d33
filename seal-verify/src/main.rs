//! `seal-verify`: verify the seals of an InfoPlus Signature against its
//! document, and the PDF's own signatures (§6a), with the same code the
//! browser control runs (`infoplus_signature_verify`). See
//! `seal-verify --help`.

mod args;
mod render;
mod render_pdf;
mod render_places;
mod render_revocation;
mod render_seal;
mod signed_version;

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use args::{At, Command, Options};
use infoplus_signature_core::verdict::PdfReport;
use infoplus_signature_core::verdict_pdf::DocumentVerdict;
use infoplus_signature_core::{parse_signature, SealVerdict, Signature, VerifyReport};
use infoplus_signature_verify::{report_without_document, verify_all, ValidationTime};

/// Every signed seal valid, and at least one signed.
const VERIFIED: u8 = 0;
/// Something did not verify, or nothing was signed.
const NOT_VERIFIED: u8 = 1;
/// Usage, I/O or unreadable Signature.
const TROUBLE: u8 = 2;

fn main() -> ExitCode {
    let command = match args::parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("seal-verify: {message}\n\n{}", args::USAGE);
            return ExitCode::from(TROUBLE);
        }
    };
    let options = match command {
        Command::Help => return print(args::USAGE),
        Command::Version => return print(&format!("seal-verify {}\n", env!("CARGO_PKG_VERSION"))),
        Command::Verify(options) => options,
    };
    match run(&options) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("seal-verify: {message}");
            ExitCode::from(TROUBLE)
        }
    }
}

fn print(text: &str) -> ExitCode {
    match io::stdout().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(TROUBLE),
    }
}

fn run(options: &Options) -> Result<u8, String> {
    let signature = match &options.signature {
        Some(path) => Some(read_signature(path.as_deref())?),
        None => None,
    };
    let mut verify_options = infoplus_signature_verify::Options {
        limit: options.max_document_bytes,
        roots_pem: read_trust(&options.trust)?,
        intermediates_pem: Vec::new(),
        trust_document_certificates: options.trust_own_certificates,
        at: validation_time(options.at)?,
        online: Default::default(),
    };
    let (report, document) = verify(
        signature.as_ref(),
        &options.document,
        &mut verify_options,
        options.online,
    )?;
    if let Some(path) = &options.seal_picture {
        for written in render_seal::write_pictures(report.pdf.as_ref(), path)? {
            eprintln!("seal picture written to {}", written.display());
        }
    }
    if let Some((n, path)) = &options.signed_version {
        let written = signed_version::write(report.pdf.as_ref(), document.as_deref(), *n, path)?;
        eprintln!("{written}");
    }
    let output = if options.json {
        serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n"
    } else {
        let mut lines = match &signature {
            Some(signature) => render::lines(signature, &report),
            None => Vec::new(),
        };
        lines.extend(render_pdf::lines(report.pdf.as_ref()));
        lines.into_iter().map(|line| line + "\n").collect()
    };
    io::stdout()
        .write_all(output.as_bytes())
        .map_err(|e| format!("cannot write the report: {e}"))?;
    Ok(exit_code(signature.is_some(), &report))
}

fn validation_time(at: At) -> Result<ValidationTime, String> {
    Ok(match at {
        At::Signing => ValidationTime::Signing,
        At::Fixed(seconds) => ValidationTime::At(seconds),
        At::Now => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_err(|_| "the system clock is before 1970".to_owned())?;
            ValidationTime::At(i64::try_from(now.as_secs()).unwrap_or(i64::MAX))
        }
    })
}

/// The `--trust` bundles' text, in order.
fn read_trust(paths: &[std::path::PathBuf]) -> Result<Vec<String>, String> {
    paths
        .iter()
        .map(|path| {
            std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))
        })
        .collect()
}

fn read_signature(path: Option<&Path>) -> Result<Signature, String> {
    let (name, bytes) = match path {
        None => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read the Signature from standard input: {e}"))?;
            ("standard input".to_owned(), bytes)
        }
        Some(path) => {
            let bytes =
                std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            (path.display().to_string(), bytes)
        }
    };
    parse_signature(&bytes).map_err(|e| format!("{name}: {e}"))
}

/// Verify against the document at `path`, reading no more of it than the
/// limit allows: a 4 GB file is refused from its size, not loaded.
fn verify(
    signature: Option<&Signature>,
    path: &Path,
    options: &mut infoplus_signature_verify::Options,
    online: bool,
) -> Result<(VerifyReport, Option<Vec<u8>>), String> {
    let limit = options.limit;
    let none = Signature::default();
    let signature = signature.unwrap_or(&none);
    let cannot = |e: io::Error| format!("cannot read {}: {e}", path.display());
    let file = File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    let too_large = |size| SealVerdict::TooLarge {
        limit,
        size: Some(size),
    };
    if size > limit {
        return Ok((report_without_document(signature, too_large(size)), None));
    }
    let mut document = Vec::new();
    // One byte past the limit is enough to see that it grew meanwhile.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut document)
        .map_err(cannot)?;
    if online {
        // The document's certificates ask their own responders; what
        // cannot be fetched is said, and the verification goes on.
        let fetched = infoplus_signature_verify::online::fetch_revocation(&document, options);
        for failure in &fetched.failures {
            eprintln!("--online: {failure}");
        }
        options.online = fetched.data;
    }
    let report = verify_all(signature, &document, options);
    Ok((report, Some(document)))
}

/// See `--help`: 0 only when something was verified and all of it held.
/// With a Signature, its signed seals count, and the PDF's own signatures
/// unless it has none; without, the PDF's signatures alone.
fn exit_code(with_signature: bool, report: &VerifyReport) -> u8 {
    let signed: Vec<&SealVerdict> = report
        .seals
        .iter()
        .map(|s| &s.verdict)
        .filter(|v| **v != SealVerdict::Unsigned)
        .collect();
    let seals_hold = signed.iter().all(|v| v.is_valid());
    let pdf = match &report.pdf {
        Some(PdfReport::Parsed { verdict, .. }) => *verdict,
        _ => None,
    };
    let ok = match (with_signature, pdf) {
        (true, Some(DocumentVerdict::Valid | DocumentVerdict::Unsigned) | None) => {
            !signed.is_empty() && seals_hold
        }
        (true, Some(_)) => false,
        (false, Some(DocumentVerdict::Valid)) => true,
        (false, _) => false,
    };
    if ok {
        VERIFIED
    } else {
        NOT_VERIFIED
    }
}

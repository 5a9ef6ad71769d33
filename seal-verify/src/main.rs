//! `seal-verify`: verify the seals of an InfoPlus Signature against its
//! document, with the same code the browser control runs
//! (`infoplus_signature_core::verify`). See `seal-verify --help`.

mod args;
mod render;

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use args::{Command, Options};
use infoplus_signature_core::verify::{report_without_document, verify_document};
use infoplus_signature_core::{parse_signature, SealVerdict, Signature, VerifyReport};

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
    let signature = read_signature(options.signature.as_deref())?;
    let report = verify(&signature, &options.document, options.max_document_bytes)?;
    let output = if options.json {
        serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n"
    } else {
        render::lines(&signature, &report)
            .into_iter()
            .map(|line| line + "\n")
            .collect()
    };
    io::stdout()
        .write_all(output.as_bytes())
        .map_err(|e| format!("cannot write the report: {e}"))?;
    Ok(exit_code(&report))
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
fn verify(signature: &Signature, path: &Path, limit: u64) -> Result<VerifyReport, String> {
    let cannot = |e: io::Error| format!("cannot read {}: {e}", path.display());
    let file = File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    let too_large = |size| SealVerdict::TooLarge {
        limit,
        size: Some(size),
    };
    if size > limit {
        return Ok(report_without_document(signature, too_large(size)));
    }
    let mut document = Vec::new();
    // One byte past the limit is enough to see that it grew meanwhile.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut document)
        .map_err(cannot)?;
    Ok(verify_document(signature, &document, limit))
}

/// See `--help`: 0 only when something was verified and all of it held.
fn exit_code(report: &VerifyReport) -> u8 {
    let signed: Vec<&SealVerdict> = report
        .seals
        .iter()
        .map(|s| &s.verdict)
        .filter(|v| **v != SealVerdict::Unsigned)
        .collect();
    if !signed.is_empty() && signed.iter().all(|v| v.is_valid()) {
        VERIFIED
    } else {
        NOT_VERIFIED
    }
}

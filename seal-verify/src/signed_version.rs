//! `--signed-version N FILE`: the version of the PDF its signature N
//! signed, written as it is — the first bytes of the document that was
//! verified, up to the end of the signature's `/ByteRange` (what the
//! control's "signed version" link gives too). Only for a signature that
//! signed a whole revision: a `/ByteRange` that stops elsewhere (or is
//! malformed) has no version of the document to show.

use std::path::Path;

use infoplus_signature_core::verdict::PdfReport;

/// Write it from `document` (the bytes verified); the sentence to print,
/// or why not.
pub fn write(
    pdf: Option<&PdfReport>,
    document: Option<&[u8]>,
    n: usize,
    out: &Path,
) -> Result<String, String> {
    let (Some(PdfReport::Parsed { signatures, .. }), Some(bytes)) = (pdf, document) else {
        return Err("--signed-version: the document's signatures could not be read".into());
    };
    let signature = signatures.get(n - 1).ok_or_else(|| {
        format!(
            "--signed-version {n}: the document has {} signature(s)",
            signatures.len()
        )
    })?;
    let (end, revision) = signature.signed_version().ok_or_else(|| {
        format!("--signed-version {n}: signature {n} did not sign a whole revision of the file")
    })?;
    let version = usize::try_from(end)
        .ok()
        .and_then(|end| bytes.get(..end))
        .ok_or_else(|| format!("--signed-version {n}: the file is shorter than its /ByteRange"))?;
    std::fs::write(out, version).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(format!(
        "signed version of signature {n} (revision {revision}, {end} bytes) written to {}",
        out.display()
    ))
}

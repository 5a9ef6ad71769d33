//! `--signed-version N FILE`: the version of the PDF its signature N
//! signed, written as it is — the file's first bytes up to the end of the
//! signature's `/ByteRange` (what the control's "signed version" link
//! gives too). Only for a signature that signed a whole revision: a
//! `/ByteRange` that stops elsewhere (or is malformed) has no version of
//! the document to show.

use std::path::Path;

use infoplus_signature_core::verdict::{PdfReport, PdfSignature};

/// Write it; the sentence to print, or why not.
pub fn write(
    pdf: Option<&PdfReport>,
    document: &Path,
    n: usize,
    out: &Path,
) -> Result<String, String> {
    let Some(PdfReport::Parsed { signatures, .. }) = pdf else {
        return Err("--signed-version: the document's signatures could not be read".into());
    };
    let signature = signatures.get(n - 1).ok_or_else(|| {
        format!(
            "--signed-version {n}: the document has {} signature(s)",
            signatures.len()
        )
    })?;
    let (end, revision) = signed_end(signature).ok_or_else(|| {
        format!("--signed-version {n}: signature {n} did not sign a whole revision of the file")
    })?;
    let bytes =
        std::fs::read(document).map_err(|e| format!("cannot read {}: {e}", document.display()))?;
    let version = bytes
        .get(..end)
        .ok_or_else(|| format!("--signed-version {n}: the file is shorter than its /ByteRange"))?;
    std::fs::write(out, version).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(format!(
        "signed version of signature {n} (revision {revision}, {end} bytes) written to {}",
        out.display()
    ))
}

/// The end of the signed bytes and the revision they make, for a signature
/// over a whole revision.
pub fn signed_end(signature: &PdfSignature) -> Option<(usize, u32)> {
    let revision = signature.revision?;
    let range = signature.byte_range.as_deref()?;
    if !signature.byte_range_well_formed {
        return None;
    }
    let [_, _, start, length] = range else {
        return None;
    };
    let end = start.checked_add(*length)?;
    Some((usize::try_from(end).ok()?, revision))
}

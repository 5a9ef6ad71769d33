//! An electronic seal (GB/T 38540, §6d) in words, under the signature that
//! carries it, and its picture written to a file on request.

use std::path::{Path, PathBuf};

use base64::Engine;
use infoplus_signature_core::verdict::PdfReport;
use infoplus_signature_core::verdict_pdf::{Identity, SealReport};

/// The lines about `seal`, indented like the signature's own.
pub fn lines(seal: &SealReport) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |label: &str, text: String| out.push(format!("  {label:<14} {text}"));
    let kind = match seal.kind {
        1 => "official seal".to_owned(),
        2 => "personal seal".to_owned(),
        other => format!("seal type {other}"),
    };
    let standard = if seal.version == 1 {
        "GM/T 0031-2014"
    } else {
        "GB/T 38540-2020"
    };
    add(
        "Seal:",
        format!("{} ({kind}, id {}), {standard}", seal.name, seal.id),
    );
    add(
        "Seal maker:",
        format!(
            "{} — {}",
            seal.maker.as_deref().unwrap_or("(certificate unreadable)"),
            if seal.maker_identity == Identity::Trusted {
                "trusted"
            } else {
                "NOT trusted"
            }
        ),
    );
    add(
        "Seal valid:",
        format!(
            "{} to {}; at signing: {}",
            seal.valid_from.as_deref().unwrap_or("?"),
            seal.valid_to.as_deref().unwrap_or("?"),
            yes_no(seal.valid_at_signing)
        ),
    );
    add(
        "Seal checks:",
        format!(
            "maker's signature {}; the signer {} allowed to use it",
            if seal.intact {
                "holds"
            } else {
                "does NOT hold"
            },
            if seal.signer_allowed { "is" } else { "is NOT" }
        ),
    );
    add(
        "Seal picture:",
        match &seal.image {
            Some(image) => format!(
                "{} (declared {:?}){}, {} bytes",
                image.mime,
                image.declared,
                match (image.width, image.height) {
                    (Some(w), Some(h)) => format!(", {w}×{h} mm"),
                    _ => String::new(),
                },
                base64::engine::general_purpose::STANDARD
                    .decode(&image.base64)
                    .map_or(0, |bytes| bytes.len())
            ),
            None => "none that can be shown".to_owned(),
        },
    );
    out
}

fn yes_no(yes: bool) -> &'static str {
    if yes {
        "yes"
    } else {
        "NO"
    }
}

/// Write every seal picture of `report`: the first to `path`, the n-th
/// to `path` with `-n` before its extension. Answers the files written.
pub fn write_pictures(report: Option<&PdfReport>, path: &Path) -> Result<Vec<PathBuf>, String> {
    let Some(PdfReport::Parsed { signatures, .. }) = report else {
        return Ok(Vec::new());
    };
    let images = signatures.iter().filter_map(|s| {
        let seal = s.check.as_ref()?.seal.as_ref()?;
        seal.image.as_ref()
    });
    let mut written = Vec::new();
    for (i, image) in images.enumerate() {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&image.base64)
            .map_err(|e| format!("a seal picture does not decode: {e}"))?;
        let target = numbered(path, i + 1);
        std::fs::write(&target, bytes)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        written.push(target);
    }
    Ok(written)
}

fn numbered(path: &Path, n: usize) -> PathBuf {
    if n == 1 {
        return path.to_path_buf();
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let name = match (stem, path.extension()) {
        (Some(stem), Some(ext)) => format!("{stem}-{n}.{}", ext.to_string_lossy()),
        (Some(stem), None) => format!("{stem}-{n}"),
        _ => format!("seal-{n}"),
    };
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_pictures_are_numbered_before_the_extension() {
        assert_eq!(
            numbered(Path::new("out/seal.png"), 1),
            Path::new("out/seal.png")
        );
        assert_eq!(
            numbered(Path::new("out/seal.png"), 3),
            Path::new("out/seal-3.png")
        );
        assert_eq!(numbered(Path::new("seal"), 2), Path::new("seal-2"));
    }
}

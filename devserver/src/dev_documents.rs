//! Dev-only documents (`--dev-faults`): store arbitrary bytes, or a large
//! padded copy of the exported form, as a Signature's document and seal it,
//! so the control's verify can be driven with hostile and huge inputs.
//!
//! - `POST /dev/document/{id}[?sign=false][&seal=SEAL_ID]`, body: the raw
//!   bytes (up to 64 MiB). The Signature `{id}` gets the demo structure (one
//!   seal for zhangsan), the bytes as its document, and seal 0 signed over
//!   exactly those bytes (unless `sign=false`).
//! - `POST /dev/large/{id}?mib=N[&seal=SEAL_ID]`: the leave form exported,
//!   then padded to about N MiB (1..=64) with an incremental update holding
//!   one unreferenced stream, so it is still a well-formed PDF; sealed.
//!
//! Both answer the stored Signature in the envelope.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, RawQuery, State};
use axum::routing::post;
use axum::{Json, Router};
use infoplus_signature_core::{Response as Envelope, Signature};

use crate::demo::seed;
use crate::domain::{documents, signatures};
use crate::engine::export::render_pdf;
use crate::error::ApiError;
use crate::http::SignatureIdPath;
use crate::ids::now_ms;
use crate::provider::stamp_raw::stamp_raw;
use crate::seals::user;
use crate::service::query_map;
use crate::state::AppState;

/// Largest body `/dev/document` takes, and largest `/dev/large` makes.
pub const MAX_MIB: usize = 64;
const MIB: usize = 1024 * 1024;
const DEFAULT_SEAL: &str = "seal-zhangsan-sm2";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/dev/document/{id}", post(document))
        .route("/dev/large/{id}", post(large))
        .layer(DefaultBodyLimit::max(MAX_MIB * MIB))
}

struct Options {
    sign: bool,
    seal: String,
}

fn options(raw: Option<&str>) -> Result<Options, ApiError> {
    let query = query_map(raw);
    let sign = match query.get("sign").map(String::as_str) {
        None | Some("true" | "1" | "") => true,
        Some("false" | "0") => false,
        Some(other) => {
            return Err(ApiError::BadRequest(format!(
                "sign={other:?}: use true or false"
            )))
        }
    };
    let seal = query
        .get("seal")
        .cloned()
        .unwrap_or_else(|| DEFAULT_SEAL.to_owned());
    Ok(Options { sign, seal })
}

/// `POST /dev/document/{id}`: the body becomes the document.
async fn document(
    State(state): State<AppState>,
    SignatureIdPath(id): SignatureIdPath,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Result<Json<Envelope<Signature>>, ApiError> {
    let options = options(raw.as_deref())?;
    store_document(&state, &id, &body, &options).map(|s| Json(Envelope::ok(s)))
}

/// `POST /dev/large/{id}?mib=N`: a padded export becomes the document.
async fn large(
    State(state): State<AppState>,
    SignatureIdPath(id): SignatureIdPath,
    RawQuery(raw): RawQuery,
) -> Result<Json<Envelope<Signature>>, ApiError> {
    let options = options(raw.as_deref())?;
    let mib = match query_map(raw.as_deref()).get("mib") {
        None => 20,
        Some(n) => n
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_MIB).contains(n))
            .ok_or_else(|| ApiError::BadRequest(format!("mib={n:?}: 1 to {MAX_MIB}")))?,
    };
    let structure = seed::structure(&id).map_err(|e| ApiError::Internal(e.to_string()))?;
    let form = crate::leave::load(state.store(), &id)?;
    let exported = render_pdf(&id, &form, &structure, now_ms(), state.font())?;
    let bytes = padded(exported, mib * MIB)
        .ok_or_else(|| ApiError::Internal("the exported PDF has no readable trailer".into()))?;
    store_document(&state, &id, &bytes, &options).map(|s| Json(Envelope::ok(s)))
}

fn store_document(
    state: &AppState,
    id: &str,
    bytes: &[u8],
    options: &Options,
) -> Result<Signature, ApiError> {
    let store = state.store();
    let structure = seed::structure(id).map_err(|e| ApiError::Internal(e.to_string()))?;
    let name = format!("dev-document-{id}.pdf");
    let signature = documents::attach(store, id, bytes, name, now_ms(), structure)?;
    let record = signatures::replace(store, id, &signature)?;
    if !options.sign {
        return Ok(record.signature);
    }
    let seal = store
        .seal(&options.seal)?
        .ok_or_else(|| ApiError::BadRequest(format!("no seal {:?}", options.seal)))?;
    let holder = seal
        .holders
        .first()
        .and_then(|h| user(h))
        .ok_or_else(|| ApiError::Internal(format!("seal {} has no known holder", seal.id)))?;
    let record = stamp_raw(store, id, 0, &seal, holder)
        .map_err(|e| ApiError::Internal(format!("sealing the document failed: {e}")))?;
    Ok(record.signature)
}

/// `pdf` grown to at least `target` bytes by an incremental update: one new
/// stream object (referenced from nowhere), a cross-reference section for
/// it, and a trailer pointing back (`/Prev`) at the original one. `None`
/// when the original's trailer cannot be read.
pub fn padded(mut pdf: Vec<u8>, target: usize) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(&pdf).into_owned();
    let prev: usize = after(&text, "startxref")?.parse().ok()?;
    let trailer = &text[text.rfind("trailer")?..];
    let size: usize = after(trailer, "/Size")?.parse().ok()?;
    let reference = |key: &str| -> Option<String> {
        let start = trailer.find(key)? + key.len();
        let rest = trailer[start..].trim_start();
        let end = rest.find('R')?;
        Some(format!("{key} {}R", &rest[..end]))
    };
    let root = reference("/Root")?;
    let info = reference("/Info").unwrap_or_default();

    let pad = target.saturating_sub(pdf.len()).max(1);
    if !pdf.ends_with(b"\n") {
        pdf.push(b'\n');
    }
    let object_at = pdf.len();
    pdf.extend_from_slice(format!("{size} 0 obj\n<< /Length {pad} >>\nstream\n").as_bytes());
    const LINE: &[u8] = b"% padding for the large-document test, not content\n";
    pdf.extend(LINE.iter().copied().cycle().take(pad));
    pdf.extend_from_slice(b"\nendstream\nendobj\n");
    let xref_at = pdf.len();
    pdf.extend_from_slice(
        format!(
            "xref\n{size} 1\n{object_at:010} 00000 n\r\ntrailer\n<< /Size {} {root} {info} /Prev {prev} >>\nstartxref\n{xref_at}\n%%EOF\n",
            size + 1
        )
        .as_bytes(),
    );
    Some(pdf)
}

/// The first whitespace-separated token after the last `key`.
fn after<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let start = text.rfind(key)? + key.len();
    text[start..].split_whitespace().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_appends_an_update_that_points_back() {
        let original = crate::pdf::export::render(
            "x",
            &crate::leave::LeaveForm::sample(),
            &seed::structure("x").unwrap(),
            0,
            &crate::pdf::load_font().unwrap(),
        )
        .unwrap();
        let old_xref = after(&String::from_utf8_lossy(&original), "startxref")
            .unwrap()
            .to_owned();
        let grown = padded(original.clone(), 100_000).unwrap();
        assert!(grown.len() >= 100_000);
        assert!(grown.starts_with(&original));
        let text = String::from_utf8_lossy(&grown);
        assert!(text.ends_with("%%EOF\n"));
        assert!(text.contains(&format!("/Prev {old_xref}")));
        assert!(text.contains("/Root 1 0 R"));
        // The new startxref points at the new section.
        let xref_at: usize = after(&text, "startxref").unwrap().parse().unwrap();
        assert!(grown[xref_at..].starts_with(b"xref\n"));
    }
}

//! A signature as one incremental update (ISO 32000 12.8, PAdES): a new
//! signature field merged with its widget on the seal's page, the visible
//! seal as the widget's appearance, and the signature dictionary whose
//! `/Contents` is a zero-filled gap. The caller signs
//! [`Prepared::signed_parts`] and puts the CMS in with [`Prepared::finish`].
//!
//! The previous bytes stay as they are (they are a prefix of the result),
//! so an earlier signature's `/ByteRange` still ends at its revision's end
//! and the only changes after it are those of signing: the new field and
//! widget, the page's `/Annots`, the AcroForm's `/Fields`, the appearance.

use lopdf::{Dictionary, Object};
use pdf_writer::Chunk;
use time::OffsetDateTime;

use super::appearance::{self, SealAppearance};
use super::font::{CjkFont, FontRefs};
use super::placement::Placement;
use super::previous::Previous;
use super::revision::{Revision, TrailerCarry};
use super::signing_changes::{add_annotation, AcroForm};
use super::PdfWriteError;

/// Bytes of DER the `/Contents` gap holds (written as twice as many hex
/// digits): room for a CMS with a certificate chain and a timestamp token.
pub const CONTENTS_CAPACITY: usize = 32 * 1024;

/// Width reserved between `/ByteRange [` and `]`: four numbers of up to 15
/// digits, padded with spaces once the real values are known.
const BYTE_RANGE_WIDTH: usize = 64;

/// What `/Contents` will hold, which the dictionary's `/Filter` and
/// `/SubFilter` name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentsFormat {
    /// A CMS SignedData, PAdES baseline (`ETSI.CAdES.detached`).
    Cades,
    /// A GB/T 38540 `SES_Signature`. No standard names it in PDF; the
    /// names are ours (readers sniff the content, as ours does).
    Ses,
    /// An RFC 3161 document timestamp (PAdES B-LTA), in an invisible
    /// field.
    DocTimestamp,
}

impl ContentsFormat {
    fn names(self) -> &'static str {
        match self {
            ContentsFormat::Cades => "/Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached",
            ContentsFormat::Ses => "/Filter /GBT.38540 /SubFilter /SES.detached",
            ContentsFormat::DocTimestamp => "/Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161",
        }
    }

    fn dictionary_type(self) -> &'static str {
        match self {
            ContentsFormat::DocTimestamp => "/Type /DocTimeStamp ",
            _ => "/Type /Sig ",
        }
    }
}

/// What the signature dictionary says about the signing.
#[derive(Debug, Clone)]
pub struct SignatureFields {
    pub format: ContentsFormat,
    /// The field's partial name (`/T`), unique among the document's fields.
    pub field_name: String,
    pub signer_name: String,
    pub reason: String,
    pub location: String,
    pub time: OffsetDateTime,
}

/// The document with its signature gap, ready to be signed.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub bytes: Vec<u8>,
    /// `[0, a, b, c]`: the signed bytes are `0..a` and `b..b + c`; `a..b`
    /// is `<…>`, the hex string of `/Contents`.
    pub byte_range: [usize; 4],
}

impl Prepared {
    /// The two byte ranges a signature covers.
    pub fn signed_parts(&self) -> [&[u8]; 2] {
        let [_, a, b, c] = self.byte_range;
        [
            self.bytes.get(..a).unwrap_or_default(),
            self.bytes.get(b..b.saturating_add(c)).unwrap_or_default(),
        ]
    }

    /// The finished document: `cms_der` in hex in the gap, the rest of the
    /// gap left as zeros (which DER readers ignore after the end).
    pub fn finish(mut self, cms_der: &[u8]) -> Result<Vec<u8>, PdfWriteError> {
        if cms_der.len() > CONTENTS_CAPACITY {
            return Err(PdfWriteError::SignatureTooLarge {
                need: cms_der.len(),
                capacity: CONTENTS_CAPACITY,
            });
        }
        let hex = hex::encode(cms_der);
        let start = self.byte_range[1] + 1;
        let slot = self
            .bytes
            .get_mut(start..start + hex.len())
            .ok_or_else(|| PdfWriteError::Malformed("the signature gap is missing".into()))?;
        slot.copy_from_slice(hex.as_bytes());
        Ok(self.bytes)
    }
}

/// Appends one signature revision to `previous` (see the module comment).
/// `font` draws the seal's name.
pub fn prepare_signature(
    previous: &[u8],
    placement: &Placement,
    appearance: &SealAppearance,
    fields: &SignatureFields,
    font: &CjkFont,
) -> Result<Prepared, PdfWriteError> {
    let prev = Previous::load(previous)?;
    let page_id = prev.page_id(placement.page)?;
    let catalog_id = prev.catalog_id()?;
    let form = AcroForm::read(&prev)?;
    if form.names.iter().any(|n| n == &fields.field_name) {
        return Err(PdfWriteError::DuplicateField(fields.field_name.clone()));
    }

    let mut rev = Revision::new(previous, prev.next_id(), 2 * CONTENTS_CAPACITY + 64 * 1024);
    let timestamp = fields.format == ContentsFormat::DocTimestamp;
    let widget = rev.alloc();
    let sig = rev.alloc();
    // A document timestamp has no appearance: no objects for one.
    let (ap, font_first) = if timestamp {
        (widget, widget)
    } else {
        (rev.alloc(), rev.alloc_many(FontRefs::COUNT))
    };
    let widget_ref = Object::Reference((widget.get().unsigned_abs(), 0));

    // The signature dictionary, by hand: its two gaps are patched later.
    let (dict, range_at, contents_at) = signature_dictionary(fields);
    let body_at = rev.push_raw((sig.get().unsigned_abs(), 0), &dict);
    let range_at = body_at + range_at;
    let contents_at = body_at + contents_at;

    let [x1, y1, x2, y2] = placement.rect;
    // The merged field and widget, with lopdf: `/P` must keep the page's
    // generation number, which pdf-writer's references cannot express.
    let reference = |r: pdf_writer::Ref| Object::Reference((r.get().unsigned_abs(), 0));
    let mut merged = Dictionary::new();
    merged.set("Type", Object::Name(b"Annot".to_vec()));
    merged.set("Subtype", Object::Name(b"Widget".to_vec()));
    merged.set("FT", Object::Name(b"Sig".to_vec()));
    merged.set("T", lopdf::text_string(&fields.field_name));
    merged.set("V", reference(sig));
    merged.set(
        "Rect",
        Object::Array([x1, y1, x2, y2].map(Object::Real).to_vec()),
    );
    merged.set("P", Object::Reference(page_id));
    // Print (bit 3), so the seal is on paper too; a document timestamp
    // shows nothing (its Rect is empty).
    merged.set("F", Object::Integer(if timestamp { 2 } else { 4 }));
    if !timestamp {
        let mut normal = Dictionary::new();
        normal.set("N", reference(ap));
        merged.set("AP", Object::Dictionary(normal));
    }
    rev.push_lopdf(
        (widget.get().unsigned_abs(), 0),
        &Object::Dictionary(merged),
    )?;

    if !timestamp {
        let mut chunk = Chunk::new();
        appearance::write(
            &mut chunk,
            ap,
            font_first,
            x2 - x1,
            y2 - y1,
            appearance,
            font,
        )?;
        rev.push_chunk(&chunk);
    }

    add_annotation(&prev, &mut rev, page_id, widget_ref.clone())?;
    form.add_field(&prev, &mut rev, catalog_id, widget_ref)?;

    let carry = TrailerCarry::of(&prev, catalog_id);
    let mut bytes = rev.finish(&carry, prev.xref_stream)?;

    let gap_end = contents_at + 2 + 2 * CONTENTS_CAPACITY;
    let byte_range = [0, contents_at, gap_end, bytes.len().saturating_sub(gap_end)];
    let text = format!("0 {} {} {}", byte_range[1], byte_range[2], byte_range[3]);
    let slot = bytes
        .get_mut(range_at..range_at + BYTE_RANGE_WIDTH)
        .ok_or_else(|| PdfWriteError::Malformed("the byte range slot is missing".into()))?;
    slot.copy_from_slice(format!("{text:<BYTE_RANGE_WIDTH$}").as_bytes());
    Ok(Prepared { bytes, byte_range })
}

/// The signature dictionary's text, the offset of its `/ByteRange` slot and
/// the offset of the `<` of `/Contents`.
fn signature_dictionary(fields: &SignatureFields) -> (Vec<u8>, usize, usize) {
    let mut d = Vec::with_capacity(2 * CONTENTS_CAPACITY + 512);
    d.extend_from_slice(b"<< ");
    d.extend_from_slice(fields.format.dictionary_type().as_bytes());
    d.extend_from_slice(fields.format.names().as_bytes());
    d.extend_from_slice(b"\n/ByteRange [");
    let range_at = d.len();
    d.extend_from_slice(format!("{:<BYTE_RANGE_WIDTH$}", "0 0 0 0").as_bytes());
    d.extend_from_slice(b"]\n/Contents ");
    let contents_at = d.len();
    d.push(b'<');
    d.resize(d.len() + 2 * CONTENTS_CAPACITY, b'0');
    d.extend_from_slice(b">\n/M ");
    d.extend_from_slice(pdf_date(fields.time).as_bytes());
    for (key, value) in [
        ("Name", &fields.signer_name),
        ("Reason", &fields.reason),
        ("Location", &fields.location),
    ] {
        d.extend_from_slice(format!("\n/{key} {}", text_string(value)).as_bytes());
    }
    d.extend_from_slice(b"\n>>");
    (d, range_at, contents_at)
}

/// `(D:YYYYMMDDHHmmSS+HH'mm')` in the time's own offset.
pub(crate) fn pdf_date(t: OffsetDateTime) -> String {
    let offset = t.offset();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!(
        "(D:{:04}{:02}{:02}{:02}{:02}{:02}{sign}{:02}'{:02}')",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        offset.whole_hours().unsigned_abs(),
        offset.minutes_past_hour().unsigned_abs(),
    )
}

/// A PDF text string as UTF-16BE hex with a byte-order mark (always valid,
/// whatever the characters).
fn text_string(value: &str) -> String {
    let mut s = String::from("<FEFF");
    for unit in value.encode_utf16() {
        s.push_str(&format!("{unit:04X}"));
    }
    s.push('>');
    s
}

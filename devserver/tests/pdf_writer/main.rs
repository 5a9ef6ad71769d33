//! The provider's PDF writing (`devserver::pdf`), checked from outside:
//! poppler (`pdftotext`, `pdftoppm`) reads the text and draws the page,
//! lopdf re-reads every revision, and pyHanko (in `.venv`, see
//! `pyhanko_validates_both_signatures`) validates real CMS signatures made
//! with OpenSSL over `signed_parts`.

use std::path::{Path, PathBuf};
use std::process::Command;

mod exported;
mod pyhanko;
mod revisions;

use devserver::leave::LeaveForm;
use devserver::pdf::{
    export, find_placement, load_font, prepare_signature, CjkFont, ContentsFormat, Placement,
    Prepared, SealAppearance, SignatureFields,
};
use time::macros::datetime;

pub fn font() -> CjkFont {
    load_font().expect("fonts-wqy-zenhei is installed")
}

pub const STRUCTURE: &str = r#"{"seals":[
    {"x":72,"y":520,"placeHolder":"申请人签章","signer":{"account":"zhangsan","name":"张三"}},
    {"x":300,"y":520,"placeHolder":"审批人签章","signer":{"account":"lisi","name":"李四"}}
]}"#;

pub fn exported(font: &CjkFont) -> Vec<u8> {
    let signature = infoplus_signature_core::signature_from_str(STRUCTURE).unwrap();
    export::render(
        "doc-1",
        &LeaveForm::sample(),
        &signature,
        1_764_547_200_000,
        font,
    )
    .unwrap()
}

pub fn fields(name: &str, signer: &str) -> SignatureFields {
    SignatureFields {
        format: ContentsFormat::Cades,
        field_name: name.to_owned(),
        signer_name: signer.to_owned(),
        reason: "同意 / approved".to_owned(),
        location: "上海".to_owned(),
        time: datetime!(2026-12-01 10:00:00 +08:00),
    }
}

/// A person's seal ("…之印"), or an organisation's ("…专用章") for a long
/// name.
pub fn seal(name: &str) -> SealAppearance {
    let kind = if name.chars().count() > 4 {
        "专用章"
    } else {
        "之印"
    };
    SealAppearance {
        name: name.to_owned(),
        kind_label: Some(kind.to_owned()),
    }
}

/// A scratch directory under `target/` that the test keeps for looking at.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/artifacts/pdf_writer")
        .join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("{cmd:?} could not start ({e}); apt-get install -y poppler-utils openssl")
    });
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn placement_of(doc: &[u8], index: usize, placeholder: &str) -> Placement {
    find_placement(doc, index, Some(placeholder), None, None).unwrap()
}

/// One signature revision over `doc` with a DER-shaped fake CMS.
pub fn sign_fake(
    doc: &[u8],
    index: usize,
    placeholder: &str,
    name: &str,
    font: &CjkFont,
) -> (Prepared, Vec<u8>) {
    let placement = placement_of(doc, index, placeholder);
    let prepared = prepare_signature(
        doc,
        &placement,
        &seal(name),
        &fields(&format!("Seal{index}"), name),
        font,
    )
    .unwrap();
    let mut cms = vec![0x30, 0x82, 0x01, 0xfc];
    cms.extend((0..508u32).map(|i| (i * 37 % 251) as u8));
    let done = prepared.clone().finish(&cms).unwrap();
    (prepared, done)
}

/// A one-page document whose only cross-reference section is a stream.
pub fn xref_stream_document() -> Vec<u8> {
    use pdf_writer::{Pdf, Rect, Ref};
    let mut pdf = Pdf::new();
    pdf.catalog(Ref::new(1)).pages(Ref::new(2));
    pdf.pages(Ref::new(2)).kids([Ref::new(3)]).count(1);
    pdf.page(Ref::new(3))
        .parent(Ref::new(2))
        .media_box(Rect::new(0.0, 0.0, 595.0, 842.0));
    pdf.finish_with_xref_stream(Ref::new(4))
}

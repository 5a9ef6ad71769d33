//! The provider's PDF writing (`devserver::pdf`), checked from outside:
//! poppler (`pdftotext`, `pdftoppm`) reads the text and draws the page,
//! lopdf re-reads every revision, and pyHanko (in `.venv`, see
//! `pyhanko_validates_both_signatures`) validates real CMS signatures made
//! with OpenSSL over `signed_parts`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use devserver::leave::LeaveForm;
use devserver::pdf::{
    export, find_placement, load_font, prepare_signature, CjkFont, Placement, Prepared,
    SealAppearance, SignatureFields, CONTENTS_CAPACITY,
};
use time::macros::datetime;

fn font() -> CjkFont {
    load_font().expect("fonts-wqy-zenhei is installed")
}

const STRUCTURE: &str = r#"{"seals":[
    {"x":72,"y":520,"placeHolder":"申请人签章","signer":{"account":"zhangsan","name":"张三"}},
    {"x":300,"y":520,"placeHolder":"审批人签章","signer":{"account":"lisi","name":"李四"}}
]}"#;

fn exported(font: &CjkFont) -> Vec<u8> {
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

fn fields(name: &str, signer: &str) -> SignatureFields {
    SignatureFields {
        field_name: name.to_owned(),
        signer_name: signer.to_owned(),
        reason: "同意 / approved".to_owned(),
        location: "上海".to_owned(),
        time: datetime!(2026-12-01 10:00:00 +08:00),
    }
}

/// A person's seal ("…之印"), or an organisation's ("…专用章") for a long
/// name.
fn seal(name: &str) -> SealAppearance {
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
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/artifacts/pdf_writer")
        .join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(cmd: &mut Command) -> String {
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

fn placement_of(doc: &[u8], index: usize, placeholder: &str) -> Placement {
    find_placement(doc, index, Some(placeholder), None, None).unwrap()
}

/// One signature revision over `doc` with a DER-shaped fake CMS.
fn sign_fake(
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

#[test]
fn export_carries_the_chinese_text() {
    let font = font();
    let pdf = exported(&font);
    let dir = scratch("export");
    let file = dir.join("export.pdf");
    std::fs::write(&file, &pdf).unwrap();
    let text = run(Command::new("pdftotext").arg(&file).arg("-"));
    for expected in [
        "请假申请",
        "Leave Application",
        "张三",
        "人事处",
        "回老家探亲",
        "申请人签章",
        "审批人签章",
    ] {
        assert!(
            text.contains(expected),
            "pdftotext lacks {expected:?}:\n{text}"
        );
    }
    let fonts = run(Command::new("pdffonts").arg(&file));
    assert!(fonts.contains("CID TrueType"), "{fonts}");
    assert!(fonts.contains("Identity-H"), "{fonts}");
}

#[test]
fn placement_finds_the_recorded_box_then_xy_then_a_default() {
    let font = font();
    let pdf = exported(&font);
    // The square of seal 1, under an 18 pt text strip at x=300, y=520
    // from the top-left of A4.
    let by_text = placement_of(&pdf, 1, "审批人签章");
    assert_eq!(
        by_text,
        Placement {
            page: 0,
            rect: [300.0, 194.0, 410.0, 304.0]
        }
    );
    // Unknown text: x/y (points from the top-left).
    let by_xy = find_placement(&pdf, 0, Some("无此文字"), Some(100.0), Some(42.0)).unwrap();
    assert_eq!(by_xy.rect, [100.0, 690.0, 210.0, 800.0]);
    // No text, no x/y: the box the export drew for this seal.
    let own = find_placement(&pdf, 0, None, None, None).unwrap();
    assert_eq!(own.rect, [72.0, 194.0, 182.0, 304.0]);
    // A document without a record: bottom-right of the last page.
    let mut other = pdf_writer::Pdf::new();
    other
        .catalog(pdf_writer::Ref::new(1))
        .pages(pdf_writer::Ref::new(2));
    other
        .pages(pdf_writer::Ref::new(2))
        .kids([pdf_writer::Ref::new(3)])
        .count(1);
    other
        .page(pdf_writer::Ref::new(3))
        .parent(pdf_writer::Ref::new(2))
        .media_box(pdf_writer::Rect::new(0.0, 0.0, 612.0, 792.0));
    let fallback = find_placement(&other.finish(), 3, None, None, None).unwrap();
    assert_eq!(
        fallback,
        Placement {
            page: 0,
            rect: [454.0, 48.0, 564.0, 158.0]
        }
    );
}

#[test]
fn prepared_revision_keeps_the_previous_bytes_and_leaves_one_gap() {
    let font = font();
    let pdf = exported(&font);
    let (prepared, done) = sign_fake(&pdf, 0, "申请人签章", "张三", &font);
    let [zero, a, b, c] = prepared.byte_range;
    assert_eq!(zero, 0);
    assert!(done.starts_with(&pdf), "the previous bytes are a prefix");
    assert_eq!(b + c, done.len(), "the second range runs to the end");
    assert_eq!(b - a, 2 * CONTENTS_CAPACITY + 2);
    let gap = &done[a..b];
    assert_eq!(gap[0], b'<');
    assert_eq!(gap[gap.len() - 1], b'>');
    assert!(gap[1..9].eq_ignore_ascii_case(b"308201fc"));
    assert!(gap[1 + 512 * 2..gap.len() - 1].iter().all(|&d| d == b'0'));
    let [first, second] = prepared.signed_parts();
    assert_eq!(first, &done[..a]);
    assert_eq!(second, &done[b..]);
    let range = format!("/ByteRange [0 {a} {b} {c}");
    assert!(String::from_utf8_lossy(&done).contains(&range), "{range}");

    // lopdf re-reads it: the field, its widget on page 1, the form flags.
    let doc = lopdf::Document::load_mem(&done).unwrap();
    let acro = doc
        .catalog()
        .unwrap()
        .get(b"AcroForm")
        .unwrap()
        .as_reference()
        .unwrap();
    let acro = doc.get_dictionary(acro).unwrap();
    assert_eq!(acro.get(b"SigFlags").unwrap().as_i64().unwrap(), 3);
    let fields = acro.get(b"Fields").unwrap().as_array().unwrap();
    assert_eq!(fields.len(), 1);
    let field = doc
        .get_dictionary(fields[0].as_reference().unwrap())
        .unwrap();
    assert_eq!(field.get(b"FT").unwrap().as_name().unwrap(), b"Sig");
    assert_eq!(field.get(b"Subtype").unwrap().as_name().unwrap(), b"Widget");
    let page = doc.page_iter().next().unwrap();
    let annots = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"Annots")
        .unwrap()
        .as_array()
        .unwrap();
    assert_eq!(annots, &vec![fields[0].clone()]);

    // Too large a CMS is refused, not truncated.
    assert!(prepared.finish(&vec![0u8; CONTENTS_CAPACITY + 1]).is_err());
}

#[test]
fn a_second_seal_is_a_second_revision() {
    let font = font();
    let pdf = exported(&font);
    let (_, once) = sign_fake(&pdf, 0, "申请人签章", "张三", &font);
    let (second, twice) = sign_fake(&once, 1, "审批人签章", "李四", &font);
    assert!(twice.starts_with(&once));
    assert_eq!(second.byte_range[2] + second.byte_range[3], twice.len());
    // (`%%EOF` also ends every ToUnicode CMap, so count the sections.)
    let sections = twice.windows(11).filter(|w| w == b"\nstartxref\n").count();
    assert_eq!(sections, 3, "export + two signature revisions");
    let doc = lopdf::Document::load_mem(&twice).unwrap();
    let acro = doc
        .catalog()
        .unwrap()
        .get(b"AcroForm")
        .unwrap()
        .as_reference()
        .unwrap();
    let listed = doc
        .get_dictionary(acro)
        .unwrap()
        .get(b"Fields")
        .unwrap()
        .as_array()
        .unwrap();
    assert_eq!(listed.len(), 2);
    // The same name again is refused.
    let placement = placement_of(&twice, 1, "审批人签章");
    let again = prepare_signature(
        &twice,
        &placement,
        &seal("李四"),
        &fields("Seal1", "李四"),
        &font,
    );
    assert!(matches!(
        again,
        Err(devserver::pdf::PdfWriteError::DuplicateField(_))
    ));
}

#[test]
fn an_xref_stream_document_gets_an_xref_stream_revision() {
    let font = font();
    let mut pdf = pdf_writer::Pdf::new();
    pdf.catalog(pdf_writer::Ref::new(1))
        .pages(pdf_writer::Ref::new(2));
    pdf.pages(pdf_writer::Ref::new(2))
        .kids([pdf_writer::Ref::new(3)])
        .count(1);
    pdf.page(pdf_writer::Ref::new(3))
        .parent(pdf_writer::Ref::new(2))
        .media_box(pdf_writer::Rect::new(0.0, 0.0, 595.0, 842.0));
    let original = pdf.finish_with_xref_stream(pdf_writer::Ref::new(4));
    let placement = find_placement(&original, 0, None, Some(72.0), Some(72.0)).unwrap();
    let prepared = prepare_signature(
        &original,
        &placement,
        &seal("张三"),
        &fields("Seal0", "张三"),
        &font,
    )
    .unwrap();
    let done = prepared.finish(&[0x30, 0x03, 0x02, 0x01, 0x01]).unwrap();
    assert!(done.starts_with(&original));
    let tail = String::from_utf8_lossy(&done[original.len()..]).into_owned();
    assert!(
        tail.contains("/Type /XRef") || tail.contains("/Type/XRef"),
        "{tail:.200}"
    );
    assert!(!tail.contains("\ntrailer"));
    let doc = lopdf::Document::load_mem(&done).unwrap();
    assert!(doc.xref_recovery.is_none());
    assert!(doc.catalog().unwrap().has(b"AcroForm"));
}

/// Stamping a 20 MiB document: the figure is printed (`--nocapture`).
#[test]
#[ignore = "timing; run with --ignored --nocapture (use --release for real figures)"]
fn stamping_twenty_mib_is_fast() {
    let font = font();
    let pdf = grow(exported(&font), 20 * 1024 * 1024);
    let start = Instant::now();
    let placement = placement_of(&pdf, 0, "申请人签章");
    let found = start.elapsed();
    let prepared = prepare_signature(
        &pdf,
        &placement,
        &seal("张三"),
        &fields("Seal0", "张三"),
        &font,
    )
    .unwrap();
    let done = prepared.finish(&[0x30, 0x00]).unwrap();
    let total = start.elapsed();
    println!("20 MiB: placement {found:?}, placement + prepare + finish {total:?}");
    assert!(done.len() > pdf.len());
    assert!(total.as_secs_f64() < 1.0, "took {total:?}");
}

/// `pdf` with an incremental update holding one large unreferenced stream,
/// like `/dev/large` makes.
fn grow(mut pdf: Vec<u8>, target: usize) -> Vec<u8> {
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let size = doc.trailer.get(b"Size").unwrap().as_i64().unwrap();
    let prev = doc.xref_start;
    let pad = target - pdf.len();
    let at = pdf.len();
    pdf.extend_from_slice(format!("{size} 0 obj\n<< /Length {pad} >>\nstream\n").as_bytes());
    pdf.extend(b"% padding\n".iter().copied().cycle().take(pad));
    pdf.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!(
            "xref\n{size} 1\n{at:010} 00000 n\r\ntrailer\n<< /Size {} /Root 1 0 R /Info 5 0 R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n",
            size + 1
        )
        .as_bytes(),
    );
    pdf
}

/// The page with both seals, drawn by poppler, kept as
/// `target/artifacts/sealed-page.png` for looking at.
#[test]
fn sealed_page_screenshot() {
    let font = font();
    let pdf = exported(&font);
    let (_, once) = sign_fake(&pdf, 0, "申请人签章", "张三", &font);
    let (_, twice) = sign_fake(&once, 1, "审批人签章", "信息大学人事处", &font);
    let dir = scratch("screenshot");
    let file = dir.join("sealed.pdf");
    std::fs::write(&file, &twice).unwrap();
    run(Command::new("pdftoppm")
        .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&file)
        .arg(dir.join("sealed-page")));
    let png = std::fs::read(dir.join("sealed-page.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    std::fs::write(dir.join("../../sealed-page.png"), &png).unwrap();
    // The seal's name comes back as text from the appearance too.
    let text = run(Command::new("pdftotext").arg(&file).arg("-"));
    assert!(text.contains("张三之印"), "{text}");
    assert!(text.contains("专用章"), "{text}");
}

/// The workspace's `.venv` with pyHanko 0.38.0
/// (`python3 -m venv .venv && .venv/bin/pip install pyhanko==0.38.0`).
fn pyhanko_python() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../.venv/bin/python")
}

/// A CMS over `prepared`'s signed bytes made by OpenSSL with a throwaway
/// RSA key (`key.pem`, `cert.pem` in `dir`).
fn openssl_cms(prepared: &Prepared, dir: &Path, round: usize) -> Vec<u8> {
    let tbs = dir.join(format!("tbs{round}.bin"));
    let [a, b] = prepared.signed_parts();
    std::fs::write(&tbs, [a, b].concat()).unwrap();
    let der = dir.join(format!("cms{round}.der"));
    run(Command::new("openssl")
        .args([
            "cms", "-sign", "-binary", "-cades", "-md", "sha256", "-outform", "DER",
        ])
        .arg("-in")
        .arg(&tbs)
        .arg("-signer")
        .arg(dir.join("cert.pem"))
        .arg("-inkey")
        .arg(dir.join("key.pem"))
        .arg("-out")
        .arg(&der));
    std::fs::read(der).unwrap()
}

const VALIDATE_PY: &str = r#"
import json, sys
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.keys import load_cert_from_pemder
from pyhanko_certvalidator import ValidationContext

path, cert = sys.argv[1], sys.argv[2]
with open(path, 'rb') as f:
    reader = PdfFileReader(f, strict=False)
    vc = ValidationContext(trust_roots=[load_cert_from_pemder(cert)])
    for sig in reader.embedded_signatures:
        st = validate_pdf_signature(sig, vc)
        level = getattr(st, 'modification_level', None)
        print(json.dumps({
            'field': sig.field_name,
            'byte_range': [int(x) for x in sig.sig_object['/ByteRange']],
            'intact': st.intact,
            'valid': st.valid,
            'trusted': st.trusted,
            'coverage': st.coverage.name,
            'modification': level.name if level is not None else None,
            'docmdp_ok': st.docmdp_ok,
        }))
"#;

/// pyHanko reads both signature revisions made with real CMS signatures:
/// both intact and valid, the last covering the entire file, the first its
/// revision with only form filling after it.
#[test]
#[ignore = "needs pyHanko in .venv; run with --ignored"]
fn pyhanko_validates_both_signatures() {
    let python = pyhanko_python();
    assert!(
        python.exists(),
        "no {python:?}: python3 -m venv .venv && .venv/bin/pip install pyhanko==0.38.0"
    );
    let font = font();
    let dir = scratch("pyhanko");
    run(Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-sha256",
        ])
        .args([
            "-subj",
            "/CN=InfoPlus Test Signer/O=infoplus-signature tests",
        ])
        .args([
            "-addext",
            "keyUsage=critical,digitalSignature,nonRepudiation",
        ])
        .arg("-keyout")
        .arg(dir.join("key.pem"))
        .arg("-out")
        .arg(dir.join("cert.pem")));
    let pdf = exported(&font);
    let mut doc = pdf.clone();
    let mut ranges = Vec::new();
    for (round, (placeholder, name)) in [("申请人签章", "张三"), ("审批人签章", "李四")]
        .into_iter()
        .enumerate()
    {
        let placement = placement_of(&doc, round, placeholder);
        let prepared = prepare_signature(
            &doc,
            &placement,
            &seal(name),
            &fields(&format!("Seal{round}"), name),
            &font,
        )
        .unwrap();
        let cms = openssl_cms(&prepared, &dir, round);
        ranges.push(prepared.byte_range);
        doc = prepared.finish(&cms).unwrap();
    }
    let file = dir.join("signed.pdf");
    std::fs::write(&file, &doc).unwrap();
    let out = run(Command::new(&python)
        .arg("-c")
        .arg(VALIDATE_PY)
        .arg(&file)
        .arg(dir.join("cert.pem")));
    let reports: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reports.len(), 2, "{out}");
    for (report, (name, range)) in reports
        .iter()
        .zip([("Seal0", ranges[0]), ("Seal1", ranges[1])])
    {
        assert_eq!(report["field"], name, "{out}");
        assert_eq!(report["byte_range"], serde_json::json!(range), "{out}");
        assert_eq!(report["intact"], true, "{out}");
        assert_eq!(report["valid"], true, "{out}");
        assert_eq!(report["trusted"], true, "{out}");
    }
    assert_eq!(reports[0]["coverage"], "ENTIRE_REVISION", "{out}");
    assert_eq!(reports[1]["coverage"], "ENTIRE_FILE", "{out}");
    let level = reports[0]["modification"].as_str().unwrap_or("");
    assert!(["FORM_FILLING", "LTA_UPDATES"].contains(&level), "{out}");
    println!("{out}");
}

/// Truncated, garbled and foreign inputs give errors, never panics.
#[test]
fn hostile_documents_are_refused_without_panicking() {
    let font = font();
    let pdf = exported(&font);
    let (_, signed) = sign_fake(&pdf, 0, "申请人签章", "张三", &font);
    let placement = Placement {
        page: 0,
        rect: [0.0, 0.0, 100.0, 100.0],
    };
    let mut inputs: Vec<Vec<u8>> = vec![Vec::new(), b"%PDF-1.7\n".to_vec(), vec![0xff; 4096]];
    for cut in (0..signed.len()).step_by(997) {
        inputs.push(signed[..cut].to_vec());
    }
    for at in (0..signed.len()).step_by(1499) {
        let mut bent = signed.clone();
        bent[at] ^= 0x5a;
        inputs.push(bent);
    }
    let mut refused = 0;
    for input in &inputs {
        let found = find_placement(input, 0, Some("申请人签章"), None, None);
        let prepared = prepare_signature(
            input,
            &placement,
            &seal("张三"),
            &fields("Seal9", "张三"),
            &font,
        );
        if let Ok(p) = &prepared {
            assert!(p.bytes.starts_with(input));
        }
        refused += usize::from(found.is_err()) + usize::from(prepared.is_err());
    }
    assert!(refused > inputs.len(), "most of these inputs are unusable");
    // A page that does not exist.
    let missing = Placement {
        page: 5,
        rect: [0.0, 0.0, 1.0, 1.0],
    };
    let e = prepare_signature(
        &pdf,
        &missing,
        &seal("张三"),
        &fields("Seal0", "张三"),
        &font,
    );
    assert!(matches!(e, Err(devserver::pdf::PdfWriteError::NoPage(5))));
}

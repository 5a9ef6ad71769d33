//! Signature revisions: byte ranges, the gap, a second revision, xref
//! streams, speed and hostile input.

use std::time::Instant;

use devserver::pdf::{find_placement, prepare_signature, Placement, CONTENTS_CAPACITY};

use crate::{exported, fields, font, placement_of, seal, sign_fake, xref_stream_document};

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
    let original = xref_stream_document();
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

/// A document with a form inline in its catalog, a text field, and the
/// page's `/Annots` as an indirect array: the field is kept, the array
/// object (not the page) gets a new version, the form becomes indirect.
#[test]
fn an_existing_form_and_indirect_annots_are_extended() {
    use pdf_writer::{Name, Pdf, Rect, Ref, TextStr};
    let font = font();
    let mut pdf = Pdf::new();
    let mut catalog = pdf.catalog(Ref::new(1));
    catalog.pages(Ref::new(2));
    catalog
        .insert(Name(b"AcroForm"))
        .dict()
        .insert(Name(b"Fields"))
        .array()
        .item(Ref::new(5));
    drop(catalog);
    pdf.pages(Ref::new(2)).kids([Ref::new(3)]).count(1);
    pdf.page(Ref::new(3))
        .parent(Ref::new(2))
        .media_box(Rect::new(0.0, 0.0, 595.0, 842.0))
        .pair(Name(b"Annots"), Ref::new(4));
    pdf.indirect(Ref::new(4)).array().item(Ref::new(5));
    let mut text = pdf.form_field(Ref::new(5));
    text.partial_name(TextStr("Seal0"))
        .field_type(pdf_writer::types::FieldType::Text);
    text.into_annotation()
        .subtype(pdf_writer::types::AnnotationType::Widget)
        .rect(Rect::new(72.0, 700.0, 300.0, 720.0));
    let original = pdf.finish();

    let placement = find_placement(&original, 0, None, None, None).unwrap();
    let taken = prepare_signature(
        &original,
        &placement,
        &seal("张三"),
        &fields("Seal0", "张三"),
        &font,
    );
    assert!(matches!(taken, Err(devserver::pdf::PdfWriteError::DuplicateField(n)) if n == "Seal0"));
    let prepared = prepare_signature(
        &original,
        &placement,
        &seal("张三"),
        &fields("Seal1", "张三"),
        &font,
    )
    .unwrap();
    let done = prepared.finish(&[0x30, 0x00]).unwrap();
    let tail = &done[original.len()..];
    let has = |header: &str| tail.windows(header.len()).any(|w| w == header.as_bytes());
    assert!(has("\n4 0 obj"), "the annotation array has a new version");
    assert!(!has("\n3 0 obj"), "the page itself is unchanged");
    assert!(
        has("\n1 0 obj"),
        "the catalog points to the form object now"
    );

    let doc = lopdf::Document::load_mem(&done).unwrap();
    assert!(doc.xref_recovery.is_none());
    let form = doc
        .catalog()
        .unwrap()
        .get(b"AcroForm")
        .unwrap()
        .as_reference()
        .unwrap();
    let form = doc.get_dictionary(form).unwrap();
    let listed = form.get(b"Fields").unwrap().as_array().unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].as_reference().unwrap(), (5, 0));
    let annots = doc.get_object((4, 0)).unwrap().as_array().unwrap();
    assert_eq!(annots, listed, "the widget is on the page as well");
}

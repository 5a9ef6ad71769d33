//! The export (text, fonts, recorded boxes) and the sealed page's picture.

use std::process::Command;

use crate::{exported, font, placement_of, run, scratch, sign_fake};
use devserver::pdf::{find_placement, Placement};

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
    // Text that is on the page but not a recorded box: a box centred on it
    // (the title "请假申请" starts at 72, 770 in 18 pt: 4 em wide).
    let on_text = placement_of(&pdf, 0, "请假申请");
    assert_eq!(
        on_text,
        Placement {
            page: 0,
            rect: [53.0, 724.0, 163.0, 834.0]
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

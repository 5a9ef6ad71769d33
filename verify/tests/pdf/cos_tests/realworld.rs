//! The real-world signed PDFs of ../shared/interop/realworld/pdf/ (read
//! in place, never copied; skipped when absent): how many open, how many
//! need rebuilding, how many are encrypted; every catalog resolves to a
//! dictionary, and everything the trailer reaches reads within the budget.
//! `cargo test --test realworld -- --nocapture` prints the table.

use std::path::Path;
use std::time::Instant;

use crate::pdf::cos::{File, Object};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/interop/realworld/pdf"
);

/// Files that fail to open, and why.
const EXPECTED_FAILURES: &[&str] = &[
    // Its header is damaged ("#G\xf3\xbf…" where "%PDF-1." should be):
    // not a PDF by ISO 32000-1 §7.5.2; EU DSS's own test expects failure.
    "dss__malformed-pades.pdf",
];

#[test]
fn the_corpus_opens() {
    let Ok(dir) = std::fs::read_dir(CORPUS) else {
        eprintln!("skipped: {CORPUS} is absent");
        return;
    };
    let mut names: Vec<String> = dir
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    names.sort();
    let (mut opened, mut rebuilt, mut rebuilt_later, mut encrypted, mut failed) =
        (0, 0, 0, 0, Vec::new());
    let started = Instant::now();
    for name in &names {
        let bytes = std::fs::read(Path::new(CORPUS).join(name)).unwrap();
        let t = Instant::now();
        let file = match File::open(&bytes) {
            Ok(file) => file,
            Err(e) => {
                println!("{name}: does not open: {e}");
                failed.push(name.clone());
                continue;
            }
        };
        opened += 1;
        let rebuilt_at_open = file.reconstructed();
        encrypted += usize::from(file.encrypted());
        let root = file.resolve(file.trailer().get("Root").unwrap_or(&Object::Null));
        assert!(
            matches!(root, Ok(Object::Dict(_))),
            "{name}: the catalog is {root:?}"
        );
        let super::common::Walk {
            read,
            errors,
            stream_errors,
            first_error: first,
        } = super::common::walk(&file, usize::MAX);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        rebuilt += usize::from(file.reconstructed());
        rebuilt_later += usize::from(file.reconstructed() && !rebuilt_at_open);
        println!(
            "{name}: {} sections, {read} objects{}{}{}{} ({ms:.1} ms){}",
            file.sections().len(),
            match (rebuilt_at_open, file.reconstructed()) {
                (true, _) => ", rebuilt at open",
                (false, true) => ", rebuilt when a read found the table wrong",
                _ => "",
            },
            if file.encrypted() { ", encrypted" } else { "" },
            if errors > 0 {
                format!(", {errors} unreadable")
            } else {
                String::new()
            },
            if stream_errors > 0 {
                format!(", {stream_errors} streams undecodable")
            } else {
                String::new()
            },
            first.map(|f| format!(" first: {f}")).unwrap_or_default(),
        );
        assert!(!file.exhausted(), "{name}: budget used up");
    }
    println!(
        "{} files: {opened} open, {rebuilt} rebuilt ({rebuilt_later} of them only when a read found the table wrong), \
         {encrypted} encrypted, {} fail ({:.0} ms in all)",
        names.len(),
        failed.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    let unexpected: Vec<&String> = failed
        .iter()
        .filter(|n| !EXPECTED_FAILURES.contains(&n.as_str()))
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:?}");
}

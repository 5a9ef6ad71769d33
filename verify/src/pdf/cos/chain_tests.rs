use super::super::testutil::Builder;
use super::*;

fn two_revisions() -> (Builder, usize, usize) {
    let mut b = Builder::new();
    b.obj(1, "<</Type/Catalog>>").obj(2, "(old)");
    let first = b.table(&[1, 2], "/Size 3 /Root 1 0 R");
    b.obj(2, "(new)");
    let second = b.table(&[2], &format!("/Size 3 /Root 1 0 R /Prev {first}"));
    (b, first, second)
}

#[test]
fn a_chain_of_tables_newest_first() {
    let (b, first, second) = two_revisions();
    let chain = read(&b.bytes, 0).unwrap();
    assert!(chain.complete);
    assert_eq!(chain.base, 0);
    let offsets: Vec<usize> = chain.sections.iter().map(|s| s.offset).collect();
    assert_eq!(offsets, vec![second, first]);
    assert_eq!(
        chain.sections[0].entries.get(&2),
        Some(&Entry::InFile {
            offset: b.offsets[&2],
            gen: 0
        })
    );
    assert_eq!(chain.sections[1].entries.len(), 3);
    // Each revision ends after its own %%EOF, with and without the LF.
    let eofs: Vec<usize> = memmem::find_iter(&b.bytes, b"%%EOF")
        .map(|at| at + 5)
        .collect();
    assert_eq!(chain.sections[1].ends, vec![eofs[0], eofs[0] + 1]);
    assert_eq!(chain.sections[0].ends, vec![eofs[1], eofs[1] + 1]);
    assert_eq!(eofs[1] + 1, b.bytes.len());
}

#[test]
fn streams_and_hybrids() {
    let mut b = Builder::new();
    b.obj(1, "<</Type/Catalog>>")
        .object_stream(5, &[(6, "(in stream)")]);
    let first = b.xref_stream(3, &[1, 5], &[(6, 5, 0)], "/Size 7 /Root 1 0 R");
    b.obj(2, "(new)");
    // Hybrid update: the table marks 6 free, its hidden stream says where
    // the new 6 is; 2 is in the table.
    b.object_stream(8, &[(6, "(newer)")]);
    let hidden = b.xref_stream(9, &[8], &[(6, 8, 0)], "/Size 10");
    let table_at = b.bytes.len();
    let text = format!(
        "xref\n2 1\n{:010} 00000 n \n6 1\n0000000000 00000 f \ntrailer\n<</Size 10 /Root 1 0 R /Prev {first} /XRefStm {hidden}>>\nstartxref\n{table_at}\n%%EOF\n",
        b.offsets[&2]
    );
    b.raw(text.as_bytes());
    let chain = read(&b.bytes, 0).unwrap();
    assert!(chain.complete);
    assert_eq!(chain.sections.len(), 2);
    let newest = &chain.sections[0].entries;
    assert_eq!(
        newest.get(&6),
        Some(&Entry::InStream {
            stream: 8,
            index: 0
        })
    );
    assert_eq!(
        newest.get(&2),
        Some(&Entry::InFile {
            offset: b.offsets[&2],
            gen: 0
        })
    );
    assert_eq!(
        newest.get(&8),
        Some(&Entry::InFile {
            offset: b.offsets[&8],
            gen: 0
        })
    );
    let oldest = &chain.sections[1];
    assert_eq!(oldest.offset, first);
    assert!(oldest.trailer.is("Type", "XRef"));
    assert_eq!(
        oldest.entries.get(&6),
        Some(&Entry::InStream {
            stream: 5,
            index: 0
        })
    );
    assert_eq!(
        oldest.entries.get(&3),
        Some(&Entry::InFile {
            offset: first,
            gen: 0
        })
    );
}

#[test]
fn broken_prev_ends_the_chain_incomplete() {
    for prev in ["0", "99999999", "-5", "(x)", "1 0 R"] {
        let mut b = Builder::new();
        b.obj(1, "<</Type/Catalog>>");
        b.table(&[1], &format!("/Size 2 /Root 1 0 R /Prev {prev}"));
        let chain = read(&b.bytes, 0).unwrap();
        assert!(!chain.complete, "{prev}");
        assert_eq!(chain.sections.len(), 1);
    }
    // An unreadable /XRefStm keeps the table, incomplete.
    let mut b = Builder::new();
    b.obj(1, "<</Type/Catalog>>");
    b.table(&[1], "/Size 2 /Root 1 0 R /XRefStm 3");
    let chain = read(&b.bytes, 0).unwrap();
    assert!(!chain.complete);
    assert_eq!(chain.sections[0].entries.len(), 2);
}

#[test]
fn loops_and_long_chains() {
    // A section whose /Prev is itself.
    let mut b = Builder::new();
    b.obj(1, "<</Type/Catalog>>");
    let at = b.bytes.len();
    b.table(&[1], &format!("/Size 2 /Root 1 0 R /Prev {at}"));
    let chain = read(&b.bytes, 0).unwrap();
    assert!(chain.complete);
    assert_eq!(chain.sections.len(), 1);
    // 70 updates: 64 sections are read, the rest is left to scanning.
    let mut b = Builder::new();
    b.obj(1, "<</Type/Catalog>>");
    let mut prev = b.table(&[1], "/Size 2 /Root 1 0 R");
    for _ in 0..70 {
        prev = b.table(&[1], &format!("/Size 2 /Root 1 0 R /Prev {prev}"));
    }
    let chain = read(&b.bytes, 0).unwrap();
    assert!(!chain.complete);
    assert_eq!(chain.sections.len(), MAX_SECTIONS);
}

#[test]
fn where_the_chain_starts() {
    let (b, _, _) = two_revisions();
    // No startxref, or one pointing at nothing: no chain.
    let none = String::from_utf8_lossy(&b.bytes).replace("startxref", "startxreX");
    assert!(read(none.as_bytes(), 0).is_none());
    let wrong = String::from_utf8_lossy(&b.bytes).replace("startxref\n", "startxref\n1");
    assert!(read(wrong.as_bytes(), 0).is_none());
    // Junk in front, offsets written from the header: base = header.
    let shifted = [b"junk junk\n".as_slice(), &b.bytes].concat();
    let chain = read(&shifted, 10).unwrap();
    assert_eq!(chain.base, 10);
    assert_eq!(chain.sections.len(), 2);
    assert!(chain.complete);
    assert_eq!(startxref(b"startxref 12"), Some(12));
    assert_eq!(startxref(b"startxref -12"), None);
}

#[test]
fn filters_of_direct_dictionaries() {
    let mut lex = Lexer::new(
        b"<</Filter [/AHx /FlateDecode] /DecodeParms [null <</Predictor 12>>]>>",
        0,
    );
    let Object::Dict(d) = super::super::parser::parse_object(&mut lex).unwrap() else {
        panic!()
    };
    let f = filters_of(&d);
    assert_eq!(f.len(), 2);
    assert!(f[0].1.is_none());
    assert_eq!(f[1].1.as_ref().unwrap().get_int("Predictor"), Some(12));
}

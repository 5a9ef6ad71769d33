use super::*;

fn int(n: i64) -> Object {
    Object::Int(n)
}

#[test]
fn classic_table() {
    let file = b"xref\n0 3\n0000000000 65535 f \n0000000017 00000 n \n0000000081 00001 n \n5 1\n0000000200 00000 n\r\ntrailer\n<</Size 6>>\nstartxref";
    let mut budget = 100;
    let table = read_table(file, 0, 0, &mut budget).unwrap();
    assert_eq!(table.entries.get(&0), Some(&Entry::Free));
    assert_eq!(
        table.entries.get(&1),
        Some(&Entry::InFile { offset: 17, gen: 0 })
    );
    assert_eq!(
        table.entries.get(&2),
        Some(&Entry::InFile { offset: 81, gen: 1 })
    );
    assert_eq!(
        table.entries.get(&5),
        Some(&Entry::InFile {
            offset: 200,
            gen: 0
        })
    );
    assert_eq!(table.entries.len(), 4);
    assert_eq!(table.trailer.get_int("Size"), Some(6));
    assert_eq!(&file[table.end..], b"\nstartxref");
    assert_eq!(budget, 96);
}

#[test]
fn lenient_tables() {
    // 19-byte lines, a tab, a count larger than the entries written, a
    // table that wrongly starts at 1, offsets shifted by `base`.
    let file = b"  xref\r\n1 9\n0000000000 65535 f\n0000000010 00000 n\n0000000020\t00000 n\ntrailer<</Size 3>>";
    let mut budget = 100;
    let table = read_table(file, 0, 5, &mut budget).unwrap();
    assert_eq!(table.entries.get(&0), Some(&Entry::Free));
    assert_eq!(
        table.entries.get(&1),
        Some(&Entry::InFile { offset: 15, gen: 0 })
    );
    assert_eq!(
        table.entries.get(&2),
        Some(&Entry::InFile { offset: 25, gen: 0 })
    );
    // A generation past 65535 in use is skipped, not wrapped.
    let file = b"xref\n0 1\n0000000010 99999 n\ntrailer<<>>";
    assert!(read_table(file, 0, 0, &mut budget)
        .unwrap()
        .entries
        .is_empty());
}

#[test]
fn bad_tables() {
    let mut budget = 100;
    for bad in [
        b"xre".as_slice(),
        b"xref\nfoo",
        b"xref\n0 1\n0000000000 65535 f\ntrailer [1]",
        b"xref\n0 1\n0000000000 65535 f\n",
        b"xref\n0 1\n000000000000000000000000 65535 f\n",
    ] {
        assert!(read_table(bad, 0, 0, &mut budget).is_err(), "{bad:?}");
    }
    // The entry budget is shared by the whole file.
    let file =
        b"xref\n0 3\n0000000000 65535 f \n0000000017 00000 n \n0000000081 00001 n \ntrailer<<>>";
    let mut small = 2;
    assert!(read_table(file, 0, 0, &mut small).is_err());
    // Object numbers past u32 end the subsection.
    let file = b"xref\n4294967295 2\n0000000001 00000 n \n0000000002 00000 n \ntrailer<<>>";
    let table = read_table(file, 0, 0, &mut budget).unwrap();
    assert_eq!(table.entries.len(), 1);
}

#[test]
fn stream_rows() {
    let d = Dict::of(vec![
        ("W", Object::Array(vec![int(1), int(2), int(1)])),
        (
            "Index",
            Object::Array(vec![int(3), int(2), int(10), int(1)]),
        ),
    ]);
    let rows = [0, 0, 0, 0xff, 1, 0x01, 0x00, 2, 2, 0, 7, 3];
    let mut budget = 100;
    let entries = read_stream_rows(&d, &rows, 0, &mut budget).unwrap();
    assert_eq!(entries.get(&3), Some(&Entry::Free));
    assert_eq!(
        entries.get(&4),
        Some(&Entry::InFile {
            offset: 256,
            gen: 2
        })
    );
    assert_eq!(
        entries.get(&10),
        Some(&Entry::InStream {
            stream: 7,
            index: 3
        })
    );
    // Default /Index from /Size; type field width 0 means type 1; rows cut
    // short end the section.
    let d = Dict::of(vec![
        ("W", Object::Array(vec![int(0), int(1), int(0)])),
        ("Size", int(1_000_000)),
    ]);
    let entries = read_stream_rows(&d, &[9, 8, 7], 0, &mut budget).unwrap();
    assert_eq!(entries.get(&2), Some(&Entry::InFile { offset: 7, gen: 0 }));
    assert_eq!(entries.len(), 3);
}

#[test]
fn hostile_stream_dictionaries() {
    let mut budget = 100;
    // /W [0 0 0] with a huge /Index: nothing, at once.
    let d = Dict::of(vec![
        ("W", Object::Array(vec![int(0), int(0), int(0)])),
        ("Index", Object::Array(vec![int(0), int(200_000_000)])),
    ]);
    assert!(read_stream_rows(&d, &[1, 2, 3], 0, &mut budget)
        .unwrap()
        .is_empty());
    for w in [
        vec![int(9), int(1), int(1)],
        vec![int(1), int(1)],
        vec![int(-1), int(1), int(1)],
    ] {
        let d = Dict::of(vec![("W", Object::Array(w)), ("Size", int(1))]);
        assert!(read_stream_rows(&d, &[1, 2, 3], 0, &mut budget).is_err());
    }
    let d = Dict::of(vec![("Size", int(1))]);
    assert!(read_stream_rows(&d, &[1, 2, 3], 0, &mut budget).is_err());
    // Unknown entry types and oversized fields are skipped.
    let d = Dict::of(vec![
        ("W", Object::Array(vec![int(1), int(8), int(1)])),
        ("Size", int(2)),
    ]);
    let rows = [
        5, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0,
    ];
    assert!(read_stream_rows(&d, &rows, 0, &mut budget)
        .unwrap()
        .is_empty());
}

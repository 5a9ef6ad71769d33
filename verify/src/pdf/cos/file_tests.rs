use super::super::object::Ref;
use super::super::testutil::Builder;
use super::*;

fn r(num: u32) -> Ref {
    Ref { num, gen: 0 }
}

fn text(file: &File<'_>, num: u32) -> Vec<u8> {
    match file.object(r(num)) {
        Ok(Object::String(s)) => s,
        other => panic!("object {num}: {other:?}"),
    }
}

/// Two revisions: object 2 changes, object 3 is added, a stream.
fn sample() -> Vec<u8> {
    let mut b = Builder::new();
    b.obj(1, "<</Type/Catalog /Pages 4 0 R>>").obj(2, "(old)");
    b.stream(4, "/Type/Pages", b"stream data");
    let first = b.table(&[1, 2, 4], "/Size 5 /Root 1 0 R");
    b.obj(2, "(new)").obj(3, "[1 2 0 R]");
    b.table(&[2, 3], &format!("/Size 5 /Root 1 0 R /Prev {first}"));
    b.bytes
}

#[test]
fn reads_the_newest_objects() {
    let bytes = sample();
    let file = File::open(&bytes).unwrap();
    assert!(!file.reconstructed());
    assert!(!file.encrypted());
    assert_eq!(file.header_offset(), 0);
    assert_eq!(file.sections().len(), 2);
    assert_eq!(text(&file, 2), b"new");
    assert_eq!(
        file.resolve(&Object::Ref(r(2))).unwrap(),
        Object::String(b"new".to_vec())
    );
    let old = file.sections()[1].entries[&2];
    assert_eq!(
        file.object_at(r(2), old).unwrap(),
        Object::String(b"old".to_vec())
    );
    let Object::Stream(s) = file.object(r(4)).unwrap() else {
        panic!()
    };
    assert_eq!(file.raw_stream(&s).unwrap(), b"stream data");
    assert_eq!(file.decoded_stream(&s).unwrap(), b"stream data");
    assert_eq!(file.trailer().get("Root"), Some(&Object::Ref(r(1))));
    // Absent and free objects: errors from `object`, null from `resolve`.
    assert_eq!(file.object(r(9)), Err(CosError::Missing(r(9))));
    assert_eq!(file.object(r(0)), Err(CosError::Missing(r(0))));
    assert_eq!(file.resolve(&Object::Ref(r(9))), Ok(Object::Null));
    assert!(!file.exhausted());
}

#[test]
fn object_streams_are_decoded_once() {
    let mut b = Builder::new();
    let objects: Vec<(u32, String)> = (10..1010)
        .map(|n| (n, format!("<</T (field {n})>>")))
        .collect();
    let refs: Vec<(u32, &str)> = objects.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let body = refs
        .iter()
        .map(|(n, _)| format!("{n} 0 R"))
        .collect::<Vec<_>>()
        .join(" ");
    b.obj(1, &format!("<</Type/Catalog /Fields [{body}]>>"));
    b.object_stream(5, &refs);
    let in_streams: Vec<(u32, u32, u32)> = (0..1000).map(|i| (10 + i, 5, i)).collect();
    b.xref_stream(6, &[1, 5], &in_streams, "/Size 1010 /Root 1 0 R");
    // 1000 fields + the stream + the catalog (read at open): 1002 reads.
    let file = File::open_with_budget(&b.bytes, 1002).unwrap();
    for n in 10..1010 {
        let Object::Dict(d) = file.object(r(n)).unwrap() else {
            panic!()
        };
        assert_eq!(
            d.get("T"),
            Some(&Object::String(format!("field {n}").into_bytes()))
        );
    }
    assert!(!file.exhausted());
    assert_eq!(file.object(r(10)), Err(CosError::Budget));
    assert!(file.exhausted());
}

#[test]
fn stream_lengths_direct_indirect_and_wrong() {
    let mut b = Builder::new();
    b.obj(1, "<</Type/Catalog>>");
    b.obj_bytes(2, b"<</Length 3 0 R>>stream\nabcdef\nendstream");
    b.obj(3, "6");
    b.obj_bytes(4, b"<</Length 2>>stream\r\nabcdef\r\nendstream");
    // Its own length is itself: a loop, cut, then `endstream` is found.
    b.obj_bytes(5, b"<</Length 5 0 R>>stream\nxyz\nendstream");
    b.obj_bytes(6, b"<</Length 99999>>stream\nxyz\nendstream");
    b.table(&[1, 2, 3, 4, 5, 6], "/Size 7 /Root 1 0 R");
    let file = File::open(&b.bytes).unwrap();
    for (num, want) in [
        (2, b"abcdef".as_slice()),
        (4, b"abcdef"),
        (5, b"xyz"),
        (6, b"xyz"),
    ] {
        let Object::Stream(s) = file.object(r(num)).unwrap() else {
            panic!()
        };
        assert_eq!(file.raw_stream(&s).unwrap(), want, "{num}");
    }
}

#[test]
fn filters_and_predictors_through_the_file() {
    let data = b"hello hello hello hello hello";
    let zlib = miniz_oxide::deflate::compress_to_vec_zlib(data, 6);
    let hex: String = zlib.iter().map(|b| format!("{b:02x}")).collect();
    let mut b = Builder::new();
    b.obj(1, "<</Type/Catalog>>");
    b.stream(2, "/Filter [/ASCIIHexDecode 3 0 R]", hex.as_bytes());
    b.obj(3, "/FlateDecode");
    b.stream(4, "/Filter /DCTDecode", b"jpeg");
    b.table(&[1, 2, 3, 4], "/Size 5 /Root 1 0 R");
    let file = File::open(&b.bytes).unwrap();
    let Object::Stream(s) = file.object(r(2)).unwrap() else {
        panic!()
    };
    assert_eq!(file.decoded_stream(&s).unwrap(), data);
    let Object::Stream(s) = file.object(r(4)).unwrap() else {
        panic!()
    };
    assert!(matches!(file.decoded_stream(&s), Err(CosError::Filter(_))));
}

/// `hay` with the first `count` occurrences of `from` replaced by `to`.
fn replace(hay: &[u8], from: &[u8], to: &[u8], count: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = hay;
    for _ in 0..count {
        let Some(at) = memchr::memmem::find(rest, from) else {
            break;
        };
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

/// Every in-use table entry's offset moved by `by`.
fn shift_offsets(file: &[u8], by: usize) -> Vec<u8> {
    let lines: Vec<Vec<u8>> = file
        .split(|b| *b == b'\n')
        .map(|line| match line.strip_suffix(b" 00000 n ") {
            Some(offset) if offset.len() == 10 => {
                let n: usize = std::str::from_utf8(offset).unwrap().parse().unwrap();
                format!("{:010} 00000 n ", n + by).into_bytes()
            }
            _ => line.to_vec(),
        })
        .collect();
    lines.join(&b'\n')
}

fn reads_as_sample(file: &File<'_>) {
    assert_eq!(text(file, 2), b"new", "newest version of 2");
    assert_eq!(
        file.object(r(3)).unwrap(),
        Object::Array(vec![Object::Int(1), Object::Ref(r(2))])
    );
    assert!(file.root_is_dict());
    let Object::Stream(s) = file.object(r(4)).unwrap() else {
        panic!("4 is a stream")
    };
    assert_eq!(file.decoded_stream(&s).unwrap(), b"stream data");
}

#[test]
fn wrong_offsets_are_found_by_scanning() {
    let good = sample();
    let shifted = shift_offsets(&good, 7);
    assert_ne!(shifted, good);
    let file = File::open(&shifted).unwrap();
    // Reading the catalog at `open` already found the table wrong.
    assert!(file.reconstructed());
    reads_as_sample(&file);
    assert_eq!(file.sections().len(), 2, "the chain itself was right");
}

#[test]
fn prev_0_keeps_the_newest_section() {
    let good = sample();
    let at = memchr::memmem::find(&good, b"/Prev ").unwrap() + 6;
    let digits = good[at..].iter().position(|b| !b.is_ascii_digit()).unwrap();
    let prev0 = [&good[..at], b"0", &good[at + digits..]].concat();
    let file = File::open(&prev0).unwrap();
    reads_as_sample(&file);
    assert!(file.reconstructed());
    assert_eq!(file.sections().len(), 1);
    assert_eq!(file.sections()[0].ends.len(), 2);
    // The older revision still ends where its %%EOF is.
    assert_eq!(file.revision_ends().len(), 4);
}

#[test]
fn no_startxref_rebuilds_the_table() {
    let none = replace(&sample(), b"startxref", b"startxreX", 9);
    let file = File::open(&none).unwrap();
    assert!(file.reconstructed());
    reads_as_sample(&file);
    assert_eq!(file.sections().len(), 1);
    assert_eq!(file.sections()[0].offset, 0);
    assert_eq!(file.sections()[0].ends.len(), 4);
    assert_eq!(file.revision_ends().len(), 4);
    // A startxref pointing nowhere, and a table that is garbage, too.
    let nowhere = replace(&sample(), b"startxref\n", b"startxref\n9", 9);
    let file = File::open(&nowhere).unwrap();
    assert!(file.reconstructed());
    reads_as_sample(&file);
    let garbage = replace(&sample(), b"xref\n0 1", b"xref\nzz z", 9);
    let file = File::open(&garbage).unwrap();
    assert!(file.reconstructed());
    reads_as_sample(&file);
}

#[test]
fn junk_before_the_header() {
    let good = sample();
    // Offsets written from the header: right from there, no rebuild.
    let junk = [b"GARBAGE\r\n".as_slice(), &good].concat();
    let file = File::open(&junk).unwrap();
    assert_eq!(file.header_offset(), 9);
    reads_as_sample(&file);
    assert!(!file.reconstructed());
    assert_eq!(file.sections().len(), 2);
    // Offsets written from the file's start (the junk counted).
    let counted = shift_offsets(&junk, 9);
    let at = memchr::memmem::rfind(&counted, b"startxref\n").unwrap() + 10;
    let digits = counted[at..]
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap();
    let value: usize = std::str::from_utf8(&counted[at..at + digits])
        .unwrap()
        .parse()
        .unwrap();
    let counted = [
        &counted[..at],
        (value + 9).to_string().as_bytes(),
        &counted[at + digits..],
    ]
    .concat();
    let file = File::open(&counted).unwrap();
    reads_as_sample(&file);
    // The newest section counts from the file's start, its /Prev from
    // the header: both origins are tried, the chain stays whole.
    assert_eq!(file.base, 0);
    assert_eq!(file.sections().len(), 2);
    // Not a PDF.
    assert!(matches!(File::open(b"no header"), Err(CosError::NoHeader)));
    let late = [vec![b' '; 1100], good.clone()].concat();
    assert!(matches!(File::open(&late), Err(CosError::NoHeader)));
    let edge = [vec![b' '; 1024], good].concat();
    assert_eq!(File::open(&edge).unwrap().header_offset(), 1024);
}

#[test]
fn trailers_found_by_scanning() {
    // No tables at all: the catalog makes the trailer.
    let mut b = Builder::new();
    b.obj(1, "<</Type/Catalog /Pages 2 0 R>>")
        .obj(2, "<</Type/Pages>>");
    let file = File::open(&b.bytes).unwrap();
    assert!(file.reconstructed());
    assert_eq!(file.trailer().get("Root"), Some(&Object::Ref(r(1))));
    // A trailer whose /Root is not a dictionary is passed over.
    b.raw(b"trailer\n<</Root 2 0 R>>\ntrailer\n<</Root 7 0 R>>\n");
    let file = File::open(&b.bytes).unwrap();
    assert_eq!(file.trailer().get("Root"), Some(&Object::Ref(r(2))));
    // Nothing usable.
    assert!(matches!(
        File::open(b"%PDF-1.4\n1 0 obj 5 endobj"),
        Err(CosError::Xref { .. })
    ));
}

#[test]
fn reference_loops_end() {
    let mut b = Builder::new();
    b.obj(1, "<</Type/Catalog>>")
        .obj(2, "3 0 R")
        .obj(3, "2 0 R");
    b.table(&[1, 2, 3], "/Size 4 /Root 1 0 R");
    let file = File::open(&b.bytes).unwrap();
    assert!(file.resolve(&Object::Ref(r(2))).is_err());
}

#[test]
fn an_object_stream_inside_itself() {
    let mut b = Builder::new();
    b.obj(1, "<</Type/Catalog /A 3 0 R>>");
    b.object_stream(2, &[(3, "(three)")]);
    // The table says the stream is its own first object.
    b.xref_stream(4, &[1], &[(2, 2, 0), (3, 2, 1)], "/Size 5 /Root 1 0 R");
    let file = File::open(&b.bytes).unwrap();
    assert!(!file.reconstructed());
    // The nesting limit stops the loop; the scan finds the stream where
    // it is, and 3 in it (listed first, not second: found by number).
    assert_eq!(text(&file, 3), b"three");
    assert!(file.reconstructed());
}

#[test]
fn a_deleted_object_stays_deleted_when_the_chain_broke() {
    let mut b = Builder::new();
    b.obj(1, "<</Type/Catalog>>").obj(2, "(deleted later)");
    b.table(&[1, 2], "/Size 3 /Root 1 0 R");
    // The update frees 2, and its /Prev is garbage.
    let at = b.bytes.len();
    let text = format!(
        "xref\n0 1\n0000000000 65535 f \n2 1\n0000000000 00001 f \ntrailer\n<</Size 3 /Root 1 0 R /Prev 0>>\nstartxref\n{at}\n%%EOF\n"
    );
    b.raw(text.as_bytes());
    let file = File::open(&b.bytes).unwrap();
    assert!(file.reconstructed());
    assert_eq!(file.entry(2), Some(Entry::Free));
    assert_eq!(file.object(r(2)), Err(CosError::Missing(r(2))));
    assert!(file.root_is_dict());
}

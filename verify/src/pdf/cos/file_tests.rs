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

#[test]
fn damaged_files_read_the_same_objects() {
    let good = sample();
    let want = |file: &File<'_>| {
        assert_eq!(text(file, 2), b"new", "newest version of 2");
        assert_eq!(
            file.object(r(3)).unwrap(),
            Object::Array(vec![Object::Int(1), Object::Ref(r(2))])
        );
        assert!(file.root_is_dict());
    };
    // Every offset shifted: the tables point at the wrong bytes.
    let text_of = String::from_utf8_lossy(&good).into_owned();
    let shifted = shift_offsets(&text_of, 7);
    assert_ne!(shifted, text_of);
    let file = File::open(shifted.as_bytes()).unwrap();
    want(&file);
    assert!(file.reconstructed());
    // /Prev 0: the newest section is kept, older objects are scanned for.
    let at = text_of.find("/Prev ").unwrap() + 6;
    let digits = text_of[at..].find(|c: char| !c.is_ascii_digit()).unwrap();
    let prev0 = format!("{}0{}", &text_of[..at], &text_of[at + digits..]);
    let file = File::open(prev0.as_bytes()).unwrap();
    want(&file);
    assert!(file.reconstructed());
    assert_eq!(file.sections().len(), 1);
    assert_eq!(text(&file, 2), b"new");
    let Object::Stream(_) = file.object(r(4)).unwrap() else {
        panic!()
    };
    // No startxref: rebuilt, one synthetic section with every %%EOF.
    let none = text_of.replace("startxref", "startxreX");
    let file = File::open(none.as_bytes()).unwrap();
    want(&file);
    assert!(file.reconstructed());
    assert_eq!(file.sections().len(), 1);
    assert_eq!(file.sections()[0].ends.len(), 4);
    // Junk before the header, offsets written from the file's start
    // (wrong by the junk) and from the header (right from there).
    let junk = [b"GARBAGE\r\n".as_slice(), &good].concat();
    let file = File::open(&junk).unwrap();
    want(&file);
    assert_eq!(file.header_offset(), 9);
    assert!(!file.reconstructed());
    assert!(matches!(File::open(b"no header"), Err(CosError::NoHeader)));
    let late = [vec![b' '; 1100], good.clone()].concat();
    assert!(matches!(File::open(&late), Err(CosError::NoHeader)));
}

/// Every in-use table entry's offset moved by `by`.
fn shift_offsets(text: &str, by: usize) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| match line.strip_suffix(" 00000 n ") {
            Some(offset) if offset.len() == 10 => {
                format!("{:010} 00000 n ", offset.parse::<usize>().unwrap() + by)
            }
            _ => line.to_string(),
        })
        .collect();
    lines.join("\n")
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

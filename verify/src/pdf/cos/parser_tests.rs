use super::*;

fn parse(input: &[u8]) -> Result<Object, CosError> {
    parse_object(&mut Lexer::new(input, 0))
}

fn name(s: &str) -> Object {
    Object::Name(Name(s.as_bytes().to_vec()))
}

fn dict(entries: &[(&str, Object)]) -> Object {
    Object::Dict(Dict::of(entries.to_vec()))
}

#[test]
fn values() {
    assert_eq!(parse(b"true"), Ok(Object::Bool(true)));
    assert_eq!(parse(b"null"), Ok(Object::Null));
    assert_eq!(parse(b"12 0 R"), Ok(Object::Ref(Ref { num: 12, gen: 0 })));
    assert_eq!(parse(b"12 0 X"), Ok(Object::Int(12)));
    assert_eq!(parse(b"-1 0 R"), Ok(Object::Int(-1)));
    assert_eq!(parse(b"1 70000 R"), Ok(Object::Int(1)));
    assert_eq!(
        parse(b"[1 2 0 R /N (s) [true]]"),
        Ok(Object::Array(vec![
            Object::Int(1),
            Object::Ref(Ref { num: 2, gen: 0 }),
            name("N"),
            Object::String(b"s".to_vec()),
            Object::Array(vec![Object::Bool(true)]),
        ]))
    );
    assert_eq!(
        parse(b"<</Type/Sig/V<</A 1>>/K[]>>"),
        Ok(dict(&[
            ("Type", name("Sig")),
            ("V", dict(&[("A", Object::Int(1))])),
            ("K", Object::Array(vec![])),
        ]))
    );
}

#[test]
fn damaged_containers() {
    // An unclosed dictionary ends at `endobj`, which stays to be read.
    let mut lex = Lexer::new(b"<</A [1 endobj", 0);
    assert_eq!(
        parse_object(&mut lex),
        Ok(dict(&[("A", Object::Array(vec![Object::Int(1)]))]))
    );
    assert_eq!(lex.pos, 7);
    assert_eq!(
        parse(b"<</A [1 2>>"),
        Ok(dict(&[(
            "A",
            Object::Array(vec![Object::Int(1), Object::Int(2)])
        )]))
    );
    assert_eq!(
        parse(b"<</A 1 ] /B 2>>"),
        Ok(dict(&[("A", Object::Int(1)), ("B", Object::Int(2))]))
    );
    assert_eq!(parse(b"<< 5 /A 1 >>"), Ok(dict(&[("A", Object::Int(1))])));
    assert_eq!(
        parse(b"[1 foo]"),
        Ok(Object::Array(vec![Object::Int(1), Object::Null]))
    );
    assert_eq!(
        parse(b"[1 2"),
        Ok(Object::Array(vec![Object::Int(1), Object::Int(2)]))
    );
    assert!(parse(b"]").is_err());
    assert!(parse(b"endobj").is_err());
    assert!(parse(b"").is_err());
}

#[test]
fn limits() {
    let deep = b"[".repeat(MAX_DEPTH);
    assert!(parse(&deep).is_ok());
    let deeper = b"[".repeat(MAX_DEPTH + 1);
    assert!(parse(&deeper).is_err());
    let wide = [b"[".as_slice(), &b"0 ".repeat(MAX_ELEMENTS + 1), b"]"].concat();
    assert!(parse(&wide).is_err());
}

#[test]
fn indirect_objects_and_streams() {
    let file = b"xx 4 0 obj\n<</Length 5>>stream\r\nhello\nendstream\nendobj";
    let mut work = 0;
    let ind = parse_indirect(file, 3, &mut work).unwrap();
    assert_eq!(ind.r, Ref { num: 4, gen: 0 });
    let start = ind.stream_start.unwrap();
    assert_eq!(&file[start..start + 5], b"hello");
    assert_eq!(stream_extent(file, start, Some(5)), Ok(start..start + 5));
    // A wrong or missing length: up to `endstream`, less its EOL.
    assert_eq!(stream_extent(file, start, Some(3)), Ok(start..start + 5));
    assert_eq!(stream_extent(file, start, None), Ok(start..start + 5));
    assert_eq!(
        stream_extent(file, start, Some(usize::MAX)),
        Ok(start..start + 5)
    );
    assert!(stream_extent(b"abc", 0, None).is_err());
    assert_eq!(stream_extent(b"abc", 0, Some(2)), Ok(0..2));
    assert!(work > 0);
    // No `endobj`, a header glued to its value, a non-dictionary value.
    let ind = parse_indirect(b"7 1 obj<</A 1>>", 0, &mut work).unwrap();
    assert_eq!(ind.r, Ref { num: 7, gen: 1 });
    assert!(ind.stream_start.is_none());
    assert!(parse_indirect(b"7 1 ob", 0, &mut work).is_err());
    let ind = parse_indirect(b"1 0 obj 5 stream\n", 0, &mut work).unwrap();
    assert!(ind.stream_start.is_none());
    assert_eq!(after_stream_keyword(b"stream  \nX", 6), 9);
    assert_eq!(after_stream_keyword(b"stream\rX", 6), 7);
    assert_eq!(after_stream_keyword(b"stream  X", 6), 6);
}

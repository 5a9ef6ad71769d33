use super::*;

fn tokens(input: &[u8]) -> Vec<Token<'_>> {
    let mut lexer = Lexer::new(input, 0);
    let mut out = Vec::new();
    loop {
        match lexer.next_token() {
            Token::Eof => return out,
            t => out.push(t),
        }
    }
}

#[test]
fn numbers() {
    use Token::*;
    assert_eq!(
        tokens(b"1 -2 +3 --5 5. .5 -.5 0.25 - 007"),
        vec![
            Int(1),
            Int(-2),
            Int(3),
            Int(-5),
            Real(5.0),
            Real(0.5),
            Real(-0.5),
            Real(0.25),
            Int(0),
            Int(7)
        ]
    );
    assert_eq!(tokens(b"1.2.3"), vec![Real(1.2), Real(0.3)]);
    assert_eq!(tokens(b"12abc"), vec![Int(12), Keyword(b"abc")]);
    assert!(matches!(tokens(b"99999999999999999999")[..], [Real(x)] if x > 9.9e19));
    assert_eq!(tokens(b"-9223372036854775807"), vec![Int(-i64::MAX)]);
}

#[test]
fn names() {
    assert_eq!(
        tokens(b"/Type/Sig"),
        vec![Token::Name(b"Type".to_vec()), Token::Name(b"Sig".to_vec())]
    );
    assert_eq!(tokens(b"/A#20B"), vec![Token::Name(b"A B".to_vec())]);
    assert_eq!(tokens(b"/A#2"), vec![Token::Name(b"A#2".to_vec())]);
    assert_eq!(tokens(b"/A#zz"), vec![Token::Name(b"A#zz".to_vec())]);
    // Raw bytes ≥ 0x80 and an empty name.
    assert_eq!(
        tokens(b"/\xe7\xad\xbe /"),
        vec![Token::Name(b"\xe7\xad\xbe".to_vec()), Token::Name(vec![])]
    );
}

#[test]
fn literal_strings() {
    let s = |input: &[u8]| match tokens(input).first() {
        Some(Token::String(s)) => s.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(s(b"(a (b) c)"), b"a (b) c");
    assert_eq!(s(b"(\\n\\r\\t\\b\\f\\(\\)\\\\\\q)"), b"\n\r\t\x08\x0c()\\q");
    assert_eq!(s(b"(\\101\\1012\\7\\400)"), b"AA2\x07\x00");
    assert_eq!(s(b"(a\\\r\nb\\\nc\\\rd)"), b"abcd");
    assert_eq!(s(b"(a\r\nb)"), b"a\r\nb");
    assert_eq!(s(b"(open (never"), b"open (never");
    assert_eq!(s(b"(end\\"), b"end");
}

#[test]
fn hex_strings() {
    let s = |input: &[u8]| match tokens(input).first() {
        Some(Token::String(s)) => s.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(s(b"<48 65\n6c6C 6f>"), b"Hello");
    assert_eq!(s(b"<901FA>"), vec![0x90, 0x1f, 0xa0]);
    assert_eq!(s(b"<>"), b"");
    assert_eq!(s(b"<4x8>"), b"H");
    assert_eq!(s(b"<41"), b"A");
}

#[test]
fn delimiters_keywords_comments_and_white_space() {
    use Token::*;
    assert_eq!(
        tokens(b"<<\x00/A[1]\x0c>>% comment\r\ntrue 1 0 R)}{ endobj"),
        vec![
            DictOpen,
            Name(b"A".to_vec()),
            ArrayOpen,
            Int(1),
            ArrayClose,
            DictClose,
            Keyword(b"true"),
            Int(1),
            Int(0),
            Keyword(b"R"),
            Keyword(b")"),
            Keyword(b"}"),
            Keyword(b"{"),
            Keyword(b"endobj"),
        ]
    );
    assert_eq!(tokens(b"% only a comment"), vec![]);
    assert_eq!(tokens(b"> x"), vec![Keyword(b">"), Keyword(b"x")]);
    let mut lexer = Lexer::new(b" \n obj<<", 0);
    assert!(lexer.eat_keyword(b"obj"));
    assert!(!lexer.eat_keyword(b"obj"));
    assert_eq!(lexer.pos, 6);
}

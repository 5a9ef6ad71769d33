//! Tokens of ISO 32000-1 §7.2, leniently: what real files write is read
//! the way pdf.js reads it. Never panics: every byte is read with `get`.

/// One token. Keywords (`obj`, `R`, `true`, stray delimiters …) are left to
/// the parser.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token<'a> {
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    String(Vec<u8>),
    ArrayOpen,
    ArrayClose,
    DictOpen,
    DictClose,
    Keyword(&'a [u8]),
    Eof,
}

/// White space (§7.2.2): NUL, TAB, LF, FF, CR, SPACE.
pub(crate) fn is_white(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

/// Delimiters (§7.2.2).
pub(crate) fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// Bytes that make up names, numbers and keywords. Bytes ≥ 0x80 and
/// control bytes are regular too: real files put them in names unescaped.
pub(crate) fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

/// One hex digit's value: the one table for `<…>` strings, `#xx` name
/// escapes, ASCIIHexDecode and a signature's `/Contents`.
pub(crate) fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// A cursor over bytes. `pos` is an index into `bytes`; callers that lex
/// the whole file use it as the file offset.
#[derive(Clone)]
pub(crate) struct Lexer<'a> {
    bytes: &'a [u8],
    pub pos: usize,
    /// Work done so far, for `File`'s budget: one unit per token and one
    /// per 8 bytes lexed (a long string is one token but not free).
    pub work: u64,
}

impl<'a> Lexer<'a> {
    pub fn new(bytes: &'a [u8], pos: usize) -> Lexer<'a> {
        Lexer {
            bytes,
            pos,
            work: 0,
        }
    }

    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    /// Skip white space and comments.
    pub fn skip_white(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                let rest = self.bytes.get(self.pos..).unwrap_or_default();
                let eol = memchr::memchr2(b'\r', b'\n', rest).unwrap_or(rest.len());
                self.pos += eol;
            } else {
                break;
            }
        }
    }

    /// The next token.
    pub fn next_token(&mut self) -> Token<'a> {
        let start = self.pos;
        let token = self.lex();
        let lexed = self.pos.saturating_sub(start) as u64;
        self.work = self.work.saturating_add(1 + lexed / 8);
        token
    }

    fn lex(&mut self) -> Token<'a> {
        self.skip_white();
        let Some(b) = self.peek() else {
            return Token::Eof;
        };
        match b {
            b'[' => self.one(Token::ArrayOpen),
            b']' => self.one(Token::ArrayClose),
            b'(' => {
                self.pos += 1;
                Token::String(self.literal_string())
            }
            b'/' => {
                self.pos += 1;
                Token::Name(self.name())
            }
            b'<' if self.bytes.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Token::DictOpen
            }
            b'<' => {
                self.pos += 1;
                Token::String(self.hex_string())
            }
            b'>' if self.bytes.get(self.pos + 1) == Some(&b'>') => {
                self.pos += 2;
                Token::DictClose
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number(),
            _ if is_delimiter(b) => {
                // A stray `)`, `>`, `{` or `}`: a one-byte keyword.
                let start = self.pos;
                self.pos += 1;
                Token::Keyword(self.bytes.get(start..self.pos).unwrap_or_default())
            }
            _ => {
                let start = self.pos;
                self.skip_regular();
                Token::Keyword(self.bytes.get(start..self.pos).unwrap_or_default())
            }
        }
    }

    fn one(&mut self, token: Token<'a>) -> Token<'a> {
        self.pos += 1;
        token
    }

    fn skip_regular(&mut self) {
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
    }

    /// A number (§7.3.3), tolerating what writers get wrong: `--5` and
    /// `+5`, `5.`, `.5`, a lone sign (0), and a second `.` (ends the
    /// number). Integers too large for i64 become reals.
    fn number(&mut self) -> Token<'a> {
        let mut negative = false;
        let mut first = true;
        while let Some(sign @ (b'+' | b'-')) = self.peek() {
            if first {
                negative = sign == b'-';
                first = false;
            }
            self.pos += 1;
        }
        let mut int: Option<i64> = Some(0);
        // The digits as one mantissa and the count of those after the
        // point: 1.2 is 12 / 10, which rounds as a decimal reader expects.
        let mut mantissa = 0f64;
        let mut fraction_digits = 0i32;
        let mut point = false;
        let mut digits = 0usize;
        while let Some(b) = self.peek() {
            match b {
                b'0'..=b'9' => {
                    let d = b - b'0';
                    digits += 1;
                    if !point {
                        int = int
                            .and_then(|n| n.checked_mul(10))
                            .and_then(|n| n.checked_add(i64::from(d)));
                        mantissa = mantissa * 10.0 + f64::from(d);
                    } else if fraction_digits < 30 {
                        mantissa = mantissa * 10.0 + f64::from(d);
                        fraction_digits += 1;
                    }
                }
                b'.' if !point => point = true,
                _ => break,
            }
            self.pos += 1;
        }
        let real = mantissa / 10f64.powi(fraction_digits);
        // Whatever regular bytes follow (`12abc`) are the next token.
        let sign = if negative { -1.0 } else { 1.0 };
        match int {
            Some(n) if !point => Token::Int(if negative { -n } else { n }),
            _ if digits == 0 => Token::Real(0.0),
            _ => Token::Real(sign * real),
        }
    }

    /// A name's bytes after `/` (§7.3.5): `#xx` decoded, a `#` not followed
    /// by two hex digits kept as is.
    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.peek().filter(|b| is_regular(*b)) {
            self.pos += 1;
            if b == b'#' {
                let hi = self.peek().and_then(hex_value);
                let lo = self.bytes.get(self.pos + 1).copied().and_then(hex_value);
                if let (Some(hi), Some(lo)) = (hi, lo) {
                    self.pos += 2;
                    out.push(hi << 4 | lo);
                    continue;
                }
            }
            out.push(b);
        }
        out
    }

    /// A literal string after its `(` (§7.3.4.2): balanced parentheses and
    /// every escape. End-of-line bytes are kept as written (as pdf.js and
    /// PDFBox do), not turned into LF: encrypted strings written by careless
    /// writers hold raw CRs that must reach the decryption unchanged. An
    /// unterminated string ends at the end of the input.
    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        while let Some(b) = self.bump() {
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' if depth == 0 => break,
                b')' => {
                    depth -= 1;
                    out.push(b);
                }
                b'\\' => self.escape(&mut out),
                _ => out.push(b),
            }
        }
        out
    }

    fn escape(&mut self, out: &mut Vec<u8>) {
        let Some(b) = self.bump() else { return };
        match b {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'0'..=b'7' => {
                let mut value = u32::from(b - b'0');
                for _ in 0..2 {
                    match self.peek() {
                        Some(d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                // `\400` and above: the high-order overflow is ignored.
                out.push((value & 0xff) as u8);
            }
            // A line continuation: the backslash and the EOL vanish.
            b'\r' => {
                if self.peek() == Some(b'\n') {
                    self.pos += 1;
                }
            }
            b'\n' => {}
            // `\(`, `\)`, `\\`, and an unknown escape: the byte itself.
            other => out.push(other),
        }
    }

    /// A hexadecimal string after its `<` (§7.3.4.3): white space and other
    /// stray bytes ignored, an odd final digit taken as followed by 0.
    fn hex_string(&mut self) -> Vec<u8> {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let digits = rest.iter().position(|b| *b == b'>').unwrap_or(rest.len());
        self.pos += (digits + 1).min(rest.len());
        super::filters::ascii_hex(rest)
    }

    /// Does `word` follow (after white space), ending at a non-regular
    /// byte? Consumes it when it does.
    pub fn eat_keyword(&mut self, word: &[u8]) -> bool {
        let save = self.pos;
        if self.next_token() == Token::Keyword(word) {
            return true;
        }
        self.pos = save;
        false
    }
}

#[cfg(test)]
#[path = "lexer_tests.rs"]
mod tests;

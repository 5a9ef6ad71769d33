//! Minifies the control's stylesheet (`style/control.css`) into
//! `$OUT_DIR/control.css`, which `src/element` includes: the stylesheet is
//! part of the wasm's first download, and its comments and indentation
//! were ~0.5 KB gzip of it. Hand-written because it only has to be safe,
//! not clever: comments go, runs of whitespace become one space or none
//! next to `{ } ; , > :` (never before `:`, which would join a descendant
//! `a :hover` into `a:hover`), quoted strings are kept as they are, and a
//! `;` before `}` goes.

use std::{env, fs, path::Path};

fn main() {
    // control.css goes into the first download; verdict.css into the
    // verify part, adopted when a verdict is first shown; preview.css with
    // the page preview, adopted on opening.
    for name in ["control.css", "verdict.css", "preview.css"] {
        let source = format!("style/{name}");
        println!("cargo:rerun-if-changed={source}");
        let css = fs::read_to_string(&source).expect("style/*.css is readable");
        let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join(name);
        fs::write(out, minify(&css)).expect("OUT_DIR is writable");
    }
}

fn minify(css: &str) -> String {
    // Whitespace next to these is never needed (after them, for `:`).
    const TIGHT_BEFORE: &[char] = &['{', '}', ';', ',', '>'];
    const TIGHT_AFTER: &[char] = &['{', '}', ';', ',', '>', ':'];
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false; // whitespace seen and not yet written
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            _ => {
                let after_tight = out.chars().last().is_none_or(|p| TIGHT_AFTER.contains(&p));
                if space && !after_tight && !TIGHT_BEFORE.contains(&c) {
                    out.push(' ');
                }
                space = false;
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                if c == '"' || c == '\'' {
                    for s in chars.by_ref() {
                        out.push(s);
                        if s == c {
                            break;
                        }
                    }
                }
            }
        }
    }
    out
}

//! Small PDF files written byte by byte for the unit tests, with the
//! offsets they need computed rather than typed.

use std::collections::BTreeMap;

/// A file under construction.
pub(crate) struct Builder {
    pub bytes: Vec<u8>,
    /// Where each object written so far starts.
    pub offsets: BTreeMap<u32, usize>,
}

impl Builder {
    pub fn new() -> Builder {
        Builder {
            bytes: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(),
            offsets: BTreeMap::new(),
        }
    }

    /// `num 0 obj body endobj`.
    pub fn obj(&mut self, num: u32, body: &str) -> &mut Builder {
        self.obj_bytes(num, body.as_bytes())
    }

    pub fn obj_bytes(&mut self, num: u32, body: &[u8]) -> &mut Builder {
        self.offsets.insert(num, self.bytes.len());
        self.bytes
            .extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        self.bytes.extend_from_slice(body);
        self.bytes.extend_from_slice(b"\nendobj\n");
        self
    }

    /// A stream object with `dict` (without /Length) and `data`.
    pub fn stream(&mut self, num: u32, dict: &str, data: &[u8]) -> &mut Builder {
        let mut body = format!("<<{dict} /Length {}>>stream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.obj_bytes(num, &body)
    }

    pub fn raw(&mut self, bytes: &[u8]) -> &mut Builder {
        self.bytes.extend_from_slice(bytes);
        self
    }

    /// A classic table listing `nums` (one subsection each, plus the head
    /// of the free list), `trailer`'s entries, `startxref` and `%%EOF`.
    /// Returns where `xref` starts.
    pub fn table(&mut self, nums: &[u32], trailer: &str) -> usize {
        let at = self.bytes.len();
        let mut text = String::from("xref\n0 1\n0000000000 65535 f \n");
        for num in nums {
            let offset = self.offsets.get(num).copied().unwrap_or(0);
            text.push_str(&format!("{num} 1\n{offset:010} 00000 n \n"));
        }
        text.push_str(&format!("trailer\n<<{trailer}>>\nstartxref\n{at}\n%%EOF\n"));
        self.bytes.extend_from_slice(text.as_bytes());
        at
    }

    /// A cross-reference stream object `num` (no filter, /W [1 4 2])
    /// listing `nums` in the file and `in_streams` (num, stream, index)
    /// in object streams. Returns where the object starts.
    pub fn xref_stream(
        &mut self,
        num: u32,
        nums: &[u32],
        in_streams: &[(u32, u32, u32)],
        dict: &str,
    ) -> usize {
        let at = self.bytes.len();
        let mut rows = Vec::new();
        let mut index = String::new();
        for n in nums.iter().chain([num].iter()) {
            let offset = if *n == num {
                at
            } else {
                self.offsets.get(n).copied().unwrap_or(0)
            };
            rows.push(1u8);
            rows.extend_from_slice(&(offset as u32).to_be_bytes());
            rows.extend_from_slice(&[0, 0]);
            index.push_str(&format!("{n} 1 "));
        }
        for (n, stream, i) in in_streams {
            rows.push(2u8);
            rows.extend_from_slice(&stream.to_be_bytes());
            rows.extend_from_slice(&(*i as u16).to_be_bytes());
            index.push_str(&format!("{n} 1 "));
        }
        let dict = format!("/Type/XRef /W [1 4 2] /Index [{index}] {dict}");
        self.stream(num, &dict, &rows);
        self.bytes
            .extend_from_slice(format!("startxref\n{at}\n%%EOF\n").as_bytes());
        at
    }

    /// An object stream `num` holding `objects` (num, text).
    pub fn object_stream(&mut self, num: u32, objects: &[(u32, &str)]) -> &mut Builder {
        let mut header = String::new();
        let mut body = String::new();
        for (n, text) in objects {
            header.push_str(&format!("{n} {} ", body.len()));
            body.push_str(text);
            body.push(' ');
        }
        let data = format!("{header}{body}");
        let dict = format!("/Type/ObjStm /N {} /First {}", objects.len(), header.len());
        self.stream(num, &dict, data.as_bytes())
    }
}

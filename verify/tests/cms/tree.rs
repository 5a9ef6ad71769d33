//! A tiny DER tree for the tests: read a definite-length fixture, change
//! it (more certificates, an unsigned attribute, indefinite lengths) and
//! write it back. Test code over our own fixtures: it panics on anything
//! unexpected, and knows only one-byte tags.

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Primitive { tag: u8, content: Vec<u8> },
    Constructed { tag: u8, children: Vec<Node> },
}

impl Node {
    pub fn children_mut(&mut self) -> &mut Vec<Node> {
        match self {
            Node::Constructed { children, .. } => children,
            Node::Primitive { .. } => panic!("not constructed"),
        }
    }

    /// The node at a path of child indexes (negative: from the end).
    pub fn at(&mut self, path: &[isize]) -> &mut Node {
        let mut node = self;
        for &step in path {
            let children = node.children_mut();
            let index = if step < 0 {
                children.len() - step.unsigned_abs()
            } else {
                step as usize
            };
            node = &mut children[index];
        }
        node
    }
}

pub fn read(der: &[u8]) -> Node {
    let (node, used) = read_one(der);
    assert_eq!(used, der.len(), "trailing bytes");
    node
}

fn read_one(der: &[u8]) -> (Node, usize) {
    let tag = der[0];
    let (len, header) = match der[1] {
        n if n < 0x80 => (usize::from(n), 2),
        0x80 => panic!("indefinite length in a tree fixture"),
        n => {
            let count = usize::from(n & 0x7f);
            let len = der[2..2 + count]
                .iter()
                .fold(0usize, |acc, &b| acc << 8 | usize::from(b));
            (len, 2 + count)
        }
    };
    let content = &der[header..header + len];
    let node = if tag & 0x20 != 0 {
        let mut children = Vec::new();
        let mut pos = 0;
        while pos < content.len() {
            let (child, used) = read_one(&content[pos..]);
            children.push(child);
            pos += used;
        }
        Node::Constructed { tag, children }
    } else {
        Node::Primitive {
            tag,
            content: content.to_vec(),
        }
    };
    (node, header + len)
}

pub fn length(len: usize) -> Vec<u8> {
    if len < 0x80 {
        return vec![len as u8];
    }
    let be = len.to_be_bytes();
    let digits: Vec<u8> = be.iter().copied().skip_while(|&b| b == 0).collect();
    let mut out = vec![0x80 | digits.len() as u8];
    out.extend(digits);
    out
}

/// DER again (definite lengths everywhere).
pub fn write(node: &Node) -> Vec<u8> {
    write_indefinite_above(node, 0)
}

/// Constructed values nested less than `depth` deep get BER's indefinite
/// length; deeper ones stay definite.
pub fn write_indefinite_above(node: &Node, depth: usize) -> Vec<u8> {
    fn go(node: &Node, level: usize, depth: usize, out: &mut Vec<u8>) {
        match node {
            Node::Primitive { tag, content } => {
                out.push(*tag);
                out.extend(length(content.len()));
                out.extend_from_slice(content);
            }
            Node::Constructed { tag, children } => {
                let mut inner = Vec::new();
                for child in children {
                    go(child, level + 1, depth, &mut inner);
                }
                out.push(*tag);
                if level < depth {
                    out.push(0x80);
                    out.extend(inner);
                    out.extend([0, 0]);
                } else {
                    out.extend(length(inner.len()));
                    out.extend(inner);
                }
            }
        }
    }
    let mut out = Vec::new();
    go(node, 0, depth, &mut out);
    out
}

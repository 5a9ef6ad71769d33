//! Object identifiers as the CMS reader hands them over: their DER content
//! bytes (compared with `crate::oid`'s constants byte for byte), and their
//! dotted rendering.

use std::fmt;

use super::error::CmsError;

/// The DER content bytes of an OBJECT IDENTIFIER. `Display` writes the
/// dotted form; compares equal to the constants of this module.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Oid<'a>(pub &'a [u8]);

impl Oid<'_> {
    /// Whether the bytes are a well-formed identifier: not empty, every
    /// arc ends (last byte below 0x80) and no arc starts with a 0x80 pad.
    pub fn is_well_formed(&self) -> bool {
        let Some(&last) = self.0.last() else {
            return false;
        };
        let mut arc_start = true;
        for &byte in self.0 {
            if arc_start && byte == 0x80 {
                return false;
            }
            arc_start = byte & 0x80 == 0;
        }
        last & 0x80 == 0
    }

    /// The dotted form, or `None` if malformed or an arc is wider than
    /// 128 bits.
    pub fn dotted(&self) -> Option<String> {
        if !self.is_well_formed() {
            return None;
        }
        let mut out = String::new();
        let mut arc: u128 = 0;
        let mut first = true;
        for &byte in self.0 {
            if arc.leading_zeros() < 7 {
                return None;
            }
            arc = (arc << 7) | u128::from(byte & 0x7f);
            if byte & 0x80 != 0 {
                continue;
            }
            if first {
                // The first arc holds two: 40·x + y, x ∈ {0, 1, 2}.
                let (x, y) = match arc {
                    0..=39 => (0, arc),
                    40..=79 => (1, arc - 40),
                    _ => (2, arc - 80),
                };
                out.push_str(&format!("{x}.{y}"));
                first = false;
            } else {
                out.push_str(&format!(".{arc}"));
            }
            arc = 0;
        }
        Some(out)
    }
}

impl PartialEq<&[u8]> for Oid<'_> {
    fn eq(&self, other: &&[u8]) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for Oid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.dotted() {
            Some(dotted) => f.write_str(&dotted),
            None => write!(f, "malformed-oid:{}", hex::encode(self.0)),
        }
    }
}

impl fmt::Debug for Oid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Oid({self})")
    }
}

/// An identifier read from a value, checked to be well formed.
pub(crate) fn read<'a>(tlv: &super::der::Tlv<'a>, what: &'static str) -> Result<Oid<'a>, CmsError> {
    let oid = Oid(tlv.expect(super::der::OBJECT_IDENTIFIER, what)?.content);
    if oid.is_well_formed() {
        Ok(oid)
    } else {
        Err(CmsError::BadOid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_as_the_dotted_name() {
        let sm3 = crate::oid::SM3;
        assert_eq!(Oid(sm3.as_bytes()).to_string(), "1.2.156.10197.1.401");
        assert!(Oid(sm3.as_bytes()) == sm3.as_bytes());
    }

    #[test]
    fn malformed_identifiers_are_not_rendered() {
        assert_eq!(Oid(&[]).dotted(), None);
        assert_eq!(Oid(&[0x2a, 0x86]).dotted(), None);
        assert_eq!(Oid(&[0x2a, 0x80, 0x01]).dotted(), None);
        assert_eq!(Oid(&[0x2a, 0x86]).to_string(), "malformed-oid:2a86");
        // An arc wider than 128 bits.
        let mut wide = vec![0x2a];
        wide.extend([0xff; 19]);
        wide.push(0x7f);
        assert_eq!(Oid(&wide).dotted(), None);
        // 2.25.<uuid> fits.
        assert_eq!(Oid(&[0x69, 0x01]).to_string(), "2.25.1");
    }
}

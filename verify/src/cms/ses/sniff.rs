//! Recognising a GB/T 38540-2020 / GM/T 0031-2014 `SES_Signature` by its
//! shape, before reading it: a seal that is broken further in is reported
//! as a broken seal, not as an unknown format.
//!
//! Both versions start the same way:
//!
//! ```text
//! SES_Signature ::= SEQUENCE { toSign TBS_Sign, … }
//! TBS_Sign      ::= SEQUENCE { version INTEGER, eseal SESeal, … }
//! SESeal        ::= SEQUENCE { esealInfo SES_SealInfo, … }
//! SES_SealInfo  ::= SEQUENCE { header SES_Header, … }
//! SES_Header    ::= SEQUENCE { ID IA5String ("ES"), version INTEGER, Vid IA5String }
//! ```
//!
//! and a CMS ContentInfo starts with an OBJECT IDENTIFIER instead, so the
//! two never overlap.

use super::super::der::{self, Tlv};

/// Whether the outer value has the shape of an SES_Signature down to the
/// seal header's `ID` of "ES".
pub(in crate::cms) fn is_ses_signature(outer: &Tlv<'_>) -> bool {
    sniff(outer).unwrap_or(false)
}

/// The first element of a SEQUENCE.
fn first_child<'a>(tlv: &Tlv<'a>, what: &'static str) -> Option<Tlv<'a>> {
    let tlv = tlv.expect(der::SEQUENCE, what).ok()?;
    tlv.children(what).ok()?.read().ok()
}

fn sniff(outer: &Tlv<'_>) -> Option<bool> {
    let tbs = first_child(outer, "SES_Signature")?;
    let mut tbs = tbs
        .expect(der::SEQUENCE, "TBS_Sign")
        .ok()?
        .children("TBS_Sign")
        .ok()?;
    tbs.expect(der::INTEGER, "TBS_Sign.version").ok()?;
    let seal_info = first_child(&tbs.read().ok()?, "SESeal")?;
    let header = first_child(&seal_info, "SES_SealInfo")?;
    let mut header = header
        .expect(der::SEQUENCE, "SES_Header")
        .ok()?
        .children("SES_Header")
        .ok()?;
    let id = header.expect(der::IA5_STRING, "SES_Header.ID").ok()?;
    Some(id.content == b"ES" && header.expect(der::INTEGER, "SES_Header.version").is_ok())
}

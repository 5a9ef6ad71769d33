//! Reading an electronic seal (`seal`, §6d) back from the worker's JSON,
//! by hand like the rest of `verdict_pdf_json`.

use super::{Identity, SealImage, SealReport};
use crate::json::Fields;
use crate::verdict_pdf_json::named;
use crate::wire::WireError;

/// `signatures[i].seal`, when there is one.
pub(crate) fn seal(f: &mut Fields) -> Result<Option<Box<SealReport>>, WireError> {
    let Some(mut s) = f.object("seal")? else {
        return Ok(None);
    };
    let image = match s.object("image")? {
        None => None,
        Some(mut i) => Some(SealImage {
            mime: i.string("type")?.unwrap_or_default(),
            declared: i.string("declared")?.unwrap_or_default(),
            base64: i.string("base64")?.unwrap_or_default(),
            width: small(i.unsigned("width")?),
            height: small(i.unsigned("height")?),
        }),
    };
    Ok(Some(Box::new(SealReport {
        name: s.string("name")?.unwrap_or_default(),
        id: s.string("id")?.unwrap_or_default(),
        kind: small(s.unsigned("type")?).unwrap_or(0),
        version: small(s.unsigned("version")?)
            .and_then(|v| u8::try_from(v).ok())
            .unwrap_or(4),
        valid_from: s.string("validFrom")?,
        valid_to: s.string("validTo")?,
        maker: s.string("maker")?,
        image,
        intact: s.boolean("intact")?.unwrap_or(false),
        valid_at_signing: s.boolean("validAtSigning")?.unwrap_or(false),
        signer_allowed: s.boolean("signerAllowed")?.unwrap_or(false),
        maker_identity: named(&mut s, "makerIdentity", Identity::ALL)?
            .unwrap_or(Identity::UnknownIssuer),
    })))
}

fn small(value: Option<u64>) -> Option<u32> {
    value.and_then(|v| u32::try_from(v).ok())
}

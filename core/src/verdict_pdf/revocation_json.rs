//! Reading §6c's fields (`level`, `ltv`, `revocation`) back from the
//! worker's JSON, by hand like the rest of `verdict_pdf_json`.

use super::{PadesLevel, RevocationReport, RevocationSource, RevocationStatus};
use crate::json::Fields;
use crate::verdict_pdf_json::named;
use crate::wire::WireError;

/// `(level, ltv, revocation)` of one `signatures[i]`.
pub(crate) type LongTerm = (Option<PadesLevel>, bool, Option<RevocationReport>);

pub(crate) fn long_term(f: &mut Fields) -> Result<LongTerm, WireError> {
    let level = named(f, "level", PadesLevel::ALL)?;
    let ltv = f.boolean("ltv")?.unwrap_or(false);
    let revocation = match f.object("revocation")? {
        None => None,
        Some(mut r) => Some(RevocationReport {
            status: named(&mut r, "status", RevocationStatus::ALL)?
                .unwrap_or(RevocationStatus::Unknown),
            source: named(&mut r, "source", RevocationSource::ALL)?
                .unwrap_or(RevocationSource::Dss),
            produced_at: r.string("producedAt")?,
            revoked_at: r.string("revokedAt")?,
            reason: r.string("reason")?,
        }),
    };
    Ok((level, ltv, revocation))
}

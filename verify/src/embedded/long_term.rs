//! Long-term validation of one signature (§6c): the revocation data that
//! may answer for it (the DSS, its `/VRI` entry, the CMS's own), what it
//! says of the signer's chain at the signing time, whether the document is
//! "LTV enabled" for it, and its PAdES level. B-LTA needs the document
//! timestamps, so `archived` upgrades B-LT once every signature is checked.

use crate::cms::{RevocationValues, SignedData};
use crate::hash::Hash;
use crate::pdf::EmbeddedSignature;
use crate::pki::Certificate;
use crate::revocation::{self, Evidence};
use crate::verdict::PdfSignature;
use crate::verdict_pdf::{
    Identity, Integrity, PadesLevel, RevocationSource, RevocationStatus, SignatureCheck,
    SignatureFormat, Warning,
};

use super::Context;

/// The revocation data for `found`: its VRI entry, the whole DSS, and what
/// its CMS carries (`sd`).
pub(super) fn evidence<'a>(
    context: &Context<'a>,
    found: &EmbeddedSignature,
    sd: Option<&'a SignedData<'a>>,
) -> Evidence<'a> {
    let mut evidence = Evidence::default();
    if let Some(dss) = context.dss {
        let keys = vri_keys(found);
        for (key, data) in &dss.vri {
            let key = key.trim_start_matches('/');
            if keys.iter().any(|k| k.eq_ignore_ascii_case(key)) {
                evidence.add(data, RevocationSource::Vri);
            }
        }
        evidence.add(&dss.data, RevocationSource::Dss);
    }
    if let Some(online) = context.online {
        evidence.add(online, RevocationSource::Online);
    }
    if let Some(sd) = sd {
        let mut cms = |values: RevocationValues<'a>| {
            evidence
                .ocsps
                .extend(values.ocsps.into_iter().map(|o| (o, RevocationSource::Cms)));
            evidence
                .crls
                .extend(values.crls.into_iter().map(|c| (c, RevocationSource::Cms)));
        };
        cms(sd.revocation.clone());
        for signer in &sd.signers {
            cms(signer.revocation_archival());
        }
    }
    evidence
}

/// The VRI keys that may name `found`: SHA-1 of its `/Contents` as
/// written (padding included, as pyHanko and Acrobat key it) and of the
/// value alone.
fn vri_keys(found: &EmbeddedSignature) -> Vec<String> {
    let Some(contents) = found.contents.as_deref() else {
        return Vec::new();
    };
    let mut keys = vec![hex::encode_upper(Hash::Sha1.digest(&[contents]))];
    let value = crate::cms::der::Reader::new(contents).read().map(|v| v.raw);
    if let Ok(value) = value {
        if value.len() != contents.len() {
            keys.push(hex::encode_upper(Hash::Sha1.digest(&[value])));
        }
    }
    keys
}

/// What the revocation data says of `chain` (leaf first) signed at
/// `signing`: `identity: revoked` when revoked before, the warning
/// `revoked-after-signing` after; `revocation-not-checked` unless fresh
/// data answers for the whole chain; `ltv` when the document's data does.
pub(super) fn apply(
    context: &Context,
    result: &mut SignatureCheck,
    chain: &[Certificate],
    pool: &[Certificate],
    evidence: &Evidence,
    signing: Option<i64>,
) {
    let path = revocation_path(chain, pool, context);
    let outcome = revocation::check(&path, evidence, pool, signing);
    let revoked = outcome
        .report
        .as_ref()
        .is_some_and(|r| r.status == RevocationStatus::Revoked);
    match (outcome.revoked_at, signing) {
        // Revoked *before* the signing time (§6c); the same second counts
        // as after: the signature was made while the certificate stood.
        (Some(at), Some(signed)) if at < signed => result.identity = Identity::Revoked,
        (Some(_), _) => result.warn(Warning::RevokedAfterSigning),
        _ => {}
    }
    let answered = outcome.complete && outcome.fresh;
    if !(revoked || answered) {
        result.warn(Warning::RevocationNotChecked);
    }
    result.ltv =
        outcome.complete && outcome.report.is_some() && result.identity != Identity::Revoked;
    result.revocation = outcome.report;
}

/// The chain as far as issuers can be found: the judged path, carried on
/// past a certificate trusted as it is (`--trust-own-certificates` makes
/// every certificate an anchor) up to a self-issued one, so each issued
/// certificate can be answered for by its issuer.
fn revocation_path(
    chain: &[Certificate],
    pool: &[Certificate],
    context: &Context,
) -> Vec<Certificate> {
    const MAX_DEPTH: usize = 8;
    let mut path = chain.to_vec();
    while path.len() < MAX_DEPTH {
        let Some(last) = path.last() else { break };
        if last.is_self_issued() {
            break;
        }
        let candidates = pool
            .iter()
            .chain(context.trust.intermediates())
            .chain(context.trust.roots());
        let issuer = candidates.into_iter().find(|c| {
            crate::pki::same_name(&c.subject_der, &last.issuer_der)
                && !path.iter().any(|p| p.der == c.der)
                && crate::pki::issued_by(last, c)
        });
        match issuer {
            Some(issuer) => path.push(issuer.clone()),
            None => break,
        }
    }
    path
}

/// The level by format, timestamp and embedded data (B-LTA: [`archived`]).
/// B-LT is what the document holds: revocation data from its DSS answered
/// for the chain, or a DSS with revocation data was added after the
/// signature (data that turned out unusable still makes the structure;
/// `ltv` then says it does not serve).
pub(super) fn level(
    context: &Context,
    found: &EmbeddedSignature,
    result: &SignatureCheck,
) -> Option<PadesLevel> {
    match result.format {
        SignatureFormat::Cms | SignatureFormat::CmsGm => {}
        SignatureFormat::Pkcs1 => return Some(PadesLevel::Pkcs7),
        _ => return None,
    }
    let adobe = found
        .listing
        .sub_filter
        .as_deref()
        .is_some_and(|s| s.starts_with("adbe."));
    if adobe {
        return Some(PadesLevel::Pkcs7);
    }
    if !result
        .timestamp
        .as_ref()
        .is_some_and(|t| t.intact && t.trusted)
    {
        return Some(PadesLevel::BB);
    }
    let answered_by_dss = result
        .revocation
        .as_ref()
        .is_some_and(|r| matches!(r.source, RevocationSource::Dss | RevocationSource::Vri));
    let dss_after = context.dss.is_some_and(|dss| {
        let has_data = !dss.data.ocsps.is_empty() || !dss.data.crls.is_empty();
        let after = match (dss.offset, found.signed_end) {
            (Some(at), Some(end)) => at >= end,
            _ => false,
        };
        has_data && after
    });
    Some(if (result.ltv && answered_by_dss) || dss_after {
        PadesLevel::BLt
    } else {
        PadesLevel::BT
    })
}

/// B-LT signatures become B-LTA when an intact document timestamp signs
/// past the DSS (which was added after them).
pub(super) fn archived(
    signatures: &mut [PdfSignature],
    found: &[EmbeddedSignature],
    dss_offset: Option<usize>,
) {
    let Some(dss_at) = dss_offset else {
        return;
    };
    let archived = signatures.iter().zip(found).any(|(s, f)| {
        let intact = s.check.as_ref().is_some_and(|c| {
            c.format == SignatureFormat::Timestamp && c.integrity == Integrity::Intact
        });
        intact && f.signed_end.is_some_and(|end| end > dss_at)
    });
    if !archived {
        return;
    }
    for (signature, found) in signatures.iter_mut().zip(found) {
        let Some(check) = signature.check.as_mut() else {
            continue;
        };
        let before_dss = found.signed_end.is_some_and(|end| end <= dss_at);
        if check.level == Some(PadesLevel::BLt) && before_dss {
            check.level = Some(PadesLevel::BLta);
        }
    }
}

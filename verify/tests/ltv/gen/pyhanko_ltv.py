"""pyHanko's notion of LTV, as its validate_pdf_ltv_signature had it.

pyHanko 0.38 no longer ships validate_pdf_ltv_signature or
RevocationInfoValidationType (its replacement, the AdES engine in
pyhanko.sign.validation.ades, is documented as incubating; see the
README). This module applies the old profiles' rules, written anew on
pyHanko's current primitives (DocumentSecurityStore.read_dss /
as_validation_context, validate_pdf_signature, validate_pdf_timestamp):

- every profile needs a signature timestamp that validates (an LTV
  signature's time comes from a trusted timestamp); validation time =
  its genTime; allow_fetching=False; revocation_mode hard-fail
  (CHECK_IF_DECLARED for end-entity and CA certificates: a certificate
  naming an OCSP responder or a CRL distribution point needs data);
  retroactive_revinfo=True;
- PADES_LT: revocation data and extra certificates from the whole DSS;
  the signature and its timestamp must be intact, valid and trusted;
- PADES_LTA: as PADES_LT, but with the DSS as of the newest document
  timestamp's signed revision, and every document timestamp after the
  signature (at least one) must be intact, valid and trusted at its own
  genTime with the DSS of its own revision;
- ADOBE_STYLE (adbe.pkcs7.detached): revocation data from the
  adbe-revocationInfoArchival attribute, certificates from the CMS."""

from pyhanko.sign.validation import DocumentSecurityStore, validate_pdf_timestamp
from pyhanko.sign.validation.errors import NoDSSFoundError

from . import read
from .pades import tst_gen_time
from .pyhanko_view import context, pdf_status


def profile_for(fx: read.Fixture) -> str:
    return {"PKCS7": "ADOBE_STYLE", "B-LTA": "PADES_LTA"}.get(read.level(fx), "PADES_LT")


def _dss_at(fx: read.Fixture, revision: int | None):
    handler = fx.reader if revision is None else fx.reader.get_historical_resolver(revision)
    try:
        return DocumentSecurityStore.read_dss(handler)
    except NoDSSFoundError:
        return None


def _kwargs(roots, moment) -> dict:
    return {"trust_roots": roots, "allow_fetching": False, "revocation_mode": "hard-fail", "moment": moment,
            "best_signature_time": moment, "retroactive_revinfo": True}


def ltv(fx: read.Fixture, roots: list) -> tuple[bool, str]:
    """(holds, why not) under profile_for(fx)."""
    profile = profile_for(fx)
    moment, source = fx.signing_time
    if source != "timestamp":
        return False, f"{profile}: no signature timestamp"
    if profile == "ADOBE_STYLE":
        archival = next((s for s in fx.sources if s.source == "cms"), None)
        if archival is None:
            return False, f"{profile}: no adbe-revocationInfoArchival"
        vc = context(roots, fx.certs, moment, "hard-fail", archival.ocsps, archival.crls)
    else:
        revision = None
        if profile == "PADES_LTA":
            later = [ts for ts in fx.doc_timestamps if ts.signed_revision > fx.emb.signed_revision]
            if not later:
                return False, f"{profile}: no document timestamp after the signature"
            for ts in later:
                ok, why = _doc_timestamp_ok(fx, ts, roots)
                if not ok:
                    return False, f"{profile}: {why}"
            revision = later[-1].signed_revision
        dss = _dss_at(fx, revision)
        if dss is None:
            return False, f"{profile}: no DSS"
        vc = dss.as_validation_context({**_kwargs(roots, moment), "other_certs": list(fx.certs)})
    status = pdf_status(fx, vc)
    if not status["intact"]:
        return False, f"{profile}: signature not intact"
    if not status["timestampTrusted"]:
        return False, f"{profile}: signature timestamp not trusted with the document's data"
    if status["revoked"]:
        return False, f"{profile}: signer revoked at {moment:%Y-%m-%dT%H:%M:%SZ}"
    if not status["trusted"]:
        return False, f"{profile}: signer not trusted with the document's data (hard-fail)"
    return True, profile


def _doc_timestamp_ok(fx: read.Fixture, ts, roots: list) -> tuple[bool, str]:
    moment = tst_gen_time(ts.signed_data)
    dss = _dss_at(fx, ts.signed_revision)
    kwargs = _kwargs(roots, moment)
    vc = dss.as_validation_context(kwargs) if dss is not None else context(roots, [], moment, "hard-fail")
    status = validate_pdf_timestamp(ts, validation_context=vc)
    if status.intact and status.valid and status.trusted:
        return True, ""
    return False, f"document timestamp {ts.field_name} not intact/trusted with the DSS of its revision"

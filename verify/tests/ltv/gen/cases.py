"""The fixtures: how each is made, and what it was made to be (its
expected.json entry, written from the recipe, never from a verifier).

One revocation world for all of them, as of times.REVINFO (2026-03-01
10:05Z): the root's CRL (number 1) revokes nothing (it covers the
intermediate and the TSA); the intermediate's CRL (number 1) lists the
Revoked-Before Signer (2026-02-01, keyCompromise); the OCSP responder
says `good` for the Signer. The Revoked-After Signer is revoked the next
day (an OCSP response of 2026-03-02 10:05Z says so)."""

from . import build, revinfo, times
from .pades import base_pdf, rfc3339

NOT_CHECKED = "revocation-not-checked"
REVOKED_AFTER = "revoked-after-signing"
CODES = (NOT_CHECKED, REVOKED_AFTER)


def expect(description: str, *, level: str, ltv: bool, revocation: dict | None = None, status: str = "valid",
           identity: str = "trusted", warnings: tuple = (), signing_time=times.SIG_TS) -> dict:
    return {
        "description": description,
        "status": status,
        "identity": identity,
        "level": level,
        "ltv": ltv,
        "revocation": revocation,
        "warningsInclude": list(warnings),
        "warningsExclude": [code for code in CODES if code not in warnings],
        "signingTime": rfc3339(signing_time),
    }


def rev(status: str, source: str, revoked: tuple | None = None) -> dict:
    return {
        "status": status,
        "source": source,
        "revokedAt": None if revoked is None else rfc3339(revoked[0]),
        "reason": None if revoked is None else revoked[1],
    }


def build_all(pki) -> dict:
    """{file name: (pdf bytes, expected entry)}"""
    base = base_pdf()
    inter = pki.intermediate
    root_crl = revinfo.crl(pki.root, 1)
    before = (times.REVOKED_BEFORE, "keyCompromise")
    after = (times.REVOKED_AFTER, "keyCompromise")
    inter_crl = revinfo.crl(inter, 1, [(pki.revoked_before, *before)])

    def ocsp(who, **kw):
        return revinfo.ocsp_response(who, inter, kw.pop("responder", pki.responder), **kw)

    def b_t(who=pki.signer):
        return build.sign(base, who, pki)

    def lt(who, ocsps=(), crls=(root_crl,), vri=True):
        return build.add_dss(b_t(who), [who, inter, pki.tsa], ocsps, crls, vri=vri)

    s = pki.signer
    out = {}
    out["b-b.pdf"] = (build.sign(base, s, pki, timestamp=False), expect(
        "PAdES B-B: ETSI.CAdES.detached, no timestamp, no revocation data", level="B-B", ltv=False,
        warnings=(NOT_CHECKED,), signing_time=times.SIGNED))
    out["b-t.pdf"] = (b_t(), expect(
        "PAdES B-T: B-B plus a signature timestamp (genTime 10:01:00Z)", level="B-T", ltv=False,
        warnings=(NOT_CHECKED,)))
    blt = lt(s, [ocsp(s)])
    good_vri = rev("good", "vri")
    out["b-lt.pdf"] = (blt, expect(
        "PAdES B-LT: B-T, then a DSS revision: /Certs (signer, intermediate, TSA, OCSP responder), /OCSPs (the "
        "signer's, good, 10:05Z), /CRLs (the root's), /VRI keyed by SHA-1 of the signature's /Contents",
        level="B-LT", ltv=True, revocation=good_vri))
    out["b-lta.pdf"] = (build.add_doc_timestamp(blt, pki), expect(
        "PAdES B-LTA: b-lt.pdf plus a document timestamp (ETSI.RFC3161, genTime 10:10:00Z) after the DSS",
        level="B-LTA", ltv=True, revocation=good_vri))
    out["b-lt-crl-only.pdf"] = (lt(s, crls=(root_crl, inter_crl), vri=False), expect(
        "PAdES B-LT, CRLs only: DSS /Certs and /CRLs (the root's and the intermediate's; the signer is not "
        "listed), no OCSP, no /VRI", level="B-LT", ltv=True, revocation=rev("good", "dss")))
    out["pkcs7-adbe-archival.pdf"] = (build.sign_adbe_archival(base, s, pki, [ocsp(s)], [root_crl]), expect(
        "adbe.pkcs7.detached with a signature timestamp and the signed attribute adbe-revocationInfoArchival "
        "(1.2.840.113583.1.1.8): the signer's OCSP response (good) and the root's CRL; no DSS",
        level="PKCS7", ltv=True, revocation=rev("good", "cms")))
    ra = pki.revoked_after
    out["revoked-after.pdf"] = (lt(ra, [ocsp(ra, produced=times.REVINFO_NEXT_DAY, revoked=after)]), expect(
        "B-LT whose OCSP response (producedAt 2026-03-02T10:05Z) says the signer was revoked at "
        "2026-03-02T00:00Z, keyCompromise: after the signing time", level="B-LT", ltv=True,
        revocation=rev("revoked", "vri", after), warnings=(REVOKED_AFTER,)))
    rb = pki.revoked_before
    out["revoked-before.pdf"] = (lt(rb, [ocsp(rb, revoked=before)]), expect(
        "B-LT whose OCSP response (10:05Z) says the signer was revoked at 2026-02-01T00:00Z, keyCompromise: "
        "before the signing time", level="B-LT", ltv=False, status="invalid", identity="revoked",
        revocation=rev("revoked", "vri", before)))
    out["revoked-before-crl.pdf"] = (lt(rb, crls=(root_crl, inter_crl)), expect(
        "B-LT, the same revocation only in the intermediate's CRL (DSS /CRLs and the /VRI's /CRL: the root's "
        "and the intermediate's), no OCSP", level="B-LT", ltv=False, status="invalid", identity="revoked",
        revocation=rev("revoked", "vri", before)))
    # The signer's response does not serve; the root's CRL still answers for
    # the intermediate: part of the chain, `unknown`.
    unusable = dict(level="B-LT", ltv=False, revocation=rev("unknown", "vri"), warnings=(NOT_CHECKED,))
    out["ocsp-bad-signature.pdf"] = (lt(s, [ocsp(s, break_signature=True)]), expect(
        "B-LT whose OCSP response's signature value has one byte changed (its last byte XOR 1): not usable (the root's CRL answers for the intermediate only: unknown)",
        **unusable))
    out["ocsp-wrong-responder.pdf"] = (lt(s, [ocsp(s, responder=pki.rogue_responder)]), expect(
        "B-LT whose OCSP response is signed by a certificate of the intermediate without id-kp-OCSPSigning "
        "(otherwise like the responder's): not an authorised responder, not usable", **unusable))
    out["stale-ocsp.pdf"] = (lt(s, [ocsp(s, produced=times.STALE)]), expect(
        "B-LT whose OCSP response (good) was produced 2026-02-27T10:00Z, before the signing time (nextUpdate "
        "2026-03-06 still covers it): usable, LTV, but not fresh", level="B-LT", ltv=True, revocation=good_vri,
        warnings=(NOT_CHECKED,)))
    return out

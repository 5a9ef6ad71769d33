#!/usr/bin/env python3
"""Re-checks every LTV fixture against expected.json with pyHanko and
OpenSSL, reading only the fixture and roots.pem:

- structure (pyHanko's reader): the level (gen/read.py), the signing time
  (signature timestamp's genTime, else signingTime, else /M), every /VRI
  key being the upper-case hex SHA-1 of the signature's /Contents, and
  pyHanko's difference analysis finding nothing after the signed revision
  but DSS and document-timestamp updates (LTA_UPDATES; NONE for B-B, B-T
  and PKCS7);
- pyHanko (gen/pyhanko_view.py), all at the signing time with the
  document's own revocation data, roots.pem as the only anchor, no
  fetching, retroactive_revinfo: status and identity (the chain with no
  revocation checking must hold; a RevokedError dated at or before the
  signing time makes it invalid/revoked; soft-fail with the document's
  data must hold for valid); `revocation-not-checked` unless hard-fail
  with only the data produced after the signing time settles the status;
  `revoked-after-signing` when the status holds at the signing time but
  the same data gives a RevokedError at 2026-03-05T12:00Z; ltv by the old
  validate_pdf_ltv_signature profiles (gen/pyhanko_ltv.py);
- OpenSSL (gen/openssl_revinfo.py): every OCSP response (`openssl ocsp
  -respin … -CAfile roots.pem`) and CRL (`openssl crl -CAfile …`);
  `revocation` (status, source, revokedAt, reason) comes from what OpenSSL
  verifies. Where expected `revocation` is null or `unknown` every OCSP
  response must fail verification, otherwise every one must pass; every
  CRL must pass.

pyHanko 0.38's known disagreements are listed in KNOWN: there, pyHanko
must say exactly the value given and expected.json the other one (so
that a change in either shows).
One line per fixture; exit 1 on any mismatch.

    .venv/bin/python verify/tests/ltv/crosscheck.py"""

import json
import shutil
import sys
from pathlib import Path

sys.dont_write_bytecode = True

from gen import pyhanko_ltv, read, times  # noqa: E402
from gen.openssl_revinfo import OpenSsl, revocation  # noqa: E402
from gen.pyhanko_view import Views, load_roots, revocation_date  # noqa: E402

HERE = Path(__file__).resolve().parent
CODES = ("revocation-not-checked", "revoked-after-signing")

_LEGACY_REVOKED_LATER = (
    "pyhanko-certvalidator's (legacy) path validation takes an OCSP `revoked` whose revocationTime is after the "
    "validation time for no answer, so the status at the signing time stays open (InsufficientRevinfoError, "
    "soft-fail included); the same data at 2026-03-05 gives RevokedError 2026-03-02. RFC 6960 / ETSI EN 319 "
    "102-1: not revoked when signed")
_SOFT_FAIL_STRICT = (
    "pyhanko-certvalidator's soft-fail still fails a chain when revocation data that is present does not "
    "validate (InsufficientRevinfoError); here unusable data counts as absent: valid, revocation-not-checked")
# file -> {what: (pyHanko says, expected.json says, why)}
KNOWN = {
    "revoked-after.pdf": {"status": ("indeterminate/unusable", "valid/trusted", _LEGACY_REVOKED_LATER),
                          "ltv": (False, True, _LEGACY_REVOKED_LATER),
                          "revocation-not-checked": (True, False, _LEGACY_REVOKED_LATER)},
    "ocsp-bad-signature.pdf": {"status": ("indeterminate/unusable", "valid/trusted", _SOFT_FAIL_STRICT)},
    "ocsp-wrong-responder.pdf": {"status": ("indeterminate/unusable", "valid/trusted", _SOFT_FAIL_STRICT)},
}


def check(name: str, want: dict, roots: list, ossl: OpenSsl) -> tuple[list, list, str]:
    """(problems, the KNOWN disagreements met, summary)"""
    fx = read.read((HERE / name).read_bytes())
    problems, accepted = [], []

    def same(what, expected, found):
        if expected != found:
            problems.append(f"{what}: expected {expected!r}, found {found!r}")

    # Structure.
    level = read.level(fx)
    same("level", want["level"], level)
    same("signingTime", want["signingTime"], fx.signing_time[0].strftime("%Y-%m-%dT%H:%M:%SZ"))
    if fx.dss is not None and fx.dss.vri_entries:
        same("/VRI keys", ["/" + fx.vri_key], sorted(str(k) for k in fx.dss.vri_entries))

    # pyHanko.
    views = Views(fx, roots, later=times.CHECK_NOW)
    holds, profile = pyhanko_ltv.ltv(fx, roots)
    if fx.signing_time[1] == "timestamp":
        same("pyHanko's signature timestamp", fx.signing_time[0], views.chain["timestamp"])
    # What follows the signed revision: nothing, or only DSS / document
    # timestamp revisions (pyHanko's LTA_UPDATES).
    same("pyHanko's modification level", "LTA_UPDATES" if level in ("B-LT", "B-LTA") else "NONE",
         views.chain["changes"])
    warnings = views.warnings()
    found = {"status": "/".join(views.status()), "ltv": holds}
    expected = {"status": f"{want['status']}/{want['identity']}", "ltv": want["ltv"]}
    for code in CODES:
        found[code] = code in warnings
        if code in want["warningsInclude"] or code in want["warningsExclude"]:
            expected[code] = code in want["warningsInclude"]
    known = KNOWN.get(name, {})
    for key, value in expected.items():
        if key in known:
            pyhanko_says, ours, _ = known[key]
            same(f"pyHanko {key} (KNOWN)", pyhanko_says, found[key])
            same(f"expected.json {key} (KNOWN)", ours, value)
            accepted.append(key)
        else:
            same(f"pyHanko {key}", value, found[key])
    rev = want["revocation"]
    if rev is not None and rev["status"] == "revoked":
        message = next((m for kind, m in (views.document, views.later) if kind == "revoked"), "")
        dated = revocation_date(message)
        same("pyHanko's revocation date", rev["revokedAt"], dated and dated.strftime("%Y-%m-%dT%H:%M:%SZ"))

    # OpenSSL.
    same("revocation (OpenSSL)", rev, revocation(fx, ossl))
    ocsps, crls = read.all_revinfo(fx)
    ocsp_found = [ossl.ocsp(r, fx.certs) for r in ocsps]
    crl_found = [ossl.crl(c, fx.certs) for c in crls]
    # The signer's OCSP responses serve exactly when something answers for
    # the signer (`unknown`: only the chain above it is answered for).
    signer_answered = rev is not None and rev["status"] != "unknown"
    for i, f in enumerate(ocsp_found):
        if f.verified != signer_answered:
            problems.append(f"OCSP #{i}: OpenSSL {'verifies' if f.verified else 'rejects (' + f.error + ')'}")
    for i, f in enumerate(crl_found):
        if not f.verified:
            problems.append(f"CRL #{i}: OpenSSL rejects ({f.error})")

    ocsp_note = ", ".join("verified" if f.verified else f"rejected: {f.error}" for f in ocsp_found) or "none"
    crl_note = ", ".join(("verified" if f.verified else "rejected") + f" ({f.issuer.native['common_name']})"
                         for f in crl_found) or "none"
    summary = (f"{level} {found['status']} ltv={holds} [{profile}] warnings={warnings} "
               f"revocation={_rev(rev)}; OpenSSL OCSP: {ocsp_note}; CRL: {crl_note}")
    return problems, accepted, summary


def _rev(rev) -> str:
    if rev is None:
        return "null"
    return "/".join(str(rev[k]) for k in ("status", "source", "revokedAt", "reason") if rev[k] is not None)


def main() -> int:
    expected = json.loads((HERE / "expected.json").read_text())
    roots = load_roots(HERE / "roots.pem")
    ossl = OpenSsl(HERE / "roots.pem", roots, times.CHECK_NOW)
    failed = 0
    try:
        for name, want in expected.items():
            try:
                problems, accepted, summary = check(name, want, roots, ossl)
            except Exception as e:  # noqa: BLE001 - report, count, go on
                problems, accepted, summary = [f"{type(e).__name__}: {e}"], [], "crashed"
            failed += bool(problems)
            if accepted:
                summary += f"; pyHanko differs as KNOWN on {', '.join(accepted)}"
            if problems:
                summary += " | MISMATCH " + " | ".join(problems)
            print(f"{'FAIL' if problems else 'ok  '} {name}: {summary}")
    finally:
        shutil.rmtree(ossl.dir, ignore_errors=True)
    print(f"{len(expected) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""pyHanko's view of a fixture's signer at a fixed time, with the
revocation data the document itself carries (DSS and/or the
adbe-revocationInfoArchival attribute) and nothing else: trust anchors =
roots.pem, allow_fetching=False, retroactive_revinfo=True (the data was
fetched minutes after the signing, so it post-dates the validation time;
pyhanko-certvalidator then only asks that the time lie before nextUpdate).

A view is one of
  ("trusted", "")            the chain validates under the revocation policy,
  ("revoked", message)       pyhanko-certvalidator's RevokedError,
  ("unusable", message)      InsufficientRevinfoError and other revocation
                             failures (data missing, stale, or failing),
  ("untrusted", message)     any other path validation failure."""

import asyncio
import datetime as dt
import logging
import re

from asn1crypto import pem, x509
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import CertificateValidator, ValidationContext, errors

from . import read

logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)

KEY_USAGE = KeyUsageConstraints(key_usage={"non_repudiation"})


def load_roots(path) -> list:
    return [x509.Certificate.load(der) for _, _, der in pem.unarmor(path.read_bytes(), multiple=True)]


def issued_at(obj) -> dt.datetime:
    """OCSP producedAt or CRL thisUpdate."""
    if "tbs_cert_list" in obj:
        return obj["tbs_cert_list"]["this_update"].native
    return obj["response_bytes"]["response"].parsed["tbs_response_data"]["produced_at"].native


def context(roots, certs, moment, mode, ocsps=(), crls=()) -> ValidationContext:
    return ValidationContext(
        trust_roots=roots,
        other_certs=certs,
        ocsps=list(ocsps),
        crls=list(crls),
        allow_fetching=False,
        revocation_mode=mode,
        moment=moment,
        best_signature_time=moment,
        retroactive_revinfo=True,
    )


def pdf_status(fx: read.Fixture, vc: ValidationContext) -> dict:
    """validate_pdf_signature with `vc` for the signer and its timestamp."""
    status = validate_pdf_signature(fx.emb, signer_validation_context=vc, ts_validation_context=vc,
                                    key_usage_settings=KEY_USAGE)
    ts = status.timestamp_validity
    return {
        "intact": status.intact and status.valid,
        "trusted": status.trusted,
        "revoked": status.revoked,
        "changes": None if status.modification_level is None else status.modification_level.name,
        "timestamp": None if ts is None else ts.timestamp,
        "timestampTrusted": None if ts is None else (ts.intact and ts.valid and ts.trusted),
    }


def cert_view(fx: read.Fixture, vc: ValidationContext) -> tuple[str, str]:
    validator = CertificateValidator(fx.emb.signer_cert, intermediate_certs=fx.certs, validation_context=vc)
    try:
        asyncio.run(validator.async_validate_usage({"non_repudiation"}))
    except errors.RevokedError as e:
        return "revoked", str(e)
    except (errors.InsufficientRevinfoError, errors.StaleRevinfoError) as e:
        return "unusable", str(e)
    except (errors.PathValidationError, errors.PathBuildingError, errors.ValidationError) as e:
        return "untrusted", str(e)
    return "trusted", ""


def revocation_date(message: str) -> dt.datetime | None:
    """The date in pyhanko-certvalidator's RevokedError ('revoked at
    00:00:00 on 2026-02-01')."""
    m = re.search(r"revoked at (\d\d:\d\d:\d\d) on (\d{4}-\d\d-\d\d)", message)
    if not m:
        return None
    return dt.datetime.fromisoformat(f"{m.group(2)}T{m.group(1)}+00:00")


class Views:
    """The four looks the cross-check takes (see crosscheck.py)."""

    def __init__(self, fx: read.Fixture, roots: list, later: dt.datetime):
        moment = fx.signing_time[0]
        ocsps, crls = read.all_revinfo(fx)
        fresh_ocsps = [o for o in ocsps if issued_at(o) > moment]
        fresh_crls = [c for c in crls if issued_at(c) > moment]
        certs = fx.certs
        # 1. The chain alone (no revocation checking) at the signing time.
        self.chain = pdf_status(fx, context(roots, certs, moment, "none"))
        # 2. Soft-fail with every piece of revocation data in the document.
        self.document = cert_view(fx, context(roots, certs, moment, "soft-fail", ocsps, crls))
        # 3. Hard-fail with only the data produced after the signing time.
        self.fresh = cert_view(fx, context(roots, certs, moment, "hard-fail", fresh_ocsps, fresh_crls))
        # 4. Soft-fail with the document's data at a later time.
        self.later = cert_view(fx, context(roots, certs, later, "soft-fail", ocsps, crls))
        self.moment = moment

    def status(self) -> tuple[str, str]:
        """(status, identity) in expected.json's words."""
        if not self.chain["intact"]:
            return "invalid", "-"
        kind, message = self.document
        if kind == "revoked":
            when = revocation_date(message)
            if when is None or when <= self.moment:
                return "invalid", "revoked"
        if not self.chain["trusted"]:
            return "indeterminate", "untrusted"
        if kind in ("trusted", "revoked"):
            return "valid", "trusted"
        return "indeterminate", kind

    def revocation_checked(self) -> bool:
        """Fresh data settles the signer's status at the signing time."""
        return self.fresh[0] in ("trusted", "revoked")

    def revoked_after_signing(self) -> bool:
        return self.document[0] != "revoked" and self.later[0] == "revoked"

    def warnings(self) -> list:
        out = []
        if not self.revocation_checked():
            out.append("revocation-not-checked")
        if self.revoked_after_signing():
            out.append("revoked-after-signing")
        return out

"""Every time the LTV fixtures use, fixed (UTC). Keys are fresh on each
run; these are not, so expected.json does not change between runs."""

import datetime as dt

UTC = dt.timezone.utc


def t(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


# Certificates: every one valid for the same three years.
NOT_BEFORE = t(2025, 1, 1)
NOT_AFTER = t(2028, 1, 1)

# The signing: /M (and signingTime in the adbe.pkcs7 CMS) ...
SIGNED = t(2026, 3, 1, 10, 0, 0)
# ... and the signature timestamp's genTime, a minute later: for B-T and
# up, this is the signing time the verifier reports.
SIG_TS = t(2026, 3, 1, 10, 1, 0)

# Revocation data fetched five minutes after the signing: OCSP producedAt
# = thisUpdate, CRL thisUpdate; nextUpdate a week later.
REVINFO = t(2026, 3, 1, 10, 5, 0)
WEEK = dt.timedelta(days=7)

# The document timestamp of b-lta.pdf, after the DSS revision.
DOC_TS = t(2026, 3, 1, 10, 10, 0)

# revoked-after.pdf: revoked the next day, the OCSP response saying so
# produced that morning.
REVOKED_AFTER = t(2026, 3, 2, 0, 0, 0)
REVINFO_NEXT_DAY = t(2026, 3, 2, 10, 5, 0)

# revoked-before.pdf / revoked-before-crl.pdf: revoked a month before the
# signing time.
REVOKED_BEFORE = t(2026, 2, 1, 0, 0, 0)

# stale-ocsp.pdf: an OCSP response produced two days before the signing;
# its nextUpdate (a week later) still covers the signing time.
STALE = t(2026, 2, 27, 10, 0, 0)

# The cross-check's "now" for pyHanko's AdES (LTA) validation and for
# OpenSSL's chain checks of the revocation data: after everything above,
# before any certificate expires.
CHECK_NOW = t(2026, 3, 5, 12, 0, 0)

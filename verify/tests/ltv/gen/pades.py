"""The PAdES fixture generator's helpers (verify/tests/pades/gen), imported
as the package `pades_gen`: our own helper package is also called `gen`,
so the two cannot both be imported by that name (the same trick as
verify/tests/ses/gen/pades.py).

What we take from it: `clock` (pyHanko's clock pinned with `clock.at`,
and pyHanko's automatic /Info update switched off, so that each revision
holds only what it was made for; `clock.rfc3339`); `document.base_pdf`
(the hand-written two-page base document); `pki.Identity` and
`pki.der_to_pem`, `pki.openssl`; `sign.signer_for` (a pyHanko
SimpleSigner from an Identity), `sign.local_tsa` (pyHanko's
DummyTimeStamper with our TSA at a fixed genTime) and `sign.doc_timestamp`
(a document timestamp by pyHanko's PdfTimeStamper with the local TSA); for the
cross-check, `terms` (§6a's signing time: timestamp → signingTime → /M,
RFC 3339 formatting)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "support"))
import load_pades_gen  # noqa: E402,F401  (registers the package `pades_gen`)

from pades_gen import clock, document, pki, sign, terms  # noqa: E402

Identity = pki.Identity
der_to_pem = pki.der_to_pem
openssl = pki.openssl
signer_for = sign.signer_for
doc_timestamp = sign.doc_timestamp
local_tsa = sign.local_tsa
base_pdf = document.base_pdf
at = clock.at
rfc3339 = clock.rfc3339
ORG = pki.ORG
signing_time = terms.signing_time
signed_attr = terms.signed_attr
tst_gen_time = terms.tst_gen_time
PADES = sign.PADES
PKCS7 = sign.PKCS7

__all__ = ["Identity", "der_to_pem", "openssl", "signer_for", "doc_timestamp", "local_tsa", "base_pdf", "at", "rfc3339",
           "ORG", "PADES", "PKCS7", "signing_time", "signed_attr", "tst_gen_time"]

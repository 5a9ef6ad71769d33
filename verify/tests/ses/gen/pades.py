"""The PAdES fixture generator's helpers (verify/tests/pades/gen), imported
as the package `pades_gen`: our own helper package is also called `gen`, so
the two cannot both be imported by that name.

What we take from it: `pki.openssl` (run OpenSSL, raise on failure),
`pki.Identity` and `pki.der_to_pem`, `pki.SM2_ID`; `sm2.sm2_sign` (SM2 with
SM3 by `openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:…`) and
`sm2.sm3`; `document.write_pdf` / `document.stream` / `document.tamper`
(the hand-written base PDF and a same-length change inside it);
`clock.rfc3339`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "support"))
import load_pades_gen  # noqa: E402,F401  (registers the package `pades_gen`)

from pades_gen import clock, document, pki, sm2  # noqa: E402

openssl = pki.openssl
Identity = pki.Identity
der_to_pem = pki.der_to_pem
SM2_ID = pki.SM2_ID
sm2_sign = sm2.sm2_sign
sm3 = sm2.sm3
SM2_WITH_SM3 = sm2.SM2_SIGN  # 1.2.156.10197.1.501
write_pdf = document.write_pdf
stream = document.stream
tamper = document.tamper
rfc3339 = clock.rfc3339

__all__ = ["openssl", "Identity", "der_to_pem", "SM2_ID", "sm2_sign", "sm3", "SM2_WITH_SM3",
           "write_pdf", "stream", "tamper", "rfc3339"]

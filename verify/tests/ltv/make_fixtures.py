#!/usr/bin/env python3
"""Regenerates the LTV fixtures of verify/tests/ltv: the PDFs, roots.pem
and expected.json (what each fixture was made to be).

    .venv/bin/python verify/tests/ltv/make_fixtures.py

pyHanko signs, timestamps (its in-process DummyTimeStamper with our TSA)
and writes the DSS and the adbe-revocationInfoArchival attribute; OCSP
responses are assembled with asn1crypto and signed with `cryptography`,
CRLs made by cryptography's CRL builder (gen/revinfo.py). Times are fixed
(gen/times.py); keys are fresh on every run, so the bytes change but
expected.json does not. Check the result with crosscheck.py."""

import json
import sys
from pathlib import Path

sys.dont_write_bytecode = True

from gen.cases import build_all  # noqa: E402
from gen.pki import Pki  # noqa: E402

HERE = Path(__file__).resolve().parent


def main() -> int:
    pki = Pki()
    fixtures = build_all(pki)
    for old in HERE.glob("*.pdf"):
        old.unlink()
    expected = {}
    for name, (pdf, entry) in sorted(fixtures.items()):
        (HERE / name).write_bytes(pdf)
        expected[name] = entry
    (HERE / "roots.pem").write_text(pki.roots_pem())
    (HERE / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")
    print(f"{len(fixtures)} fixtures, roots.pem, expected.json written to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Regenerates the electronic-seal (SES_Signature) PDF fixtures of
verify/tests/ses, roots.pem and expected.json.

    .venv/bin/python verify/tests/ses/make_fixtures.py

GB/T 38540-2020 (v4) and GM/T 0031-2014 (v1) seals and signatures are
assembled with asn1crypto (gen/asn1.py, gen/seal_v4.py, gen/seal_v1.py),
every SM2 signature is made by OpenSSL (SM2 with SM3, distinguishing ID
1234567812345678), the PKI by `openssl ca` (gen/pki.py), the timestamp
token by pyHanko's in-process TSA (gen/tsa.py), the PDF and its signing
revision by hand (gen/pdf.py, gen/pdfsig.py). Times are fixed; keys and
SM2 signatures are new on every run, so the bytes change but
expected.json does not. README.md says what is built; crosscheck.py checks
the result with OpenSSL."""

import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True

from gen.build import build  # noqa: E402
from gen.cases import CASES, expected  # noqa: E402
from gen.pki import make_pki  # noqa: E402

HERE = Path(__file__).resolve().parent


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="ses-fixtures-"))
    try:
        pki = make_pki(work)
        made = {case.file: (build(case, pki), expected(case, pki)) for case in CASES}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for old in HERE.glob("*.pdf"):
        old.unlink()
    for name, (pdf, _) in sorted(made.items()):
        (HERE / name).write_bytes(pdf)
        print(f"{name:32} {len(pdf):6} bytes")
    (HERE / "roots.pem").write_text(pki.trusted_roots_pem())
    expect = {name: entry for name, (_, entry) in sorted(made.items())}
    (HERE / "expected.json").write_text(json.dumps(expect, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

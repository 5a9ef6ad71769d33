#!/usr/bin/env python3
"""Cross-checks `seal-verify --signed-version` against pyHanko.

For every signature of the fixtures and of the real-world corpus that our
report says signed a whole revision (`revision` in --json):

- pyHanko's reader must agree on which revision it signed
  (`EmbeddedPdfSignature.signed_revision` + 1, 0-based there);
- the file `--signed-version N FILE` writes must be exactly the file's
  bytes up to the end of the /ByteRange pyHanko reads, and open in pyHanko
  as a PDF with that many revisions.

Signatures pyHanko cannot read are skipped with a note. Prints
`N passed, N failed`; exits 1 on any disagreement.

    .venv/bin/python seal-verify/tests/signed_versions.py target/debug/seal-verify"""

import json
import logging
import subprocess
import sys
import tempfile
from io import BytesIO
from pathlib import Path

from pyhanko.pdf_utils.reader import PdfFileReader

logging.disable(logging.CRITICAL)
ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    list((ROOT / "verify/tests/pdf/revisions").glob("*.pdf"))
    + list((ROOT / "verify/tests/pades").glob("*.pdf"))
    + list((ROOT / "verify/tests/ltv").glob("*.pdf"))
    + list((ROOT / "../shared/interop/realworld/pdf").glob("*.pdf"))
)


def ours(binary, path):
    run = subprocess.run([binary, "--document", str(path), "--json"], capture_output=True)
    if run.returncode == 2:
        return []
    pdf = json.loads(run.stdout).get("pdf") or {}
    return pdf.get("signatures", [])


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target/debug/seal-verify")
    passed, failed, skipped = 0, [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in FILES:
            data = path.read_bytes()
            signatures = ours(binary, path)
            if not any(s.get("revision") for s in signatures):
                continue
            try:
                theirs = {
                    # Two dictionaries may share one /ByteRange (an edited
                    # copy): the field tells them apart.
                    (tuple(e.sig_object["/ByteRange"]), e.field_name): e
                    for e in PdfFileReader(BytesIO(data), strict=False).embedded_signatures
                }
            except Exception as e:  # noqa: BLE001 - pyHanko cannot read it
                skipped += 1
                print(f"note: {path.name}: pyHanko cannot read it ({type(e).__name__})")
                continue
            for n, sig in enumerate(signatures, 1):
                if not sig.get("revision"):
                    continue
                name = f"{path.name} #{n} ({sig.get('field')})"
                emb = theirs.get((tuple(sig["byteRange"]), sig.get("field")))
                if emb is None:
                    skipped += 1
                    print(f"note: {name}: pyHanko does not list it")
                    continue
                problems = []
                if emb.signed_revision + 1 != sig["revision"]:
                    problems.append(f"revision {sig['revision']}, pyHanko {emb.signed_revision + 1}")
                br = [int(x) for x in emb.sig_object["/ByteRange"]]
                out = Path(tmp) / f"{n}.pdf"
                run = subprocess.run(
                    [binary, "--document", str(path), "--signed-version", str(n), str(out)],
                    capture_output=True,
                )
                if not out.exists():
                    problems.append(f"nothing written: {run.stderr.decode(errors='replace').strip()}")
                elif out.read_bytes() != data[: br[2] + br[3]]:
                    problems.append("the signed version differs from the bytes up to the /ByteRange's end")
                else:
                    version = PdfFileReader(BytesIO(out.read_bytes()), strict=False)
                    if version.xrefs.total_revisions != emb.signed_revision + 1:
                        problems.append(
                            f"the written file has {version.xrefs.total_revisions} revisions"
                        )
                if problems:
                    failed.append(f"{name}: {'; '.join(problems)}")
                else:
                    passed += 1
    for line in failed:
        print(f"FAIL {line}")
    print(f"{passed} passed, {len(failed)} failed, {skipped} skipped")
    sys.exit(1 if failed or passed == 0 else 0)


if __name__ == "__main__":
    main()

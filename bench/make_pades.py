#!/usr/bin/env python3
"""The bench's 20 MiB PAdES PDFs, made at bench time by tools independent of
ours (run by scripts/bench with the project's .venv):

    .venv/bin/python bench/make_pades.py OUT_DIR [MIB]

writes OUT_DIR/pades-ecdsa.pdf (pyHanko, PAdES ETSI.CAdES.detached, ECDSA
P-256 with SHA-256), OUT_DIR/pades-sm2.pdf (SM2withSM3: the CMS assembled
with asn1crypto and signed by `openssl pkeyutl`, embedded with pyHanko's
interrupted signing) and OUT_DIR/pades-roots.pem (the roots to trust).

Everything is the PDF signature fixtures' own generator (verify/tests/pades/gen,
imported, not copied): its PKI, its base document, its pyHanko and SM2
signing. The only addition is the size: the base document grows to about
MIB MiB (default 20) by a pyHanko incremental update holding one
unreferenced stream of pseudo-random bytes (as the devserver's `/dev/large`
pads), so the file stays a well-formed PDF whose signature covers it all.
Each signed file is then checked by an independent verifier before it is
timed: pyHanko's validation for ECDSA, OpenSSL for SM2 (the fixtures'
`sm2_openssl.check`); a file that is not valid, intact and trusted fails here."""

import random
import sys
import tempfile
from io import BytesIO
from pathlib import Path

sys.dont_write_bytecode = True
FIXTURES = Path(__file__).resolve().parent.parent / "verify" / "tests" / "pades"
sys.path.insert(0, str(FIXTURES))

from gen import clock, document, pyhanko_check, sm2_openssl  # noqa: E402
from gen.pki import Pki  # noqa: E402
from gen.sign import PADES, sign  # noqa: E402
from gen.sm2 import Sm2Options, sign_sm2  # noqa: E402
from pyhanko.pdf_utils import generic  # noqa: E402
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: E402
from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: E402
from pyhanko.sign.validation import validate_pdf_signature  # noqa: E402

MIB = 1024 * 1024
# Room left for the signing revision (placeholder of 8192 hex digits, the
# signature dictionary, field and xref), so the signed file stays within
# the size asked for and under the control's default 20 MiB limit.
SIGNING_ROOM = 16 * 1024


def padded_base(target: int) -> bytes:
    """The fixtures' base document with one unreferenced stream appended in
    an incremental update, `target` bytes in all (give or take the xref)."""
    base = document.base_pdf()
    w = IncrementalPdfFileWriter(BytesIO(base))
    # Pseudo-random (a fixed seed: the same bytes every run), so nothing
    # about the bytes favours one hash implementation.
    filler = random.Random(0x1F0).randbytes(max(1, target - len(base) - 512))
    w.add_object(generic.StreamObject(stream_data=filler))
    out = BytesIO()
    w.write(out)
    return out.getvalue()


def check_ecdsa(pdf: bytes, roots: list) -> None:
    reader = PdfFileReader(BytesIO(pdf))
    (emb,) = reader.embedded_signatures
    vc = pyhanko_check.context(roots, clock.SIGNED)
    status = validate_pdf_signature(emb, signer_validation_context=vc)
    if not (status.intact and status.valid and status.trusted):
        raise SystemExit(f"make_pades: pyHanko does not call the ECDSA PDF valid: {status.summary()}")


def check_sm2(pdf: bytes, roots_path: Path) -> None:
    reader = PdfFileReader(BytesIO(pdf))
    (emb,) = reader.embedded_signatures
    found = sm2_openssl.check(pdf, emb.sig_object, roots_path)
    if found["status"] != "valid":
        raise SystemExit(f"make_pades: OpenSSL does not call the SM2 PDF valid: {found}")


def main() -> int:
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    mib = int(sys.argv[2]) if len(sys.argv) == 3 else 20
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pki = Pki(Path(tmp))
        roots_path = out / "pades-roots.pem"
        roots_path.write_text(pki.trusted_roots_pem())
        base = padded_base(mib * MIB - SIGNING_ROOM)
        ecdsa = sign(base, pki.p256_leaf, subfilter=PADES)
        sm2 = sign_sm2(base, pki.sm2_leaf, Sm2Options())
        check_ecdsa(ecdsa, pyhanko_check.load_roots(roots_path.read_text()))
        check_sm2(sm2, roots_path)
    for name, pdf in (("pades-ecdsa.pdf", ecdsa), ("pades-sm2.pdf", sm2)):
        if len(pdf) > mib * MIB:
            raise SystemExit(f"make_pades: {name} is {len(pdf)} bytes, over {mib} MiB")
        (out / name).write_bytes(pdf)
        print(f"{name} {len(pdf)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

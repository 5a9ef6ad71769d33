#!/usr/bin/env python3
"""Writes corpus.json: what pyHanko's own validation says about every PDF of
its public test corpus (the 0.38.0 sdist's pyhanko_testing_commons/
test_data/data/pdf, unpacked by `ensure_pyhanko_corpus` into
target/pyhanko-corpus), and which files are anomalies that must come out
`invalid` in our verifier.

    .venv/bin/python verify/tests/pades/make_corpus.py [CORPUS_DIR]

Trust: the corpus's own test root (crypto/testing-ca/root/root.cert.pem);
validation at each signature's signing time (its certificates expired in
2021); key usage not enforced (pyHanko's tests use LENIENT_KU for the
coverage anomalies)."""

import json
import logging
import sys
from io import BytesIO
from pathlib import Path

sys.dont_write_bytecode = True

from gen import terms  # noqa: E402
from gen.pyhanko_check import COVERAGE, load_roots  # noqa: E402
from pyhanko.pdf_utils.reader import PdfFileReader  # noqa: E402
from pyhanko.sign.fields import enumerate_sig_fields  # noqa: E402
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp  # noqa: E402
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature  # noqa: E402
from pyhanko.sign.validation.settings import KeyUsageConstraints  # noqa: E402
from pyhanko_certvalidator import ValidationContext  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

# pyHanko's tests/test_diff_analysis.py::test_anomalous_coverage: signatures
# that are intact and valid but whose /ByteRange does not cover the file as
# a signature must. §6a: `partial`/`unclear` coverage is `invalid`.
COVERAGE_ANOMALIES = {
    "coverage-anomalies/tail-uncovered.pdf": "CONTIGUOUS_BLOCK_FROM_START",
    "coverage-anomalies/signature-gap-too-big.pdf": "UNCLEAR",
    "coverage-anomalies/one-byterange.pdf": "UNCLEAR",
    "coverage-anomalies/weird-byterange.pdf": "UNCLEAR",
}


def describe_signature(reader, name, field_ref, roots) -> dict:
    entry = {"field": name}
    try:
        emb = EmbeddedPdfSignature(reader, field_ref, name)
    except Exception as e:  # noqa: BLE001 - recorded, it is the finding
        entry["pyhankoError"] = f"{type(e).__name__}: {str(e)[:160]}"
        return entry
    is_doc_ts = emb.sig_object_type == "/DocTimeStamp"
    try:
        when = terms.tst_gen_time(emb.signed_data) if is_doc_ts else terms.signing_time(emb.signer_info, emb.sig_object)
        moment = when if is_doc_ts else (when[0] if when else None)
    except Exception:  # noqa: BLE001
        moment = None
    vc = ValidationContext(trust_roots=roots, allow_fetching=False, moment=moment, best_signature_time=moment)
    entry["type"] = "doc-timestamp" if is_doc_ts else "signature"
    entry["validatedAt"] = terms.rfc3339(moment) if moment else None
    try:
        if is_doc_ts:
            status = validate_pdf_timestamp(emb, validation_context=vc)
        else:
            status = validate_pdf_signature(emb, signer_validation_context=vc,
                                            key_usage_settings=KeyUsageConstraints(key_usage=set()))
    except Exception as e:  # noqa: BLE001
        entry["pyhankoError"] = f"{type(e).__name__}: {str(e)[:160]}"
        return entry
    level = status.modification_level
    entry.update(
        {
            "intact": status.intact,
            "valid": status.valid,
            "trusted": status.trusted,
            "coverage": COVERAGE.get(status.coverage, "unclear"),
            "pyhankoCoverage": status.coverage.name if status.coverage else None,
            "modificationLevel": level.name if level is not None else None,
            "docmdpOk": status.docmdp_ok,
            "bottomLine": getattr(status, "bottom_line", None),
        }
    )
    return entry


def describe(path: Path, rel: str, roots) -> dict:
    entry = {}
    try:
        reader = PdfFileReader(BytesIO(path.read_bytes()), strict=False)
        fields = list(enumerate_sig_fields(reader, filled_status=True))
    except Exception as e:  # noqa: BLE001 - unreadable or encrypted: recorded
        entry["pyhankoReadable"] = False
        entry["pyhankoError"] = f"{type(e).__name__}: {str(e)[:160]}"
        return entry
    entry["pyhankoReadable"] = True
    entry["signatures"] = [describe_signature(reader, name, ref, roots) for name, _, ref in fields]
    if rel in COVERAGE_ANOMALIES:
        entry["anomaly"] = "coverage"
        entry["expectVerdict"] = "invalid"
    return entry


def main() -> int:
    logging.disable(logging.CRITICAL)
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "pyhanko-corpus"
    roots = load_roots((corpus / "crypto" / "testing-ca" / "root" / "root.cert.pem").read_text())
    files = {}
    for path in sorted((corpus / "pdf").rglob("*.pdf")):
        rel = path.relative_to(corpus / "pdf").as_posix()
        files[rel] = describe(path, rel, roots)
    for rel, level in COVERAGE_ANOMALIES.items():
        sigs = files.get(rel, {}).get("signatures", [])
        if not sigs or sigs[0].get("pyhankoCoverage") != level or not sigs[0].get("intact"):
            print(f"pyHanko does not see {rel} as its tests say ({level}, intact)", file=sys.stderr)
            return 1
    out = {
        "source": "pyHanko 0.38.0 sdist (PyPI), pyhanko_testing_commons/test_data/data/pdf",
        "trust": "crypto/testing-ca/root/root.cert.pem, at each signature's signing time",
        "files": files,
    }
    (HERE / "corpus.json").write_text(json.dumps(out, indent=1) + "\n")
    signed = sum(1 for f in files.values() if f.get("signatures"))
    print(f"{len(files)} PDFs, {signed} signed, {len(COVERAGE_ANOMALIES)} coverage anomalies")
    return 0


if __name__ == "__main__":
    sys.exit(main())

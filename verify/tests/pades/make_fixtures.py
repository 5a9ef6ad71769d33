#!/usr/bin/env python3
"""Regenerates every PDF signature fixture of verify/tests/pades, roots.pem and
expected.json (what each fixture was made to be, in §6a's JSON names).

    .venv/bin/python verify/tests/pades/make_fixtures.py

Made by independent implementations: pyHanko signs RSA/ECDSA/Ed25519/Ed448,
certifies and timestamps (with its in-process TSA and our TSA certificate);
SM2 CMS, and the CMS of §6b pyHanko cannot make, is assembled with
asn1crypto and signed by OpenSSL; legacy subfilters and raw values are
embedded with pyHanko's interrupted signing (gen/embed.py); the shadow
attacks' prepared documents are written by hand and their updates by
pyHanko's incremental writer or by hand (gen/shadow.py). Times are fixed
(gen/clock.py); keys are fresh on every run, so the bytes change but the
verdicts do not. Check the result with crosscheck.py."""

import json
import shutil
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.dont_write_bytecode = True

from gen import clock, document, shadow  # noqa: E402
from gen.expect import Expect  # noqa: E402
from gen.pki import Pki  # noqa: E402
from gen.sign import PKCS7, doc_timestamp, local_tsa, sign  # noqa: E402
from gen.sm2 import Sm2Options, sign_sm2  # noqa: E402
from gen.world import build_world  # noqa: E402
from pyhanko.sign.fields import MDPPerm  # noqa: E402

HERE = Path(__file__).resolve().parent
SIGNED = clock.SIGNED
LATER = SIGNED + timedelta(minutes=30)
TSA_TIME = SIGNED + timedelta(minutes=1)
DOC_TS_TIME = SIGNED + timedelta(hours=1)


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="pades-fixtures-"))
    try:
        pki = Pki(work)
        base = document.base_pdf()
        fixtures = build(pki, base)
        world, files = build_world(pki, base)
        fixtures.update(world)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for old in [*HERE.glob("*.pdf"), *HERE.glob("*.pub.pem")]:
        old.unlink()
    expected = {}
    for name, (pdf, expect) in sorted(fixtures.items()):
        (HERE / name).write_bytes(pdf)
        expected[name] = expect.json()
    for name, data in files.items():  # the raw signatures' public keys
        (HERE / name).write_bytes(data)
    (HERE / "roots.pem").write_text(pki.trusted_roots_pem())
    (HERE / "expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n")
    for name, (pdf, _) in sorted(fixtures.items()):
        print(f"{name:34} {len(pdf):6} bytes")
    return 0


def build(pki: Pki, base: bytes) -> dict:
    f = {}
    rsa = pki.rsa_leaf
    e = Expect  # shorthand: Expect(description).sig(...)

    f["unsigned.pdf"] = (base, e("the base document: two pages, a text field, no signature"))
    f["rsa.pdf"] = (
        sign(base, rsa),
        e("PAdES (ETSI.CAdES.detached), SHA-256, RSA 2048 PKCS#1 v1.5, chain leaf→intermediate→root")
        .sig(rsa, "SHA256withRSA", time=(SIGNED, "dictionary")),
    )
    f["rsa-pss.pdf"] = (
        sign(base, rsa, pss=True),
        e("PAdES, SHA-256, RSASSA-PSS").sig(rsa, "SHA256withRSA/PSS", time=(SIGNED, "dictionary")),
    )
    f["ecdsa-p256.pdf"] = (
        sign(base, pki.p256_leaf, subfilter=PKCS7),
        e("adbe.pkcs7.detached, SHA-256, ECDSA P-256, signingTime attribute")
        .sig(pki.p256_leaf, "SHA256withECDSA", time=(SIGNED, "signed-attribute")),
    )
    f["ecdsa-p384.pdf"] = (
        sign(base, pki.p384_leaf, md="sha384"),
        e("PAdES, SHA-384, ECDSA P-384").sig(pki.p384_leaf, "SHA384withECDSA", time=(SIGNED, "dictionary")),
    )
    f["ed25519.pdf"] = (
        sign(base, pki.ed25519_leaf, md="sha512"),
        e("PAdES, Ed25519 (digest SHA-512)").sig(pki.ed25519_leaf, "Ed25519", time=(SIGNED, "dictionary")),
    )

    # Certification (DocMDP), then a form fill in a later revision.
    f["certified-p1-then-changed.pdf"] = (
        document.fill_form(sign(base, rsa, certify=MDPPerm.NO_CHANGES)),
        e("certification signature DocMDP P=1, then a form fill: a change P=1 forbids")
        .sig(rsa, "SHA256withRSA", status="invalid", coverage="revision", changes=["form-fill"],
             certification=(1, False), time=(SIGNED, "dictionary")),
    )
    f["certified-p2-form-fill.pdf"] = (
        document.fill_form(sign(base, rsa, certify=MDPPerm.FILL_FORMS)),
        e("certification signature DocMDP P=2, then a form fill: permitted")
        .sig(rsa, "SHA256withRSA", coverage="revision", changes=["form-fill"], certification=(2, True),
             time=(SIGNED, "dictionary")),
    )
    f["two-signatures.pdf"] = (
        sign(sign(base, rsa), pki.p256_leaf, field="Signature2", at=LATER),
        e("two approval signatures (RSA, then ECDSA P-256 30 minutes later)")
        .sig(rsa, "SHA256withRSA", coverage="revision", changes=["signing"], time=(SIGNED, "dictionary"))
        .sig(pki.p256_leaf, "SHA256withECDSA", field="Signature2", time=(LATER, "dictionary")),
    )

    # Changes after an approval signature.
    signed = sign(base, rsa)
    f["annotation-after.pdf"] = (
        document.add_annotation(signed),
        e("approval signature, then a comment (/Text annotation) added to page 1")
        .sig(rsa, "SHA256withRSA", coverage="revision", changes=["annotation"], time=(SIGNED, "dictionary")),
    )
    f["content-after.pdf"] = (
        document.draw_on_page(signed),
        e("approval signature, then page content drawn in an incremental update")
        .sig(rsa, "SHA256withRSA", status="indeterminate", coverage="revision", changes=["other"],
             time=(SIGNED, "dictionary")),
    )
    f["approval-form-fill.pdf"] = (
        document.fill_form(signed),
        e("approval signature, then a form fill (the text field's value and a new appearance)")
        .sig(rsa, "SHA256withRSA", coverage="revision", changes=["form-fill"], time=(SIGNED, "dictionary")),
    )
    f["metadata-after.pdf"] = (
        document.change_metadata(signed),
        e("approval signature, then the document information dictionary changed")
        .sig(rsa, "SHA256withRSA", coverage="revision", changes=["metadata"], time=(SIGNED, "dictionary")),
    )

    # Shadow attacks (Mainka et al., NDSS 2021; gen/shadow.py): an approval
    # signature over the document the attacker prepared, then the
    # attacker's incremental update. Never valid, even with the signer
    # trusted: the update changes what the signed page shows (§6b).
    for kind, (attack, attack_class, variant) in shadow.ATTACKS.items():
        attacked, changed = attack(sign(shadow.prepared(kind), rsa))
        what = " ".join(attack.__doc__.split("\n\n")[0].split())
        f[f"shadow-{kind}.pdf"] = (
            attacked,
            e(
                f"shadow attack ({attack_class}: {variant}): approval signature over the attacker's document, "
                "then the attacker's incremental update",
                attack={"class": attack_class, "variant": variant, "update": what},
            ).sig(rsa, "SHA256withRSA", status="indeterminate", coverage="revision", changes=["other"],
                  changes_include=changed, time=(SIGNED, "dictionary")),
        )

    # Integrity and identity.
    f["tampered.pdf"] = (
        document.tamper(signed),
        e("approval signature, then one run of bytes inside the signed range changed")
        .sig(rsa, "SHA256withRSA", status="invalid", integrity="altered", time=(SIGNED, "dictionary")),
    )
    f["expired.pdf"] = (
        sign(base, pki.expired_leaf),
        e("signer certificate expired (2026-03-01) before the signing time (2026-06-01)")
        .sig(pki.expired_leaf, "SHA256withRSA", status="indeterminate", identity="expired",
             time=(SIGNED, "dictionary")),
    )
    f["self-signed.pdf"] = (
        sign(base, pki.self_signed),
        e("self-signed signer certificate, not a configured root")
        .sig(pki.self_signed, "SHA256withRSA", status="indeterminate", identity="self-signed",
             time=(SIGNED, "dictionary")),
    )
    f["untrusted.pdf"] = (
        sign(base, pki.untrusted_leaf),
        e("a complete chain (root included in the CMS) to a root that is not in roots.pem")
        .sig(pki.untrusted_leaf, "SHA256withRSA", status="indeterminate", identity="unknown-issuer",
             time=(SIGNED, "dictionary")),
    )

    # Timestamps from the local TSA.
    f["timestamped.pdf"] = (
        sign(base, rsa, timestamper=local_tsa(pki, TSA_TIME)),
        e("PAdES with a signature timestamp token (local TSA, genTime one minute after /M)")
        .sig(rsa, "SHA256withRSA", time=(TSA_TIME, "timestamp"), timestamp=(TSA_TIME, pki.tsa)),
    )
    f["doc-timestamp.pdf"] = (
        doc_timestamp(signed, pki, DOC_TS_TIME),
        e("approval signature, then a document timestamp (ETSI.RFC3161) an hour later")
        .sig(rsa, "SHA256withRSA", coverage="revision", changes=["timestamp"], time=(SIGNED, "dictionary"))
        .sig(pki.tsa, "SHA256withRSA", field="DocTimeStamp", format="timestamp",
             time=(DOC_TS_TIME, "timestamp"), timestamp=(DOC_TS_TIME, pki.tsa)),
    )

    # SM2: asn1crypto CMS, OpenSSL signature, pyHanko embedding.
    sm2 = pki.sm2_leaf
    sm2_signed = sign_sm2(base, sm2, Sm2Options())
    f["sm2-pkcs7.pdf"] = (
        sm2_signed,
        e("SM2withSM3, PKCS#7 OIDs, signed attributes contentType/signingTime/messageDigest (SM3)")
        .sig(sm2, "SM2withSM3", time=(SIGNED, "signed-attribute")),
    )
    f["sm2-gm.pdf"] = (
        sign_sm2(base, sm2, Sm2Options(gm_oids=True)),
        e("SM2withSM3, GM/T 0010 OIDs (…6.1.4.2.2 / …6.1.4.2.1) and signature OID 1.2.156.10197.1.301.1")
        .sig(sm2, "SM2withSM3", format="cms-gm", time=(SIGNED, "signed-attribute")),
    )
    f["sm2-no-signed-attrs.pdf"] = (
        sign_sm2(base, sm2, Sm2Options(signed_attrs=False)),
        e("SM2withSM3 without signed attributes: the signature is over the ByteRange bytes")
        .sig(sm2, "SM2withSM3", time=(SIGNED, "dictionary")),
    )
    f["sm2-unsorted-attrs.pdf"] = (
        sign_sm2(base, sm2, Sm2Options(unsorted_attrs=True)),
        e("SM2withSM3, signed attributes not in DER SET OF order, signed as transmitted")
        .sig(sm2, "SM2withSM3", time=(SIGNED, "signed-attribute")),
    )
    f["sm2-empty-id.pdf"] = (
        sign_sm2(base, sm2, Sm2Options(distid=None)),
        e("SM2withSM3 signed with OpenSSL's default (empty) distinguishing id")
        .sig(sm2, "SM2withSM3", time=(SIGNED, "signed-attribute"), warnings=["sm2-empty-id"]),
    )
    f["sm2-tampered.pdf"] = (
        document.tamper(sm2_signed),
        e("sm2-pkcs7.pdf with one run of bytes inside the signed range changed")
        .sig(sm2, "SM2withSM3", status="invalid", integrity="altered", time=(SIGNED, "signed-attribute")),
    )
    return f


if __name__ == "__main__":
    sys.exit(main())

"""A second opinion on the pyHanko-made signatures: `openssl cms -verify`
over the ByteRange bytes, once without the chain (is it intact?) and once
against roots.pem at the signing time (is it trusted?).

OpenSSL 3.0's `cms -verify` cannot check Ed25519 (it hands EdDSA a digest:
"eddsa_digest_signverify_init:invalid digest"), so for Ed25519 the
signature is checked piecewise: messageDigest against `openssl dgst
-sha512`, the signature over the signed attributes as transmitted with
`openssl pkeyutl -verify -rawin`, the chain with `openssl verify`."""

import tempfile
from pathlib import Path

from asn1crypto import cms

from .pki import der_to_pem, openssl


def signed_bytes(pdf: bytes, sig_dict) -> bytes:
    a, b, c, d = (int(x) for x in sig_dict["/ByteRange"])
    return pdf[a : a + b] + pdf[c : c + d]


def verify(pdf: bytes, sig_dict, roots_pem: Path, moment) -> tuple[bool, bool]:
    """(intact, trusted) as OpenSSL sees them."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "cms.der").write_bytes(bytes(sig_dict["/Contents"]))
        (work / "data").write_bytes(signed_bytes(pdf, sig_dict))
        common = ["cms", "-verify", "-binary", "-inform", "DER", "-in", str(work / "cms.der"),
                  "-content", str(work / "data"), "-out", str(work / "out")]
        attime = ["-attime", str(int(moment.timestamp()))]
        signed_data = cms.ContentInfo.load(bytes(sig_dict["/Contents"]))["content"]
        if signed_data["signer_infos"][0]["signature_algorithm"].signature_algo == "ed25519":
            return _ed25519(signed_data, work, roots_pem, attime)
        intact = _succeeds(common + ["-noverify"])
        trusted = _succeeds(common + ["-CAfile", str(roots_pem), "-purpose", "any"] + attime)
    return intact, trusted


def _ed25519(signed_data, work: Path, roots_pem: Path, attime) -> tuple[bool, bool]:
    si = signed_data["signer_infos"][0]
    sid = si["sid"].chosen
    certs = [c.chosen for c in signed_data["certificates"]]
    leaf = next(c for c in certs if c.issuer == sid["issuer"] and c.serial_number == sid["serial_number"].native)
    (work / "leaf.der").write_bytes(leaf.dump())
    openssl("x509", "-inform", "DER", "-in", str(work / "leaf.der"), "-out", str(work / "leaf.pem"))
    openssl("x509", "-in", str(work / "leaf.pem"), "-pubkey", "-noout", "-out", str(work / "pub.pem"))
    digest = openssl("dgst", "-sha512", "-binary", str(work / "data"))
    md = next(a["values"][0].native for a in si["signed_attrs"] if a["type"].native == "message_digest")
    (work / "attrs").write_bytes(b"\x31" + si["signed_attrs"].dump()[1:])
    (work / "sig").write_bytes(si["signature"].native)
    intact = md == digest and _succeeds(["pkeyutl", "-verify", "-pubin", "-inkey", str(work / "pub.pem"), "-rawin",
                                         "-in", str(work / "attrs"), "-sigfile", str(work / "sig")])
    others = "".join(der_to_pem(c.dump()) for c in certs if c is not leaf)
    untrusted = []
    if others:  # openssl verify refuses an empty -untrusted file
        (work / "chain.pem").write_text(others)
        untrusted = ["-untrusted", str(work / "chain.pem")]
    trusted = _succeeds(["verify", "-CAfile", str(roots_pem), *untrusted, "-purpose", "any",
                         *attime, str(work / "leaf.pem")])
    return intact, trusted



def _succeeds(args) -> bool:
    try:
        openssl(*args)
        return True
    except RuntimeError:
        return False

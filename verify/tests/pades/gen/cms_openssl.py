"""A second opinion on the pyHanko-made signatures: `openssl cms -verify`
over the ByteRange bytes, once without the chain (is it intact?) and once
against roots.pem at the signing time (is it trusted?).

OpenSSL 3.0's `cms -verify` cannot check EdDSA (it hands EdDSA a digest:
"eddsa_digest_signverify_init:invalid digest"), so for Ed25519 and Ed448
the signature is checked piecewise: messageDigest against `openssl dgst
-sha512` (Ed448: `-shake256 -xoflen 64`), the signature over the signed
attributes as transmitted with `openssl pkeyutl -verify -rawin`, the chain
with `openssl verify`.

A signature timestamp token is checked by `token_intact`: `openssl cms
-verify -noverify` over the token (its own messageDigest over the TSTInfo
and the TSA's signature), and the TSTInfo's messageImprint against
`openssl dgst` of the signer's signature value."""

import tempfile
from pathlib import Path

from asn1crypto import cms, tsp

from .pki import der_to_pem, openssl

# What the piecewise EdDSA check digests with (RFC 8419).
_EDDSA_DIGEST = {"ed25519": ["-sha512"], "ed448": ["-shake256", "-xoflen", "64"]}


def signed_bytes(pdf: bytes, sig_dict) -> bytes:
    a, b, c, d = (int(x) for x in sig_dict["/ByteRange"])
    return pdf[a : a + b] + pdf[c : c + d]


def verify(pdf: bytes, sig_dict, roots_pem: Path, moment) -> tuple[bool, bool]:
    """(intact, trusted) as OpenSSL sees them. adbe.pkcs7.sha1 carries its
    content (the SHA-1 of the ByteRange bytes): OpenSSL checks the CMS over
    it, and the SHA-1 is compared here."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "cms.der").write_bytes(bytes(sig_dict["/Contents"]))
        (work / "data").write_bytes(signed_bytes(pdf, sig_dict))
        common = ["cms", "-verify", "-binary", "-inform", "DER", "-in", str(work / "cms.der"),
                  "-out", str(work / "out")]
        sha1_layout = str(sig_dict.get("/SubFilter", "")) == "/adbe.pkcs7.sha1"
        if not sha1_layout:
            common += ["-content", str(work / "data")]
        attime = ["-attime", str(int(moment.timestamp()))]
        signed_data = cms.ContentInfo.load(bytes(sig_dict["/Contents"]))["content"]
        try:
            mechanism = signed_data["signer_infos"][0]["signature_algorithm"].signature_algo
        except ValueError:  # an OID asn1crypto does not know: OpenSSL may
            mechanism = None
        if mechanism in _EDDSA_DIGEST:
            return _eddsa(signed_data, work, roots_pem, attime, _EDDSA_DIGEST[mechanism])
        intact = _succeeds(common + ["-noverify"])
        if intact and sha1_layout:
            intact = (work / "out").read_bytes() == openssl("dgst", "-sha1", "-binary", str(work / "data"))
        trusted = _succeeds(common + ["-CAfile", str(roots_pem), "-purpose", "any"] + attime)
    return intact, trusted


def _eddsa(signed_data, work: Path, roots_pem: Path, attime, dgst_args) -> tuple[bool, bool]:
    si = signed_data["signer_infos"][0]
    sid = si["sid"].chosen
    certs = [c.chosen for c in signed_data["certificates"]]
    leaf = next(c for c in certs if c.issuer == sid["issuer"] and c.serial_number == sid["serial_number"].native)
    (work / "leaf.der").write_bytes(leaf.dump())
    openssl("x509", "-inform", "DER", "-in", str(work / "leaf.der"), "-out", str(work / "leaf.pem"))
    openssl("x509", "-in", str(work / "leaf.pem"), "-pubkey", "-noout", "-out", str(work / "pub.pem"))
    digest = openssl("dgst", *dgst_args, "-binary", str(work / "data"))
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


def token_intact(contents: bytes) -> bool | None:
    """Whether the signature timestamp token of the (first) SignerInfo
    verifies as OpenSSL sees it; None when there is none."""
    si = cms.ContentInfo.load(contents)["content"]["signer_infos"][0]
    tokens = [a["values"][0] for a in (si["unsigned_attrs"] if si["unsigned_attrs"].native else [])
              if a["type"].native == "signature_time_stamp_token"]
    if not tokens:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "token.der").write_bytes(tokens[0].dump())
        (work / "signature").write_bytes(si["signature"].native)
        if not _succeeds(["cms", "-verify", "-binary", "-noverify", "-inform", "DER", "-in", str(work / "token.der"),
                          "-out", str(work / "tst.der")]):
            return False
        imprint = tsp.TSTInfo.load((work / "tst.der").read_bytes())["message_imprint"]
        md = imprint["hash_algorithm"]["algorithm"].native.replace("_", "-")
        return imprint["hashed_message"].native == openssl("dgst", f"-{md}", "-binary", str(work / "signature"))


def _succeeds(args) -> bool:
    try:
        openssl(*args)
        return True
    except RuntimeError:
        return False

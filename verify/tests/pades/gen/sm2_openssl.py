"""The SM2 fixtures checked with OpenSSL (pyHanko does not verify SM2):
the CMS is taken apart with asn1crypto, the messageDigest recomputed with
`openssl dgst -sm3` over the ByteRange bytes, the signature verified with
`openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:…` over the
signed attributes as transmitted (or over the ByteRange bytes when there
are none), and the chain with `openssl verify -vfyopt distid:… -attime`."""

import tempfile
from pathlib import Path

from asn1crypto import cms, core

from . import terms
from .pki import SM2_ID, openssl, openssl_verify_status
from .sm2 import GM_SIGNED_DATA, PKCS7_SIGNED_DATA, SM2_SIGN, SM2_SIGN_ALT, SM3


def _tlv(buf: bytes, pos: int) -> tuple[int, int, int]:
    """(tag, content start, content end) of the DER element at pos."""
    tag, first = buf[pos], buf[pos + 1]
    pos += 2
    if first < 0x80:
        length = first
    else:
        n = first & 0x7F
        length = int.from_bytes(buf[pos : pos + n], "big")
        pos += n
    return tag, pos, pos + length


def split_content_info(der: bytes) -> tuple[str, bytes]:
    """(content type, SignedData DER): by hand, since asn1crypto's
    ContentInfo does not know the GM/T 0010 types."""
    _, start, _end = _tlv(der, 0)
    _, oid_start, oid_end = _tlv(der, start)
    oid = core.ObjectIdentifier.load(der[start:oid_end]).dotted
    _, sd_start, sd_end = _tlv(der, oid_end)
    _, inner_start, inner_end = _tlv(der, sd_start)
    return oid, der[sd_start:inner_end]


def _verifies(pub: Path, message: bytes, signature: bytes, distid: str | None, work: Path) -> bool:
    (work / "msg").write_bytes(message)
    (work / "sig").write_bytes(signature)
    args = ["pkeyutl", "-verify", "-pubin", "-inkey", str(pub), "-rawin", "-digest", "sm3",
            "-in", str(work / "msg"), "-sigfile", str(work / "sig")]
    if distid is not None:
        args += ["-pkeyopt", f"distid:{distid}"]
    try:
        openssl(*args)
        return True
    except RuntimeError:
        return False


def check(pdf: bytes, sig_dict, roots_pem: Path) -> dict:
    """§6a's terms for one SM2 signature, as OpenSSL sees it."""
    byte_range = [int(x) for x in sig_dict["/ByteRange"]]
    a, b, c, d = byte_range
    signed_bytes = pdf[a : a + b] + pdf[c : c + d]
    contents = bytes(sig_dict["/Contents"])
    outer_oid, sd_der = split_content_info(contents)
    sd = cms.SignedData.load(sd_der)
    si = sd["signer_infos"][0]
    cert_der = sd["certificates"][0].chosen.dump()
    found = {
        "format": {PKCS7_SIGNED_DATA: "cms", GM_SIGNED_DATA: "cms-gm"}.get(outer_oid, "unknown"),
        "coverage": "whole-file" if a == 0 and c + d == len(pdf) and b < c else "revision",
        "changesAfter": [],
        "certification": None,
        "warnings": [],
        "certificate": terms.certificate_summary(sd["certificates"][0].chosen),
        "timestamp": None,
    }
    sig_oid = si["signature_algorithm"]["algorithm"].dotted
    digest_oid = si["digest_algorithm"]["algorithm"].dotted
    found["algorithm"] = "SM2withSM3" if sig_oid in (SM2_SIGN, SM2_SIGN_ALT) and digest_oid == SM3 else None
    when = terms.signing_time(si, sig_dict)
    found["signingTime"] = None if when is None else {"time": terms.rfc3339(when[0]), "source": when[1]}

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "cert.der").write_bytes(cert_der)
        openssl("x509", "-inform", "DER", "-in", str(work / "cert.der"), "-out", str(work / "cert.pem"))
        openssl("x509", "-in", str(work / "cert.pem"), "-pubkey", "-noout", "-out", str(work / "pub.pem"))
        (work / "data").write_bytes(signed_bytes)
        sm3_of_bytes = openssl("dgst", "-sm3", "-binary", str(work / "data"))
        if si["signed_attrs"].native is not None:
            # As transmitted: the [0] IMPLICIT tag turned back into SET OF.
            message = b"\x31" + si["signed_attrs"].dump()[1:]
            md = terms.signed_attr(si, "message_digest")
            digest_ok = md is not None and md.native == sm3_of_bytes
        else:
            message, digest_ok = signed_bytes, True
        signature = si["signature"].native
        pub = work / "pub.pem"
        if not digest_ok:
            found["integrity"] = "altered"
        elif _verifies(pub, message, signature, SM2_ID, work):
            found["integrity"] = "intact"
        elif _verifies(pub, message, signature, None, work):
            found["integrity"] = "intact"
            found["warnings"].append("sm2-empty-id")
        else:
            found["integrity"] = "altered" if si["signed_attrs"].native is None else "bad-signature"
        found["identity"] = _identity(work / "cert.pem", roots_pem, when)
    found["status"] = terms.status_of(found)
    return found


def _identity(cert_pem: Path, roots_pem: Path, when) -> str:
    args = ["-vfyopt", f"distid:{SM2_ID}", "-CAfile", str(roots_pem), "-x509_strict"]
    if when is not None:
        args += ["-attime", str(int(when[0].timestamp()))]
    return openssl_verify_status(*args, str(cert_pem))

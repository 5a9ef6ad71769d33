#!/usr/bin/env python3
"""Re-reads every fixture of verify/tests/ses on its own and checks
expected.json with OpenSSL. Shares no code with the generator (gen/).

Per PDF: the signature dictionary's /ByteRange and /Contents are found with
regular expressions; the SES_Signature in /Contents is taken apart by
position with a small DER walker (values decoded by asn1crypto); then

- signer:     `openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt
              distid:1234567812345678` of the signature over DER(TBS_Sign),
              with the public key of the signer's certificate (v4:
              SES_Signature.cert; v1: TBS_Sign.cert);
- maker:      the same for the maker's signature, over DER(SES_SealInfo)
              for v4 and over DER(SEQUENCE { esealInfo, cert,
              signatureAlgorithm }) for v1; for v4 the v1-style sequence
              is tried second, and must be what verifies exactly in
              MAKER_SEQUENCE_FILES (the coverage used is printed);
- dataHash:   TBS_Sign.dataHash = `openssl dgst -sm3` of the ByteRange bytes;
- seal time:  validStart <= timeInfo <= validEnd;
- allowed:    the signer's certificate is in certList (certListType 1), or
              its `openssl dgst -sm3` is (certListType 2);
- chains:     `openssl verify -CAfile roots.pem -attime <timeInfo>` for the
              signer's certificate (identity) and the maker's (makerTrusted);
- timeStamp:  messageImprint = the digest of the signature value, and
              `openssl ts -verify -digest … -CAfile roots.pem`.

r‖s signatures (64 bytes) are turned into DER for OpenSSL. The verdict is
derived by the rules in gen/cases.py and every field compared with
expected.json (description aside). One line per fixture; exit 1 on any
disagreement.

    .venv/bin/python verify/tests/ses/crosscheck.py"""

import hashlib
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True

from asn1crypto import algos, cms, core, tsp, x509  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOTS = HERE / "roots.pem"
DISTID = "distid:1234567812345678"
SM2_WITH_SM3 = "1.2.156.10197.1.501"
MUST_HOLD = ("algorithms", "header", "picture", "timeStamp", "makerCoverage")
# v4 fixtures whose maker signed SEQUENCE { esealInfo, cert, signAlgID }.
MAKER_SEQUENCE_FILES = {"ses-v4-maker-sequence.pdf"}
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "gif": b"GIF89a", "jpg": b"\xff\xd8\xff"}


# --- DER, by position ---------------------------------------------------------

def tlv(buf: bytes, pos: int = 0) -> tuple[int, int, int]:
    """(tag, content start, element end) of the DER element at pos."""
    tag, first, pos = buf[pos], buf[pos + 1], pos + 2
    if first & 0x80:
        n = first & 0x7F
        first, pos = int.from_bytes(buf[pos : pos + n], "big"), pos + n
    return tag, pos, pos + first


def children(der: bytes) -> list[bytes]:
    _, pos, end = tlv(der)
    out = []
    while pos < end:
        _, _, nxt = tlv(der, pos)
        out.append(der[pos:nxt])
        pos = nxt
    return out


def value(der: bytes):
    return core.load(der).native


def bits(der: bytes) -> bytes:
    """A BIT STRING's bytes (no unused bits allowed)."""
    _, start, end = tlv(der)
    assert der[0] == 0x03 and der[start] == 0, "not a whole-byte BIT STRING"
    return der[start + 1 : end]


def timestamp_field(der: bytes) -> bytes:
    """v4 timeStamp: [0] EXPLICIT BIT STRING (as made here), [0] IMPLICIT or untagged."""
    if der[0] == 0xA0:
        return bits(der[tlv(der)[1] :])
    return bits(b"\x03" + der[1:])


# --- OpenSSL ---------------------------------------------------------------------

def openssl(*args: str, data: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["openssl", *args], input=data, capture_output=True, check=False)


def sm3(data: bytes) -> bytes:
    done = openssl("dgst", "-sm3", "-binary", data=data)
    assert done.returncode == 0, done.stderr
    return done.stdout


def cert_pem(cert_der: bytes, work: Path, name: str) -> Path:
    (work / f"{name}.der").write_bytes(cert_der)
    openssl("x509", "-inform", "DER", "-in", str(work / f"{name}.der"), "-out", str(work / f"{name}.pem"))
    return work / f"{name}.pem"


def sm2_verifies(cert_der: bytes, message: bytes, signature: bytes, work: Path) -> bool:
    if len(signature) == 64:  # r‖s
        signature = algos.DSASignature.from_p1363(signature).dump()
    pem = cert_pem(cert_der, work, "key-holder")
    pub = openssl("x509", "-in", str(pem), "-pubkey", "-noout").stdout
    for name, data in (("pub.pem", pub), ("msg", message), ("sig", signature)):
        (work / name).write_bytes(data)
    return openssl("pkeyutl", "-verify", "-pubin", "-inkey", str(work / "pub.pem"), "-rawin", "-digest", "sm3",
                   "-pkeyopt", DISTID, "-in", str(work / "msg"), "-sigfile", str(work / "sig")).returncode == 0


def chain(cert_der: bytes, at, work: Path) -> str:
    pem = cert_pem(cert_der, work, "leaf")
    done = openssl("verify", "-vfyopt", DISTID, "-CAfile", str(ROOTS), "-attime", str(int(at.timestamp())), str(pem))
    if done.returncode == 0:
        return "trusted"
    return "unknown-issuer" if b"unable to get local issuer" in done.stdout + done.stderr else "chain-invalid"


def timestamp_ok(token: bytes, signature: bytes, work: Path) -> bool:
    signed_data = cms.ContentInfo.load(token)["content"]
    tst = tsp.TSTInfo.load(signed_data["encap_content_info"]["content"].contents)
    imprint = tst["message_imprint"]
    algorithm = imprint["hash_algorithm"]["algorithm"].native
    digest = hashlib.new(algorithm, signature).digest()
    (work / "token.der").write_bytes(token)
    done = openssl("ts", "-verify", "-digest", digest.hex(), "-token_in", "-in", str(work / "token.der"),
                   "-CAfile", str(ROOTS))
    return imprint["hashed_message"].native == digest and done.returncode == 0


# --- the PDF and the SES_Signature ------------------------------------------------

def signature_in(pdf: bytes) -> tuple[bytes, bytes, str]:
    """(ByteRange bytes, SES_Signature DER, "/Filter /SubFilter")."""
    found = list(re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf))
    assert len(found) == 1, "expected one signature"
    a, b, c, d = (int(x) for x in found[0].groups())
    assert a == 0 and c + d == len(pdf) and pdf[a + b : a + b + 1] == b"<" and pdf[c - 1 : c] == b">"
    obj = pdf[pdf.rindex(b" obj", 0, found[0].start()) : pdf.index(b"endobj", found[0].end())]
    names = " ".join(m.decode() for m in re.findall(rb"/(?:Sub)?Filter\s*(/[^\s/<>\[\]]+)", obj))
    contents = bytes.fromhex(pdf[a + b + 1 : c - 1].decode())
    length = tlv(contents)[2]
    assert not contents[length:].strip(b"\x00"), "bytes after the DER in /Contents"
    return pdf[a : a + b] + pdf[c : c + d], contents[:length], names


def decode(der: bytes) -> dict:
    """The parts of either version, as bytes and values, by position."""
    top = children(der)
    s = {}
    if len(top) == 2:  # v1: { toSign, signature }
        tbs, sig = top
        version, eseal, time_info, data_hash, prop, cert, alg = children(tbs)[:7]
        info, sign_info = children(eseal)[:2]
        maker_cert, maker_alg, maker_sig = children(sign_info)
        s["maker_messages"] = {"sequence": _sequence(info, maker_cert, maker_alg)}
        when = bits(time_info)  # the DER of a UTCTime, or (other writers) its bare characters
        s["time"] = value(when if when[:1] in (b"\x17", b"\x18") else bytes([0x17, len(when)]) + when)
        s["timestamp"] = None
    else:  # v4: { toSign, cert, signatureAlgID, signature, [0] timeStamp }
        tbs, cert, alg, sig = top[:4]
        s["timestamp"] = timestamp_field(top[4]) if len(top) > 4 else None
        version, eseal, time_info, data_hash, prop = children(tbs)[:5]
        info, maker_cert, maker_alg, maker_sig = children(eseal)
        s["maker_messages"] = {"esealInfo": info, "sequence": _sequence(info, maker_cert, maker_alg)}
        s["time"] = value(time_info)
    s.update(tbs=tbs, version=value(version), signature=bits(sig), signer_cert=value(cert), alg=value(alg),
             data_hash=bits(data_hash), maker_cert=value(maker_cert), maker_alg=value(maker_alg),
             maker_signature=bits(maker_sig))
    header, es_id, prop_info, picture = children(info)[:4]
    h = children(header)
    p = children(prop_info)
    if s["version"] == 4:
        s["cert_list_type"] = value(p[2])
        p = p[:2] + p[3:]
    else:
        s["cert_list_type"] = 1
    s.update(header=(value(h[0]), value(h[1])), es_id=value(es_id), seal_type=value(p[0]), name=value(p[1]),
             cert_list=[children(item) if s["cert_list_type"] == 2 else value(item) for item in children(p[2])],
             valid=(value(p[4]), value(p[5])), picture=[value(x) for x in children(picture)])
    return s


def _sequence(*elements: bytes) -> bytes:
    """DER SEQUENCE of the elements as transmitted."""
    inner = b"".join(elements)
    n = len(inner)
    if n < 0x80:
        return b"\x30" + bytes([n]) + inner
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return b"\x30" + bytes([0x80 | len(size)]) + size + inner


# --- the verdict --------------------------------------------------------------------

def check(name: str, pdf: bytes, work: Path) -> tuple[dict, dict, str]:
    signed_bytes, der, names = signature_in(pdf)
    s = decode(der)
    coverage = next((k for k, message in s["maker_messages"].items()
                     if sm2_verifies(s["maker_cert"], message, s["maker_signature"], work)), None)
    wanted = "sequence" if s["version"] == 1 or name in MAKER_SEQUENCE_FILES else "esealInfo"
    allowed = (
        s["signer_cert"] in s["cert_list"]
        if s["cert_list_type"] == 1
        else any(value(t) == "sm3" and value(v) == sm3(s["signer_cert"]) for t, v in s["cert_list"])
    )
    checks = {
        "signer": sm2_verifies(s["signer_cert"], s["tbs"], s["signature"], work),
        "maker": coverage is not None,
        "makerCoverage": coverage in (None, wanted),
        "dataHash": s["data_hash"] == sm3(signed_bytes),
        "sealTime": s["valid"][0] <= s["time"] <= s["valid"][1],
        "allowed": allowed,
        "makerChain": chain(s["maker_cert"], s["time"], work) == "trusted",
        "algorithms": s["alg"] == s["maker_alg"] == SM2_WITH_SM3,
        "header": s["header"] == ("ES", s["version"]),
        "picture": s["picture"][1].startswith(MAGIC.get(s["picture"][0], b"?")),
    }
    if s["timestamp"] is not None:
        checks["timeStamp"] = timestamp_ok(s["timestamp"], s["signature"], work)
    identity = chain(s["signer_cert"], s["time"], work)
    integrity = "altered" if not checks["dataHash"] else "intact" if checks["signer"] else "bad-signature"
    if integrity != "intact" or not (checks["maker"] and checks["sealTime"] and checks["allowed"]):
        status = "invalid"
    elif identity != "trusted" or not checks["makerChain"]:
        status = "indeterminate"
    else:
        status = "valid"
    found = {
        "version": s["version"], "status": status, "integrity": integrity, "identity": identity,
        "seal": {
            "name": s["name"], "id": s["es_id"], "type": s["seal_type"],
            "validFrom": rfc3339(s["valid"][0]), "validTo": rfc3339(s["valid"][1]),
            "maker": _common_name(s["maker_cert"]),
            "imageType": s["picture"][0], "intact": checks["maker"], "validAtSigning": checks["sealTime"],
            "signerAllowed": checks["allowed"], "makerTrusted": checks["makerChain"],
        },
        "timestamp": s["timestamp"] is not None, "signingTime": rfc3339(s["time"]),
    }
    return found, checks, f"{names} maker over {coverage or '-'}"


def rfc3339(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _common_name(cert_der: bytes) -> str:
    return x509.Certificate.load(cert_der).subject.native["common_name"]


def main() -> int:
    expected = json.loads((HERE / "expected.json").read_text())
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, want in sorted(expected.items()):
            want = {k: v for k, v in want.items() if k != "description"}
            found, checks, names = check(name, (HERE / name).read_bytes(), Path(tmp))
            failed = [k for k, ok in checks.items() if not ok]
            diff = [(k, want[k], found.get(k)) for k in want if found.get(k) != want[k] and k != "seal"]
            diff += [(f"seal.{k}", v, found["seal"].get(k)) for k, v in want["seal"].items() if found["seal"].get(k) != v]
            # These hold in every fixture: none is what a variant breaks.
            diff += [(k, True, False) for k in MUST_HOLD if not checks.get(k, True)]
            mark = "ok  " if not diff else "FAIL"
            failures += bool(diff)
            print(f"{mark} {name:30} v{found['version']} {found['status']:13} {found['integrity']:13} "
                  f"{names:54} failed checks: {', '.join(failed) or '-'}")
            for k, wanted, got in diff:
                print(f"     {k}: expected {wanted!r}, found {got!r}")
    print(f"{len(expected) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

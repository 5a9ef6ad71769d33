#!/usr/bin/env python3
"""Assemble the seal verification vectors from what make.sh made with OpenSSL.

python3 stdlib only. Two commands:

  fixtures.py documents DOC CHANGED   write a minimal one-page PDF and a copy
                                      with one digit changed (same length)
  fixtures.py signatures WORK OUT     read keys, certificates and signatures
                                      from WORK, write OUT/*.json

Each JSON file is a Signature (spec §3) whose seals are the cases. Every seal
carries two fields the engine would not send, kept by the control as unknown
fields: `case` (a name for test messages) and `expect`, a subset of the
verdict JSON `core::verify` must produce against doc.pdf. The positive files
(every seal valid) are also run against doc-changed.pdf, where every seal
must be `invalid`.
"""

import base64
import datetime
import json
import os
import sys

# P-256 group order: for the high-S and r >= n cases.
P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
SIGNERS = {"zhangsan": "张三", "lisi": "李四"}


# --- documents ------------------------------------------------------------------

def pdf(amount):
    """A real, parseable one-page PDF with a correct xref table."""
    content = f"BT /F1 18 Tf 72 770 Td (InfoPlus test form: amount {amount}) Tj ET\n"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}endstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def documents(doc, changed):
    original, altered = pdf("100.00"), pdf("900.00")
    assert len(original) == len(altered)
    with open(doc, "wb") as f:
        f.write(original)
    with open(changed, "wb") as f:
        f.write(altered)


# --- encodings ---------------------------------------------------------------------

def b64(data):
    return base64.b64encode(data).decode()


def b64url(data):
    """URL-safe alphabet without padding, as JWS writes it."""
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def der_length(n):
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def der_integer(value):
    body = value.to_bytes(max(1, (value.bit_length() + 8) // 8), "big")
    return b"\x02" + der_length(len(body)) + body


def der_signature(r, s):
    body = der_integer(r) + der_integer(s)
    return b"\x30" + der_length(len(body)) + body


def read_der_length(data, at):
    first = data[at]
    if first < 0x80:
        return first, at + 1
    count = first & 0x7F
    return int.from_bytes(data[at + 1:at + 1 + count], "big"), at + 1 + count


def parse_der_signature(der):
    """(r, s) from DER SEQUENCE { INTEGER r, INTEGER s }."""
    assert der[0] == 0x30
    _, at = read_der_length(der, 1)
    numbers = []
    for _ in range(2):
        assert der[at] == 0x02
        length, at = read_der_length(der, at + 1)
        numbers.append(int.from_bytes(der[at:at + length], "big"))
        at += length
    return tuple(numbers)


def raw_signature(der):
    r, s = parse_der_signature(der)
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


# --- reading what OpenSSL made -------------------------------------------------

class Work:
    def __init__(self, path):
        self.path = path

    def bytes(self, name):
        with open(os.path.join(self.path, name), "rb") as f:
            return f.read()

    def text(self, name):
        return self.bytes(name).decode()

    def fingerprint(self, key):
        return self.text(f"{key}.fpr").strip()

    def certificate(self, name):
        """Subject, issuer and validity as `core::verify` reports them."""
        fields = {}
        for line in self.text(f"{name}.crt.txt").splitlines():
            field, _, value = line.partition("=")
            fields[field] = value
        return {
            "subject": fields["subject"],
            "issuer": fields["issuer"],
            "notBefore": rfc3339(fields["notBefore"]),
            "notAfter": rfc3339(fields["notAfter"]),
        }

    def sm2_point(self, key):
        """The 65-byte 04||X||Y: the last 65 bytes of the SPKI DER."""
        point = self.bytes(f"{key}.pub.der")[-65:]
        assert point[0] == 4
        return point


def rfc3339(openssl_date):
    """'Nov 22 07:05:38 2026 GMT' -> '2026-11-22T07:05:38Z'."""
    parsed = datetime.datetime.strptime(" ".join(openssl_date.split()), "%b %d %H:%M:%S %Y GMT")
    return parsed.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- cases ---------------------------------------------------------------------

def seal(case, algorithm, key, signature, expect, signer="zhangsan", signers=None):
    entry = {
        "case": case,
        "signer": {"account": signer, "name": SIGNERS[signer]},
    }
    if signers is not None:
        entry["permission"] = {"sealTypes": [], "sealIds": [], "signers": signers}
    if algorithm is not None:
        entry["algorithm"] = algorithm
    if signature is not None:
        entry["signature"] = signature
    if key is not None:
        entry["privateKey"] = key
    entry["description"] = case
    entry["expect"] = expect
    return entry


def valid(algorithm, fingerprint, certificate=None, signer_allowed=None):
    return {
        "result": "valid",
        "algorithm": algorithm,
        "keyFingerprint": fingerprint,
        "certificate": certificate,
        "signerAllowed": signer_allowed,
    }


def invalid(algorithm, fingerprint):
    return {"result": "invalid", "algorithm": algorithm, "keyFingerprint": fingerprint}


def malformed(part):
    return {"result": "malformed", "part": part}


def sm2_cases(w):
    sig = w.bytes("sm2.sig")
    raw = raw_signature(sig)
    fpr = w.fingerprint("sm2")
    cert = w.certificate("sm2")
    point = w.sm2_point("sm2")
    name = "SM2withSM3"
    return [
        seal("spki-pem/der-base64", "SM2withSM3", w.text("sm2.pub.pem"), b64(sig),
             valid(name, fpr, signer_allowed=True), signers=["zhangsan", "lisi"]),
        seal("spki-base64/der-url-safe", "sm3withsm2", b64(w.bytes("sm2.pub.der")), b64url(sig),
             valid(name, fpr, signer_allowed=False), signers=["lisi"]),
        seal("certificate-pem/raw-base64", "SM2", w.text("sm2.crt"), b64(raw),
             valid(name, fpr, certificate=cert)),
        seal("certificate-base64/raw-url-safe", "sm2WithSm3", b64(w.bytes("sm2.crt.der")), b64url(raw),
             valid(name, fpr, certificate=cert), signers=[]),
        seal("point-hex/der-base64", "SM2withSM3", point.hex().upper(), b64(sig),
             valid(name, fpr)),
        seal("point-base64/raw-base64", "SM2withSM3", b64(point), b64(raw), valid(name, fpr)),
        seal("point-hex-without-04/der-base64", "SM2withSM3", point[1:].hex(), b64(sig),
             valid(name, fpr)),
    ]


def ecdsa_cases(w):
    sig = w.bytes("ec.sig")
    raw = raw_signature(sig)
    r, s = parse_der_signature(sig)
    high_s = der_signature(r, P256_N - s)
    fpr = w.fingerprint("ec")
    cert = w.certificate("ec")
    name = "SHA256withECDSA"
    return [
        seal("spki-pem/der-base64", "SHA256withECDSA", w.text("ec.pub.pem"), b64(sig),
             valid(name, fpr, signer_allowed=True), signers=["zhangsan"]),
        seal("spki-base64/der-url-safe", "ES256", b64(w.bytes("ec.pub.der")), b64url(sig),
             valid(name, fpr)),
        seal("certificate-pem/raw-base64", "ecdsa", w.text("ec.crt"), b64(raw),
             valid(name, fpr, certificate=cert, signer_allowed=False), signer="lisi",
             signers=["zhangsan"]),
        seal("certificate-base64/raw-url-safe", "es256", b64(w.bytes("ec.crt.der")), b64url(raw),
             valid(name, fpr, certificate=cert, signer_allowed=True), signer="lisi",
             signers=["zhangsan", "lisi"]),
        # s replaced by n - s: still a valid ECDSA signature (OpenSSL makes
        # high-S signatures half of the time and accepts them).
        seal("high-s/der-base64", "SHA256withECDSA", w.text("ec.pub.pem"), b64(high_s),
             valid(name, fpr)),
    ]


def rsa_cases(w):
    sig = w.bytes("rsa.sig")
    fpr = w.fingerprint("rsa")
    cert = w.certificate("rsa")
    name = "SHA256withRSA"
    return [
        seal("spki-pem/base64", "SHA256withRSA", w.text("rsa.pub.pem"), b64(sig),
             valid(name, fpr, signer_allowed=True), signers=["zhangsan"]),
        seal("spki-base64/url-safe", "RS256", b64(w.bytes("rsa.pub.der")), b64url(sig),
             valid(name, fpr)),
        seal("certificate-pem/base64", "rsa", w.text("rsa.crt"), b64(sig),
             valid(name, fpr, certificate=cert)),
        seal("certificate-base64/base64", "sha256withrsa", b64(w.bytes("rsa.crt.der")), b64(sig),
             valid(name, fpr, certificate=cert)),
        seal("pkcs1-pem/base64", "SHA256withRSA", w.text("rsa.pkcs1.pem"), b64(sig),
             valid(name, fpr)),
    ]


def rsa_pss_cases(w):
    name = "SHA256withRSA/PSS"
    fpr = w.fingerprint("rsa")
    return [
        seal("salt-32/spki-pem", "SHA256withRSA/PSS", w.text("rsa.pub.pem"), b64(w.bytes("rsa-pss32.sig")),
             valid(name, fpr)),
        seal("salt-max-openssl-default/spki-pem", "PS256", w.text("rsa.pub.pem"),
             b64(w.bytes("rsa-pssmax.sig")), valid(name, fpr)),
        seal("salt-32/certificate-pem", "ps256", w.text("rsa.crt"), b64url(w.bytes("rsa-pss32.sig")),
             valid(name, fpr, certificate=w.certificate("rsa"))),
        seal("rsassa-pss-key/spki-pem", "SHA256withRSA/PSS", w.text("rsapss.pub.pem"),
             b64(w.bytes("rsapss.sig")), valid(name, w.fingerprint("rsapss"))),
    ]


def ed25519_cases(w):
    sig = w.bytes("ed25519.sig")
    fpr = w.fingerprint("ed25519")
    name = "Ed25519"
    return [
        seal("spki-pem/base64", "Ed25519", w.text("ed25519.pub.pem"), b64(sig),
             valid(name, fpr, signer_allowed=True), signers=["zhangsan"]),
        seal("spki-base64/url-safe", "EdDSA", b64(w.bytes("ed25519.pub.der")), b64url(sig),
             valid(name, fpr)),
        seal("certificate-pem/base64", "ed25519", w.text("ed25519.crt"), b64(sig),
             valid(name, fpr, certificate=w.certificate("ed25519"))),
    ]


def negative_cases(w):
    ec_sig, ec_pem = w.bytes("ec.sig"), w.text("ec.pub.pem")
    r, s = parse_der_signature(ec_sig)
    sm2_point = w.sm2_point("sm2")
    off_curve = sm2_point[:-1] + bytes([sm2_point[-1] ^ 1])
    rsa_sig = w.bytes("rsa.sig")
    return [
        # Signed by another key: invalid, with the fingerprint of the key given.
        seal("other-key/sm2", "SM2withSM3", w.text("sm2-other.pub.pem"), b64(w.bytes("sm2.sig")),
             invalid("SM2withSM3", w.fingerprint("sm2-other"))),
        seal("other-key/ecdsa", "SHA256withECDSA", w.text("ec-other.pub.pem"), b64(ec_sig),
             invalid("SHA256withECDSA", w.fingerprint("ec-other"))),
        seal("other-key/rsa", "SHA256withRSA", w.text("rsa-other.pub.pem"), b64(rsa_sig),
             invalid("SHA256withRSA", w.fingerprint("rsa-other"))),
        seal("other-key/ed25519", "Ed25519", w.text("ed25519-other.pub.pem"), b64(w.bytes("ed25519.sig")),
             invalid("Ed25519", w.fingerprint("ed25519-other"))),
        # SM2 with another Z: proves the distinguishing id is 1234567812345678.
        seal("sm2/openssl-default-distid", "SM2withSM3", w.text("sm2.pub.pem"),
             b64(w.bytes("sm2-nodistid.sig")), invalid("SM2withSM3", w.fingerprint("sm2"))),
        seal("sm2/distid-ALICE123@YAHOO.COM", "SM2withSM3", w.text("sm2.pub.pem"),
             b64(w.bytes("sm2-alice.sig")), invalid("SM2withSM3", w.fingerprint("sm2"))),
        # Padding mix-ups.
        seal("pss-signature-as-pkcs1", "SHA256withRSA", w.text("rsa.pub.pem"), b64(w.bytes("rsa-pss32.sig")),
             invalid("SHA256withRSA", w.fingerprint("rsa"))),
        seal("pkcs1-signature-as-pss", "PS256", w.text("rsa.pub.pem"), b64(rsa_sig),
             invalid("SHA256withRSA/PSS", w.fingerprint("rsa"))),
        # Signed a different document.
        seal("ecdsa/signature-of-changed-document", "ES256", ec_pem, b64(w.bytes("ec-changed.sig")),
             invalid("SHA256withECDSA", w.fingerprint("ec"))),
        # Readable DER whose numbers no signer can produce.
        seal("ecdsa/r-equals-n", "ES256", ec_pem, b64(der_signature(P256_N, s)),
             invalid("SHA256withECDSA", w.fingerprint("ec"))),
        seal("ecdsa/r-zero", "ES256", ec_pem, b64(der_signature(0, s)),
             invalid("SHA256withECDSA", w.fingerprint("ec"))),
        seal("ecdsa/s-zero", "ES256", ec_pem, b64(der_signature(r, 0)),
             invalid("SHA256withECDSA", w.fingerprint("ec"))),
        seal("ecdsa/r-wider-than-32-bytes", "ES256", ec_pem, b64(der_signature(r + (1 << 256), s)),
             invalid("SHA256withECDSA", w.fingerprint("ec"))),
        # Unreadable signatures.
        seal("signature/not-base64", "ES256", ec_pem, "not a signature!", malformed("signature")),
        seal("signature/ten-bytes", "ES256", ec_pem, b64(bytes(range(10))), malformed("signature")),
        seal("signature/der-with-trailing-byte", "ES256", ec_pem, b64(ec_sig + b"\x00"),
             malformed("signature")),
        seal("signature/rsa-truncated", "SHA256withRSA", w.text("rsa.pub.pem"), b64(rsa_sig[:100]),
             malformed("signature")),
        seal("signature/ed25519-63-bytes", "Ed25519", w.text("ed25519.pub.pem"),
             b64(w.bytes("ed25519.sig")[:63]), malformed("signature")),
        # Unreadable keys.
        seal("key/garbage", "ES256", "this is not a key", b64(ec_sig), malformed("key")),
        seal("key/truncated-spki", "ES256", b64(w.bytes("ec.pub.der")[:40]), b64(ec_sig), malformed("key")),
        seal("key/missing", "ES256", None, b64(ec_sig), malformed("key")),
        seal("key/private-key-pem", "ES256", w.text("ec.private.pem"), b64(ec_sig), malformed("key")),
        seal("key/sm2-point-off-curve", "SM2withSM3", off_curve.hex(), b64(w.bytes("sm2.sig")),
             malformed("key")),
        seal("key/p384-for-ecdsa", "ES256", w.text("ec384.pub.pem"), b64(ec_sig), malformed("key")),
        # Key of the wrong kind for the algorithm.
        seal("mismatch/sm2-with-p256-key", "SM2withSM3", ec_pem, b64(w.bytes("sm2.sig")), malformed("key")),
        seal("mismatch/ecdsa-with-sm2-key", "ES256", w.text("sm2.pub.pem"), b64(ec_sig), malformed("key")),
        seal("mismatch/rsa-with-ed25519-key", "RS256", w.text("ed25519.pub.pem"), b64(rsa_sig),
             malformed("key")),
        seal("mismatch/pkcs1-with-rsassa-pss-key", "SHA256withRSA", w.text("rsapss.pub.pem"),
             b64(w.bytes("rsapss.sig")), malformed("key")),
        # Algorithms we do not implement.
        seal("algorithm/unknown", "SHA1withDSA", ec_pem, b64(ec_sig),
             {"result": "unsupported", "algorithm": "SHA1withDSA"}),
        seal("algorithm/missing", None, ec_pem, b64(ec_sig), {"result": "unsupported", "algorithm": ""}),
        # Not stamped yet.
        seal("unsigned", "ES256", None, None, {"result": "unsigned"}),
    ]


def unsigned_cases(_w):
    return [
        seal("no-signature-field", None, None, None, {"result": "unsigned"}),
        seal("blank-signature", "SM2withSM3", None, "  ", {"result": "unsigned"}),
    ]


def signature(name, seals, size):
    return {
        "id": f"vectors-{name}",
        "name": "doc.pdf",
        "size": size,
        "uri": "doc.pdf",
        "mime": "application/pdf",
        "createTime": 1767225600000,
        "seals": seals,
    }


def signatures(work, out):
    w = Work(work)
    size = len(w.bytes("doc.pdf"))
    groups = {
        "sm2": sm2_cases,
        "ecdsa": ecdsa_cases,
        "rsa": rsa_cases,
        "rsa-pss": rsa_pss_cases,
        "ed25519": ed25519_cases,
        "negative": negative_cases,
        "unsigned": unsigned_cases,
    }
    for name, cases in groups.items():
        body = signature(name, cases(w), size)
        # One file in the InfoPlus envelope, the rest bare: readers take both.
        if name == "ecdsa":
            body = {"errno": 0, "ecode": "SUCCEED", "error": "", "entities": [body]}
        with open(os.path.join(out, f"{name}.json"), "w", encoding="utf-8") as f:
            json.dump(body, f, ensure_ascii=False, indent=2)
            f.write("\n")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"documents": documents, "signatures": signatures}[command](*args)

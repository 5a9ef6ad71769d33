"""Assembles a CMS SignedData whose signature OpenSSL makes over the signed
attributes we hand it, for what `openssl cms -sign` (3.0) cannot make:
Ed25519 signers (RFC 8419) and signed attributes in an order that is not
DER's (real signers emit those; a reader that re-sorts them breaks the
signature). Encoding with asn1crypto, signing with the openssl binary.

    python make_assembled.py KIND CERT KEY CONTENT OUT
KIND: ed25519 | rsa-unsorted | sm2-gm (GM/T 0010 OIDs, SM3, SM2 signed with
the distinguishing id 1234567812345678)
"""
import hashlib
import subprocess
import sys
import tempfile
from datetime import datetime, timezone

from asn1crypto import algos, cms, pem, x509

kind, cert_path, key_path, content_path, out_path = sys.argv[1:6]
with open(cert_path, "rb") as f:
    der = f.read()
    if pem.detect(der):
        der = pem.unarmor(der)[2]
cert = x509.Certificate.load(der)
content = open(content_path, "rb").read()
digest_name = {"ed25519": "sha512", "sm2-gm": "sm3"}.get(kind, "sha256")
GM_DATA = "1.2.156.10197.6.1.4.2.1"
GM_SIGNED_DATA = "1.2.156.10197.6.1.4.2.2"
SM3 = "1.2.156.10197.1.401"
SM2_SM3 = "1.2.156.10197.1.501"
data_type = GM_DATA if kind == "sm2-gm" else "data"
digest = hashlib.new(digest_name, content).digest()

def attr(kind_name, value):
    return cms.CMSAttribute({"type": kind_name, "values": [value]}).dump()

when = datetime(2026, 11, 30, 12, 34, 56, tzinfo=timezone.utc)
parts = [
    attr("content_type", data_type),
    attr("signing_time", cms.Time({"utc_time": when})),
    attr("message_digest", digest),
]
if kind == "rsa-unsorted":
    # messageDigest (longest) first: DER would put it last.
    parts = [parts[2], parts[0], parts[1]]
body = b"".join(parts)


def tlv(tag, data):
    """A definite-length TLV, written out: asn1crypto sorts a SET OF it
    builds, and the point here is an order of our choosing."""
    n = len(data)
    if n < 0x80:
        return bytes([tag, n]) + data
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(raw)]) + raw + data


to_be_signed = tlv(0x31, body)

with tempfile.TemporaryDirectory() as tmp:
    tbs = f"{tmp}/tbs"
    sig = f"{tmp}/sig"
    open(tbs, "wb").write(to_be_signed)
    if kind == "ed25519":
        cmd = ["openssl", "pkeyutl", "-sign", "-rawin", "-inkey", key_path,
               "-in", tbs, "-out", sig]
    elif kind == "sm2-gm":
        cmd = ["openssl", "pkeyutl", "-sign", "-rawin", "-digest", "sm3",
               "-inkey", key_path, "-pkeyopt", "distid:1234567812345678",
               "-in", tbs, "-out", sig]
    else:
        cmd = ["openssl", "dgst", "-sha256", "-sign", key_path, "-out", sig, tbs]
    subprocess.run(cmd, check=True)
    signature = open(sig, "rb").read()

sig_alg = {"ed25519": "ed25519", "sm2-gm": SM2_SM3}.get(kind, "rsassa_pkcs1v15")
digest_oid = SM3 if kind == "sm2-gm" else digest_name
signer = cms.SignerInfo({
    "version": "v1",
    "sid": cms.SignerIdentifier({"issuer_and_serial_number": {
        "issuer": cert.issuer, "serial_number": cert.serial_number}}),
    "digest_algorithm": algos.DigestAlgorithm({"algorithm": digest_oid}),
    "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": sig_alg}),
    "signature": signature,
})
signer_der = signer.dump()
# Splice the signed attributes in after digestAlgorithm, as transmitted.
si = cms.SignerInfo.load(signer_der)
head = si["version"].dump() + si["sid"].dump() + si["digest_algorithm"].dump()
tail = si["signature_algorithm"].dump() + si["signature"].dump()
signer_der = tlv(0x30, head + tlv(0xA0, body) + tail)

signed_data = cms.SignedData({
    "version": "v1",
    "digest_algorithms": [algos.DigestAlgorithm({"algorithm": digest_oid})],
    "encap_content_info": {"content_type": data_type},
    "certificates": [cert],
    "signer_infos": [],
})
sd = cms.SignedData.load(signed_data.dump())
sd_inner = (sd["version"].dump() + sd["digest_algorithms"].dump()
            + sd["encap_content_info"].dump() + sd["certificates"].dump()
            + tlv(0x31, signer_der))
outer_type = GM_SIGNED_DATA if kind == "sm2-gm" else "signed_data"
content_info = tlv(0x30, cms.ContentType(outer_type).dump()
                   + tlv(0xA0, tlv(0x30, sd_inner)))
open(out_path, "wb").write(content_info)

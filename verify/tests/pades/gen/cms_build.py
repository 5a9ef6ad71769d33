"""CMS SignedData that pyHanko cannot make, assembled with asn1crypto and
signed by OpenSSL 3 (`openssl dgst -sign`, `openssl pkeyutl -sign -rawin`),
as gen/sm2.py does for SM2; gen/embed.py puts it into the PDF.

What pyHanko cannot make: signature OIDs asn1crypto does not know (RSA
PKCS#1 v1.5 with SHA3, BSI TR-03111 plain ECDSA, ECDSA named by the key OID
id-ecPublicKey), a digest algorithm RFC 8419 forbids (Ed25519 with SHA-256),
several SignerInfos, the adbe.pkcs7.sha1 layout (the SHA-1 of the ByteRange
bytes as encapsulated content). Each SignerInfo carries the signed
attributes contentType, signingTime (the fixed signing time) and
messageDigest, signed as DER (asn1crypto sorts the SET OF) and sent as
signed."""

import datetime as dt
import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import algos, cms, core

from . import clock
from .pki import Identity, openssl

# Signature algorithm OIDs (dotted: asn1crypto knows only some of them).
SHA224_RSA = "1.2.840.113549.1.1.14"
SHA256_RSA = "1.2.840.113549.1.1.11"
SHA3_256_RSA = "2.16.840.1.101.3.4.3.14"  # id-rsassa-pkcs1-v1_5-with-sha3-256
SHA3_384_RSA = "2.16.840.1.101.3.4.3.15"
SHA3_512_RSA = "2.16.840.1.101.3.4.3.16"
SHA256_ECDSA = "1.2.840.10045.4.3.2"
EC_PUBLIC_KEY = "1.2.840.10045.2.1"  # id-ecPublicKey, the key's OID
PLAIN_SHA256 = "0.4.0.127.0.7.1.1.4.1.3"  # BSI TR-03111 ecdsa-plain-SHA256
ED25519 = "1.3.101.112"

# asn1crypto digest names → OpenSSL's and hashlib's.
_OPENSSL_MD = {"sha1": "sha1", "sha224": "sha224", "sha256": "sha256", "sha384": "sha384", "sha512": "sha512",
               "sha3_256": "sha3-256", "sha3_384": "sha3-384", "sha3_512": "sha3-512"}


@dataclass
class SignerSpec:
    who: Identity
    digest: str  # asn1crypto name: sha256, sha3_256, …
    sig_oid: str  # dotted
    scheme: str  # "pkcs1" | "ecdsa" (DER) | "plain-ecdsa" (r‖s) | "eddsa"
    corrupt: bool = False  # one byte of the signature value changed after signing


def digest(name: str, data: bytes) -> bytes:
    return hashlib.new(_OPENSSL_MD[name].replace("-", "_"), data).digest()


def openssl_sign(spec: SignerSpec, message: bytes) -> bytes:
    """OpenSSL signs `message` (it hashes it itself)."""
    with tempfile.TemporaryDirectory() as tmp:
        msg = Path(tmp) / "msg"
        msg.write_bytes(message)
        key = str(spec.who.key_file())
        if spec.scheme == "eddsa":
            return openssl("pkeyutl", "-sign", "-inkey", key, "-rawin", "-in", str(msg))
        signature = openssl("dgst", f"-{_OPENSSL_MD[spec.digest]}", "-sign", key, str(msg))
    if spec.scheme == "plain-ecdsa":
        # TR-03111: r‖s, each as wide as the curve's order.
        width = (spec.who.asn1_cert.public_key.bit_size + 7) // 8
        return _p1363(signature, width)
    return signature


def _p1363(der_signature: bytes, width: int) -> bytes:
    rs = algos.DSASignature.load(der_signature).native
    return rs["r"].to_bytes(width, "big") + rs["s"].to_bytes(width, "big")


def _algorithm(oid: str, rsa_null: bool) -> algos.SignedDigestAlgorithm:
    """By OID; RSA PKCS#1 v1.5 identifiers carry NULL parameters."""
    if rsa_null:
        return algos.SignedDigestAlgorithm({"algorithm": oid, "parameters": core.Null()})
    return algos.SignedDigestAlgorithm({"algorithm": oid})


def _signer_info(spec: SignerSpec, content: bytes, signed_at: dt.datetime) -> cms.SignerInfo:
    cert = spec.who.asn1_cert
    attrs = cms.CMSAttributes(
        [
            cms.CMSAttribute({"type": "content_type", "values": ["data"]}),
            cms.CMSAttribute({"type": "signing_time", "values": [cms.Time({"utc_time": signed_at})]}),
            cms.CMSAttribute({"type": "message_digest", "values": [digest(spec.digest, content)]}),
        ]
    )
    attrs_der = attrs.dump()
    signature = openssl_sign(spec, attrs_der)
    if spec.corrupt:
        signature = signature[:-1] + bytes([signature[-1] ^ 0x01])
    info = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {"issuer_and_serial_number": {"issuer": cert.issuer, "serial_number": cert.serial_number}}
            ),
            "digest_algorithm": algos.DigestAlgorithm({"algorithm": spec.digest}),
            "signed_attrs": cms.CMSAttributes.load(attrs_der),
            "signature_algorithm": _algorithm(spec.sig_oid, spec.scheme == "pkcs1"),
            "signature": signature,
        }
    )
    if b"\xa0" + attrs_der[1:] not in info.dump():
        raise AssertionError("asn1crypto re-encoded the signed attributes")
    return info


def signed_data(specs: list, content: bytes, *, encapsulate: bool = False,
                signed_at: dt.datetime = clock.SIGNED) -> bytes:
    """ContentInfo(SignedData) over `content`: detached (the PDF case), or
    with `content` as eContent (adbe.pkcs7.sha1). One SignerInfo per spec,
    all over the same content."""
    infos = [_signer_info(spec, content, signed_at) for spec in specs]
    digests = []
    for spec in specs:
        if spec.digest not in digests:
            digests.append(spec.digest)
    certs = []
    for spec in specs:
        for der in [spec.who.cert_der, *spec.who.chain]:
            if der not in certs:
                certs.append(der)
    encap = {"content_type": "data"}
    if encapsulate:
        encap["content"] = content
    sd = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": d}) for d in digests],
            "encap_content_info": encap,
            "certificates": [cms.CertificateChoices.load(der) for der in certs],
            "signer_infos": infos,
        }
    )
    der = cms.ContentInfo({"content_type": "signed_data", "content": sd}).dump()
    # SignerInfos is a SET OF: DER sorts it. The fixtures say which signer
    # comes first, so the specs must already be in that order.
    sent = [si.dump() for si in cms.ContentInfo.load(der)["content"]["signer_infos"]]
    if sent != [si.dump() for si in infos]:
        raise AssertionError("DER put the SignerInfos in another order than the specs")
    return der


def rsa_sha1_pkcs1(who: Identity, signed_bytes: bytes) -> bytes:
    """adbe.x509.rsa_sha1's /Contents: a DER OCTET STRING holding the PKCS#1
    v1.5 RSA signature over SHA-1 of the ByteRange bytes."""
    return core.OctetString(openssl_sign(SignerSpec(who, "sha1", "", "pkcs1"), signed_bytes)).dump()

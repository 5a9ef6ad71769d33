"""The fixtures of §6b (documents the world makes): further algorithms and
formats, each with a tampered twin (`…-tampered.pdf`: one run of bytes
inside the signed range changed, see document.tamper).

Who makes what:
- pyHanko signs what it can name correctly (gen/sign.py): RSA SHA-224,
  RSASSA-PSS with SHA-224 / SHA3-256, ECDSA on P-521 and brainpool,
  ECDSA with SHA3-256, Ed448 (RFC 8419: id-shake256-len, 512), and the
  signatures whose timestamp or /Contents padding is changed afterwards.
- asn1crypto assembles, OpenSSL signs (gen/cms_build.py), pyHanko's
  interrupted signing embeds (gen/embed.py): RSA with SHA3 OIDs, plain
  ECDSA, ECDSA named by id-ecPublicKey, Ed25519 with SHA-256, two
  SignerInfos, adbe.pkcs7.sha1, adbe.x509.rsa_sha1, raw signature values."""

import datetime as dt
from datetime import timedelta

from asn1crypto import cms
from pyhanko.pdf_utils import generic

from . import clock, document
from .cms_build import (
    EC_PUBLIC_KEY,
    ED25519,
    PLAIN_SHA256,
    SHA3_256_RSA,
    SHA3_384_RSA,
    SHA3_512_RSA,
    SHA256_ECDSA,
    SHA256_RSA,
    SignerSpec,
    digest,
    openssl_sign,
    rsa_sha1_pkcs1,
    signed_data,
)
from .embed import der_length, embed, rewrite_contents
from .expect import Expect
from .pki import SM2_ID, Pki
from .sign import local_tsa, sign
from .sm2 import sm2_sign

SIGNED = clock.SIGNED
TSA_TIME = SIGNED + timedelta(minutes=1)
# What the changed genTime says: five minutes after the TSA's.
FORGED_TSA_TIME = SIGNED + timedelta(minutes=5)
DICT = (SIGNED, "dictionary")  # pyHanko's PAdES: no signingTime, time from /M
ATTR = (SIGNED, "signed-attribute")  # our CMS: a signingTime attribute


def build_world(pki: Pki, base: bytes) -> tuple[dict, dict]:
    """({name: (pdf, Expect)}, {name: bytes} of the other files to write)."""
    f = {}
    files = {}
    rsa = pki.rsa_leaf

    def add(name: str, pdf: bytes, description: str, sigs: list):
        """`name` and its tampered twin; `sigs` are Expect.sig arguments."""
        e = Expect(description)
        for who, algorithm, kw in sigs:
            e.sig(who, algorithm, **kw)
        f[name] = (pdf, e)
        t = Expect(f"{name} with one run of bytes inside the signed range changed")
        for who, algorithm, kw in sigs:
            kw = dict(kw)
            if kw.get("format") == "raw":
                # Nothing in the PDF names a key: the answer is the same;
                # checked with the key, the value no longer verifies.
                kw["raw_check"] = {**kw["raw_check"], "integrity": "altered"}
            else:
                kw.update(status="invalid", integrity="altered")
            t.sig(who, algorithm, **kw)
        f[name.removesuffix(".pdf") + "-tampered.pdf"] = (document.tamper(pdf), t)

    def ours(specs, **kw):
        """A CMS we assemble (OpenSSL signs), embedded as adbe.pkcs7.detached."""
        return embed(base, specs[0].who.name, lambda data: signed_data(specs, data, **kw))

    # RSA PKCS#1 v1.5 beyond SHA-256.
    add("rsa-sha224.pdf", sign(base, rsa, md="sha224"),
        "PAdES by pyHanko, RSA PKCS#1 v1.5 with SHA-224 (sha224WithRSAEncryption)",
        [(rsa, "SHA224withRSA", dict(time=DICT, key="RSA-2048"))])
    for bits, oid in (("256", SHA3_256_RSA), ("384", SHA3_384_RSA), ("512", SHA3_512_RSA)):
        add(f"rsa-sha3-{bits}.pdf", ours([SignerSpec(rsa, f"sha3_{bits}", oid, "pkcs1")]),
            f"asn1crypto CMS signed by OpenSSL: RSA PKCS#1 v1.5 with SHA3-{bits} "
            f"(id-rsassa-pkcs1-v1_5-with-sha3-{bits} {oid}, digest id-sha3-{bits})",
            [(rsa, f"SHA3-{bits}withRSA", dict(time=ATTR, key="RSA-2048"))])

    # RSASSA-PSS, MGF1 over the same hash (pyHanko: salt as long as possible).
    add("pss-sha224.pdf", sign(base, rsa, md="sha224", pss=True),
        "PAdES by pyHanko, RSASSA-PSS with SHA-224, MGF1-SHA-224",
        [(rsa, "SHA224withRSA/PSS", dict(time=DICT, key="RSA-2048"))])
    add("pss-sha3-256.pdf", sign(base, rsa, md="sha3_256", pss=True),
        "PAdES by pyHanko, RSASSA-PSS with SHA3-256, MGF1-SHA3-256",
        [(rsa, "SHA3-256withRSA/PSS", dict(time=DICT, key="RSA-2048"))])

    # ECDSA on further curves and with SHA3.
    for name, who, md, algorithm, key in (
        ("ecdsa-p521.pdf", pki.p521_leaf, "sha512", "SHA512withECDSA", "P-521"),
        ("ecdsa-bp256.pdf", pki.bp256_leaf, "sha256", "SHA256withECDSA", "brainpoolP256r1"),
        ("ecdsa-bp384.pdf", pki.bp384_leaf, "sha384", "SHA384withECDSA", "brainpoolP384r1"),
        ("ecdsa-bp512.pdf", pki.bp512_leaf, "sha512", "SHA512withECDSA", "brainpoolP512r1"),
        ("ecdsa-sha3-256.pdf", pki.p256_leaf, "sha3_256", "SHA3-256withECDSA", "P-256"),
    ):
        add(name, sign(base, who, md=md),
            f"PAdES by pyHanko, ECDSA {key} with {md.upper().replace('_', '-')}",
            [(who, algorithm, dict(time=DICT, key=key))])
    add("ecdsa-plain.pdf", ours([SignerSpec(pki.bp256_leaf, "sha256", PLAIN_SHA256, "plain-ecdsa")]),
        "asn1crypto CMS, BSI TR-03111 plain ECDSA (ecdsa-plain-SHA256 0.4.0.127.0.7.1.1.4.1.3) on "
        "brainpoolP256r1: the signature value is r‖s, 32 bytes each, not DER (OpenSSL signed, DER → r‖s)",
        [(pki.bp256_leaf, "SHA256withPLAIN-ECDSA", dict(time=ATTR, key="brainpoolP256r1"))])
    add("ecdsa-keyoid.pdf", ours([SignerSpec(pki.p256_leaf, "sha256", EC_PUBLIC_KEY, "ecdsa")]),
        "asn1crypto CMS, ECDSA P-256 whose signatureAlgorithm is the key OID id-ecPublicKey "
        "(1.2.840.10045.2.1): the hash is digestAlgorithm's, SHA-256",
        [(pki.p256_leaf, "SHA256withECDSA", dict(time=ATTR, key="P-256"))])

    # EdDSA and RFC 8419's digest rules.
    add("ed448.pdf", sign(base, pki.ed448_leaf, md="shake256"),
        "PAdES by pyHanko, Ed448 with signed attributes, digestAlgorithm id-shake256-len (512) as "
        "RFC 8419 requires, messageDigest SHAKE256 with 512-bit output",
        [(pki.ed448_leaf, "Ed448", dict(time=DICT, key="Ed448"))])
    add("ed25519-sha256.pdf", ours([SignerSpec(pki.ed25519_leaf, "sha256", ED25519, "eddsa")]),
        "asn1crypto CMS, Ed25519 (signed by OpenSSL, mathematically valid) with signed attributes but "
        "digestAlgorithm SHA-256: RFC 8419 requires SHA-512, so the signature does not hold",
        [(pki.ed25519_leaf, "Ed25519", dict(status="invalid", integrity="bad-signature", time=ATTR,
                                            key="Ed25519"))])

    # Legacy subfilters.
    add("pkcs7-sha1.pdf",
        embed(base, rsa.name, lambda data: signed_data([SignerSpec(rsa, "sha256", SHA256_RSA, "pkcs1")],
                                                       digest("sha1", data), encapsulate=True),
              subfilter="/adbe.pkcs7.sha1"),
        "adbe.pkcs7.sha1: the CMS encapsulates the SHA-1 digest of the ByteRange bytes (20 bytes) and "
        "signs that eContent, messageDigest SHA-256 of it, RSA PKCS#1 v1.5 (asn1crypto, OpenSSL)",
        [(rsa, "SHA256withRSA", dict(time=ATTR, key="RSA-2048"))])
    certs = generic.ArrayObject([generic.ByteStringObject(rsa.cert_der)]
                                + [generic.ByteStringObject(der) for der in rsa.chain])
    add("x509-rsa-sha1.pdf",
        embed(base, rsa.name, lambda data: rsa_sha1_pkcs1(rsa, data), subfilter="/adbe.x509.rsa_sha1",
              extra={"/Cert": certs}),
        "adbe.x509.rsa_sha1: /Cert is an array of strings (signer, then its intermediate), /Contents a "
        "DER OCTET STRING holding the PKCS#1 v1.5 RSA signature over SHA-1 of the ByteRange bytes "
        "(openssl dgst -sha1 -sign)",
        [(rsa, "SHA1withRSA", dict(format="pkcs1", time=DICT, key="RSA-2048"))])

    # Raw signature values: nothing in the PDF names a key.
    raw_common = dict(status="indeterminate", integrity="unsupported", format="raw", time=DICT)
    sm2 = pki.sm2_leaf
    files["raw-sm2.pub.pem"] = sm2.public_key_pem()
    add("raw-sm2.pdf", embed(base, sm2.name, lambda data: sm2_sign(sm2.key, data, SM2_ID)),
        "a bare SM2 signature (DER r,s) in /Contents, no CMS: openssl pkeyutl -sign -rawin -digest sm3 "
        "-pkeyopt distid:1234567812345678 over the ByteRange bytes; key in raw-sm2.pub.pem",
        [(None, None, dict(raw_common, raw_check={"publicKey": "raw-sm2.pub.pem", "algorithm": "SM2withSM3",
                                                  "key": "SM2", "integrity": "intact"}))])
    p256 = pki.p256_leaf
    files["raw-ecdsa.pub.pem"] = p256.public_key_pem()
    add("raw-ecdsa.pdf",
        embed(base, p256.name, lambda data: openssl_sign(SignerSpec(p256, "sha256", "", "ecdsa"), data)),
        "a bare ECDSA P-256 signature (DER r,s) in /Contents, no CMS: openssl dgst -sha256 -sign over "
        "the ByteRange bytes; key in raw-ecdsa.pub.pem",
        [(None, None, dict(raw_common, raw_check={"publicKey": "raw-ecdsa.pub.pem",
                                                  "algorithm": "SHA256withECDSA", "key": "P-256",
                                                  "integrity": "intact"}))])

    # Bytes after the CMS in /Contents (pyHanko's RSA PAdES, padding changed).
    add("trailing-bytes.pdf", rewrite_contents(sign(base, rsa), _trailing_garbage),
        "PAdES by pyHanko, RSA; in /Contents, after the CMS, 16 bytes that are not zero padding "
        "(/Contents is outside the signed range)",
        [(rsa, "SHA256withRSA", dict(time=DICT, key="RSA-2048", warnings=["contents-trailing-bytes"]))])

    # Several SignerInfos: every one must hold. SignerInfos is a DER SET OF,
    # sorted by encoding: the shorter ECDSA one comes first.
    both = [SignerSpec(p256, "sha256", SHA256_ECDSA, "ecdsa"), SignerSpec(rsa, "sha256", SHA256_RSA, "pkcs1")]
    add("two-signers.pdf", ours(both),
        "one CMS with two SignerInfos over the same ByteRange: ECDSA P-256 (first, DER order) and RSA, "
        "both valid (asn1crypto, OpenSSL); the first SignerInfo's signer is reported",
        [(p256, "SHA256withECDSA", dict(time=ATTR, key="P-256"))])
    both_bad = [both[0], SignerSpec(rsa, "sha256", SHA256_RSA, "pkcs1", corrupt=True)]
    add("two-signers-bad.pdf", ours(both_bad),
        "one CMS with two SignerInfos: the first (ECDSA P-256) valid, the second's (RSA) signature value "
        "changed after signing",
        [(p256, "SHA256withECDSA", dict(status="invalid", integrity="bad-signature", time=ATTR, key="P-256"))])

    # Signature timestamps that do not verify (pyHanko's local TSA, then the
    # token changed inside /Contents, outside the signed range).
    stamped = sign(base, rsa, timestamper=local_tsa(pki, TSA_TIME))
    broken = dict(status="indeterminate", time=DICT, key="RSA-2048", timestamp_broken=True,
                  warnings=["timestamp-broken"])
    add("ts-bad-signature.pdf", rewrite_contents(stamped, _corrupt_tsa_signature),
        "PAdES by pyHanko with a signature timestamp whose TSA signature value was changed afterwards",
        [(rsa, "SHA256withRSA", dict(broken, timestamp=(TSA_TIME, pki.tsa)))])
    add("ts-bad-gentime.pdf", rewrite_contents(stamped, _forge_gen_time),
        "PAdES by pyHanko with a signature timestamp whose genTime was changed after the TSA signed "
        f"({clock.rfc3339(TSA_TIME)} → {clock.rfc3339(FORGED_TSA_TIME)})",
        [(rsa, "SHA256withRSA", dict(broken, timestamp=(FORGED_TSA_TIME, pki.tsa)))])
    return f, files


def _trailing_garbage(contents: bytes) -> bytes:
    end = der_length(contents)
    junk = bytes(range(0xA1, 0xB1))
    return contents[:end] + junk + contents[end + len(junk):]


def _token(contents: bytes) -> bytes:
    """DER of the signature timestamp token inside the CMS."""
    si = cms.ContentInfo.load(contents[: der_length(contents)])["content"]["signer_infos"][0]
    for attr in si["unsigned_attrs"]:
        if attr["type"].native == "signature_time_stamp_token":
            return attr["values"][0].dump()
    raise LookupError("no signature timestamp token")


def _replace_once(buf: bytes, old: bytes, new: bytes) -> bytes:
    if buf.count(old) != 1 or len(old) != len(new):
        raise ValueError("expected one occurrence, same length")
    return buf.replace(old, new)


def _corrupt_tsa_signature(contents: bytes) -> bytes:
    token = _token(contents)
    value = cms.ContentInfo.load(token)["content"]["signer_infos"][0]["signature"].native
    return _replace_once(contents, value, value[:-1] + bytes([value[-1] ^ 0x01]))


def _forge_gen_time(contents: bytes) -> bytes:
    """genTime is a GeneralizedTime inside the TSTInfo (the token's
    eContent): same length, five minutes later."""
    def generalized(moment: dt.datetime) -> bytes:
        return moment.strftime("%Y%m%d%H%M%SZ").encode()
    return _replace_once(contents, b"\x18\x0f" + generalized(TSA_TIME), b"\x18\x0f" + generalized(FORGED_TSA_TIME))

"""The signatures pyHanko cannot verify, checked piecewise with OpenSSL:
CMS whose signature OID pyHanko does not know (RSA with SHA3, BSI plain
ECDSA, ECDSA named by id-ecPublicKey), CMS with several SignerInfos,
adbe.pkcs7.sha1, adbe.x509.rsa_sha1 and raw signature values.

For a CMS, every SignerInfo: its certificate from the CMS, the content's
digest by `openssl dgst` (the ByteRange bytes; for adbe.pkcs7.sha1 the
eContent, which must itself be `openssl dgst -sha1` of the ByteRange
bytes) against messageDigest, the signature over the signed attributes as
transmitted (`A0` → `31`) by `openssl dgst -verify` (a plain r‖s value
turned into DER first) or, for EdDSA, `openssl pkeyutl -verify -rawin`,
with RFC 8419's digest rules; the chain by `openssl verify -attime`.
adbe.x509.rsa_sha1: `openssl dgst -sha1 -verify` over the ByteRange bytes
with the key of /Cert's first certificate. A raw value names no key: it is
`unsupported`; with the key file a seal would carry (expected.json's
rawCheck) it is checked as §6 checks a seal.

Algorithm names come from the OIDs (tables below), not from how the
fixtures were made."""

import tempfile
from pathlib import Path

from asn1crypto import algos, cms, core, keys, pem, x509

from . import cms_openssl, terms
from .pki import SM2_ID, der_to_pem, openssl, openssl_verify_status

# signature OID → (scheme, hash or None: the hash is digestAlgorithm's)
SIGNATURE_OIDS = {
    "1.2.840.113549.1.1.1": ("RSA", None),  # rsaEncryption
    "1.2.840.113549.1.1.5": ("RSA", "sha1"),
    "1.2.840.113549.1.1.14": ("RSA", "sha224"),
    "1.2.840.113549.1.1.11": ("RSA", "sha256"),
    "1.2.840.113549.1.1.12": ("RSA", "sha384"),
    "1.2.840.113549.1.1.13": ("RSA", "sha512"),
    "2.16.840.1.101.3.4.3.14": ("RSA", "sha3_256"),
    "2.16.840.1.101.3.4.3.15": ("RSA", "sha3_384"),
    "2.16.840.1.101.3.4.3.16": ("RSA", "sha3_512"),
    "1.2.840.10045.2.1": ("ECDSA", None),  # id-ecPublicKey
    "1.2.840.10045.4.3.1": ("ECDSA", "sha224"),
    "1.2.840.10045.4.3.2": ("ECDSA", "sha256"),
    "1.2.840.10045.4.3.3": ("ECDSA", "sha384"),
    "1.2.840.10045.4.3.4": ("ECDSA", "sha512"),
    "2.16.840.1.101.3.4.3.10": ("ECDSA", "sha3_256"),
    "2.16.840.1.101.3.4.3.11": ("ECDSA", "sha3_384"),
    "2.16.840.1.101.3.4.3.12": ("ECDSA", "sha3_512"),
    "0.4.0.127.0.7.1.1.4.1.2": ("PLAIN-ECDSA", "sha224"),
    "0.4.0.127.0.7.1.1.4.1.3": ("PLAIN-ECDSA", "sha256"),
    "0.4.0.127.0.7.1.1.4.1.4": ("PLAIN-ECDSA", "sha384"),
    "0.4.0.127.0.7.1.1.4.1.5": ("PLAIN-ECDSA", "sha512"),
    "1.3.101.112": ("Ed25519", None),
    "1.3.101.113": ("Ed448", None),
}
DIGEST_OIDS = {
    "1.3.14.3.2.26": "sha1",
    "2.16.840.1.101.3.4.2.4": "sha224",
    "2.16.840.1.101.3.4.2.1": "sha256",
    "2.16.840.1.101.3.4.2.2": "sha384",
    "2.16.840.1.101.3.4.2.3": "sha512",
    "2.16.840.1.101.3.4.2.8": "sha3_256",
    "2.16.840.1.101.3.4.2.9": "sha3_384",
    "2.16.840.1.101.3.4.2.10": "sha3_512",
    "2.16.840.1.101.3.4.2.18": "shake256_len",
}
_HASH_NAMES = {"sha1": "SHA1", "sha224": "SHA224", "sha256": "SHA256", "sha384": "SHA384", "sha512": "SHA512",
               "sha3_256": "SHA3-256", "sha3_384": "SHA3-384", "sha3_512": "SHA3-512"}
_DGST_ARGS = {"shake256_len": ["-shake256", "-xoflen", "64"]}


def _dgst_args(md: str) -> list:
    return _DGST_ARGS.get(md, [f"-{md.replace('_', '-')}"])


def _der_len(buf: bytes) -> int:
    first = buf[1]
    if first < 0x80:
        return 2 + first
    n = first & 0x7F
    return 2 + n + int.from_bytes(buf[2 : 2 + n], "big")


def _succeeds(*args) -> bool:
    try:
        openssl(*args)
        return True
    except RuntimeError:
        return False


def _signed_data(contents: bytes):
    """The SignedData of /Contents, or None when it is not a CMS."""
    try:
        info = cms.ContentInfo.load(contents[: _der_len(contents)])
        if info["content_type"].native != "signed_data":
            return None
        sd = info["content"]
        sd["signer_infos"].native  # parse now: raw values fail here
        return sd
    except (ValueError, TypeError, IndexError):
        return None


class _Work:
    """A temporary directory for OpenSSL's files."""

    def __init__(self, path: Path):
        self.path = path
        self.n = 0

    def file(self, data: bytes) -> str:
        self.n += 1
        p = self.path / f"f{self.n}"
        p.write_bytes(data)
        return str(p)

    def pubkey(self, cert_der: bytes) -> str:
        pem_path = self.file(der_to_pem(cert_der).encode())
        return self.file(openssl("x509", "-in", pem_path, "-pubkey", "-noout"))


def check(pdf: bytes, sig_dict, roots_pem: Path, raw_check: dict | None = None) -> dict:
    """§6a/§6b's terms for one signature, as OpenSSL sees it."""
    a, b, c, d = (int(x) for x in sig_dict["/ByteRange"])
    signed_bytes = pdf[a : a + b] + pdf[c : c + d]
    contents = bytes(sig_dict["/Contents"])
    found = {
        "coverage": "whole-file" if a == 0 and c + d == len(pdf) and b < c else "revision",
        "changesAfter": [],
        "certification": None,
        "timestamp": None,
        "warnings": [],
    }
    subfilter = str(sig_dict.get("/SubFilter", ""))
    with tempfile.TemporaryDirectory() as tmp:
        work = _Work(Path(tmp))
        if subfilter == "/adbe.x509.rsa_sha1":
            _pkcs1(found, sig_dict, contents, signed_bytes, roots_pem, work)
        else:
            sd = _signed_data(contents)
            if sd is None:
                _raw(found, sig_dict, contents, signed_bytes, raw_check, work)
            else:
                _cms(found, sig_dict, sd, contents, signed_bytes, subfilter, roots_pem, work)
    found["status"] = terms.status_of(found)
    return found


def _pkcs1(found, sig_dict, contents, signed_bytes, roots_pem, work):
    certs = sig_dict["/Cert"]
    certs = [_string_bytes(x) for x in certs] if isinstance(certs, list) else [_string_bytes(certs)]
    leaf = x509.Certificate.load(certs[0])
    signature = core.OctetString.load(contents[: _der_len(contents)]).native
    ok = _succeeds("dgst", "-sha1", "-verify", work.pubkey(certs[0]), "-signature", work.file(signature),
                   work.file(signed_bytes))
    when = terms.signing_time(None, sig_dict)
    found.update(
        format="pkcs1",
        algorithm="SHA1withRSA",
        key=terms.key_name(leaf.public_key),
        certificate=terms.certificate_summary(leaf),
        integrity="intact" if ok else "altered",
        identity=_identity(certs[0], certs[1:], roots_pem, when, work),
        signingTime=_time(when),
    )
    found["warnings"] += terms.contents_warnings(contents)


def _string_bytes(obj) -> bytes:
    """A PDF string's bytes, whichever way pyHanko's reader typed it."""
    return getattr(obj, "original_bytes", None) or bytes(obj)


def _raw(found, sig_dict, contents, signed_bytes, raw_check, work):
    """No certificate, no key named: unsupported. With the seal's key file
    (rawCheck), the value is checked as §6 checks a seal."""
    found.update(format="raw", algorithm=None, certificate=None, identity="no-certificate",
                 integrity="unsupported", signingTime=_time(terms.signing_time(None, sig_dict)))
    if raw_check is None:
        return
    key_path = Path(__file__).resolve().parent.parent / raw_check["publicKey"]
    _, _, spki = pem.unarmor(key_path.read_bytes())
    value = contents[: _der_len(contents)]
    if raw_check["algorithm"] == "SM2withSM3":
        ok = _succeeds("pkeyutl", "-verify", "-pubin", "-inkey", str(key_path), "-rawin", "-digest", "sm3",
                       "-pkeyopt", f"distid:{SM2_ID}", "-in", work.file(signed_bytes), "-sigfile", work.file(value))
    elif raw_check["algorithm"] == "SHA256withECDSA":
        ok = _succeeds("dgst", "-sha256", "-verify", str(key_path), "-signature", work.file(value),
                       work.file(signed_bytes))
    else:
        raise ValueError(f"no raw check for {raw_check['algorithm']}")
    found["rawCheck"] = {
        "publicKey": raw_check["publicKey"],
        "algorithm": raw_check["algorithm"],  # what the seal would say
        "key": terms.key_name(keys.PublicKeyInfo.load(spki)),
        "integrity": "intact" if ok else "altered",
    }


def algorithm_name(signer_info) -> str | None:
    oid = signer_info["signature_algorithm"]["algorithm"].dotted
    scheme, md = SIGNATURE_OIDS.get(oid, (None, None))
    if scheme is None:
        return None
    if scheme in ("Ed25519", "Ed448"):
        return scheme
    md = md or DIGEST_OIDS.get(signer_info["digest_algorithm"]["algorithm"].dotted)
    return f"{_HASH_NAMES[md]}with{scheme}" if md in _HASH_NAMES else None


def _cms(found, sig_dict, sd, contents, signed_bytes, subfilter, roots_pem, work):
    certs = [choice.chosen for choice in sd["certificates"]]
    content = signed_bytes
    content_ok = True
    if subfilter == "/adbe.pkcs7.sha1":
        content = sd["encap_content_info"]["content"].native
        content_ok = content == openssl("dgst", "-sha1", "-binary", work.file(signed_bytes))
    results = []
    for si in sd["signer_infos"]:
        results.append(_signer(si, certs, content, work))
    if not content_ok or "altered" in results:
        integrity = "altered"
    elif "bad-signature" in results:
        integrity = "bad-signature"
    else:
        integrity = "intact"
    first = sd["signer_infos"][0]
    leaf = _cert_of(first, certs)
    token_ok = cms_openssl.token_intact(contents[: _der_len(contents)]) is not False
    when = terms.signing_time(first, sig_dict, token_ok=token_ok)
    if not token_ok:
        found["warnings"].append("timestamp-broken")
    others = [cert.dump() for cert in certs if cert is not leaf]
    found.update(
        format="cms",
        algorithm=algorithm_name(first),
        key=terms.key_name(leaf.public_key),
        certificate=terms.certificate_summary(leaf),
        integrity=integrity,
        identity=_identity(leaf.dump(), others, roots_pem, when, work),
        signingTime=_time(when),
        signers=len(results),
    )
    found["warnings"] += terms.contents_warnings(contents)


def _cert_of(si, certs):
    sid = si["sid"]
    if sid.name == "issuer_and_serial_number":
        ias = sid.chosen
        return next(c for c in certs if c.issuer == ias["issuer"] and c.serial_number == ias["serial_number"].native)
    return next(c for c in certs if c.key_identifier == sid.chosen.native)


def _signer(si, certs, content: bytes, work) -> str:
    """intact | altered | bad-signature for one SignerInfo."""
    oid = si["signature_algorithm"]["algorithm"].dotted
    scheme, md = SIGNATURE_OIDS[oid]
    digest_algo = si["digest_algorithm"]
    digest_name = DIGEST_OIDS[digest_algo["algorithm"].dotted]
    md = md or digest_name
    pub = work.pubkey(_cert_of(si, certs).dump())
    signature = si["signature"].native
    if si["signed_attrs"].native is not None:
        message = b"\x31" + si["signed_attrs"].dump()[1:]
        md_attr = terms.signed_attr(si, "message_digest")
        if md_attr is None or md_attr.native != openssl("dgst", *_dgst_args(digest_name), "-binary",
                                                        work.file(content)):
            return "altered"
        # RFC 8419's digests for EdDSA with signed attributes.
        if scheme == "Ed25519" and digest_name != "sha512":
            return "bad-signature"
        if scheme == "Ed448" and (digest_name != "shake256_len" or digest_algo["parameters"].native != 512):
            return "bad-signature"
        failed = "bad-signature"
    else:
        message, failed = content, "altered"
    if scheme in ("Ed25519", "Ed448"):
        ok = _succeeds("pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", work.file(message),
                       "-sigfile", work.file(signature))
    else:
        if scheme == "PLAIN-ECDSA":
            signature = algos.DSASignature.from_p1363(signature).dump()
        ok = _succeeds("dgst", *_dgst_args(md), "-verify", pub, "-signature", work.file(signature),
                       work.file(message))
    return "intact" if ok else failed


def _time(when):
    return None if when is None else {"time": terms.rfc3339(when[0]), "source": when[1]}


def _identity(leaf_der: bytes, others: list, roots_pem: Path, when, work) -> str:
    args = ["-CAfile", str(roots_pem), "-purpose", "any"]
    if others:
        args += ["-untrusted", work.file("".join(der_to_pem(d) for d in others).encode())]
    if when is not None:
        args += ["-attime", str(int(when[0].timestamp()))]
    return openssl_verify_status(*args, work.file(der_to_pem(leaf_der).encode()))

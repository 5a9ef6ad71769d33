"""§6a's terms for what an independent verifier found, and the status
rules of §6a applied to them (worst wins)."""

import datetime as dt

from asn1crypto import cms, tsp
from pyhanko.pdf_utils.generic import parse_pdf_date

UTC = dt.timezone.utc

# The highest pyHanko ModificationLevel each class of change needs
# (NONE 0, LTA_UPDATES 1, FORM_FILLING 2, ANNOTATIONS 3, OTHER 4). pyHanko
# files a new signature under form filling, metadata and DSS under LTA.
CHANGE_LEVEL = {
    "timestamp": 1,
    "metadata": 1,
    "signing": 2,
    "form-fill": 2,
    "annotation": 3,
    "other": 4,
}


def status_of(sig: dict) -> str:
    """§6a: invalid beats indeterminate beats valid; §6b: a signature
    timestamp that is there but does not verify makes it indeterminate."""
    if sig["integrity"] in ("altered", "bad-signature", "malformed"):
        return "invalid"
    if sig["coverage"] in ("partial", "unclear"):
        return "invalid"
    cert = sig.get("certification")
    if cert is not None and not cert["permitted"]:
        return "invalid"
    if sig["integrity"] == "unsupported" or sig["identity"] != "trusted":
        return "indeterminate"
    if sig.get("timestamp") is not None and not sig["timestamp"]["intact"]:
        return "indeterminate"
    if cert is None and "other" in sig["changesAfter"]:
        return "indeterminate"
    return "valid"


def worst(statuses) -> str:
    rank = {"valid": 0, "indeterminate": 1, "invalid": 2}
    return max(statuses, key=rank.__getitem__, default="unsigned")


def rfc4514(name) -> str:
    """An asn1crypto Name, most specific RDN first (RFC 4514)."""
    short = {"common_name": "CN", "organization_name": "O", "country_name": "C",
             "organizational_unit_name": "OU", "locality_name": "L", "state_or_province_name": "ST"}
    parts = []
    for rdn in reversed(list(name.chosen)):
        for attr in rdn:
            key = short.get(attr["type"].native, attr["type"].dotted)
            parts.append(f"{key}={attr['value'].native}")
    return ",".join(parts)


def certificate_summary(cert) -> dict:
    """§6a's `certificate` of an asn1crypto certificate, without the
    fingerprint (keys, hence certificates, are new on every run)."""
    serial = cert.serial_number
    return {
        "subject": rfc4514(cert.subject),
        "issuer": rfc4514(cert.issuer),
        # The DER INTEGER's content bytes, in hex (a leading 00 kept).
        "serial": serial.to_bytes((serial.bit_length() + 8) // 8, "big", signed=True).hex(),
        "notBefore": rfc3339(cert.not_valid_before),
        "notAfter": rfc3339(cert.not_valid_after),
    }


def parse_rfc3339(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def signed_attr(signer_info: cms.SignerInfo, name: str):
    attrs = signer_info["signed_attrs"]
    if attrs.native is None:
        return None
    for attr in attrs:
        if attr["type"].native == name:
            return attr["values"][0]
    return None


def timestamp_token_time(signer_info: cms.SignerInfo) -> dt.datetime | None:
    """genTime of the id-aa-signatureTimeStampToken, if any (not verified
    here: the caller checks pyHanko's verdict on it)."""
    unsigned = signer_info["unsigned_attrs"]
    if unsigned.native is None:
        return None
    for attr in unsigned:
        if attr["type"].native == "signature_time_stamp_token":
            return token_time(attr["values"][0])
    return None


def token_time(token: cms.ContentInfo) -> dt.datetime:
    return tst_gen_time(token["content"])


def tst_gen_time(signed_data: cms.SignedData) -> dt.datetime:
    """genTime of the TSTInfo a timestamp token's SignedData carries."""
    tst = signed_data["encap_content_info"]["content"].parsed
    if not isinstance(tst, tsp.TSTInfo):
        tst = tsp.TSTInfo.load(signed_data["encap_content_info"]["content"].native)
    return tst["gen_time"].native


def signing_time(signer_info: cms.SignerInfo | None, sig_dict, token_ok: bool = True) -> tuple[dt.datetime, str] | None:
    """§6a's signing time: a verified timestamp (the caller says whether the
    token verified: `token_ok`), else signingTime, else /M."""
    ts = timestamp_token_time(signer_info) if signer_info is not None and token_ok else None
    if ts is not None:
        return ts, "timestamp"
    st = signed_attr(signer_info, "signing_time") if signer_info is not None else None
    if st is not None:
        return st.native, "signed-attribute"
    if "/M" in sig_dict:
        return parse_pdf_date(str(sig_dict["/M"])), "dictionary"
    return None


# §6b's key names, by curve (asn1crypto's names, or the dotted OID of a
# curve it does not know).
_CURVES = {
    "secp256r1": "P-256",
    "secp384r1": "P-384",
    "secp521r1": "P-521",
    "brainpoolp256r1": "brainpoolP256r1",
    "brainpoolp384r1": "brainpoolP384r1",
    "brainpoolp512r1": "brainpoolP512r1",
    "1.2.156.10197.1.301": "SM2",
}


def key_name(public_key) -> str | None:
    """§6b's `key` of an asn1crypto PublicKeyInfo: RSA-<bits>, the curve, or
    Ed25519/Ed448."""
    algorithm = public_key["algorithm"]["algorithm"].native
    if algorithm in ("rsa", "rsassa_pss"):
        return f"RSA-{public_key.bit_size}"
    if algorithm == "ec":
        params = public_key["algorithm"]["parameters"]
        if params.name != "named":
            return None
        curve = params.chosen
        return _CURVES.get(curve.native) or _CURVES.get(curve.dotted)
    return {"ed25519": "Ed25519", "ed448": "Ed448"}.get(algorithm)


def contents_warnings(contents: bytes) -> list:
    """§6b: bytes after the outer DER structure of /Contents that are not
    zero padding are the warning contents-trailing-bytes."""
    first = contents[1]
    if first < 0x80:
        end = 2 + first
    else:
        n = first & 0x7F
        end = 2 + n + int.from_bytes(contents[2 : 2 + n], "big")
    return ["contents-trailing-bytes"] if any(contents[end:]) else []

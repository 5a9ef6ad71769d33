"""What a fixture was made to be, in §6a's JSON names (expected.json).

Written from how the fixture was made, never from a verifier's answer.
Per signature: field, status, integrity, identity, coverage, changesAfter,
certification, format, algorithm, signingTime {time, source}, certificate
{subject, issuer} (RFC 4514, most specific first), timestamp {time,
authority, intact, trusted} when there is one (null otherwise), and
warningsInclude: codes that must be among the warnings. The fixtures of
§6b also name the signer's `key` (RSA-2048, P-256, …, SM2, Ed25519,
Ed448); a raw signature value (no certificate) has `certificate` null and,
in `rawCheck`, the public key file that checks it as a seal's key would.
A shadow attack (gen/shadow.py) lists in `changesInclude` every object its
update defines ({object, role, class}), and the file names the `attack`
({class, variant, update})."""

from cryptography.x509.oid import NameOID

from . import clock
from .pki import ORG, Identity

_RANK = {"valid": 0, "indeterminate": 1, "invalid": 2}
PAGES = 2


def rfc4514(cn: str) -> str:
    return f"CN={cn},O={ORG},C=CN"


class Expect:
    def __init__(self, description: str, attack: dict | None = None):
        self.description = description
        self.attack = attack
        self.signatures = []

    def sig(
        self,
        who: Identity | None,
        algorithm: str | None,
        *,
        field: str = "Signature1",
        status: str = "valid",
        integrity: str = "intact",
        identity: str | None = None,
        coverage: str = "whole-file",
        changes: list | None = None,
        certification: tuple | None = None,
        format: str = "cms",
        time=None,
        timestamp=None,
        warnings: list | None = None,
        key: str | None = None,
        timestamp_broken: bool = False,
        raw_check: dict | None = None,
        changes_include: list | None = None,
    ) -> "Expect":
        """`who` None: no certificate (a raw signature value).
        `timestamp_broken`: the token is there but does not verify; its
        `trusted` is not asserted."""
        entry = {
            "field": field,
            "status": status,
            "integrity": integrity,
            "identity": identity or ("trusted" if who is not None else "no-certificate"),
            "coverage": coverage,
            "changesAfter": changes or [],
            "certification": (
                None if certification is None else {"permissions": certification[0], "permitted": certification[1]}
            ),
            "format": format,
            "algorithm": algorithm,
            "certificate": None if who is None else {
                "subject": rfc4514(who.name), "issuer": rfc4514(_issuer_cn(who)), **_serial_and_validity(who)},
            "signingTime": None if time is None else {"time": clock.rfc3339(time[0]), "source": time[1]},
            "timestamp": None,
        }
        if timestamp is not None:
            moment, tsa = timestamp
            entry["timestamp"] = {
                "time": clock.rfc3339(moment),
                "authority": rfc4514(tsa.name),
                "intact": not timestamp_broken,
                "trusted": True,
            }
            if timestamp_broken:
                del entry["timestamp"]["trusted"]
        if key is not None:
            entry["key"] = key
        if raw_check is not None:
            entry["rawCheck"] = raw_check
        if warnings:
            entry["warningsInclude"] = warnings
        if changes_include:
            # Every object of an attack's update is part of a change that
            # alters what a signed page shows: §6b's `other`.
            entry["changesInclude"] = [
                {"object": number, "role": role, "class": "other"} for number, role in changes_include
            ]
        self.signatures.append(entry)
        return self

    def json(self) -> dict:
        worst = max((s["status"] for s in self.signatures), key=_RANK.__getitem__, default="unsigned")
        out = {"description": self.description}
        if self.attack is not None:
            out["attack"] = self.attack
        out.update(verdict=worst, pages=PAGES, signatures=self.signatures)
        return out


def _serial_and_validity(who: Identity) -> dict:
    """From the certificate as issued: serials and dates are fixed by
    gen/pki.py, so these do not change between runs."""
    cert = who.asn1_cert
    serial = cert.serial_number
    return {
        # §6a: lowercase hex of the serial's DER content bytes.
        "serial": serial.to_bytes((serial.bit_length() + 8) // 8, "big", signed=True).hex(),
        "notBefore": clock.rfc3339(cert.not_valid_before),
        "notAfter": clock.rfc3339(cert.not_valid_after),
    }


def _issuer_cn(who: Identity) -> str:
    if who.cert is not None:
        return who.cert.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    # OpenSSL-made (SM2): the leaf's issuer is the SM2 root.
    return "Fixture SM2 Root" if who.name != "Fixture SM2 Root" else who.name

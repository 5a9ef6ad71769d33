"""OCSP responses (asn1crypto.ocsp, signed with `cryptography`) and CRLs
(cryptography's CertificateRevocationListBuilder), all with fixed times.

An OCSP response is a BasicOCSPResponse: responderID byKey (SHA-1 of the
responder's public key bits), producedAt, one SingleResponse whose CertID
uses SHA-1 (issuerNameHash, issuerKeyHash, serial), thisUpdate =
producedAt, nextUpdate a week later; no nonce, no extensions; signed
ecdsa-with-SHA256 by the responder, whose certificate is in `certs`.
A CRL is v2, full (no issuingDistributionPoint), with CRL number and
authority key identifier; each entry has a reasonCode extension."""

import datetime as dt
import hashlib

from asn1crypto import core, ocsp
from asn1crypto import crl as asn1_crl
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509 import ReasonFlags

from . import times
from .pades import Identity

# RFC 5280 CRLReason names, as asn1crypto spells them.
_ASN1_REASON = {"keyCompromise": "key_compromise", "superseded": "superseded"}
_CRL_REASON = {"keyCompromise": ReasonFlags.key_compromise, "superseded": ReasonFlags.superseded}


def _sign(key, data: bytes) -> bytes:
    return key.sign(data, ec.ECDSA(hashes.SHA256()))


def cert_id(cert: Identity, issuer: Identity) -> ocsp.CertId:
    issuer_cert = issuer.asn1_cert
    return ocsp.CertId({
        "hash_algorithm": {"algorithm": "sha1"},
        "issuer_name_hash": hashlib.sha1(issuer_cert.subject.dump()).digest(),
        "issuer_key_hash": issuer_cert.public_key.sha1,
        "serial_number": cert.asn1_cert.serial_number,
    })


def ocsp_response(
    cert: Identity,
    issuer: Identity,
    responder: Identity,
    *,
    produced: dt.datetime = times.REVINFO,
    revoked: tuple | None = None,
    break_signature: bool = False,
) -> ocsp.OCSPResponse:
    """`revoked`: (time, reason) for a `revoked` status, else `good`.
    `break_signature`: one byte of the signature value changed (the last
    byte of the DER ECDSA signature XOR 0x01: still a well-formed
    ECDSA-Sig-Value, no longer a valid one)."""
    if revoked is None:
        status = ocsp.CertStatus(name="good", value=core.Null())
    else:
        when, reason = revoked
        status = ocsp.CertStatus(name="revoked", value=ocsp.RevokedInfo({
            "revocation_time": when, "revocation_reason": _ASN1_REASON[reason]}))
    tbs = ocsp.ResponseData({
        "responder_id": ocsp.ResponderId(name="by_key", value=responder.asn1_cert.public_key.sha1),
        "produced_at": produced,
        "responses": [{
            "cert_id": cert_id(cert, issuer),
            "cert_status": status,
            "this_update": produced,
            "next_update": produced + times.WEEK,
        }],
    })
    signature = _sign(responder.key, tbs.dump())
    if break_signature:
        signature = signature[:-1] + bytes([signature[-1] ^ 0x01])
    basic = ocsp.BasicOCSPResponse({
        "tbs_response_data": tbs,
        "signature_algorithm": {"algorithm": "sha256_ecdsa"},
        "signature": signature,
        "certs": [responder.asn1_cert],
    })
    return ocsp.OCSPResponse({
        "response_status": "successful",
        "response_bytes": {"response_type": "basic_ocsp_response", "response": basic},
    })


def crl(issuer: Identity, number: int, revoked: list = (), *, this_update: dt.datetime = times.REVINFO):
    """A CRL from `issuer`; `revoked`: [(Identity, time, reason)].
    Returns asn1crypto's CertificateList (pyHanko's DSS wants those)."""

    b = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.cert.subject)
        .last_update(this_update)
        .next_update(this_update + times.WEEK)
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), critical=False)
    )
    for who, when, reason in revoked:
        entry = (
            x509.RevokedCertificateBuilder()
            .serial_number(who.cert.serial_number)
            .revocation_date(when)
            .add_extension(x509.CRLReason(_CRL_REASON[reason]), critical=False)
            .build()
        )
        b = b.add_revoked_certificate(entry)
    der = b.sign(issuer.key, hashes.SHA256()).public_bytes(Encoding.DER)
    return asn1_crl.CertificateList.load(der)


"""Every fixture: how it is made (`Case`) and what it was made to be
(`expected`, one entry of expected.json). The expectation is written from
the case, never from a verifier's answer.

Verdict rules (the intended mapping): the signer's signature failing →
integrity bad-signature; dataHash ≠ SM3(ByteRange bytes) → integrity
altered; either → status invalid. With integrity intact, the maker's
signature failing, the seal not valid at timeInfo or the signer not in the
seal's certList → status invalid; otherwise a maker certificate that does
not chain to roots.pem → indeterminate; otherwise valid."""

from dataclasses import dataclass

from .pades import rfc3339
from .pki import SesPki
from .sm2sig import DER, RS
from .spec import EXPIRED_VALID, RENAMED, SEAL_NAME, SEAL_VALID, SEALED

ES_ID = {4: "11010826030004", 1: "11010826030001"}
SUBFILTER = {4: "/GB-T-38540", 1: "/GM-T-0031"}
PICTURE = {4: "png", 1: "gif"}


@dataclass
class Case:
    file: str
    version: int
    description: str
    form: str = DER  # both SM2 signatures (the maker's and the signer's)
    filter_: str = "/Adobe.PPKLite"
    subfilter: str | None = None  # SUBFILTER[version] unless given
    cert_list_type: int = 1
    timestamp: bool = False
    doc_changed: bool = False  # a byte inside the ByteRange changed after signing
    seal_renamed: bool = False  # the seal's name changed after the maker signed
    tbs_changed: bool = False  # TBS_Sign.propertyInfo changed after the signer signed
    expired: bool = False  # the seal's validEnd before timeInfo
    not_allowed: bool = False  # certList names another certificate
    untrusted_maker: bool = False  # the maker's certificate under the untrusted root
    maker_sequence: bool = False  # v4 maker signs SEQUENCE { esealInfo, cert, signAlgID }


CASES = [
    Case("ses-v4.pdf", 4, "GB/T 38540 v4 SES_Signature, DER SM2 signatures, /Adobe.PPKLite /GB-T-38540"),
    Case("ses-v4-rs.pdf", 4, "v4, maker's and signer's SM2 signatures as 64-byte r||s", form=RS),
    Case("ses-v4-foxit.pdf", 4, "v4 under /Filter /Foxit.SM /SubFilter /fxit.sm.detached",
         filter_="/Foxit.SM", subfilter="/fxit.sm.detached"),
    Case("ses-v4-digest-list.pdf", 4, "v4, certListType 2: certList holds CertDigestObj {\"sm3\", SM3(signer cert)}",
         cert_list_type=2),
    Case("ses-v4-timestamp.pdf", 4, "v4 with timeStamp: RFC 3161 token over SHA-256 of the signature value",
         timestamp=True),
    Case("ses-v1.pdf", 1, "GM/T 0031 v1 SES_Signature, DER SM2 signatures, GIF picture"),
    Case("ses-v1-rs.pdf", 1, "v1, maker's and signer's SM2 signatures as 64-byte r||s", form=RS),
    Case("ses-v4-doc-changed.pdf", 4, "v4, one byte inside the ByteRange changed after signing (dataHash mismatch)",
         doc_changed=True),
    Case("ses-v4-seal-changed.pdf", 4, "v4, the seal's name changed after the maker signed; the signer signed the "
         "changed seal (only the maker's signature fails)", seal_renamed=True),
    Case("ses-v4-signer-changed.pdf", 4, "v4, TBS_Sign.propertyInfo changed after the signer signed", tbs_changed=True),
    Case("ses-v4-seal-expired.pdf", 4, "v4, the seal's validEnd (2026-01-01) is before timeInfo (2026-03-01)",
         expired=True),
    Case("ses-v4-signer-not-allowed.pdf", 4, "v4, the seal's certList names another certificate than the signer's",
         not_allowed=True),
    Case("ses-v4-untrusted-maker.pdf", 4, "v4, the maker's certificate chains to a root not in roots.pem",
         untrusted_maker=True),
    Case("ses-v4-maker-sequence.pdf", 4, "v4 whose maker signed DER(SEQUENCE { esealInfo, cert, signAlgID }) "
         "(v1's coverage) instead of DER(SES_SealInfo): valid for a verifier that accepts either",
         maker_sequence=True),
    Case("ses-v1-seal-changed.pdf", 1, "v1, the seal's name changed after the maker signed; the signer signed the "
         "changed seal (only the maker's signature fails)", seal_renamed=True),
]


def expected(case: Case, pki: SesPki) -> dict:
    intact = not case.seal_renamed
    valid_at_signing = not case.expired
    signer_allowed = not case.not_allowed
    maker_trusted = not case.untrusted_maker
    integrity = "altered" if case.doc_changed else "bad-signature" if case.tbs_changed else "intact"
    if integrity != "intact" or not (intact and valid_at_signing and signer_allowed):
        status = "invalid"
    elif not maker_trusted:
        status = "indeterminate"
    else:
        status = "valid"
    valid_from, valid_to = EXPIRED_VALID if case.expired else SEAL_VALID
    maker = pki.untrusted_maker if case.untrusted_maker else pki.maker
    return {
        "description": case.description,
        "version": case.version,
        "status": status,
        "integrity": integrity,
        "identity": "trusted",
        "seal": {
            "name": RENAMED if case.seal_renamed else SEAL_NAME,
            "id": ES_ID[case.version],
            "type": 1,
            "validFrom": rfc3339(valid_from),
            "validTo": rfc3339(valid_to),
            "maker": maker.name,
            "imageType": PICTURE[case.version],
            "intact": intact,
            "validAtSigning": valid_at_signing,
            "signerAllowed": signer_allowed,
            "makerTrusted": maker_trusted,
        },
        "timestamp": case.timestamp,
        "signingTime": rfc3339(SEALED),
    }

"""What a seal and a signature are made of, and the fixed times."""

import datetime as dt
from dataclasses import dataclass

from .pades import Identity
from .picture import Picture
from .sm2sig import DER

UTC = dt.timezone.utc
SEALED = dt.datetime(2026, 3, 1, 10, 0, 0, tzinfo=UTC)  # TBS_Sign.timeInfo, the PDF's /M
TSA_TIME = SEALED + dt.timedelta(minutes=1)  # the timestamp token's genTime
# The seal: made and valid from 2026-01-01, valid until 2027-01-01.
SEAL_CREATED = dt.datetime(2026, 1, 1, tzinfo=UTC)
SEAL_VALID = (dt.datetime(2026, 1, 1, tzinfo=UTC), dt.datetime(2027, 1, 1, tzinfo=UTC))
# The expired seal: made 2025-01-01, valid until 2026-01-01 (before SEALED).
EXPIRED_CREATED = dt.datetime(2025, 1, 1, tzinfo=UTC)
EXPIRED_VALID = (dt.datetime(2025, 1, 1, tzinfo=UTC), dt.datetime(2026, 1, 1, tzinfo=UTC))

SEAL_NAME = "InfoPlus 测试专用章"  # "InfoPlus test-only seal"
RENAMED = "InfoPlus 合同专用章"  # "InfoPlus contract seal": the name put in after the maker signed
VID = "InfoPlus"
PROPERTY_INFO = "InfoPlus fixture: dataHash is SM3 of the PDF /ByteRange bytes"
CHANGED_PROPERTY_INFO = "InfoPlus fixture: propertyInfo changed after the signer signed"


@dataclass
class SealSpec:
    version: int  # 4 or 1
    es_id: str
    maker: Identity
    allowed: list  # Identities named by certList
    picture: Picture
    name: str = SEAL_NAME
    seal_type: int = 1
    cert_list_type: int = 1  # v4: 1 certificates, 2 SM3 digests of them
    created: dt.datetime = SEAL_CREATED
    valid: tuple = SEAL_VALID
    width_mm: int = 40
    height_mm: int = 40
    form: str = DER  # the maker's signature: DER or r‖s
    renamed: str | None = None  # the name put in after the maker signed
    # v4: what the maker signs: DER(SES_SealInfo) as the references do, or
    # "sequence": DER(SEQUENCE { esealInfo, cert, signAlgID }) as v1 does.
    maker_signs: str = "esealInfo"


@dataclass
class SignSpec:
    signer: Identity
    when: dt.datetime = SEALED
    property_info: str = PROPERTY_INFO
    form: str = DER  # the signer's signature: DER or r‖s
    changed_property_info: str | None = None  # put in after the signer signed

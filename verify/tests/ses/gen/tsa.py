"""The v4 timeStamp: an RFC 3161 TimeStampToken (CMS ContentInfo, DER) from
pyHanko's in-process TSA (`DummyTimeStamper`) with the fixture TSA's
certificate and key (RSA 2048, EKU timeStamping) at a fixed genTime.

Its messageImprint is SHA-256 over the signature value: the content bytes
of SES_Signature.signature (without the BIT STRING's unused-bits octet),
that is the DER (r, s) as OpenSSL made it. GB/T 38540 calls the field
"the timestamp of the signature value"; SHA-256 rather than SM3 because
pyHanko's TSA cannot digest with SM3."""

import asyncio
import datetime as dt
import hashlib

from pyhanko.sign import timestamps

from .pades import Identity

IMPRINT = "sha256"


def token(tsa: Identity, signature: bytes, at: dt.datetime) -> bytes:
    stamper = timestamps.DummyTimeStamper(tsa_cert=tsa.asn1_cert, tsa_key=tsa.asn1_key, fixed_dt=at)
    digest = hashlib.new(IMPRINT, signature).digest()
    return asyncio.run(stamper.async_timestamp(digest, IMPRINT)).dump()

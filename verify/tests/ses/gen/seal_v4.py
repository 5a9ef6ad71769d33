"""GB/T 38540-2020 (v4): the seal (SESeal) and the signature (SES_Signature).

- The maker signs DER(SES_SealInfo), the esealInfo field's encoding as it
  stands in SESeal (ofdrw SESealTest v4 build/verify; Chingliu 38540.cpp
  C38540::check_seal_signvalue, i2d_SESv4_SealInfo). One fixture has the
  maker sign DER(SEQUENCE { esealInfo, cert, signAlgID }) instead, v1's
  coverage, which some read GB/T 38540 to require (spec.maker_signs).
- The signer signs DER(TBS_Sign) (ofdrw SESV4ValidateContainer; Chingliu
  C38540::verify_signature_signed_value, i2d_TBSv4_Sign).
- timeStamp, when present, is [0] EXPLICIT BIT STRING (ofdrw SES_Signature
  v4: DERTaggedObject(true, 0, …)) whose content is the DER of an RFC 3161
  TimeStampToken over the signature value (gen/tsa.py)."""

from typing import Callable

from asn1crypto import core

from . import asn1
from .pades import SM2_WITH_SM3, sm3
from .seal_v1 import maker_tbs as maker_sequence
from .sm2sig import sign
from .spec import VID, SealSpec, SignSpec


def _property(spec: SealSpec, name: str) -> bytes:
    start, end = spec.valid
    common = {
        "type": spec.seal_type,
        "name": name,
        "cert_list_type": spec.cert_list_type,
        "create_date": spec.created,
        "valid_start": start,
        "valid_end": end,
    }
    if spec.cert_list_type == 1:
        certs = [who.cert_der for who in spec.allowed]
        return asn1.PropertyInfoV4Certs(dict(common, cert_list=certs)).dump()
    digests = [{"type": "sm3", "value": sm3(who.cert_der)} for who in spec.allowed]
    return asn1.PropertyInfoV4Digests(dict(common, cert_list=digests)).dump()


def seal_info(spec: SealSpec, name: str) -> bytes:
    """DER of SES_SealInfo (no extDatas)."""
    return asn1.SealInfoV4(
        {
            "header": {"id": "ES", "version": 4, "vid": VID},
            "es_id": spec.es_id,
            "property": asn1.raw(_property(spec, name)),
            "picture": {
                "type": spec.picture.kind,
                "data": spec.picture.data,
                "width": spec.width_mm,
                "height": spec.height_mm,
            },
        }
    ).dump()


def make_seal(spec: SealSpec) -> bytes:
    """DER of SESeal, signed by spec.maker over DER(SES_SealInfo) (or the
    sequence, see spec.maker_signs); with
    spec.renamed, the name is changed afterwards (the signature kept)."""
    signed_info = seal_info(spec, spec.name)
    if spec.maker_signs == "sequence":
        signed_value = sign(spec.maker, maker_sequence(signed_info, spec.maker.cert_der), spec.form)
    else:
        signed_value = sign(spec.maker, signed_info, spec.form)
    info = signed_info if spec.renamed is None else seal_info(spec, spec.renamed)
    return asn1.SESealV4(
        {
            "eseal_info": asn1.raw(info),
            "cert": spec.maker.cert_der,
            "sign_alg_id": SM2_WITH_SM3,
            "signed_value": signed_value,
        }
    ).dump()


def tbs_sign(seal_der: bytes, data_hash: bytes, spec: SignSpec, property_info: str) -> bytes:
    return asn1.TBSSignV4(
        {
            "version": 4,
            "eseal": asn1.raw(seal_der),
            "time_info": core.GeneralizedTime(spec.when),
            "data_hash": data_hash,
            "property_info": property_info,
        }
    ).dump()


def make_signature(seal_der: bytes, data_hash: bytes, spec: SignSpec,
                   timestamper: Callable[[bytes], bytes] | None = None) -> bytes:
    """DER of SES_Signature: spec.signer's signature over DER(TBS_Sign);
    with spec.changed_property_info, TBS_Sign is changed afterwards;
    `timestamper(signature value)` gives the token for timeStamp."""
    tbs = tbs_sign(seal_der, data_hash, spec, spec.property_info)
    signature = sign(spec.signer, tbs, spec.form)
    if spec.changed_property_info is not None:
        tbs = tbs_sign(seal_der, data_hash, spec, spec.changed_property_info)
    fields = {
        "to_sign": asn1.raw(tbs),
        "cert": spec.signer.cert_der,
        "signature_alg_id": SM2_WITH_SM3,
        "signature": signature,
    }
    if timestamper is not None:
        fields["time_stamp"] = timestamper(signature)
    return asn1.SESSignatureV4(fields).dump()

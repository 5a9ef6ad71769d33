"""GM/T 0031-2014 (v1): the seal (SESeal) and the signature (SES_Signature).

- The maker signs DER(SEQUENCE { esealInfo, cert, signatureAlgorithm }):
  the seal info, the maker's certificate as OCTET STRING and the algorithm
  OID, as they then stand in SES_SignInfo (ofdrw SESealTest v1 sealBuild /
  verify; Chingliu 38540.cpp C0031::check_seal_signvalue, SESv2_SealSignRange).
- The signer signs DER(TBS_Sign), which holds the signer's certificate and
  the algorithm itself (ofdrw SESV1ValidateContainer; Chingliu
  C0031::verify_signature_signed_value).
- timeInfo is a BIT STRING whose content is the DER of a UTCTime (ofdrw
  SES_SignatureTest v1: new DERBitString(ASN1UTCTime))."""

from asn1crypto import core

from . import asn1
from .pades import SM2_WITH_SM3
from .sm2sig import sign
from .spec import VID, SealSpec, SignSpec


def seal_info(spec: SealSpec, name: str) -> bytes:
    """DER of SES_SealInfo v1 (header version 1, UTCTime dates)."""
    start, end = spec.valid
    return asn1.SealInfoV1(
        {
            "header": {"id": "ES", "version": 1, "vid": VID},
            "es_id": spec.es_id,
            "property": {
                "type": spec.seal_type,
                "name": name,
                "cert_list": [who.cert_der for who in spec.allowed],
                "create_date": core.UTCTime(spec.created),
                "valid_start": core.UTCTime(start),
                "valid_end": core.UTCTime(end),
            },
            "picture": {
                "type": spec.picture.kind,
                "data": spec.picture.data,
                "width": spec.width_mm,
                "height": spec.height_mm,
            },
        }
    ).dump()


def maker_tbs(info_der: bytes, maker_cert_der: bytes) -> bytes:
    """What the v1 maker signs: SEQUENCE { esealInfo, cert, SM2-with-SM3 }."""
    return asn1.TBSSealV1(
        {"eseal_info": asn1.raw(info_der), "cert": maker_cert_der, "signature_algorithm": SM2_WITH_SM3}
    ).dump()


def make_seal(spec: SealSpec) -> bytes:
    signed_info = seal_info(spec, spec.name)
    sign_data = sign(spec.maker, maker_tbs(signed_info, spec.maker.cert_der), spec.form)
    info = signed_info if spec.renamed is None else seal_info(spec, spec.renamed)
    return asn1.SESealV1(
        {
            "eseal_info": asn1.raw(info),
            "sign_info": {"cert": spec.maker.cert_der, "signature_algorithm": SM2_WITH_SM3, "sign_data": sign_data},
        }
    ).dump()


def tbs_sign(seal_der: bytes, data_hash: bytes, spec: SignSpec, property_info: str) -> bytes:
    return asn1.TBSSignV1(
        {
            "version": 1,
            "eseal": asn1.raw(seal_der),
            "time_info": core.UTCTime(spec.when).dump(),
            "data_hash": data_hash,
            "property_info": property_info,
            "cert": spec.signer.cert_der,
            "signature_algorithm": SM2_WITH_SM3,
        }
    ).dump()


def make_signature(seal_der: bytes, data_hash: bytes, spec: SignSpec, timestamper=None) -> bytes:
    if timestamper is not None:
        raise ValueError("v1 has no timestamp field")
    tbs = tbs_sign(seal_der, data_hash, spec, spec.property_info)
    signature = sign(spec.signer, tbs, spec.form)
    if spec.changed_property_info is not None:
        tbs = tbs_sign(seal_der, data_hash, spec, spec.changed_property_info)
    return asn1.SESSignatureV1({"to_sign": asn1.raw(tbs), "signature": signature}).dump()

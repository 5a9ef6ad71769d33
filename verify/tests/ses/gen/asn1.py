"""The SES_Signature ASN.1 of GB/T 38540-2020 (v4) and GM/T 0031-2014 (v1),
as asn1crypto classes (building only; crosscheck.py decodes on its own).

Field order and types follow ofdrw (org.ofdrw.gm.ses.v4 / .v1) and
Chingliu/gm_0031_38540_verifier (38540.cpp); README.md lists them. Where a
value made elsewhere is put into a structure it is loaded from its DER, so
asn1crypto keeps the bytes that were signed."""

from asn1crypto import core

# --- shared by both versions ------------------------------------------------


class SesHeader(core.Sequence):
    _fields = [("id", core.IA5String), ("version", core.Integer), ("vid", core.IA5String)]


class PictureInfo(core.Sequence):  # SES_ESPictrueInfo (sic, the standard's spelling)
    _fields = [
        ("type", core.IA5String),
        ("data", core.OctetString),
        ("width", core.Integer),  # millimetres
        ("height", core.Integer),
    ]


class ExtData(core.Sequence):
    _fields = [
        ("extn_id", core.ObjectIdentifier),
        ("critical", core.Boolean, {"default": False}),
        ("extn_value", core.OctetString),
    ]


class ExtensionDatas(core.SequenceOf):
    _child_spec = ExtData


class OctetStrings(core.SequenceOf):  # certs: SEQUENCE OF OCTET STRING (each a DER certificate)
    _child_spec = core.OctetString


# --- v4, GB/T 38540-2020 ----------------------------------------------------


class CertDigestObj(core.Sequence):
    _fields = [("type", core.PrintableString), ("value", core.OctetString)]


class CertDigestList(core.SequenceOf):
    _child_spec = CertDigestObj


def _property_v4(cert_list_spec):
    """SES_ESPropertyInfo v4: certList is an untagged CHOICE told apart by
    certListType (1 certs, 2 certDigestList), so one class per arm."""

    class PropertyInfoV4(core.Sequence):
        _fields = [
            ("type", core.Integer),
            ("name", core.UTF8String),
            ("cert_list_type", core.Integer),
            ("cert_list", cert_list_spec),
            ("create_date", core.GeneralizedTime),
            ("valid_start", core.GeneralizedTime),
            ("valid_end", core.GeneralizedTime),
        ]

    return PropertyInfoV4


PropertyInfoV4Certs = _property_v4(OctetStrings)
PropertyInfoV4Digests = _property_v4(CertDigestList)


class SealInfoV4(core.Sequence):  # SES_SealInfo; property loaded from DER (either arm)
    _fields = [
        ("header", SesHeader),
        ("es_id", core.IA5String),
        ("property", core.Any),
        ("picture", PictureInfo),
        ("ext_datas", ExtensionDatas, {"optional": True}),
    ]


class SESealV4(core.Sequence):
    _fields = [
        ("eseal_info", core.Any),  # SES_SealInfo, as the maker signed it (or as changed)
        ("cert", core.OctetString),  # the maker's certificate, DER
        ("sign_alg_id", core.ObjectIdentifier),
        ("signed_value", core.OctetBitString),
    ]


class TBSSignV4(core.Sequence):
    _fields = [
        ("version", core.Integer),
        ("eseal", core.Any),  # SESeal, DER
        ("time_info", core.GeneralizedTime),
        ("data_hash", core.OctetBitString),
        ("property_info", core.IA5String),
        ("ext_datas", ExtensionDatas, {"explicit": 0, "optional": True}),
    ]


class SESSignatureV4(core.Sequence):
    _fields = [
        ("to_sign", core.Any),  # TBS_Sign, DER, as signed (or as changed)
        ("cert", core.OctetString),  # the signer's certificate, DER
        ("signature_alg_id", core.ObjectIdentifier),
        ("signature", core.OctetBitString),
        ("time_stamp", core.OctetBitString, {"explicit": 0, "optional": True}),
    ]


# --- v1, GM/T 0031-2014 -----------------------------------------------------


class PropertyInfoV1(core.Sequence):
    _fields = [
        ("type", core.Integer),
        ("name", core.UTF8String),
        ("cert_list", OctetStrings),
        ("create_date", core.UTCTime),
        ("valid_start", core.UTCTime),
        ("valid_end", core.UTCTime),
    ]


class SealInfoV1(core.Sequence):
    _fields = [
        ("header", SesHeader),
        ("es_id", core.IA5String),
        ("property", PropertyInfoV1),
        ("picture", PictureInfo),
        ("ext_datas", ExtensionDatas, {"optional": True}),
    ]


class TBSSealV1(core.Sequence):
    """What the v1 maker signs (not itself a field of the seal)."""

    _fields = [("eseal_info", core.Any), ("cert", core.OctetString), ("signature_algorithm", core.ObjectIdentifier)]


class SignInfoV1(core.Sequence):  # SES_SignInfo
    _fields = [("cert", core.OctetString), ("signature_algorithm", core.ObjectIdentifier), ("sign_data", core.OctetBitString)]


class SESealV1(core.Sequence):
    _fields = [("eseal_info", core.Any), ("sign_info", SignInfoV1)]


class TBSSignV1(core.Sequence):
    _fields = [
        ("version", core.Integer),
        ("eseal", core.Any),
        ("time_info", core.OctetBitString),  # content: DER of a UTCTime
        ("data_hash", core.OctetBitString),
        ("property_info", core.IA5String),
        ("cert", core.OctetString),  # the signer's certificate, DER
        ("signature_algorithm", core.ObjectIdentifier),
    ]


class SESSignatureV1(core.Sequence):
    _fields = [("to_sign", core.Any), ("signature", core.OctetBitString)]


def raw(der: bytes) -> core.Any:
    """DER made elsewhere, to be put into a field as it is."""
    return core.Any.load(der)

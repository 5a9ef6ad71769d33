"""SM2 signatures, made without pyHanko's crypto: pyHanko neither signs nor
verifies SM2, and OpenSSL 3.0 cannot make an SM2 CMS (`openssl cms -sign`
fails). So the CMS SignedData is assembled here with asn1crypto, its
signature made by `openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt
distid:…`, and it is embedded with pyHanko's interrupted signing: pyHanko
writes the signature dictionary and the placeholder, we fill /Contents."""

import asyncio
import datetime as dt
import hashlib
from dataclasses import dataclass
from io import BytesIO

from asn1crypto import algos, cms, core
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument

from . import clock
from .pki import SM2_ID, Identity, openssl

SM3 = "1.2.156.10197.1.401"
SM2_SIGN = "1.2.156.10197.1.501"
# The other SM2 signature OID met in the wild (GM/T 0006's sm2sign).
SM2_SIGN_ALT = "1.2.156.10197.1.301.1"
GM_DATA = "1.2.156.10197.6.1.4.2.1"
GM_SIGNED_DATA = "1.2.156.10197.6.1.4.2.2"
PKCS7_DATA = "1.2.840.113549.1.7.1"
PKCS7_SIGNED_DATA = "1.2.840.113549.1.7.2"

RESERVED = 8192  # hex digits in /Contents: room for 4 KiB of DER


@dataclass
class Sm2Options:
    gm_oids: bool = False  # GM/T 0010 content types and the .301.1 signature OID
    signed_attrs: bool = True
    unsorted_attrs: bool = False  # signed attributes NOT in DER SET OF order
    distid: str | None = SM2_ID  # None: OpenSSL's default, the empty id


def sm3(data: bytes) -> bytes:
    return hashlib.new("sm3", data).digest()


def sm2_sign(key_path, message: bytes, distid: str | None) -> bytes:
    """SM2 over SM3(Z ‖ message), Z from `distid`; DER (r, s)."""
    args = ["pkeyutl", "-sign", "-inkey", str(key_path), "-rawin", "-digest", "sm3"]
    if distid is not None:
        args += ["-pkeyopt", f"distid:{distid}"]
    return openssl(*args, data=message)


def der_header(tag: int, length: int) -> bytes:
    if length < 0x80:
        return bytes([tag, length])
    size = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(size)]) + size


def der(tag: int, body: bytes) -> bytes:
    return der_header(tag, len(body)) + body


def _attributes(digest: bytes, content_type: str, signed_at: dt.datetime, unsorted: bool) -> bytes:
    """DER of the signed attributes as a SET (tag 0x31): what is signed."""
    ct = cms.CMSAttribute({"type": "content_type", "values": [content_type]})
    st = cms.CMSAttribute({"type": "signing_time", "values": [cms.Time({"utc_time": signed_at})]})
    md = cms.CMSAttribute({"type": "message_digest", "values": [digest]})
    if not unsorted:
        return cms.CMSAttributes([ct, st, md]).dump()  # asn1crypto sorts SET OF
    # By hand: asn1crypto would sort them. DER order is contentType,
    # signingTime, messageDigest (by length); this puts messageDigest first.
    encoded = [md.dump(), ct.dump(), st.dump()]
    if encoded == sorted(encoded):
        raise AssertionError("the unsorted attributes came out sorted")
    return der(0x31, b"".join(encoded))


def build_cms(signed_bytes: bytes, who: Identity, opts: Sm2Options, signed_at: dt.datetime) -> bytes:
    cert = who.asn1_cert
    data_oid = GM_DATA if opts.gm_oids else PKCS7_DATA
    signer = {
        "version": "v1",
        "sid": cms.SignerIdentifier(
            {
                "issuer_and_serial_number": cms.IssuerAndSerialNumber(
                    {"issuer": cert.issuer, "serial_number": cert.serial_number}
                )
            }
        ),
        "digest_algorithm": algos.DigestAlgorithm({"algorithm": SM3}),
        "signature_algorithm": algos.SignedDigestAlgorithm(
            {"algorithm": SM2_SIGN_ALT if opts.gm_oids else SM2_SIGN}
        ),
    }
    if opts.signed_attrs:
        attrs_der = _attributes(sm3(signed_bytes), data_oid, signed_at, opts.unsorted_attrs)
        # Loaded, not built: asn1crypto keeps parsed bytes as they are, so the
        # unsorted order survives into [0] IMPLICIT.
        signer["signed_attrs"] = cms.CMSAttributes.load(attrs_der)
        to_sign = attrs_der
    else:
        to_sign = signed_bytes
    signer["signature"] = sm2_sign(who.key, to_sign, opts.distid)
    signer_info = cms.SignerInfo(signer)
    if opts.signed_attrs:
        # The attributes inside the SignerInfo are the signed ones, A0 for 31.
        sent = signer_info["signed_attrs"].dump(force=False)
        if sent[1:] != attrs_der[1:]:
            raise AssertionError("asn1crypto re-encoded the signed attributes")
    signed_data = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": SM3})],
            "encap_content_info": {"content_type": data_oid},
            "certificates": [cms.CertificateChoices.load(who.cert_der)],
            "signer_infos": [signer_info],
        }
    )
    sd_der = signed_data.dump()
    if opts.signed_attrs and b"\xa0" + attrs_der[1:] not in sd_der:
        raise AssertionError("the signed attributes were re-encoded in SignedData")
    outer_oid = GM_SIGNED_DATA if opts.gm_oids else PKCS7_SIGNED_DATA
    # ContentInfo by hand: asn1crypto's refuses a content type it does not know.
    return der(0x30, core.ObjectIdentifier(outer_oid).dump() + der(0xA0, sd_der))


def sign_sm2(pdf: bytes, who: Identity, opts: Sm2Options, field: str = "Signature1",
             at: dt.datetime = clock.SIGNED) -> bytes:
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm="sha256",  # pyHanko's own digest, unused: ours is SM3
        subfilter=fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED,
        reason="Fixture signature",
        name=who.name,
    )
    placeholder = signers.ExternalSigner(signing_cert=None, cert_registry=None, signature_value=bytes(64))
    pdf_signer = signers.PdfSigner(meta, signer=placeholder, new_field_spec=fields.SigFieldSpec(sig_field_name=field))
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    with clock.at(at):
        prep, _tbs, output = asyncio.run(pdf_signer.async_digest_doc_for_signing(w, bytes_reserved=RESERVED))
    buf = output.getvalue()
    signed_bytes = buf[: prep.reserved_region_start] + buf[prep.reserved_region_end :]
    cms_der = build_cms(signed_bytes, who, opts, at)
    out = BytesIO(buf)
    PdfTBSDocument.finish_signing(out, prep, cms_der)
    return out.getvalue()

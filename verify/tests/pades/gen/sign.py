"""Signing with pyHanko (RSA, RSA-PSS, ECDSA, Ed25519; certification;
signature and document timestamps from a local TSA)."""

import datetime as dt
from io import BytesIO

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
from pyhanko_certvalidator.registry import SimpleCertificateStore

from . import clock
from .pki import Identity, Pki

PADES = SigSeedSubFilter.PADES
PKCS7 = SigSeedSubFilter.ADOBE_PKCS7_DETACHED


def signer_for(who: Identity, *, pss: bool = False) -> signers.SimpleSigner:
    chain = [asn1_x509.Certificate.load(der) for der in who.chain]
    return signers.SimpleSigner(
        signing_cert=who.asn1_cert,
        signing_key=who.asn1_key,
        cert_registry=SimpleCertificateStore.from_certs(chain),
        prefer_pss=pss,
    )


def local_tsa(pki: Pki, moment: dt.datetime) -> timestamps.DummyTimeStamper:
    """pyHanko's in-process TSA, answering with the fixture TSA's
    certificate (EKU timeStamping, critical) at a fixed genTime."""
    return timestamps.DummyTimeStamper(
        tsa_cert=pki.tsa.asn1_cert,
        tsa_key=pki.tsa.asn1_key,
        fixed_dt=moment,
    )


def sign(
    pdf: bytes,
    who: Identity,
    *,
    field: str = "Signature1",
    md: str = "sha256",
    subfilter=PADES,
    pss: bool = False,
    certify: MDPPerm | None = None,
    timestamper=None,
    at: dt.datetime = clock.SIGNED,
) -> bytes:
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm=md,
        subfilter=subfilter,
        certify=certify is not None,
        docmdp_permissions=certify or MDPPerm.FILL_FORMS,
        reason="Fixture signature",
        name=who.name,
    )
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    with clock.at(at):
        pdf_signer = signers.PdfSigner(
            meta,
            signer=signer_for(who, pss=pss),
            timestamper=timestamper,
            new_field_spec=fields.SigFieldSpec(sig_field_name=field),
        )
        out = pdf_signer.sign_pdf(w)
    return out.getvalue()


def doc_timestamp(pdf: bytes, pki: Pki, moment: dt.datetime, field: str = "DocTimeStamp") -> bytes:
    """A document timestamp (ETSI.RFC3161) in its own revision, no DSS."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    with clock.at(moment):
        out = signers.PdfTimeStamper(local_tsa(pki, moment), field_name=field).timestamp_pdf(w, "sha256")
    return out.getvalue()

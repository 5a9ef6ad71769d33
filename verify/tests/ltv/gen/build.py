"""Signing and the LTV revisions, with pyHanko.

- `sign`: pyHanko's PdfSigner (PdfSignatureMetadata, SHA-256, invisible
  field Signature1) at the fixed signing time (/M), optionally with a
  signature timestamp from pyHanko's DummyTimeStamper (our TSA, fixed
  genTime).
- `sign_adbe_archival`: adbe.pkcs7.detached with pyHanko's
  `embed_validation_info=True`: pyHanko validates the signer against the
  given ValidationContext before signing and puts that context's OCSP
  responses and CRLs into the signed attribute adbe-revocationInfoArchival
  (1.2.840.113583.1.1.8; `Signer.format_revinfo`).
- `add_dss`: a later incremental update with a DSS, by pyHanko's
  `DocumentSecurityStore.add_dss`: /Certs, /OCSPs, /CRLs (one stream per
  DER object) and, with `vri`, /VRI << /<SHA1> << /Type /VRI /Cert […]
  /OCSP […] /CRL […] >> >>, the key computed by pyHanko's
  `DocumentSecurityStore.sig_content_identifier` over the signature's
  /Contents bytes as stored (the whole string, zero padding included)."""

import hashlib
import logging
from io import BytesIO

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import DocumentSecurityStore
from pyhanko_certvalidator import ValidationContext

from . import times
from .pades import PADES, PKCS7, Identity, at, doc_timestamp, local_tsa, signer_for

FIELD = "Signature1"
# pyHanko warns that it embeds revocation data with fetching off: on purpose.
logging.getLogger("pyhanko.sign.signers.pdf_signer").setLevel(logging.ERROR)


def sign(pdf: bytes, who: Identity, pki, *, timestamp: bool = True, subfilter=PADES, meta_extra=None) -> bytes:
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        md_algorithm="sha256",
        subfilter=subfilter,
        reason="LTV fixture signature",
        name=who.name,
        **(meta_extra or {}),
    )
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    with at(times.SIGNED):
        pdf_signer = signers.PdfSigner(
            meta,
            signer=signer_for(who),
            timestamper=local_tsa(pki, times.SIG_TS) if timestamp else None,
            new_field_spec=fields.SigFieldSpec(sig_field_name=FIELD),
        )
        return pdf_signer.sign_pdf(w).getvalue()


def sign_adbe_archival(pdf: bytes, who: Identity, pki, ocsps: list, crls: list) -> bytes:
    """The context pyHanko validates with before signing (and takes the
    revocation data from): the root as the only anchor, no fetching,
    hard-fail, at the signing time, revocation data issued later allowed
    (retroactive_revinfo: it was fetched five minutes after signing)."""
    vc = ValidationContext(
        trust_roots=[pki.root.asn1_cert],
        other_certs=[pki.intermediate.asn1_cert],
        ocsps=ocsps,
        crls=crls,
        allow_fetching=False,
        revocation_mode="hard-fail",
        moment=times.SIGNED,
        retroactive_revinfo=True,
    )
    extra = {"embed_validation_info": True, "use_pades_lta": False, "validation_context": vc}
    return sign(pdf, who, pki, subfilter=PKCS7, meta_extra=extra)


def contents_of_first_signature(pdf: bytes) -> bytes:
    """The first signature's /Contents string as stored (CMS + padding)."""
    return PdfFileReader(BytesIO(pdf)).embedded_signatures[0].pkcs7_content


def vri_key(pdf: bytes) -> str:
    return hashlib.sha1(contents_of_first_signature(pdf)).hexdigest().upper()


def add_dss(pdf: bytes, certs: list, ocsps: list = (), crls: list = (), *, vri: bool = True) -> bytes:
    """`certs`: Identities (the root is not embedded: a verifier has it).
    The responders' certificates come along from the OCSP responses
    (pyHanko adds every certificate an OCSP response carries)."""
    out = BytesIO(pdf)
    DocumentSecurityStore.add_dss(
        output_stream=out,
        sig_contents=contents_of_first_signature(pdf) if vri else None,
        certs=[who.asn1_cert for who in certs],
        ocsps=list(ocsps),
        crls=list(crls),
        force_write=True,
    )
    return out.getvalue()


def add_doc_timestamp(pdf: bytes, pki) -> bytes:
    """ETSI.RFC3161 document timestamp (pyHanko's PdfTimeStamper, our TSA,
    genTime times.DOC_TS) in its own revision after the DSS."""
    return doc_timestamp(pdf, pki, times.DOC_TS, field="DocTimeStamp1")

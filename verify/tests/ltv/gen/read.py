"""What a fixture holds, read with pyHanko's reader and asn1crypto, for
the cross-check: the approval signature, its signature timestamp, the DSS
(and in which revision it appeared), the /VRI entry of the signature
(looked up by the key computed here: upper-case hex SHA-1 of the
/Contents string's bytes, padding included), the document timestamps, the
adbe-revocationInfoArchival attribute, and every certificate the file
carries. Nothing here comes from expected.json."""

import hashlib
from dataclasses import dataclass, field
from io import BytesIO

from asn1crypto import crl as asn1_crl
from asn1crypto import ocsp as asn1_ocsp
from asn1crypto import x509
from pyhanko.pdf_utils.decode_limits import DecodePurpose
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError

from .pades import signed_attr, signing_time


@dataclass
class Revinfo:
    source: str  # "cms", "vri" or "dss"
    ocsps: list = field(default_factory=list)  # asn1crypto OCSPResponse
    crls: list = field(default_factory=list)  # asn1crypto CertificateList


@dataclass
class Fixture:
    reader: PdfFileReader
    emb: object  # EmbeddedPdfSignature: the approval signature
    subfilter: str
    signing_time: tuple  # (datetime, "timestamp" | "signed-attribute" | "dictionary")
    vri_key: str
    dss: DocumentSecurityStore | None
    dss_revision: int | None  # first revision whose catalog has /DSS
    doc_timestamps: list  # EmbeddedPdfSignature, oldest first
    sources: list  # Revinfo, most specific first: cms, vri, dss
    certs: list  # every certificate in the file (CMS, DSS, OCSP responses)


def _stream_data(ref, purpose) -> bytes:
    return ref.get_object().read_data(purpose)


def _load_ocsps(refs) -> list:
    return [asn1_ocsp.OCSPResponse.load(_stream_data(r, DecodePurpose.OCSP_RESPONSE)) for r in refs]


def _load_crls(refs) -> list:
    return [asn1_crl.CertificateList.load(_stream_data(r, DecodePurpose.CRL)) for r in refs]


def _dss_revision(reader: PdfFileReader) -> int | None:
    for revision in range(reader.xrefs.total_revisions):
        if "/DSS" in reader.get_historical_root(revision):
            return revision
    return None


def _archival(emb) -> Revinfo | None:
    value = signed_attr(emb.signer_info, "adobe_revocation_info_archival")
    if value is None:
        return None
    return Revinfo("cms", list(value["ocsp"] or ()), list(value["crl"] or ()))


def ocsp_certs(resp) -> list:
    basic = resp["response_bytes"]["response"].parsed
    return list(basic["certs"] or ())


def read(pdf: bytes) -> Fixture:
    reader = PdfFileReader(BytesIO(pdf))
    sigs = reader.embedded_signatures
    emb = next(s for s in sigs if s.sig_object_type != "/DocTimeStamp")
    doc_ts = [s for s in sigs if s.sig_object_type == "/DocTimeStamp"]
    vri_key = hashlib.sha1(emb.pkcs7_content).hexdigest().upper()
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        dss = None
    sources = []
    archival = _archival(emb)
    if archival is not None:
        sources.append(archival)
    certs = [emb.signer_cert, *emb.other_embedded_certs]
    if dss is not None:
        vri = (dss.vri_entries or {}).get("/" + vri_key)
        if vri is not None:
            vri = vri.get_object()
            sources.append(Revinfo("vri", _load_ocsps(vri.get("/OCSP", ())), _load_crls(vri.get("/CRL", ()))))
        sources.append(Revinfo("dss", _load_ocsps(dss.ocsps), _load_crls(dss.crls)))
        certs += list(dss.load_certs())
    for source in sources:
        for resp in source.ocsps:
            certs += ocsp_certs(resp)
    return Fixture(
        reader=reader,
        emb=emb,
        subfilter=str(emb.sig_object["/SubFilter"]),
        signing_time=signing_time(emb.signer_info, emb.sig_object),
        vri_key=vri_key,
        dss=dss,
        dss_revision=_dss_revision(reader),
        doc_timestamps=doc_ts,
        sources=sources,
        certs=_unique(certs),
    )


def _unique(certs: list) -> list:
    seen, out = set(), []
    for cert in certs:
        if cert.dump() not in seen:
            seen.add(cert.dump())
            out.append(cert)
    return out


def level(fx: Fixture) -> str:
    """The PAdES level the file's structure shows: adbe.pkcs7.detached is
    PKCS7; ETSI.CAdES.detached is B-B, B-T with a signature timestamp,
    B-LT with a DSS added after the signed revision, B-LTA with a document
    timestamp whose revision comes after the DSS's."""
    if fx.subfilter == "/adbe.pkcs7.detached":
        return "PKCS7"
    if fx.subfilter != "/ETSI.CAdES.detached":
        return "?" + fx.subfilter
    if fx.signing_time[1] != "timestamp":
        return "B-B"
    if fx.dss_revision is None or fx.dss_revision <= fx.emb.signed_revision:
        return "B-T"
    if any(ts.signed_revision >= fx.dss_revision for ts in fx.doc_timestamps):
        return "B-LTA"
    return "B-LT"


def all_revinfo(fx: Fixture) -> tuple[list, list]:
    """Every OCSP response and CRL the file holds (archival attribute and
    the DSS's top-level arrays; /VRI entries point into the latter)."""
    ocsps, crls = [], []
    for source in fx.sources:
        if source.source != "vri":
            ocsps += source.ocsps
            crls += source.crls
    return ocsps, crls


def find_issuer(cert: x509.Certificate, candidates: list) -> x509.Certificate | None:
    for other in candidates:
        if other.subject == cert.issuer and other.dump() != cert.dump():
            return other
    return None

#!/usr/bin/env python3
"""Make the revision fixtures for verify/tests/pdf_revisions.rs.

Every signature, certification, document timestamp and incremental update is
made by pyHanko (PyPI), an implementation independent of ours, over a small
one-page form this script writes by hand. For each file, pyHanko's own
difference analysis (`EmbeddedPdfSignature.evaluate_modifications` with its
default diff policy) and coverage level are recorded in `expected.json`, so
the Rust test can check our classes are consistent with pyHanko's verdict.

    python3 -m venv .venv && .venv/bin/pip install pyhanko==0.38.0 cryptography
    .venv/bin/python verify/tests/pdf/revisions/make_fixtures.py

Signing times and /ModDate are pinned, so reruns give the same /ByteRange
values and the same change classes; RSA keys, signatures and document IDs
differ run to run. A file pyHanko refuses altogether is recorded as
`{"error": ...}`. Some fixtures are patched after pyHanko wrote them (same
length, nothing moves): `widen_gap`, `short_second_range`,
`contents_outside_gap`, `rename_key`; the encrypted one starts from
`../encrypted-aes128-signed.pdf` (made by `../make_fixtures.py`).
"""

import datetime as dt
import hashlib
import io
import json
import pathlib
import re
import tempfile

from asn1crypto import keys as asn1_keys, x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.metadata import info as pdf_info
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY
from pyhanko.sign.signers import pdf_signer
from pyhanko.sign.validation import dss

HERE = pathlib.Path(__file__).resolve().parent
SIGNING_TIME = dt.datetime(2025, 3, 14, 9, 26, 53, tzinfo=dt.timezone.utc)


class PinnedClock(dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return SIGNING_TIME


pdf_signer.datetime = PinnedClock
# Every update also sets /ModDate in /Info: pinned, later updates write it
# unchanged, so only `change_info` changes the metadata.
pdf_info.datetime = PinnedClock


def build_pdf(objects, root=1, info=None):
    """A classic-xref PDF from `objects` (bodies of objects 1..n)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"/Size %d /Root %d 0 R" % (len(objects) + 1, root)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)


def stream(data):
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)


def base_form():
    """One page, one text field (`name`, merged with its widget), a font."""
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R]"
            b" /DA (/Helv 10 Tf 0 g) /DR << /Font << /Helv 6 0 R >> >> >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R"
            b" /Resources << /Font << /F1 6 0 R >> >> /Annots [5 0 R] >>",
            stream(b"BT /F1 12 Tf 20 150 Td (Approval form) Tj ET"),
            b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /F 4 /P 3 0 R"
            b" /Rect [20 100 280 120] /DA (/Helv 10 Tf 0 g) >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Title (Revision fixture) /Producer (make_fixtures.py) >>",
        ],
        info=7,
    )


def make_signer(tmp, common_name):
    """A self-signed RSA certificate; the key is fixed per name."""
    seed = hashlib.sha256(common_name.encode()).digest()
    path = tmp / f"{common_name}.key.pem"
    # RSA keys cannot be derived from a seed with `cryptography`: cache one
    # per name beside the fixtures' temp dir (a new key changes nothing the
    # tests assert).
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(int.from_bytes(seed[:8], "big"))
        .not_valid_before(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
        .not_valid_after(dt.datetime(2034, 1, 1, tzinfo=dt.timezone.utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    cert_path = tmp / f"{common_name}.cert.pem"
    path.write_bytes(key_pem)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return signers.SimpleSigner.load(str(path), str(cert_path)), key, cert


def make_tsa(tmp):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Fixture TSA")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(4711)
        .not_valid_before(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
        .not_valid_after(dt.datetime(2034, 1, 1, tzinfo=dt.timezone.utc))
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.TIME_STAMPING]), True
        )
        .sign(key, hashes.SHA256())
    )
    tsa_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    tsa_key = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return timestamps.DummyTimeStamper(tsa_cert=tsa_cert, tsa_key=tsa_key, fixed_dt=SIGNING_TIME)


def sign(pdf, signer, field, certify=None, box=None):
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        name=field,
        reason="fixture",
        subfilter=fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED,
        certify=certify is not None,
        docmdp_permissions=certify or fields.MDPPerm.FILL_FORMS,
    )
    spec = fields.SigFieldSpec(field, box=box) if box else None
    out = signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer, bytes_reserved=4096, new_field_spec=spec
    )
    return out.getvalue()


def update(pdf, change):
    """One incremental update made by pyHanko's writer after `change(w)`."""
    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    change(w)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def text_field(w):
    ref = w.root["/AcroForm"]["/Fields"].raw_get(0)
    return ref.reference, ref.get_object()


def fill_field(w):
    ref, field = text_field(w)
    field["/V"] = generic.TextStringObject("Alice")
    ap = generic.StreamObject(
        {generic.NameObject("/Type"): generic.NameObject("/XObject"),
         generic.NameObject("/Subtype"): generic.NameObject("/Form"),
         generic.NameObject("/BBox"): generic.ArrayObject(map(generic.NumberObject, [0, 0, 260, 20]))},
        stream_data=b"/Tx BMC BT /Helv 10 Tf 2 5 Td (Alice) Tj ET EMC",
    )
    field["/AP"] = generic.DictionaryObject({generic.NameObject("/N"): w.add_object(ap)})
    w.mark_update(ref)


def page_ref(w):
    return w.root["/Pages"]["/Kids"].raw_get(0)


def add_annotation(w):
    ref = page_ref(w)
    page = ref.get_object()
    annot = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Text"),
            generic.NameObject("/Rect"): generic.ArrayObject(map(generic.NumberObject, [250, 150, 270, 170])),
            generic.NameObject("/Contents"): generic.TextStringObject("A comment"),
            generic.NameObject("/P"): ref,
        }
    )
    page["/Annots"].append(w.add_object(annot))
    w.mark_update(ref)


def change_info(w):
    info_ref = w.trailer.raw_get("/Info").reference
    info = info_ref.get_object()
    info["/Title"] = generic.TextStringObject("Changed title")
    w.mark_update(info_ref)


def add_page_content(w):
    ref = page_ref(w)
    page = ref.get_object()
    extra = generic.StreamObject(stream_data=b"BT /F1 12 Tf 20 60 Td (Added after signing) Tj ET")
    page["/Contents"] = generic.ArrayObject([page.raw_get("/Contents"), w.add_object(extra)])
    w.mark_update(ref)


def shadow_page_content(w):
    """Redefine the signed revision's content stream, same object number."""
    ref = page_ref(w).get_object().raw_get("/Contents")
    new = generic.StreamObject(stream_data=b"BT /F1 12 Tf 20 150 Td (Rejected form) Tj ET")
    # The writer keeps the objects to write by (generation, number).
    w.mark_update(ref)
    w.objects[(ref.generation, ref.idnum)] = new


def xref_stream_form():
    """The same form rewritten by pyHanko with a cross-reference stream."""
    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(base_form())), {"stream_xrefs": True})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def add_packed_annotation(w):
    """add_annotation, but the page and the annotation go into an object
    stream: the page's newest entry then points into that stream while an
    older revision has it uncompressed, which pdf 0.10 resolves to the
    older one."""
    packed = w.prepare_object_stream()
    ref = page_ref(w)
    page = ref.get_object()
    annot = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Text"),
            generic.NameObject("/Rect"): generic.ArrayObject(map(generic.NumberObject, [250, 150, 270, 170])),
            generic.NameObject("/Contents"): generic.TextStringObject("A comment"),
        }
    )
    page["/Annots"].append(w.add_object(annot, obj_stream=packed))
    packed.add_object(ref.idnum, page)
    w.objs_in_streams[ref.idnum] = page
    # Only objects in streams: the writer would think nothing changed.
    w._force_write_when_empty = True


def add_dss(pdf, signer_cert, field):
    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    reader = PdfFileReader(io.BytesIO(pdf))
    sig = [s for s in reader.embedded_signatures if s.field_name == field][0]
    cert = asn1_x509.Certificate.load(signer_cert.public_bytes(serialization.Encoding.DER))
    dss.DocumentSecurityStore.supply_dss_in_writer(w, sig.pkcs7_content, certs=[cert])
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def doc_timestamp(pdf, tsa):
    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = signers.PdfTimeStamper(tsa, field_name="DocTS").timestamp_pdf(w, "sha256", bytes_reserved=4096)
    return out.getvalue()


def byte_range_span(pdf, field_index=0):
    m = list(re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf))[field_index]
    return m


def widen_gap(pdf):
    """Leave 10 more bytes than /Contents out of the first range (same
    length, so nothing else moves): coverage `partial`."""
    m = byte_range_span(pdf)
    a, b, c, d = (int(x) for x in m.groups())
    new = b"/ByteRange [%d %d %d %d]" % (a, b - 10, c, d)
    old = m.group(0)
    new = new.ljust(len(old), b" ") if len(new) <= len(old) else None
    assert new is not None
    return pdf[: m.start()] + new + pdf[m.end():]


def short_second_range(pdf):
    """End the signed bytes 7 bytes before the revision's %%EOF."""
    m = byte_range_span(pdf)
    a, b, c, d = (int(x) for x in m.groups())
    new = b"/ByteRange [%d %d %d %d]" % (a, b, c, d - 7)
    old = m.group(0)
    assert len(new) <= len(old)
    return pdf[: m.start()] + new.ljust(len(old), b" ") + pdf[m.end():]


def contents_outside_gap(pdf):
    """Rename the signature's /Contents key and write a short /Contents
    into the /ByteRange padding (same length): the gap still holds the real
    CMS, the dictionary now says something else."""
    m = byte_range_span(pdf)
    key = pdf.rindex(b"/Contents <", 0, m.start())
    decoy = b" /Contents <3000>"
    pad_at = m.end()
    assert pdf[pad_at : pad_at + len(decoy)] == b" " * len(decoy)
    out = pdf[:key] + b"/Decoy123" + pdf[key + 9 : pad_at] + decoy + pdf[pad_at + len(decoy):]
    assert len(out) == len(pdf)
    return out


def replace_signature_value(w):
    """Point the signed field Sig1 at a copy of its signature dictionary
    with another /Name: a signature rewritten after signing."""
    fields_ = w.root["/AcroForm"]["/Fields"]
    for i in range(len(fields_)):
        ref = fields_.raw_get(i)
        field = ref.get_object()
        if field.get("/T") == "Sig1":
            value = generic.DictionaryObject(field["/V"])
            value["/Name"] = generic.TextStringObject("Mallory")
            field["/V"] = w.add_object(value)
            w.mark_update(ref)


def rename_key(pdf, old, new, after=0):
    """Rename the first `old` key at or after `after` (same length)."""
    assert len(old) == len(new)
    at = pdf.index(old, after)
    return pdf[:at] + new + pdf[at + len(old):]


def encrypted_then_metadata():
    """../encrypted-aes128-signed.pdf (two pages, AES-128, empty user
    password) with /Info changed in an update that is encrypted too."""
    pdf = (HERE.parent / "encrypted-aes128-signed.pdf").read_bytes()
    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    w.encrypt(b"")
    change_info(w)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def pyhanko_view(pdf):
    """pyHanko's coverage, modification level and DocMDP per signature."""
    reader = PdfFileReader(io.BytesIO(pdf))
    if reader.encrypted:
        reader.decrypt(b"")
    found = []
    for sig in reader.embedded_signatures:
        entry = {"field": sig.field_name}
        try:
            sig.compute_integrity_info(diff_policy=DEFAULT_DIFF_POLICY)
            entry["coverage"] = sig.coverage.name
            result = sig.diff_result
            level = getattr(result, "modification_level", None)
            entry["modification"] = level.name if level is not None else "SUSPICIOUS"
            if level is None:
                entry["reason"] = str(result)[:200]
        except Exception as e:  # a broken /ByteRange
            entry["coverage"] = "ERROR"
            entry["modification"] = "ERROR"
            entry["reason"] = str(e)[:200]
        level = sig.docmdp_level
        entry["docmdp"] = int(level.value) if level is not None else None
        found.append(entry)
    return found


def main():
    expected = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        alice, _, alice_cert = make_signer(tmp, "Alice Approver")
        bob, _, _ = make_signer(tmp, "Bob Certifier")
        tsa = make_tsa(tmp)
        base = base_form()
        approved = sign(base, alice, "Sig1")
        packed_approved = sign(xref_stream_form(), alice, "Sig1")
        cert = {p: sign(base, bob, "Cert", certify=p) for p in fields.MDPPerm}

        files = {
            "approval.pdf": approved,
            "approval-then-second.pdf": sign(approved, bob, "Sig2"),
            # A visible signature: its appearance stream, font and form XObjects.
            "approval-then-visible-second.pdf": sign(approved, bob, "Sig2", box=(20, 20, 220, 80)),
            "approval-then-fill.pdf": update(approved, fill_field),
            "approval-then-annotation.pdf": update(approved, add_annotation),
            "approval-then-metadata.pdf": update(approved, change_info),
            "approval-then-page-content.pdf": update(approved, add_page_content),
            "approval-then-shadow.pdf": update(approved, shadow_page_content),
            "approval-then-dss.pdf": add_dss(approved, alice_cert, "Sig1"),
            "approval-then-doc-timestamp.pdf": doc_timestamp(approved, tsa),
            "certified-p1-then-fill.pdf": update(cert[fields.MDPPerm.NO_CHANGES], fill_field),
            "certified-p2-then-fill.pdf": update(cert[fields.MDPPerm.FILL_FORMS], fill_field),
            "certified-p2-then-signed.pdf": sign(cert[fields.MDPPerm.FILL_FORMS], alice, "Sig2"),
            "certified-p3-then-annotation.pdf": update(cert[fields.MDPPerm.ANNOTATE], add_annotation),
            "xref-stream-approval-then-fill.pdf": update(packed_approved, fill_field),
            "xref-stream-approval-then-packed-annotation.pdf": update(packed_approved, add_packed_annotation),
            "partial-wider-gap.pdf": widen_gap(approved),
            "contents-outside-gap.pdf": contents_outside_gap(approved),
            "encrypted-aes128-then-metadata.pdf": encrypted_then_metadata(),
            "approval-then-signature-replaced.pdf": update(approved, replace_signature_value),
            # Only the catalog's /Perms /DocMDP says it certifies: /P is 2.
            "certified-p1-perms-only.pdf": rename_key(cert[fields.MDPPerm.NO_CHANGES], b"/Reference", b"/Referencz"),
            # Only the signature's DocMDP reference says so.
            "certified-p1-reference-only.pdf": rename_key(cert[fields.MDPPerm.NO_CHANGES], b"/Perms", b"/Permz"),
            "partial-not-at-boundary.pdf": short_second_range(update(approved, change_info)),
        }
        for name, pdf in files.items():
            (HERE / name).write_bytes(pdf)
            try:
                expected[name] = pyhanko_view(pdf)
            except Exception as e:  # pyHanko refuses the whole file
                expected[name] = {"error": str(e)[:200]}
            print(f"{name}: {len(pdf)} bytes, {expected[name]}")
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()

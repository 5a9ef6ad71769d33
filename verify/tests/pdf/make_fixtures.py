#!/usr/bin/env python3
"""Make the PDF fixtures for verify/tests/pdf_inspect.rs.

Real signatures come from pyHanko (PyPI), over a small two-page PDF this
script writes by hand. The malformed files are derived from those by cutting
or patching bytes, so their damage is exactly what the tests expect. The
hand-made inputs that once panicked inside the `pdf` crate go to crashers/,
beside what the fuzzer finds (see crashers/README.md).

    python3 -m venv /tmp/pyhk && /tmp/pyhk/bin/pip install pyhanko==0.38.0
    /tmp/pyhk/bin/python verify/tests/pdf/make_fixtures.py

The signing time is pinned and the signer keys are derived from the signer
names, so names, times and every /ByteRange come out the same on each run;
ECDSA signatures and document IDs are random, so the signed files' bytes do
not. Regenerate only what you change, and `git checkout` the rest.
"""

import datetime as dt
import hashlib
import io
import pathlib
import struct
import tempfile
import zlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.crypt import StandardSecurityHandler, StandardSecuritySettingsRevision
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import PdfFileWriter, copy_into_new_writer
from pyhanko.sign import fields, signers
from pyhanko.sign.signers import pdf_signer

HERE = pathlib.Path(__file__).resolve().parent
BAD = HERE / "malformed"
SIGNING_TIME = dt.datetime(2025, 3, 14, 9, 26, 53, tzinfo=dt.timezone(dt.timedelta(hours=8)))


class PinnedClock(dt.datetime):
    """pyHanko reads the signing time from `datetime.now`; pin it."""

    @classmethod
    def now(cls, tz=None):
        return SIGNING_TIME


pdf_signer.datetime = PinnedClock


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


def page(contents):
    return b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents %d 0 R >>" % contents


def stream(data):
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)


def unsigned_two_pages():
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
            page(5),
            page(6),
            stream(b"BT /F1 12 Tf 20 50 Td (page one) Tj ET"),
            stream(b"BT /F1 12 Tf 20 50 Td (page two) Tj ET"),
            b"<< /Title (InfoPlus test) /Producer (make_fixtures.py) >>",
        ],
        info=7,
    )


def field_tree_with_cycle():
    """A hand-made form: a signature field two levels down in /Kids, a text
    field, and a /Kids entry pointing back at its ancestor (a cycle). The /V
    is a real-looking signature dictionary with a dummy /Contents."""
    sig_v = (
        b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached"
        b" /Name (Nested Signer) /M (D:20240101120000Z) /Reason (nested)"
        b" /ByteRange [0 10 20 30] /Contents <00> >>"
    )
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R 7 0 R] /SigFlags 3 >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>",
            b"<< /T (approvals) /Kids [5 0 R] >>",
            b"<< /T (manager) /Parent 4 0 R /Kids [6 0 R 4 0 R] >>",
            b"<< /FT /Sig /T (final) /Parent 5 0 R /V 8 0 R >>",
            b"<< /FT /Tx /T (comment) /V (hello) >>",
            sig_v,
        ]
    )


def fields_in_a_huge_object_stream(fields=1500, padding=30 << 20):
    """A hostile file: 1,500 form fields inside one object stream that
    inflates to 30 MiB (of spaces) from ~30 KB. A reader that inflates the
    stream again for every field spends minutes; one that keeps it, a blink."""
    first = 10
    bodies = [b"<< /FT /Tx /T (f%d) >>" % i for i in range(fields)]
    offsets, body = [], bytearray()
    for text in bodies:
        offsets.append(len(body))
        body += text + b"\n"
    header = b" ".join(b"%d %d" % (first + i, offsets[i]) for i in range(fields)) + b"\n"
    packed = zlib.compress(header + bytes(body) + b" " * padding, 9)

    out = bytearray(b"%PDF-1.7\n")
    at = {}
    fields_array = b" ".join(b"%d 0 R" % (first + i) for i in range(fields))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [%s] >> >>" % fields_array,
        2: b"<< /Type /Pages /Kids [] /Count 0 >>",
        3: b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (fields, len(header), len(packed), packed),
    }
    for number, text in objects.items():
        at[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, text)
    xref_at = len(out)
    rows = []
    for number in range(first + fields):
        if number in at:
            rows.append(struct.pack(">BIH", 1, at[number], 0))
        elif number == 4:
            rows.append(struct.pack(">BIH", 1, xref_at, 0))
        elif number >= first:
            rows.append(struct.pack(">BIH", 2, 3, number - first))
        else:
            rows.append(struct.pack(">BIH", 0, 0, 0xFFFF))
    table = b"".join(rows)
    out += b"4 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (
        first + fields,
        len(table),
        table,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def xref_stream_zero_width():
    """A hostile file: an xref stream whose entries are zero bytes wide and
    number 200 million. pdf 0.10 builds them all (gigabytes, many seconds)."""
    out = bytearray(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
    out += b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    xref_at = len(out)
    out += b"3 0 obj\n<< /Type /XRef /Size 4 /W [0 0 0] /Index [0 200000000] /Root 1 0 R /Length 0 >>\n"
    out += b"stream\n\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def with_encryption_dictionary(encrypt):
    """The smallest file with an /Encrypt dictionary: for inputs that made
    pdf 0.10 panic while it set up decryption."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>", encrypt]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    file_id = b"<00112233445566778899aabbccddeeff>"
    out += b"trailer\n<< /Size 4 /Root 1 0 R /Encrypt 3 0 R /ID [%s %s] >>\n" % (file_id, file_id)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def encryption_crashers():
    """Key lengths of zero bytes: `Rc4::new` asserts a non-empty key (R2 and
    R3 password checks), and a crypt filter's /Length is multiplied by 8 in
    u32 (overflow panic in debug builds, wraps to 0 in release)."""
    passwords = b"/O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b">"
    rc4 = b"<< /Filter /Standard /V 2 /R %d /Length 0 /P -4 %s >>"
    crypt_filter = (
        b"<< /Filter /Standard /V 4 /R 4 /P -4 /StmF /StdCF /StrF /StdCF"
        b" /CF << /StdCF << /CFM /V2 /Length %d >> >> %s >>"
    )
    return {
        "rc4-r2-key-length-0.pdf": with_encryption_dictionary(rc4 % (2, passwords)),
        "rc4-r3-key-length-0.pdf": with_encryption_dictionary(rc4 % (3, passwords)),
        "crypt-filter-length-0.pdf": with_encryption_dictionary(crypt_filter % (0, passwords)),
        "crypt-filter-length-wraps-u32.pdf": with_encryption_dictionary(crypt_filter % (1 << 29, passwords)),
    }


def object_stream_offset_overflow():
    """A form field inside an uncompressed object stream whose offset table
    says 2^64-1: `first + offset` overflows in ObjectStream::get_object_slice.
    A panic only where overflow checks are on (debug builds, the fuzzer);
    release builds wrap and the crate returns an error. Kept as `caught-`:
    no pre-check can see inside the usual, compressed object streams."""
    header, body = b"10 18446744073709551615\n", b"<< /FT /Sig >>"
    data = header + body
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [10 0 R] >> >>",
        2: b"<< /Type /Pages /Kids [] /Count 0 >>",
        3: b"<< /Type /ObjStm /N 1 /First %d /Length %d >>\nstream\n%s\nendstream" % (len(header), len(data), data),
    }
    out = bytearray(b"%PDF-1.7\n")
    at = {}
    for number, text in objects.items():
        at[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, text)
    xref_at = len(out)
    rows = []
    for number in range(11):
        if number in at:
            rows.append(struct.pack(">BIH", 1, at[number], 0))
        elif number == 4:
            rows.append(struct.pack(">BIH", 1, xref_at, 0))
        elif number == 10:
            rows.append(struct.pack(">BIH", 2, 3, 0))
        else:
            rows.append(struct.pack(">BIH", 0, 0, 0xFFFF))
    table = b"".join(rows)
    out += b"4 0 obj\n<< /Type /XRef /Size 11 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (
        len(table),
        table,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def make_signer(tmp, common_name):
    # A fixed key and serial keep regenerated fixtures close to the committed
    # ones (ECDSA signatures and document IDs still differ run to run).
    secret = int.from_bytes(hashlib.sha256(common_name.encode()).digest(), "big") % (2**255)
    key = ec.derive_private_key(secret, ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(int.from_bytes(hashlib.sha256(common_name.encode()).digest()[:8], "big"))
        .not_valid_before(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
        .not_valid_after(dt.datetime(2034, 1, 1, tzinfo=dt.timezone.utc))
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), True)
        .sign(key, hashes.SHA256())
    )
    key_path = tmp / f"{common_name}.key.pem"
    cert_path = tmp / f"{common_name}.cert.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return signers.SimpleSigner.load(str(key_path), str(cert_path))


def sign(pdf, signer, field, name, reason, subfilter, password=None):
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    if password is not None:
        writer.encrypt(password)
    meta = signers.PdfSignatureMetadata(
        field_name=field, name=name, reason=reason, subfilter=subfilter, md_algorithm="sha256"
    )
    out = signers.sign_pdf(
        writer,
        meta,
        signer,
        new_field_spec=fields.SigFieldSpec(field, box=(10, 10, 60, 30)),
        bytes_reserved=2560,
    )
    return out.getvalue()


def append_update(pdf):
    """An incremental update after signing: a new /Info title."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    writer.set_info(generic.DictionaryObject({generic.NameObject("/Title"): generic.TextStringObject("changed after signing")}))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def xref_stream_base():
    """The same two pages written by pyHanko with an xref stream, the page
    tree and the pages inside a compressed object stream (PDF 1.5 style)."""
    writer = PdfFileWriter(stream_xrefs=True, init_page_tree=False)
    packed = writer.prepare_object_stream()
    name = generic.NameObject
    kids = generic.ArrayObject()
    tree = generic.DictionaryObject(
        {name("/Type"): name("/Pages"), name("/Kids"): kids, name("/Count"): generic.NumberObject(2)}
    )
    tree_ref = writer.add_object(tree, obj_stream=packed)
    for text in (b"page one", b"page two"):
        contents = writer.add_object(generic.StreamObject(stream_data=b"BT 20 50 Td (%s) Tj ET" % text))
        box = generic.ArrayObject(map(generic.NumberObject, (0, 0, 200, 100)))
        leaf = generic.DictionaryObject(
            {name("/Type"): name("/Page"), name("/Parent"): tree_ref, name("/MediaBox"): box, name("/Contents"): contents}
        )
        kids.append(writer.add_object(leaf, obj_stream=packed))
    writer.root[name("/Pages")] = tree_ref
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted(user_password, aes256=False):
    """The xref-stream document, encrypted with an owner password and the
    given user password ("" opens without asking): AES-128 (revision 4), or
    AES-256 (revision 6, without pyHanko's default ISO 32004 MAC)."""
    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(xref_stream_base())))
    if aes256:
        writer.encrypt("owner secret", user_password, pdf_mac=False)
    else:
        handler = StandardSecurityHandler.build_from_pw_legacy(
            StandardSecuritySettingsRevision.RC4_OR_AES128,
            writer._document_id[0].original_bytes,
            "owner secret",
            user_password,
            keylen_bytes=16,
            use_aes128=True,
        )
        writer._assign_security_handler(handler)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def patch_byte_range(pdf, numbers):
    """Rewrite the first /ByteRange array in place. pyHanko pads the array
    with spaces after `]`; the new array uses that room, so no offset moves."""
    start = pdf.index(b"/ByteRange") + len(b"/ByteRange")
    open_ = pdf.index(b"[", start)
    end = pdf.index(b"]", open_) + 1
    while pdf[end : end + 1] == b" ":
        end += 1
    array = b"[" + b" ".join(b"%d" % n for n in numbers) + b"]"
    if len(array) > end - open_:
        raise ValueError("patched /ByteRange does not fit")
    return pdf[:open_] + array.ljust(end - open_) + pdf[end:]


def byte_range(pdf):
    start = pdf.index(b"/ByteRange")
    open_ = pdf.index(b"[", start)
    close = pdf.index(b"]", open_)
    return [int(n) for n in pdf[open_ + 1 : close].split()]


def garbage_xref(pdf):
    at = pdf.rindex(b"xref\n0 ")
    end = pdf.index(b"trailer", at)
    return pdf[:at] + bytes((33 + (i * 7) % 90) for i in range(end - at)) + pdf[end:]


def startxref_past_end(pdf):
    at = pdf.rindex(b"startxref\n") + len(b"startxref\n")
    end = pdf.index(b"\n", at)
    return pdf[:at] + b"%d" % (len(pdf) * 10) + pdf[end:]


def png_header():
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + b"\0\0\0\0"


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"{path.relative_to(HERE)}: {len(data)} bytes")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        zhang = make_signer(tmp, "Zhang San")
        alice = make_signer(tmp, "Alice")

        unsigned = unsigned_two_pages()
        write(HERE / "unsigned-2pages.pdf", unsigned)

        pkcs7 = fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED
        pades = fields.SigSeedSubFilter.PADES
        signed = sign(unsigned, zhang, "Signature1", "张三", "同意 approved", pkcs7)
        write(HERE / "signed.pdf", signed)
        write(HERE / "signed-then-updated.pdf", append_update(signed))
        two = sign(signed, alice, "Signature2", "Alice Müller", "Reviewed", pades)
        write(HERE / "two-signatures.pdf", two)
        xref_stream = sign(xref_stream_base(), alice, "Sig", "Alice", None, pades)
        write(HERE / "signed-xref-stream.pdf", xref_stream)
        write(HERE / "field-tree-cycle.pdf", field_tree_with_cycle())
        aes128 = sign(encrypted(""), zhang, "Signature1", "张三", "encrypted", pades, "")
        write(HERE / "encrypted-aes128-signed.pdf", aes128)
        aes256 = sign(encrypted("", aes256=True), zhang, "Signature1", "张三", "encrypted", pades, "")
        write(HERE / "encrypted-aes256-signed.pdf", aes256)
        write(BAD / "encrypted-user-password.pdf", encrypted("user secret"))

        for cut in (8, 200, len(signed) // 2, len(signed) - 40):
            write(BAD / f"truncated-{cut}.pdf", signed[:cut])
        write(BAD / "truncated-200-eof-marker.pdf", signed[:200] + b"\n%%EOF\n")
        write(BAD / "startxref-past-end.pdf", startxref_past_end(unsigned))
        write(BAD / "garbage-xref.pdf", garbage_xref(unsigned))
        write(BAD / "not-a-pdf.png", png_header())
        write(BAD / "fields-in-a-huge-object-stream.pdf", fields_in_a_huge_object_stream())
        write(BAD / "xref-stream-zero-width.pdf", xref_stream_zero_width())
        for name, data in encryption_crashers().items():
            write(HERE / "crashers" / name, data)
        write(HERE / "crashers" / "caught-objstm-offset-overflow.pdf", object_stream_offset_overflow())
        write(BAD / "empty.pdf", b"")
        a, b, c, d = byte_range(signed)
        write(BAD / "byterange-negative.pdf", patch_byte_range(signed, [0, b, -c, d]))
        write(BAD / "byterange-out-of-range.pdf", patch_byte_range(signed, [0, b, c, d + 1000]))
        write(BAD / "byterange-three-numbers.pdf", patch_byte_range(signed, [0, b, c]))
        write(BAD / "byterange-overlap.pdf", patch_byte_range(signed, [0, c + 10, c, d]))


if __name__ == "__main__":
    main()

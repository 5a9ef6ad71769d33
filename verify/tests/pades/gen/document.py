"""The unsigned base document, and the changes made after signing.

The base PDF is written by hand (a dozen objects, classic xref table) so
that it is byte-for-byte the same on every run and nothing in it depends
on pyHanko. It has two pages and a text field `Name` with a widget on
page 1, so that a form fill can follow a signature. Every later change is
an incremental update made with pyHanko's IncrementalPdfFileWriter and
touches only what its class of change needs."""

from io import BytesIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

FIELD_NAME = "Name"
_FIELD_RECT = "72 700 300 720"


def _stream(body: bytes, extra: str = "") -> bytes:
    return b"<< " + extra.encode() + b" /Length " + str(len(body)).encode() + b" >>\nstream\n" + body + b"\nendstream"


def base_pdf() -> bytes:
    page1 = b"BT /F1 16 Tf 72 770 Td (Fixture document for PDF signature verification) Tj ET\n" \
            b"BT /F1 11 Tf 72 726 Td (Name:) Tj ET"
    page2 = b"BT /F1 12 Tf 72 770 Td (Page two.) Tj ET"
    empty_ap = b"/Tx BMC EMC"
    objects = [
        # 1 catalog, with the form
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R] /DA (/Helv 0 Tf 0 g)"
        b" /DR << /Font << /Helv 4 0 R >> >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R 8 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 6 0 R /Annots [5 0 R] >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        # 5 the text field, merged with its widget
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (" + FIELD_NAME.encode() + b") /Rect [" + _FIELD_RECT.encode()
        + b"] /P 3 0 R /F 4 /DA (/Helv 12 Tf 0 g) /AP << /N 7 0 R >> >>",
        _stream(page1),
        _stream(empty_ap, "/Type /XObject /Subtype /Form /BBox [0 0 228 20] /Resources << /Font << /Helv 4 0 R >> >>"),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 9 0 R >>",
        _stream(page2),
        # 10 document information
        b"<< /Title (Signature fixture) /Producer (verify/tests/pades/make_fixtures.py)"
        b" /CreationDate (D:20260101000000Z) >>",
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    file_id = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 10 0 R /ID [<{file_id}> <{file_id}>] >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _finish(writer: IncrementalPdfFileWriter) -> bytes:
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def fill_form(pdf: bytes, value: str = "Alice Example") -> bytes:
    """A form fill: the text field's /V and a new appearance for its widget."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    field_ref = _text_field_ref(w)
    field = field_ref.get_object()
    font = w.root["/AcroForm"]["/DR"]["/Font"].raw_get("/Helv")
    body = f"/Tx BMC q BT /Helv 12 Tf 2 5 Td ({value}) Tj ET Q EMC".encode()
    ap = generic.StreamObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/XObject"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Form"),
            generic.pdf_name("/BBox"): generic.ArrayObject(map(generic.NumberObject, (0, 0, 228, 20))),
            generic.pdf_name("/Resources"): generic.DictionaryObject(
                {generic.pdf_name("/Font"): generic.DictionaryObject({generic.pdf_name("/Helv"): font})}
            ),
        },
        stream_data=body,
    )
    field[generic.pdf_name("/V")] = generic.TextStringObject(value)
    field[generic.pdf_name("/AP")] = generic.DictionaryObject({generic.pdf_name("/N"): w.add_object(ap)})
    w.mark_update(field_ref)
    return _finish(w)


def _text_field_ref(w) -> generic.IndirectObject:
    for ref in w.root["/AcroForm"]["/Fields"]:
        if ref.get_object().get("/T") == FIELD_NAME:
            return ref
    raise LookupError("no text field")


def _first_page(w):
    return w.root["/Pages"]["/Kids"].raw_get(0)


def add_annotation(pdf: bytes) -> bytes:
    """A comment (a /Text sticky note) added to page 1's /Annots."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    page_ref = _first_page(w)
    page = page_ref.get_object()
    note = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Text"),
            generic.pdf_name("/Rect"): generic.ArrayObject(map(generic.NumberObject, (400, 700, 420, 720))),
            generic.pdf_name("/Contents"): generic.TextStringObject("Checked by the reviewer."),
            generic.pdf_name("/P"): page_ref,
            generic.pdf_name("/F"): generic.NumberObject(4),
        }
    )
    annots = page["/Annots"]
    annots.append(w.add_object(note))
    if isinstance(page.raw_get("/Annots"), generic.IndirectObject):
        w.mark_update(page.raw_get("/Annots"))
    else:
        w.mark_update(page_ref)
    return _finish(w)


def draw_on_page(pdf: bytes) -> bytes:
    """Page content drawn after signing: a second content stream on page 1."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    page_ref = _first_page(w)
    page = page_ref.get_object()
    extra = generic.StreamObject(stream_data=b"BT /F1 24 Tf 300 400 Td (PAID) Tj ET")
    old = page.raw_get("/Contents")
    page[generic.pdf_name("/Contents")] = generic.ArrayObject([old, w.add_object(extra)])
    w.mark_update(page_ref)
    return _finish(w)


def change_metadata(pdf: bytes) -> bytes:
    """The document information dictionary's /Title and /ModDate changed."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    info_ref = w.trailer.raw_get("/Info")
    info = info_ref.get_object()
    info[generic.pdf_name("/Title")] = generic.TextStringObject("Signature fixture (retitled)")
    info[generic.pdf_name("/ModDate")] = generic.TextStringObject("D:20260602000000Z")
    w.mark_update(info_ref)
    return _finish(w)


def tamper(pdf: bytes, needle: bytes = b"(Page two.)", replacement: bytes = b"(Page 2!!.)") -> bytes:
    """One run of bytes inside the first signed range changed, lengths kept,
    so the file still parses but its digest differs."""
    if len(needle) != len(replacement) or pdf.count(needle) != 1:
        raise ValueError("tamper needs one same-length needle")
    return pdf.replace(needle, replacement)

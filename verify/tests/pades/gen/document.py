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


def stream(body: bytes, extra: str = "") -> bytes:
    return b"<< " + extra.encode() + b" /Length " + str(len(body)).encode() + b" >>\nstream\n" + body + b"\nendstream"


PAGE1 = (
    b"BT /F1 16 Tf 72 770 Td (Fixture document for PDF signature verification) Tj ET\n"
    b"BT /F1 11 Tf 72 726 Td (Name:) Tj ET"
)
PAGE1_RESOURCES = b"<< /Font << /F1 4 0 R >> >>"


def base_objects(
    *,
    page1: bytes = PAGE1,
    page1_resources: bytes = PAGE1_RESOURCES,
    page1_contents: bytes = b"6 0 R",
    annots: bytes = b"[5 0 R]",
    fields: bytes = b"[5 0 R]",
) -> list:
    """The base document's objects 1-10 (object n at index n - 1). The
    keyword arguments let a prepared document (gen/shadow.py) change page 1
    and the form while keeping the numbering; with none given, these are
    the objects of `base_pdf()`."""
    page2 = b"BT /F1 12 Tf 72 770 Td (Page two.) Tj ET"
    empty_ap = b"/Tx BMC EMC"
    return [
        # 1 catalog, with the form
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields " + fields + b" /DA (/Helv 0 Tf 0 g)"
        b" /DR << /Font << /Helv 4 0 R >> >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R 8 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + page1_resources
        + b" /Contents " + page1_contents + b" /Annots " + annots + b" >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        # 5 the text field, merged with its widget
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (" + FIELD_NAME.encode() + b") /Rect [" + _FIELD_RECT.encode()
        + b"] /P 3 0 R /F 4 /DA (/Helv 12 Tf 0 g) /AP << /N 7 0 R >> >>",
        stream(page1),
        stream(empty_ap, "/Type /XObject /Subtype /Form /BBox [0 0 228 20] /Resources << /Font << /Helv 4 0 R >> >>"),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 9 0 R >>",
        stream(page2),
        # 10 document information
        b"<< /Title (Signature fixture) /Producer (verify/tests/pades/make_fixtures.py)"
        b" /CreationDate (D:20260101000000Z) >>",
    ]


def base_pdf() -> bytes:
    return write_pdf(base_objects())


def write_pdf(objects: list, unlisted: list = ()) -> bytes:
    """A one-revision PDF with a classic xref table: object n is
    `objects[n - 1]`. `unlisted` are (number, body) pairs written after
    them as further `n 0 obj` definitions that the xref table does not
    point to (bytes a reader never sees unless a later xref re-points
    that object number at them)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    for number, body in unlisted:
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


def finish(writer: IncrementalPdfFileWriter) -> bytes:
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def fill_form(pdf: bytes, value: str = "Alice Example") -> bytes:
    """A form fill: the text field's /V and a new appearance for its widget."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    fill_field(w, FIELD_NAME, value)
    return finish(w)


def fill_field(w, name: str, value: str, *, opaque: bool = False, size: int = 12, at: tuple = (2, 5)) -> tuple:
    """The text field `name`'s /V set to `value`, and a new appearance
    stream (as wide and high as the widget's /Rect) that shows it in
    Helvetica `size` from `at`; with `opaque`, the appearance first paints
    its box white. Returns the references of the field and of the new
    appearance stream."""
    field_ref = text_field_ref(w, name)
    field = field_ref.get_object()
    x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
    width, height = round(x2 - x1), round(y2 - y1)
    font = w.root["/AcroForm"]["/DR"]["/Font"].raw_get("/Helv")
    box = f"1 g 0 0 {width} {height} re f 0 g " if opaque else ""
    body = f"/Tx BMC q {box}BT /Helv {size} Tf {at[0]} {at[1]} Td ({value}) Tj ET Q EMC".encode()
    ap = generic.StreamObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/XObject"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Form"),
            generic.pdf_name("/BBox"): generic.ArrayObject(map(generic.NumberObject, (0, 0, width, height))),
            generic.pdf_name("/Resources"): generic.DictionaryObject(
                {generic.pdf_name("/Font"): generic.DictionaryObject({generic.pdf_name("/Helv"): font})}
            ),
        },
        stream_data=body,
    )
    ap_ref = w.add_object(ap)
    field[generic.pdf_name("/V")] = generic.TextStringObject(value)
    field[generic.pdf_name("/AP")] = generic.DictionaryObject({generic.pdf_name("/N"): ap_ref})
    w.mark_update(field_ref)
    return field_ref, ap_ref


def text_field_ref(w, name: str = FIELD_NAME) -> generic.IndirectObject:
    for ref in w.root["/AcroForm"]["/Fields"]:
        if ref.get_object().get("/T") == name:
            return ref
    raise LookupError(f"no text field {name}")


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
    return finish(w)


def draw_on_page(pdf: bytes) -> bytes:
    """Page content drawn after signing: a second content stream on page 1."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    page_ref = _first_page(w)
    page = page_ref.get_object()
    extra = generic.StreamObject(stream_data=b"BT /F1 24 Tf 300 400 Td (PAID) Tj ET")
    old = page.raw_get("/Contents")
    page[generic.pdf_name("/Contents")] = generic.ArrayObject([old, w.add_object(extra)])
    w.mark_update(page_ref)
    return finish(w)


def change_metadata(pdf: bytes) -> bytes:
    """The document information dictionary's /Title and /ModDate changed."""
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    info_ref = w.trailer.raw_get("/Info")
    info = info_ref.get_object()
    info[generic.pdf_name("/Title")] = generic.TextStringObject("Signature fixture (retitled)")
    info[generic.pdf_name("/ModDate")] = generic.TextStringObject("D:20260602000000Z")
    w.mark_update(info_ref)
    return finish(w)


def tamper(pdf: bytes, needle: bytes = b"(Page two.)", replacement: bytes = b"(Page 2!!.)") -> bytes:
    """One run of bytes inside the first signed range changed, lengths kept,
    so the file still parses but its digest differs."""
    if len(needle) != len(replacement) or pdf.count(needle) != 1:
        raise ValueError("tamper needs one same-length needle")
    return pdf.replace(needle, replacement)

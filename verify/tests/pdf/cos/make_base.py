#!/usr/bin/env python3
"""Write base.pdf: a small signed-looking PDF (catalog, page, a Flate
content stream, an AcroForm with a signature field and a text field, a
signature dictionary with /ByteRange and /Contents, document information
with UTF-16 strings, an XMP metadata stream). Offsets are computed here;
qpdf then makes every other fixture from it (see make.sh)."""
import sys
import zlib

content = zlib.compress(b"BT /F1 12 Tf 20 100 Td (Hello, signed world) Tj ET")
xmp = b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:title>COS fixture</dc:title></x:xmpmeta><?xpacket end="r"?>'
contents = "3082" + "0a1b2c3d" * 8 + "00" * 64
name = "\u5f20\u4e09".encode("utf-16-be").hex()

objects = {
    1: b"<</Type/Catalog /Pages 2 0 R /AcroForm 8 0 R /Metadata 12 0 R>>",
    2: b"<</Type/Pages /Kids [3 0 R] /Count 1>>",
    3: b"<</Type/Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Annots [6 0 R 7 0 R] /Resources <</Font <</F1 5 0 R>>>>>>",
    4: b"<</Length %d /Filter /FlateDecode>>stream\n" % len(content) + content + b"\nendstream",
    5: b"<</Type/Font /Subtype/Type1 /BaseFont/Helvetica>>",
    6: b"<</Type/Annot /Subtype/Widget /FT/Sig /T (Signature1) /V 9 0 R /Rect [0 0 0 0] /F 132 /P 3 0 R>>",
    7: b"<</Type/Annot /Subtype/Widget /FT/Tx /T (Name\\(1\\)) /V <FEFF" + name.encode() + b"> /Rect [10 10 100 30] /P 3 0 R>>",
    8: b"<</Fields [6 0 R 7 0 R] /SigFlags 3>>",
    9: b"<</Type/Sig /Filter/Adobe.PPKLite /SubFilter/adbe.pkcs7.detached /ByteRange [0 100 200 300] /Contents <" + contents.encode()
    + b"> /M (D:20240101120000+08'00') /Name (Tester) /Reason (Testing \\(encrypted\\) reading)>>",
    10: b"<</Title (COS fixture) /Author <FEFF" + name.encode() + b"> /Producer (make_base.py)>>",
    12: b"<</Type/Metadata /Subtype/XML /Length %d>>stream\n" % len(xmp) + xmp + b"\nendstream",
}

out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
offsets = {}
for num, body in objects.items():
    offsets[num] = len(out)
    out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
xref = len(out)
size = max(objects) + 1
out += b"xref\n0 %d\n" % size
for num in range(size):
    if num in offsets:
        out += b"%010d 00000 n \n" % offsets[num]
    else:
        out += b"0000000000 65535 f \n"
out += b"trailer\n<</Size %d /Root 1 0 R /Info 10 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]>>\n" % size
out += b"startxref\n%d\n%%%%EOF\n" % xref
sys.stdout.buffer.write(out)

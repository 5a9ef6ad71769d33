"""The signing revision, written by hand: an incremental update that adds
the signature dictionary (object 11), gives the field its value (object 6,
/V 11 0 R) and sets /SigFlags 3 (object 1), with its own classic xref
section and a trailer whose /Prev is the base revision's xref.

/ByteRange is written as a fixed-width placeholder, then filled in once the
offsets are known; /Contents is a zero-filled hex string of `reserved`
bytes. The value (`make_contents(ByteRange bytes)`) is written into it,
hex, padded with zeros: /Contents lies outside the ByteRange, so nothing
signed moves."""

import datetime as dt
import re
from typing import Callable

from . import pdf

SIG_NUM = 11
RESERVED = 8192  # bytes of DER room in /Contents (16384 hex digits)
_BR_PLACEHOLDER = b"/ByteRange [0 0000000000 0000000000 0000000000]"


def _pdf_date(moment: dt.datetime) -> bytes:
    return moment.astimezone(dt.timezone.utc).strftime("D:%Y%m%d%H%M%SZ").encode()


def sig_dict(filter_: str, subfilter: str, name: str, when: dt.datetime, reserved: int) -> bytes:
    return (
        b"<< /Type /Sig /Filter " + filter_.encode() + b" /SubFilter " + subfilter.encode()
        + b" /Name (" + name.encode() + b") /M (" + _pdf_date(when) + b") /Reason (Electronic seal fixture) "
        + _BR_PLACEHOLDER + b" /Contents <" + b"0" * (2 * reserved) + b"> >>"
    )


def sign(
    base: bytes,
    make_contents: Callable[[bytes], bytes],
    *,
    filter_: str,
    subfilter: str,
    name: str,
    when: dt.datetime,
    width_mm: int = 40,
    height_mm: int = 40,
    reserved: int = RESERVED,
) -> bytes:
    prev = int(re.findall(rb"startxref\s+(\d+)", base)[-1])
    size = int(re.findall(rb"/Size (\d+)", base)[-1])
    file_id = re.findall(rb"/ID \[[^\]]*\]", base)[-1]
    objects = {
        1: pdf.catalog(b" /SigFlags 3"),
        pdf.FIELD_NUM: pdf.widget(width_mm, height_mm, b" /V %d 0 R" % SIG_NUM),
        SIG_NUM: sig_dict(filter_, subfilter, name, when, reserved),
    }
    out = bytearray(base)
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n" + b"".join(b"%d 1\n%010d 00000 n \n" % (num, offsets[num]) for num in sorted(offsets))
    out += (
        b"trailer\n<< /Size %d /Root 1 0 R /Info 10 0 R /Prev %d " % (max(size, SIG_NUM + 1), prev)
        + file_id + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    # The ByteRange: everything but the hex string of /Contents, < and > included.
    start = out.index(b"/Contents <", offsets[SIG_NUM]) + len(b"/Contents ")
    end = start + 2 * reserved + 2
    byte_range = b"/ByteRange [0 %d %d %d]" % (start, end, len(out) - end)
    at = out.index(_BR_PLACEHOLDER, offsets[SIG_NUM])
    out[at : at + len(_BR_PLACEHOLDER)] = byte_range.ljust(len(_BR_PLACEHOLDER))
    signed = bytes(out[:start] + out[end:])
    value = make_contents(signed).hex().encode()
    if len(value) > 2 * reserved:
        raise ValueError(f"the value ({len(value) // 2} bytes) does not fit /Contents ({reserved})")
    out[start + 1 : end - 1] = value.ljust(2 * reserved, b"0")
    return bytes(out)

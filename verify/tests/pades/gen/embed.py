"""Putting bytes we made ourselves into a PDF signature, and changing a
signature's /Contents afterwards.

`embed` is pyHanko's interrupted signing (as gen/sm2.py uses it): pyHanko
writes the incremental update with the signature field, the signature
dictionary and a zero-filled /Contents placeholder; we compute the
ByteRange bytes from that output, build the value with `make_contents`, and
`PdfTBSDocument.finish_signing` writes it into the placeholder. For the
legacy subfilters pyHanko has no SigSeedSubFilter, so the /SubFilter of the
placeholder it writes is replaced (and entries such as /Cert added) while
it is being made: the signature dictionary is otherwise pyHanko's own.

`rewrite_contents` changes the value in /Contents of a finished file in
place (same hex length): /Contents lies outside the ByteRange, so the rest
of the file, and the signed bytes, stay as they were."""

import asyncio
import datetime as dt
import re
from contextlib import contextmanager
from io import BytesIO
from typing import Callable

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers import pdf_signer as _pdf_signer
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument

from . import clock

RESERVED = 8192  # hex digits in /Contents: room for 4 KiB of DER


@contextmanager
def _signature_object(subfilter: str | None, extra: dict | None):
    """pyHanko's SignatureObject with another /SubFilter and extra entries."""
    original = _pdf_signer.SignatureObject

    def patched(*args, **kwargs):
        obj = original(*args, **kwargs)
        if subfilter is not None:
            obj[generic.pdf_name("/SubFilter")] = generic.pdf_name(subfilter)
        for key, value in (extra or {}).items():
            obj[generic.pdf_name(key)] = value
        return obj

    _pdf_signer.SignatureObject = patched
    try:
        yield
    finally:
        _pdf_signer.SignatureObject = original


def embed(
    pdf: bytes,
    name: str,
    make_contents: Callable[[bytes], bytes],
    *,
    subfilter: str | None = None,
    extra: dict | None = None,
    field: str = "Signature1",
    at: dt.datetime = clock.SIGNED,
    reserved: int = RESERVED,
) -> bytes:
    """A new signature field whose /Contents is make_contents(ByteRange
    bytes). /SubFilter is adbe.pkcs7.detached unless `subfilter` names
    another (e.g. "/adbe.pkcs7.sha1"); `extra` adds dictionary entries."""
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        md_algorithm="sha256",  # pyHanko's own digest of the placeholder, unused
        subfilter=fields.SigSeedSubFilter.ADOBE_PKCS7_DETACHED,
        reason="Fixture signature",
        name=name,
    )
    placeholder = signers.ExternalSigner(signing_cert=None, cert_registry=None, signature_value=bytes(64))
    pdf_signer = signers.PdfSigner(meta, signer=placeholder, new_field_spec=fields.SigFieldSpec(sig_field_name=field))
    w = IncrementalPdfFileWriter(BytesIO(pdf))
    with clock.at(at), _signature_object(subfilter, extra):
        prep, _tbs, output = asyncio.run(pdf_signer.async_digest_doc_for_signing(w, bytes_reserved=reserved))
    buf = output.getvalue()
    signed_bytes = buf[: prep.reserved_region_start] + buf[prep.reserved_region_end :]
    contents = make_contents(signed_bytes)
    out = BytesIO(buf)
    PdfTBSDocument.finish_signing(out, prep, contents)
    return out.getvalue()


def _contents_span(pdf: bytes, field_index: int = 0) -> tuple[int, int]:
    """(start, end) of the hex digits of the field_index-th signature's
    /Contents: the gap between its ByteRange's two ranges, less < and >."""
    ranges = re.findall(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    a, b, c, _d = (int(x) for x in ranges[field_index])
    if pdf[a + b : a + b + 1] != b"<" or pdf[c - 1 : c] != b">":
        raise ValueError("the ByteRange gap is not a hex string")
    return a + b + 1, c - 1


def contents_of(pdf: bytes, field_index: int = 0) -> bytes:
    start, end = _contents_span(pdf, field_index)
    return bytes.fromhex(pdf[start:end].decode())


def rewrite_contents(pdf: bytes, change: Callable[[bytes], bytes], field_index: int = 0) -> bytes:
    """/Contents (all of it, padding included) replaced by change(old), which
    must keep its length."""
    start, end = _contents_span(pdf, field_index)
    old = bytes.fromhex(pdf[start:end].decode())
    new = change(old)
    if len(new) != len(old):
        raise ValueError("rewrite_contents must keep the length of /Contents")
    return pdf[:start] + new.hex().encode() + pdf[end:]


def der_length(der: bytes) -> int:
    """Length of the DER element at the start of `der`, header included."""
    first = der[1]
    if first < 0x80:
        return 2 + first
    n = first & 0x7F
    return 2 + n + int.from_bytes(der[2 : 2 + n], "big")

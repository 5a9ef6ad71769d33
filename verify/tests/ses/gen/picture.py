"""The seal picture: a red round seal (two rings, a five-pointed star and a
bar), drawn pixel by pixel and written by hand as PNG (zlib) or GIF (LZW),
so that the bytes are the same on every run and no imaging library is
needed. `Picture` also carries what the PDF appearance needs: the raw RGB
samples and the alpha channel (the PDF shows the pixels, whatever format
the seal carries)."""

import math
import struct
import zlib
from dataclasses import dataclass

SIZE = 150  # pixels, square
RED = (0xD0, 0x10, 0x10)


@dataclass
class Picture:
    kind: str  # SES_ESPictrueInfo.type: "png", "gif"
    data: bytes  # the file, as the seal carries it
    width: int  # pixels
    height: int
    rgb: bytes  # width*height*3 samples, row by row from the top
    alpha: bytes  # width*height samples


def _star(cx: float, cy: float, outer: float, inner: float) -> list:
    points = []
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        a = -math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return points


def _inside(x: float, y: float, poly: list) -> bool:
    hit = False
    for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def seal_mask(size: int = SIZE) -> list:
    """Rows of booleans: True where the seal is red."""
    c = (size - 1) / 2
    outer = size / 2 - 1
    star = _star(c, c - size * 0.04, size * 0.2, size * 0.08)
    rows = []
    for y in range(size):
        row = []
        for x in range(size):
            r = math.hypot(x - c, y - c)
            ring = outer - size * 0.06 <= r <= outer or outer - size * 0.10 <= r <= outer - size * 0.085
            bar = abs(y - (c + size * 0.24)) <= size * 0.025 and abs(x - c) <= size * 0.22
            row.append(ring or bar or _inside(x + 0.5, y + 0.5, star))
        rows.append(row)
    return rows


def _samples(mask: list) -> tuple:
    rgb, alpha = bytearray(), bytearray()
    for row in mask:
        for red in row:
            rgb += bytes(RED) if red else b"\xff\xff\xff"
            alpha.append(255 if red else 0)
    return bytes(rgb), bytes(alpha)


def png(mask: list) -> bytes:
    """An 8-bit RGBA PNG: filter 0 on every row, one IDAT."""
    h, w = len(mask), len(mask[0])
    raw = bytearray()
    for row in mask:
        raw.append(0)
        for red in row:
            raw += bytes(RED) + b"\xff" if red else b"\x00\x00\x00\x00"

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")


def _lzw(indices: list, min_size: int) -> bytes:
    """GIF's variable-width LZW, bits packed least significant first."""
    clear, eoi = 1 << min_size, (1 << min_size) + 1
    out, acc, nbits = bytearray(), 0, 0

    def emit(code: int, width: int) -> None:
        nonlocal acc, nbits
        acc |= code << nbits
        nbits += width
        while nbits >= 8:
            out.append(acc & 0xFF)
            acc >>= 8
            nbits -= 8

    def reset() -> tuple:
        return {bytes([i]): i for i in range(clear)}, eoi + 1, min_size + 1

    table, next_code, width = reset()
    emit(clear, width)
    w = bytes([indices[0]])
    for k in indices[1:]:
        wk = w + bytes([k])
        if wk in table:
            w = wk
            continue
        emit(table[w], width)
        if next_code < 4093:
            table[wk] = next_code
            next_code += 1
            # The decoder adds its entry one code later: widen once the
            # code just assigned no longer fits.
            if next_code > (1 << width) and width < 12:
                width += 1
        else:
            emit(clear, width)
            table, next_code, width = reset()
        w = bytes([k])
    emit(table[w], width)
    emit(eoi, width)
    if nbits:
        out.append(acc & 0xFF)
    return bytes(out)


def gif(mask: list) -> bytes:
    """A GIF89a with a two-colour palette, index 0 (white) transparent."""
    h, w = len(mask), len(mask[0])
    indices = [1 if red else 0 for row in mask for red in row]
    data = _lzw(indices, 2)
    blocks = b"".join(bytes([len(data[i : i + 255])]) + data[i : i + 255] for i in range(0, len(data), 255))
    return (
        b"GIF89a" + struct.pack("<HHBBB", w, h, 0x80, 0, 0) + b"\xff\xff\xff" + bytes(RED)
        + b"\x21\xf9\x04\x01\x00\x00\x00\x00"  # graphic control: index 0 transparent
        + b"\x2c" + struct.pack("<HHHHB", 0, 0, w, h, 0)
        + b"\x02" + blocks + b"\x00\x3b"
    )


def make(kind: str = "png", size: int = SIZE) -> Picture:
    mask = seal_mask(size)
    rgb, alpha = _samples(mask)
    data = {"png": png, "gif": gif}[kind](mask)
    return Picture(kind, data, size, size, rgb, alpha)

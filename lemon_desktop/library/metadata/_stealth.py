"""A1111 "stealth" metadata: the parameters text hidden in the lowest bit of each
pixel's alpha (or red, green and blue), read column by column.

Layout, as the stealth-pnginfo extension writes it and sd-parsers reads it: a
signature ("stealth_pnginfo", or "stealth_pngcomp" when gzipped; "stealth_rgb..."
in the colour bits), the payload's length in bits as 32 bits, then the payload.

Reading decodes the pixels, so it runs only on files with alpha and no other
metadata, and decodes all of them only when the first rows hold a signature.
Stripping re-encodes only a file that carries a signature.
"""

from __future__ import annotations

import io
import zlib

from PIL import Image

from . import _png
from ._provenance import MAX_TEXT_BYTES

_ALPHA = {b"stealth_pnginfo": False, b"stealth_pngcomp": True}
_RGB = {b"stealth_rgbinfo": False, b"stealth_rgbcomp": True}
_SIGNATURE_BYTES = 15
_HEADER_BITS = _SIGNATURE_BYTES * 8 + 32  # the signature, then the payload's length
_BITS = bytes.maketrans(b"\x00\x01", b"01")


def read(data: bytes) -> str | None:
    """The text hidden in a PNG's alpha bits, or None. Never raises on a bad image.

    The signature and length sit in the first column's first 152 pixels: those are
    checked first, from the first rows alone, so an image without stealth data costs
    a few milliseconds, not a decode of every pixel.
    """
    try:
        head = _png.first_column_alpha(data, _HEADER_BITS)
        if head is not None and _signature(_lsb_text(head), _ALPHA) is None:
            return None
        with Image.open(io.BytesIO(data)) as image:
            if image.mode not in ("RGBA", "LA"):
                return None
            return _decode(_alpha_bits(image), _ALPHA)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, zlib.error):
        return None


def _lsb_text(values: bytes) -> str:
    return bytes(v & 1 for v in values).translate(_BITS).decode("ascii")


def _alpha_bits(image: Image.Image) -> str:
    # Transposed, row-major bytes are the original's columns: the order the bits are in.
    alpha = image.getchannel("A").transpose(Image.Transpose.TRANSPOSE)
    return alpha.point(lambda v: v & 1).tobytes().translate(_BITS).decode("ascii")


def _rgb_bits(image: Image.Image) -> str:
    bands = image.convert("RGB").transpose(Image.Transpose.TRANSPOSE)
    return bands.point(lambda v: v & 1).tobytes().translate(_BITS).decode("ascii")


def _bytes(bits: str, start: int, count: int) -> bytes | None:
    chunk = bits[start : start + count * 8]
    if len(chunk) < count * 8:
        return None
    return int(chunk, 2).to_bytes(count, "big") if count else b""


def _signature(bits: str, signatures: dict[bytes, bool]) -> bool | None:
    """None without a signature, else whether the payload is gzipped."""
    return signatures.get(_bytes(bits, 0, _SIGNATURE_BYTES) or b"")


def _decode(bits: str, signatures: dict[bytes, bool]) -> str | None:
    compressed = _signature(bits, signatures)
    if compressed is None:
        return None
    start = _SIGNATURE_BYTES * 8
    length = _bytes(bits, start, 4)
    if length is None:
        return None
    size = int.from_bytes(length, "big") // 8
    if size > MAX_TEXT_BYTES:
        return None
    payload = _bytes(bits, start + 32, size)
    if payload is None:
        return None
    if compressed:
        inflater = zlib.decompressobj(wbits=31)  # gzip
        payload = inflater.decompress(payload, MAX_TEXT_BYTES)
    return payload.decode("utf-8", errors="replace").strip() or None


def carries_signature(image: Image.Image) -> tuple[bool, bool]:
    """(alpha bits carry a signature, colour bits carry one)."""
    in_alpha = image.mode in ("RGBA", "LA") and _signature(_alpha_bits(image), _ALPHA) is not None
    in_rgb = image.mode in ("RGB", "RGBA") and _signature(_rgb_bits(image), _RGB) is not None
    return in_alpha, in_rgb


def cleared(image: Image.Image, in_alpha: bool, in_rgb: bool) -> Image.Image:
    """The image with the hiding bits made constant. Alpha bits are set, not cleared, so
    an opaque image stays opaque; an alpha channel then fully opaque is dropped."""
    bands = list(image.split())
    has_alpha = image.mode in ("RGBA", "LA")
    if in_rgb:
        colour = bands[:-1] if has_alpha else bands
        colour = [band.point(lambda v: v & 0xFE) for band in colour]
        bands = [*colour, bands[-1]] if has_alpha else colour
    if in_alpha and has_alpha:
        alpha = bands[-1].point(lambda v: v | 1)
        if alpha.getextrema() == (255, 255):
            return Image.merge(image.mode[:-1], bands[:-1])
        bands[-1] = alpha
    return Image.merge(image.mode, bands)

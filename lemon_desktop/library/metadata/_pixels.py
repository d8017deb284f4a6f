"""Metadata that lives in the pixels: the real size written into Size, and the
stealth bits a privacy export must clear."""

from __future__ import annotations

import io
import warnings

from PIL import Image

from ..errors import NotAnImage
from ..probe import image_size
from . import _png, _stealth

# Chunks that describe the pixel encoding: they come from the re-encoded image.
_ENCODING_CHUNKS = {b"IHDR", b"PLTE", b"tRNS", b"bKGD", b"sBIT", b"hIST", b"IDAT", b"IEND"}


def pixel_size(data: bytes, fmt: str) -> tuple[int, int] | None:
    try:
        return image_size(data, fmt)
    except NotAnImage:
        return None


def strip_hidden(data: bytes, fmt: str) -> bytes:
    """`data` with A1111 stealth bits cleared; the same bytes when it has none."""
    if fmt not in ("png", "webp"):
        return data  # JPEG is lossy: nothing survives in its low bits
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(io.BytesIO(data)) as image:
                if fmt == "webp" and not _lossless_webp(data):
                    return data
                image.load()
                in_alpha, in_rgb = _stealth.carries_signature(image)
                if not (in_alpha or in_rgb):
                    return data
                clean = _stealth.cleared(image, in_alpha, in_rgb)
                icc = image.info.get("icc_profile")
                exif = image.info.get("exif")  # what the container strip kept: orientation
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            return data
    if fmt == "png":
        return _png_with_pixels_of(data, _encode(clean, "PNG", icc))
    extra: dict[str, object] = {"exif": exif} if exif else {}
    return _encode(clean, "WEBP", icc, lossless=True, exact=True, **extra)


def _lossless_webp(data: bytes) -> bool:
    return b"VP8L" in data[12:64]


def _encode(image: Image.Image, fmt: str, icc: bytes | None, **options: object) -> bytes:
    buffer = io.BytesIO()
    if icc:
        options["icc_profile"] = icc
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _png_with_pixels_of(original: bytes, encoded: bytes) -> bytes:
    """The original's other chunks (colour profile, gamma, orientation) around the new
    image data, each in its place before or after the image data."""
    old = _png.chunks(original)
    new = _png.chunks(encoded)
    first_idat = next(i for i, c in enumerate(old) if c.type == b"IDAT")
    before = [c.raw for c in old[1:first_idat] if c.type not in _ENCODING_CHUNKS]
    after = [c.raw for c in old[first_idat:] if c.type not in _ENCODING_CHUNKS]
    image = [c.raw for c in new if c.type in (b"PLTE", b"tRNS", b"IDAT")]
    return _png.SIGNATURE + new[0].raw + b"".join(before + image + after) + new[-1].raw

"""What an image file is, from its bytes: format by content, size from the header only."""

from __future__ import annotations

import hashlib
import io
import re
import struct
import warnings
from dataclasses import dataclass

from PIL import Image

from ..imageformat import sniff_image_format
from .errors import NotAnImage

FORMAT_NAMES = "PNG, JPEG or WebP"


@dataclass(frozen=True, slots=True)
class Probe:
    sha256: str
    format: str
    width: int
    height: int
    bytes: int


# JPEG start-of-frame markers (they carry the size); C4, C8 and CC are not frames.
_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[12:16] != b"IHDR" or len(data) < 24:
        return None
    return struct.unpack_from(">II", data, 16)


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos, end = 2, len(data)
    while pos + 9 <= end and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # no length
            pos += 2
            continue
        if marker in _SOF:
            height, width = struct.unpack_from(">HH", data, pos + 5)
            return (width, height) if height else None  # 0: size comes later (DNL)
        if marker in (0xD9, 0xDA):  # end or scan before any frame header
            return None
        pos += 2 + struct.unpack_from(">H", data, pos + 2)[0]
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        return (
            int.from_bytes(data[24:27], "little") + 1,
            int.from_bytes(data[27:30], "little") + 1,
        )
    if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack_from("<HH", data, 26)
        return width & 0x3FFF, height & 0x3FFF
    return None


_HEADER_SIZE = {"png": _png_size, "jpeg": _jpeg_size, "webp": _webp_size}


def image_size(data: bytes, fmt: str | None = None) -> tuple[int, int]:
    """Width and height from the header; pixels are never decoded here.

    The common layouts are read directly (bulk import reads thousands of
    headers a second); anything else goes to Pillow, which is the judge of
    whether an odd or damaged header is an image at all.
    """
    reader = _HEADER_SIZE.get(fmt or "")
    size = reader(data) if reader is not None else None
    if size is not None and size[0] > 0 and size[1] > 0:
        return size
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
        except Image.DecompressionBombError as exc:
            raise NotAnImage("the image is too large to open (too many pixels)") from exc
        except (OSError, ValueError, SyntaxError) as exc:
            raise NotAnImage(_header_problem(fmt, exc)) from exc
    if width <= 0 or height <= 0:
        raise NotAnImage("the image has no pixels")
    return int(width), int(height)


_OBJECT_REPR = re.compile(r"\s*<[^<>]* at 0x[0-9a-fA-F]+>")
_FORMAT_LABEL = {"png": "PNG", "jpeg": "JPEG", "webp": "WebP"}


def _header_problem(fmt: str | None, exc: BaseException) -> str:
    """A sentence for a header Pillow cannot read. Its messages may name Python objects
    ("cannot identify image file <_io.BytesIO object at 0x7f…>"), which the window and
    the CLI once showed as they were; those are left out."""
    label = _FORMAT_LABEL.get(fmt or "", "image")
    detail = _OBJECT_REPR.sub("", str(exc)).strip()
    if not detail or detail == "cannot identify image file":
        return (
            f"the image header cannot be read: it starts like a {label} file but is "
            "damaged or incomplete"
        )
    return f"the image header cannot be read: {detail} (a damaged or incomplete {label} file)"


def probe(data: bytes) -> Probe:
    fmt = sniff_image_format(data[:16])
    if fmt is None:
        raise NotAnImage(f"not a {FORMAT_NAMES} image")
    width, height = image_size(data, fmt)
    return Probe(hashlib.sha256(data).hexdigest(), fmt, width, height, len(data))

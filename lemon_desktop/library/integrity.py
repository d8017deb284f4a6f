"""Whole-image checks: bytes are only stored when they decode completely.

A gateway or CDN can hand back HTML with an image Content-Type, a PNG cut off
before its IEND chunk, or a JPEG that stops half-way. Sniffing the first bytes
accepts all of those; decoding every pixel does not.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image

from ..imageformat import sniff_image_format

_PNG_END = b"IEND\xae\x42\x60\x82"  # the IEND chunk type and its fixed CRC
_JPEG_END = b"\xff\xd9"


class IncompleteImage(ValueError):
    """The bytes are not one whole PNG, JPEG or WebP image; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_whole_image(data: bytes) -> str:
    """The format ("png", "jpeg" or "webp") of `data`, or IncompleteImage."""
    fmt = sniff_image_format(data[:16])
    if fmt is None:
        start = data[:40].decode("ascii", "replace").strip()
        looks_like = " (it looks like HTML)" if start.lower().startswith(("<!doc", "<html")) else ""
        raise IncompleteImage(f"the result is not a PNG, JPEG or WebP image{looks_like}")
    if fmt == "png" and not data.rstrip(b"\0").endswith(_PNG_END):
        raise IncompleteImage("the PNG image is cut off (it never reaches its end chunk)")
    if fmt == "jpeg" and _JPEG_END not in data[-64:]:
        raise IncompleteImage("the JPEG image is cut off (it has no end marker)")
    try:
        with warnings.catch_warnings():
            # A decompression bomb is refused, not decoded.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.verify()  # checksums and structure, without decoding pixels
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # every pixel: a truncated stream raises here
    except Image.DecompressionBombError as exc:
        raise IncompleteImage(f"the image is too large to open safely ({exc})") from exc
    except Image.DecompressionBombWarning as exc:
        raise IncompleteImage(f"the image is too large to open safely ({exc})") from exc
    except Exception as exc:  # Pillow raises many kinds for damaged data
        raise IncompleteImage(f"the {fmt.upper()} image does not decode: {exc}") from exc
    return fmt

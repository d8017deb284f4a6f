"""What an image file is, from its bytes: format by content, size from the header only."""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image

from ..api.download import sniff_image_format
from .errors import NotAnImage

FORMAT_NAMES = "PNG, JPEG or WebP"


@dataclass(frozen=True, slots=True)
class Probe:
    sha256: str
    format: str
    width: int
    height: int
    bytes: int


def image_size(data: bytes) -> tuple[int, int]:
    # Image.open parses the header only; pixels are never decoded here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
            raise NotAnImage(f"the image header cannot be read ({exc})") from exc
    if width <= 0 or height <= 0:
        raise NotAnImage("the image has no pixels")
    return int(width), int(height)


def probe(data: bytes) -> Probe:
    fmt = sniff_image_format(data[:16])
    if fmt is None:
        raise NotAnImage(f"not a {FORMAT_NAMES} image")
    width, height = image_size(data)
    return Probe(hashlib.sha256(data).hexdigest(), fmt, width, height, len(data))

"""Decoding for the stage, off the GUI thread: the picture and smaller copies of it.

A 4096x4096 result is 64 MB of pixels; painting it scaled to a 600-pixel stage would
sample a picture 7 times larger than the screen on every frame. So the worker decodes
it once, in the byte order the raster painter draws without converting, and halves it
until it is small: the stage paints the smallest copy still at least as large as what
the screen shows.

The work is Pillow's, not QImage's: QImage's conversions and scaling hold Python's GIL
while they run (a 4096x4096 `convertToFormat` blocked the GUI thread for 40 ms, and
`QImage.fromData` for 300 ms), where Pillow's decoder, `convert`, `reduce` and
`tobytes` let it go. The QImages only wrap the bytes Pillow made (no copy).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from PySide6.QtGui import QImage

from ...library.safefile import read_regular

# The smallest copy kept: below this a halving saves less than it costs.
SMALLEST_SIDE = 512
# One image at a time, so far bigger than thumbnails; still a bound on a hostile file.
MAX_PIXELS = 256 * 1024 * 1024
# QImage's 32-bit formats are native-endian words: B, G, R, A in memory on little-endian.
_RAW = "BGRA" if sys.byteorder == "little" else "ARGB"


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )


def _wrap(image: Image.Image, alpha: bool) -> QImage:
    """`image` (RGBA) as a QImage over its own bytes; the QImage keeps them alive."""
    raw = image.tobytes("raw", _RAW)
    width, height = image.size
    fmt = QImage.Format.Format_ARGB32 if alpha else QImage.Format.Format_RGB32
    return QImage(raw, width, height, width * 4, fmt)


def _open(data: bytes, name: str) -> tuple[Image.Image, bool]:
    try:
        opened = Image.open(io.BytesIO(data))
        if opened.width * opened.height > MAX_PIXELS:
            raise OSError(f"{name}: {opened.width}x{opened.height} is too large to show")
        opened.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, SyntaxError) as exc:
        raise OSError(f"{name}: {exc}") from exc
    alpha = _has_alpha(opened)
    image: Image.Image = ImageOps.exif_transpose(opened) or opened
    return image.convert("RGBA"), alpha


def halvings(image: Image.Image, alpha: bool, smallest: int = SMALLEST_SIDE) -> list[QImage]:
    """`image` and each half-size copy of it down to `smallest` pixels on the long side."""
    levels = [_wrap(image, alpha)]
    while max(image.size) >= 2 * smallest:
        image = image.reduce(2)
        levels.append(_wrap(image, alpha))
    return levels


def decode_levels(path: Path) -> list[QImage]:
    """Blocking (run it in a worker): the picture at `path` and its halvings. OSError
    with the reason when it cannot be read.

    The bytes are read through safefile, never by path: a file swapped for a FIFO or a
    link to /dev/zero (in a folder imported in place) would block or never end."""
    try:
        data = read_regular(path)
    except OSError as exc:
        raise OSError(f"{path.name} {exc.strerror or exc}") from exc
    return halvings(*_open(data, path.name))


def decode_bytes(data: bytes) -> QImage:
    """A streamed preview (PNG, JPEG or WebP bytes); a null image when unreadable."""
    try:
        image, alpha = _open(data, "preview")
    except OSError:
        return QImage()
    return _wrap(image, alpha)

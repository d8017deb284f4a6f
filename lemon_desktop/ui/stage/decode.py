"""Decoding for the stage, off the GUI thread: the picture and smaller copies of it.

A 4096x4096 result is 64 MB of pixels; painting it scaled to a 600-pixel stage would
sample a picture 7 times larger than the screen on every frame, and converting it for
the screen on the GUI thread would stall the event loop. So the worker converts it once
into the format the raster painter draws fastest, and halves it until it is small: the
stage paints the smallest copy still at least as large as what the screen shows.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from ..gallery.viewer import decode

# The smallest copy kept: below this a halving saves less than it costs.
SMALLEST_SIDE = 512


def screen_ready(image: QImage) -> QImage:
    """`image` in the format the raster painter draws without converting each frame."""
    wanted = (
        QImage.Format.Format_ARGB32_Premultiplied
        if image.hasAlphaChannel()
        else QImage.Format.Format_RGB32
    )
    return image if image.format() == wanted else image.convertToFormat(wanted)


def halvings(image: QImage, smallest: int = SMALLEST_SIDE) -> list[QImage]:
    """`image` and each half-size copy of it down to `smallest` pixels on the long side."""
    levels = [image]
    while max(levels[-1].width(), levels[-1].height()) >= 2 * smallest:
        last = levels[-1]
        levels.append(
            last.scaled(
                max(1, last.width() // 2),
                max(1, last.height() // 2),
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
    return levels


def decode_levels(path: Path) -> list[QImage]:
    """Blocking (run it in a worker): the picture at `path`, screen-ready, and its
    halvings. OSError with the reader's reason when it cannot be read."""
    return halvings(screen_ready(decode(path)))


def decode_bytes(data: bytes) -> QImage:
    """A streamed preview (PNG, JPEG or WebP bytes); a null image when unreadable."""
    image = QImage.fromData(data)
    return screen_ready(image) if not image.isNull() else image

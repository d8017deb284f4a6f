"""One result's picture on the board: decoded once off the GUI thread at a size that
suits the board, then drawn fitted into whatever box the board's layout gives it, so a
resize never decodes again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

# The longest edge decoded for the board: sharp at the largest tile on a 1920 screen.
DECODE_EDGE = 900


def load_preview(path: Path) -> QImage:
    """The image at `path`, at most DECODE_EDGE on its longer side (call in a worker:
    QImage, unlike QPixmap, may be made off the GUI thread)."""
    image = QImage(str(path))
    if image.isNull() or max(image.width(), image.height()) <= DECODE_EDGE:
        return image
    return image.scaled(
        DECODE_EDGE,
        DECODE_EDGE,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


class Picture(QWidget):
    """The image fitted into the box, centred; until it is there, a line of text
    (the job's state) in its place."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.placeholder = ""
        self.dimmed = False  # in the trash: still shown, so the choice can be seen
        self._box = QSize(240, 240)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def set_box(self, size: QSize) -> None:
        if size != self._box:
            self._box = size
            self.setFixedSize(size)
            self.update()

    def sizeHint(self) -> QSize:
        return self._box

    def set_image(self, image: QImage) -> None:
        self.image = image
        self.update()

    def set_placeholder(self, text: str) -> None:
        self.placeholder = text
        self.update()

    def set_dimmed(self, dimmed: bool) -> None:
        if dimmed != self.dimmed:
            self.dimmed = dimmed
            self.update()

    def fitted(self) -> QRect:
        """Where the image is drawn: as large as the box allows, its shape kept."""
        if self.image is None or self.image.isNull():
            return QRect()
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        left = (self.width() - size.width()) // 2
        top = (self.height() - size.height()) // 2
        return QRect(left, top, size.width(), size.height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.AlternateBase))
        if self.image is not None and not self.image.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            if self.dimmed:
                painter.setOpacity(0.35)
            painter.drawImage(self.fitted(), self.image)
        elif self.placeholder:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.rect().adjusted(8, 8, -8, -8),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.placeholder,
            )
        painter.end()

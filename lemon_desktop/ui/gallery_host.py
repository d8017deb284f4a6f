"""Where the window gets the gallery and the viewer from.

PLACEHOLDER NOTICE: the gallery package (ui/gallery/) is written in parallel. When
its GalleryPanel / ImageViewer cannot be imported, the stand-ins below keep the
window usable (same constructor and signals, a plain message instead of images).
Once the package exports both names, the stand-ins are never used.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ..library import Library
    from .thumbnail_loader import ThumbnailLoader

log = logging.getLogger(__name__)


class PlaceholderGallery(QWidget):
    reuse_requested = Signal(dict)
    reuse_offered = Signal(dict)
    open_requested = Signal(int)
    status_message = Signal(str)

    def __init__(
        self, library: Library, thumbnails: ThumbnailLoader, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search prompts…"))
        note = QLabel(self.tr("The gallery is not available in this build."), self)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(note, 1)

    def set_query(self, text: str) -> None:
        self.search.setText(text)

    def select_image(self, image_id: int, **_kwargs: Any) -> bool:
        return False


class PlaceholderViewer(QWidget):
    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.library = library
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.resize(800, 600)
        self.image_id: int | None = None

    def show_image(self, image_id: int, *_args: Any, **_kwargs: Any) -> None:
        from PySide6.QtGui import QPixmap

        self.image_id = image_id
        record = self.library.get(image_id)
        self.setWindowTitle(record.path.name)
        self.label.setPixmap(
            QPixmap(str(record.path)).scaled(
                760,
                560,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.show()
        self.raise_()


def _load() -> tuple[type[Any], type[Any], bool]:
    try:
        from .gallery import GalleryPanel, ImageViewer  # type: ignore[attr-defined]

        return GalleryPanel, ImageViewer, True
    except Exception as exc:  # an unfinished sibling must not stop the window
        log.warning("gallery package not usable yet (%s); trying its modules", exc)
    gallery: type[Any] = PlaceholderGallery
    viewer: type[Any] = PlaceholderViewer
    try:
        from .gallery.panel import GalleryPanel as _Panel

        gallery = _Panel
    except Exception as exc:
        log.warning("gallery panel unavailable, using a placeholder: %s", exc)
    try:
        from .gallery.viewer import ImageViewer as _Viewer  # type: ignore[import-not-found]

        viewer = _Viewer
    except Exception as exc:
        log.warning("image viewer unavailable, using a placeholder: %s", exc)
    return gallery, viewer, False


_LOADED: tuple[type[Any], type[Any], bool] | None = None


def classes() -> tuple[type[Any], type[Any], bool]:
    """(GalleryPanel, ImageViewer, whether both are the real ones), imported on first
    use: the gallery pulls in the library, which the window's first paint does not need."""
    global _LOADED
    if _LOADED is None:
        _LOADED = _load()
    return _LOADED

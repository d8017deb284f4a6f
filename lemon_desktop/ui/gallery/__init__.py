"""The gallery grid and the image viewer (widgets only; storage is lemon_desktop.library).

Main-window wiring, in short::

    panel = GalleryPanel(library, thumbnail_loader)
    viewer = ImageViewer(library)
    panel.open_requested.connect(
        lambda image_id: (viewer.show_image(image_id, panel.neighbour, panel.preview),
                          viewer.show(), viewer.raise_())
    )
    viewer.image_changed.connect(panel.select_image)
    panel.reuse_requested.connect(generate_panel.fill)   # fills, never generates
    viewer.reuse_requested.connect(generate_panel.fill)
    panel.reuse_offered.connect(ask_then_fill)
"""

from __future__ import annotations

from .model import GalleryModel
from .panel import GalleryPanel
from .view import GalleryView, ThumbnailDelegate
from .viewer import ImageViewer

__all__ = ["GalleryModel", "GalleryPanel", "GalleryView", "ImageViewer", "ThumbnailDelegate"]

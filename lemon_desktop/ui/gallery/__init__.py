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

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import GalleryModel
    from .panel import GalleryPanel
    from .view import GalleryView, ThumbnailDelegate
    from .viewer import ImageViewer

__all__ = ["GalleryModel", "GalleryPanel", "GalleryView", "ImageViewer", "ThumbnailDelegate"]

# Imported on first use, not with the package: small modules here (text, dragdrop)
# are used by the left panel, which paints before the library and the grid are needed.
_HOMES = {
    "GalleryModel": ".model",
    "GalleryPanel": ".panel",
    "GalleryView": ".view",
    "ThumbnailDelegate": ".view",
    "ImageViewer": ".viewer",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home, __name__), name)

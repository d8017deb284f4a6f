"""Knowing when the gallery's first page is on screen with its thumbnails.

The window builds everything else (the panels, the stage, the gateway's connection)
only then, so the user's images are the first thing after the window itself; see
`MainWindow.start`.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

if TYPE_CHECKING:
    from .gallery.panel import GalleryPanel
    from .thumbnail_loader import ThumbnailLoader


async def first_page_shown(
    gallery: GalleryPanel, thumbnails: ThumbnailLoader, timeout: float
) -> bool:
    """Wait until `gallery` has painted its first page with every thumbnail in view (an
    empty or hidden gallery counts at once); False when `timeout` seconds came first."""
    watch = _FirstPageWatch(gallery, thumbnails)
    try:
        await asyncio.wait_for(asyncio.shield(watch.shown), timeout)
    except TimeoutError:
        return False
    finally:
        watch.stop()
    return True


class _FirstPageWatch(QObject):
    """Looks after each paint of the grid: the paint is what asks for the thumbnails of
    the rows in view, so once one leaves none outstanding, the page is complete."""

    def __init__(self, gallery: GalleryPanel, thumbnails: ThumbnailLoader) -> None:
        super().__init__(gallery)
        self.shown: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._gallery = gallery
        self._thumbnails = thumbnails
        self._viewport = gallery.view.viewport()
        self._viewport.installEventFilter(self)
        if not self._viewport.isVisible():  # nothing will paint (the window is hidden)
            self._settle()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.shown.done():
            QTimer.singleShot(0, self, self._check)  # after this paint's requests
        return False

    def _check(self) -> None:
        if self.shown.done() or self._gallery.model.loading:  # read in a worker
            return
        if self._thumbnails.pending_count():
            return  # the next paint (with what arrives) looks again
        # Every thumbnail asked for has arrived, but the paint showing the last may only
        # be queued: paint now, and done unless that paint asked for more.
        self._viewport.repaint()
        if not self._thumbnails.pending_count():
            self._settle()

    def _settle(self) -> None:
        if not self.shown.done():
            self.shown.set_result(None)

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):  # the gallery is already gone
            self._viewport.removeEventFilter(self)
        self.deleteLater()

"""Drag out (file URLs offered as a copy) and drop in (import files in a worker)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QUrl, Signal
from PySide6.QtGui import QImage

from lemon_desktop.library import Library, LibraryError, metadata
from lemon_desktop.library.safefile import is_regular, read_regular

from ..tasks import run_in_thread
from .payload import reuse_payload
from .text import plural

log = logging.getLogger(__name__)

# Single-image drags also carry the pixels (for chat apps and editors that ignore
# URLs), but decoding a huge file on the GUI thread at drag start would stall.
_MAX_INLINE_IMAGE_BYTES = 40 * 2**20


def mime_for_files(paths: Sequence[Path], *, with_image: bool = True) -> QMimeData:
    """`text/uri-list` of file URLs, plus the image itself when there is exactly one.

    Only regular files are offered: a file in a folder imported in place may have
    been swapped for a FIFO or a link to /dev/zero, which would freeze the window
    here (the pixels are read at drag start) or the program it is dropped on.
    """
    mime = QMimeData()
    paths = [Path(p) for p in paths if is_regular(p)]
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    if with_image and len(paths) == 1:
        try:
            data = read_regular(paths[0], limit=_MAX_INLINE_IMAGE_BYTES)
        except OSError:
            data = b""
        image = QImage.fromData(data) if data else QImage()
        if not image.isNull():
            mime.setImageData(image)
    return mime


def dropped_files(mime: QMimeData) -> list[Path]:
    """Local regular files among the URLs; the library decides which are images."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.is_file()]


@dataclass
class DropOutcome:
    ids: list[int] = field(default_factory=list)
    offer: dict[str, Any] | None = None
    errors: list[str] = field(default_factory=list)


def import_files(library: Library, paths: Sequence[Path]) -> DropOutcome:
    """Blocking: add each file; the first one with a prompt becomes the reuse offer."""
    outcome = DropOutcome()
    for path in paths:
        try:
            provenance = metadata.read(path)
        except (OSError, ValueError) as exc:  # unreadable metadata must not block the import
            log.info("no metadata read from %s: %s", path, exc)
            provenance = None
        try:
            record = library.add_file(path)
        except LibraryError as exc:
            outcome.errors.append(f"{path.name}: {exc}")
            continue
        outcome.ids.append(record.id)
        if outcome.offer is None and provenance is not None and provenance.prompt:
            outcome.offer = reuse_payload(provenance, image_id=record.id, source=str(path))
    return outcome


class DropImporter(QObject):
    """Imports dropped files off the GUI thread and reports back on it."""

    imported = Signal(list)  # ids added (or already present)
    reuse_offered = Signal(dict)
    status_message = Signal(str)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library

    def import_mime(self, mime: QMimeData) -> bool:
        """Start importing the files in `mime`; False when it holds no local files."""
        paths = dropped_files(mime)
        if not paths:
            return False
        library = self._library
        self.status_message.emit(
            plural(
                len(paths),
                QCoreApplication.translate("Gallery", "Importing %n file…", None, len(paths)),
                QCoreApplication.translate("Gallery", "Importing %n files…", None, len(paths)),
            )
        )
        run_in_thread(
            lambda: import_files(library, paths), self._finished, self._failed, owner=self
        )
        return True

    def _finished(self, outcome: DropOutcome) -> None:
        if outcome.errors:
            self.status_message.emit(
                QCoreApplication.translate("Gallery", "Could not import: %1").replace(
                    "%1", "; ".join(outcome.errors[:3])
                )
            )
        else:
            self.status_message.emit(
                plural(
                    len(outcome.ids),
                    QCoreApplication.translate(
                        "Gallery", "Imported %n image.", None, len(outcome.ids)
                    ),
                    QCoreApplication.translate(
                        "Gallery", "Imported %n images.", None, len(outcome.ids)
                    ),
                )
            )
        self.imported.emit(outcome.ids)
        if outcome.offer is not None:
            self.reuse_offered.emit(outcome.offer)

    def _failed(self, exc: Exception) -> None:
        self.status_message.emit(str(exc))

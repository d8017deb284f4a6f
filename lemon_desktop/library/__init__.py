"""The local image library: content-addressed files plus a SQLite index.

Start with `Library.open(root)`; the search syntax is documented in `query`.
"""

from __future__ import annotations

from .errors import ImageNotFound, IndexDamaged, LibraryError, NotAnImage, QueryError
from .library import Library, default_root
from .records import (
    Album,
    Cursor,
    GalleryRow,
    ImageRecord,
    ImportReport,
    Page,
    Stats,
    VerifyReport,
)

__all__ = [
    "Album",
    "Cursor",
    "GalleryRow",
    "ImageNotFound",
    "ImageRecord",
    "ImportReport",
    "IndexDamaged",
    "Library",
    "LibraryError",
    "NotAnImage",
    "Page",
    "QueryError",
    "Stats",
    "VerifyReport",
    "default_root",
]

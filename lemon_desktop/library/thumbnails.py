"""Where thumbnails are cached on disk, by content hash: no decoding, no Qt.

Layout: ``cache_dir/<size>/<sha[:2]>/<sha>.jpg`` for opaque images, ``.png`` for
images with alpha. Decoding and drawing live with the window
(`lemon_desktop.ui.thumbnail_loader`); the library only knows the files, so it can
forget an image's thumbnails without loading a GUI toolkit.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

MAX_SIZE = 4096
_SHA = re.compile(r"[0-9a-f]{16,128}")


class ThumbnailFiles:
    """The cache folder: one file per content hash and size, replaced atomically."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = Path(cache_dir)

    def path(self, sha256: str, size: int, alpha: bool) -> Path:
        """The file for this hash, size and kind; ValueError for a malformed key."""
        key = sha256.lower()
        if not _SHA.fullmatch(key):
            raise ValueError(f"not a hex content hash: {sha256!r}")
        if not 0 < size <= MAX_SIZE:
            raise ValueError(f"thumbnail size must be 1..{MAX_SIZE}, not {size}")
        return self.cache_dir / str(size) / key[:2] / f"{key}.{'png' if alpha else 'jpg'}"

    def cached_path(self, sha256: str, size: int) -> Path:
        """The cache file for this hash and size: the existing one, else where an opaque
        thumbnail would go (images with alpha are cached as .png)."""
        opaque = self.path(sha256, size, alpha=False)
        if opaque.exists():
            return opaque
        with_alpha = self.path(sha256, size, alpha=True)
        return with_alpha if with_alpha.exists() else opaque

    def evict(self, sha256: str) -> None:
        """Forget every size of this image (the source was deleted or changed)."""
        if not self.cache_dir.is_dir():
            return
        for folder in self.cache_dir.iterdir():
            if folder.name.isdigit():
                for alpha in (False, True):
                    with contextlib.suppress(OSError, ValueError):
                        self.path(sha256, int(folder.name), alpha).unlink(missing_ok=True)

    @staticmethod
    def publish(path: Path, write: Callable[[str], None]) -> None:
        """Let `write` fill a private temporary file, then rename it to `path`.

        Rename is atomic: a reader sees the old state or the whole new file, never a
        torn one. `write` raises OSError when it cannot write.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".thumb-", dir=path.parent)
        os.close(fd)
        try:
            write(temp)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

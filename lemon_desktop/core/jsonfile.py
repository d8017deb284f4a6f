"""Small JSON files in the home folder: read leniently, written atomically.

A half-written file after a crash would lose every preset or remembered setting, so each
write goes to a temporary file in the same folder and replaces the old one in one step.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def read_json(path: Path) -> Any:
    """The file's value, or None when it is missing or unreadable (logged, never raised:
    a damaged file must not keep the window from starting)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable %s: %s", path.name, exc)
        return None


def write_json(path: Path, value: Any) -> bool:
    """Write `value` atomically; False (logged) when the disk refuses."""
    temp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(value, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
        return True
    except OSError as exc:
        log.warning("could not save %s: %s", path.name, exc)
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        return False

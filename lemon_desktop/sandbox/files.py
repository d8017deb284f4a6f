"""Uploaded files (``/v1/files``): bytes kept in memory, each bound to the image-edit
model it was uploaded for, with an expiry after which it is gone as if deleted."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

DEFAULT_FILE_MODEL = "gpt-image-2"  # the spec: "Defaults to gpt-image-2"


@dataclass(frozen=True)
class StoredFile:
    id: str
    data: bytes
    filename: str
    purpose: str
    model: str
    created_at: int
    expires_at: int | None

    def expired(self, now: float) -> bool:
        return self.expires_at is not None and now >= self.expires_at

    def as_json(self) -> dict[str, Any]:
        # Image files may omit "status" (the spec); "model" is a sandbox extra that says
        # which edit configuration the id is bound to.
        return {
            "id": self.id,
            "object": "file",
            "bytes": len(self.data),
            "created_at": self.created_at,
            "filename": self.filename,
            "purpose": self.purpose,
            "expires_at": self.expires_at,
            "model": self.model,
        }


class FileStore:
    def __init__(self, max_files: int = 500) -> None:
        self._files: OrderedDict[str, StoredFile] = OrderedDict()
        self._lock = threading.Lock()
        self._max = max_files

    def add(
        self, data: bytes, filename: str, purpose: str, model: str, ttl: float | None
    ) -> StoredFile:
        now = time.time()
        stored = StoredFile(
            id="file-" + secrets.token_hex(12),
            data=data,
            filename=filename,
            purpose=purpose,
            model=model,
            created_at=int(now),
            # Whole seconds, rounded up, so a file never expires before its expires_at.
            expires_at=None if ttl is None else int(now + ttl + 0.999),
        )
        with self._lock:
            self._files[stored.id] = stored
            while len(self._files) > self._max:
                self._files.popitem(last=False)
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        with self._lock:
            stored = self._files.get(file_id)
            if stored is not None and stored.expired(time.time()):
                del self._files[file_id]
                return None
            return stored

    def delete(self, file_id: str) -> bool:
        with self._lock:
            return self._files.pop(file_id, None) is not None

    def expire_now(self, file_id: str) -> bool:
        """Make a file expire at once (admin route), for tests of re-uploading."""
        with self._lock:
            stored = self._files.get(file_id)
            if stored is None:
                return False
            self._files[file_id] = StoredFile(
                stored.id,
                stored.data,
                stored.filename,
                stored.purpose,
                stored.model,
                stored.created_at,
                int(time.time()) - 1,
            )
            return True

    def listing(self, purpose: str | None) -> list[StoredFile]:
        now = time.time()
        with self._lock:
            for file_id in [k for k, v in self._files.items() if v.expired(now)]:
                del self._files[file_id]
            found = [f for f in self._files.values() if purpose is None or f.purpose == purpose]
        return list(reversed(found))  # newest first, as OpenAI lists files

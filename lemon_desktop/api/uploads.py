"""`/v1/files`: image references uploaded once and used by id in later edits.

A file id is bound to the edit model it was uploaded for and may expire (the gateway
says when in `expires_at`; retention is not documented). So an id is remembered per
(sha256, model, gateway) with its expiry in a `FileIdCache`: a reference used again is
not uploaded again, an expired id is uploaded anew. The api layer keeps the cache in
memory (`MemoryFileIdCache`); the job layer gives one that persists.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from ._convert import to_int, to_str
from .client import LemonClient
from .errors import MalformedResponseError, NotFoundError
from .multipart import FilePart, content_type_of, post_multipart

FilePurpose = Literal["user_data", "vision", "batch"]
# "Defaults to gpt-image-2 and binds the returned file_id to the selected image-edit
# configuration": always sent, so the binding is the one the edit will use.
DEFAULT_FILE_MODEL = "gpt-image-2"
# An id this close to its expiry is uploaded again rather than risked in a request.
EXPIRY_MARGIN_SECONDS = 120.0


@dataclass(frozen=True)
class FileKey:
    sha256: str
    model: str
    gateway: str  # the client's base URL: ids of one gateway mean nothing to another


@dataclass(frozen=True)
class RememberedFile:
    file_id: str
    expires_at: float | None = None  # Unix seconds; None when the gateway gave none
    uploaded_at: float = 0.0

    def usable(self, now: float | None = None, margin: float = EXPIRY_MARGIN_SECONDS) -> bool:
        moment = time.time() if now is None else now
        return self.expires_at is None or moment + margin < self.expires_at


class FileIdCache(Protocol):
    """Where uploaded file ids are remembered. Called from the event loop: keep it quick."""

    def get(self, key: FileKey) -> RememberedFile | None: ...

    def put(self, key: FileKey, file: RememberedFile) -> None: ...

    def forget(self, key: FileKey) -> None: ...


class MemoryFileIdCache:
    """The default: ids live as long as the process."""

    def __init__(self) -> None:
        self._ids: dict[FileKey, RememberedFile] = {}
        self._lock = threading.Lock()

    def get(self, key: FileKey) -> RememberedFile | None:
        with self._lock:
            return self._ids.get(key)

    def put(self, key: FileKey, file: RememberedFile) -> None:
        with self._lock:
            self._ids[key] = file

    def forget(self, key: FileKey) -> None:
        with self._lock:
            self._ids.pop(key, None)


@dataclass(frozen=True)
class UploadedFile:
    id: str
    bytes: int | None = None
    created_at: int | None = None
    filename: str | None = None
    purpose: str | None = None
    status: str | None = None
    expires_at: int | None = None

    @classmethod
    def parse(cls, data: Any) -> UploadedFile:
        # The answer's id is `id` (there is no `file_id` field).
        file_id = to_str(data.get("id")) if isinstance(data, dict) else None
        if not file_id:
            raise MalformedResponseError("The file answer has no id.")
        assert isinstance(data, dict)
        return cls(
            id=file_id,
            bytes=to_int(data.get("bytes")),
            created_at=to_int(data.get("created_at")),
            filename=to_str(data.get("filename")),
            purpose=to_str(data.get("purpose")),
            status=to_str(data.get("status")),
            expires_at=to_int(data.get("expires_at")),
        )


@dataclass(frozen=True)
class FileList:
    files: tuple[UploadedFile, ...]
    has_more: bool = False
    last_id: str | None = None


async def upload_file(
    client: LemonClient,
    path: Path,
    *,
    model: str = DEFAULT_FILE_MODEL,
    purpose: FilePurpose = "user_data",
    fmt: str = "png",
    sha256: str | None = None,
    label: str = "",
) -> UploadedFile:
    """POST /v1/files, the file streamed from disk (and checked against `sha256`)."""
    part = FilePart(
        "file", path, path.name, content_type_of(fmt), sha256=sha256, label=label or path.name
    )
    data = await post_multipart(client, "/v1/files", {"purpose": purpose, "model": model}, [part])
    return UploadedFile.parse(data)


async def get_file(client: LemonClient, file_id: str) -> UploadedFile:
    return UploadedFile.parse(
        await client.call_json("GET", f"/v1/files/{file_id}", idempotent=True)
    )


async def delete_file(client: LemonClient, file_id: str) -> bool:
    """True when the gateway deleted it; False when it no longer knew it."""
    try:
        data = await client.call_json("DELETE", f"/v1/files/{file_id}", idempotent=True)
    except NotFoundError:
        return False
    return isinstance(data, dict) and data.get("deleted") is True


async def list_files(
    client: LemonClient,
    *,
    purpose: FilePurpose | None = None,
    limit: int = 20,
    after: str | None = None,
) -> FileList:
    params = {"limit": str(limit)}
    if purpose:
        params["purpose"] = purpose
    if after:
        params["after"] = after
    data = await client.call_json("GET", "/v1/files", params=params, idempotent=True)
    entries = data.get("data") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise MalformedResponseError("The file list has no `data` array.")
    files = tuple(UploadedFile.parse(entry) for entry in entries if isinstance(entry, dict))
    assert isinstance(data, dict)
    return FileList(
        files, has_more=data.get("has_more") is True, last_id=to_str(data.get("last_id"))
    )


def file_key(client: LemonClient, sha256: str, model: str) -> FileKey:
    return FileKey(sha256=sha256.lower(), model=model, gateway=client.base_url)


async def file_id_for(
    client: LemonClient,
    cache: FileIdCache,
    path: Path,
    sha256: str,
    model: str,
    *,
    fmt: str = "png",
    label: str = "",
    verify: bool = True,
) -> tuple[str, bool]:
    """The id of `sha256`'s bytes for `model` on this gateway: remembered, or `path`
    uploaded now (checked against `sha256` while it streams, when `verify`; a converted
    copy has a hash of its own).

    Returns (file id, whether it was uploaded by this call).
    """
    key = file_key(client, sha256, model)
    remembered = cache.get(key)
    if remembered is not None and remembered.usable():
        return remembered.file_id, False
    uploaded = await upload_file(
        client,
        path,
        model=model,
        fmt=fmt,
        sha256=sha256 if verify else None,
        label=label or path.name,
    )
    cache.put(
        key,
        RememberedFile(
            uploaded.id,
            expires_at=float(uploaded.expires_at) if uploaded.expires_at is not None else None,
            uploaded_at=time.time(),
        ),
    )
    return uploaded.id, True

"""Multipart bodies streamed from disk, and the one call that sends them.

httpx2 renders a multipart body from open file objects 64 KiB at a time, so sixteen
50 MB images never sit in memory together. Each file is read through `VerifiedFile`,
which hashes what is sent: if the file no longer has the hash the request was
recorded with (it changed on disk after validation), the body is broken off before its
end, so the gateway never receives a complete request made of other bytes than the
ones the job names.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from .client import LemonClient
from .decoding import MAX_CREATE_BYTES, read_limited
from .errors import LemonError


class InputChangedError(LemonError):
    """An input file's bytes are not the ones the request names."""

    def __init__(self, label: str, expected: str, found: str) -> None:
        super().__init__(
            f"{label} changed on disk after it was checked (sha256 {found[:12]}…, expected "
            f"{expected[:12]}…); the request was broken off before it was complete, so "
            "nothing was created. Check the file and send the request again."
        )
        self.label = label


class VerifiedFile(io.RawIOBase):
    """A file read for upload that checks, at its end, the sha256 it must have."""

    def __init__(self, path: Path, sha256: str | None, label: str) -> None:
        super().__init__()
        self._file = open(path, "rb")  # noqa: SIM115 - closed with this object
        self._expected = sha256.lower() if sha256 else None
        self._label = label
        self._hash = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def fileno(self) -> int:
        # httpx2 sizes the body from it (fstat), so a Content-Length is sent.
        return self._file.fileno()

    def tell(self) -> int:
        return self._file.tell()

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        position = self._file.seek(offset, whence)
        if position == 0:
            self._hash = hashlib.sha256()  # a retry sends the file again from the start
        return position

    def read(self, size: int = -1) -> bytes:
        chunk = self._file.read(size)
        if chunk:
            self._hash.update(chunk)
        elif self._expected is not None and size != 0:
            found = self._hash.hexdigest()
            if found != self._expected:
                raise InputChangedError(self._label, self._expected, found)
        return chunk

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._file.close()
        super().close()


@dataclass(frozen=True)
class FilePart:
    """One file of a multipart body: the form field, the file on disk, what it is."""

    field: str
    path: Path
    filename: str
    content_type: str
    sha256: str | None = None
    label: str = ""


@contextlib.contextmanager
def open_parts(parts: Sequence[FilePart]) -> Iterator[list[tuple[str, Any]]]:
    """The parts as httpx2 `files=` entries, each an open, verified file; all closed after."""
    opened: list[VerifiedFile] = []
    try:
        entries: list[tuple[str, Any]] = []
        for part in parts:
            reader = VerifiedFile(part.path, part.sha256, part.label or part.filename)
            opened.append(reader)
            entries.append(
                (part.field, (part.filename, cast(IO[bytes], reader), part.content_type))
            )
        yield entries
    finally:
        for reader in opened:
            reader.close()


def form_value(value: Any) -> str:
    """A multipart field's text: JSON's spelling for booleans, lists as commas."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


async def post_multipart(
    client: LemonClient,
    path: str,
    fields: Mapping[str, Any],
    parts: Sequence[FilePart],
    *,
    idempotent: bool = False,
    limit: int = MAX_CREATE_BYTES,
) -> Any:
    """POST a multipart body streamed from disk under the retry policy; the decoded answer."""
    url = client.endpoint.url(path)
    data = {name: form_value(value) for name, value in fields.items() if value is not None}
    with open_parts(parts) as files:

        async def attempt() -> Any:
            http = client.pool_for(url)
            request = http.build_request(
                "POST", url, data=data, files=files, headers=client.headers_for(url)
            )
            response = await http.send(request, stream=True)
            try:
                if not response.is_success:
                    raise await client.error_for(response)
                content = await read_limited(response, limit)
            finally:
                await response.aclose()
            return client.decode(content, response.status_code)

        return await client.with_retries(attempt, idempotent=idempotent)


def content_type_of(fmt: str) -> str:
    return {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}.get(
        fmt, "application/octet-stream"
    )

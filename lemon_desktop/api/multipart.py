"""Multipart bodies streamed from disk, and the one call that sends them.

httpx2 renders a multipart body from open file objects 64 KiB at a time, so sixteen
50 MB images never sit in memory together. Each file is read through `VerifiedFile`,
which hashes what is sent: if the file no longer has the hash the request was
recorded with (it changed on disk after validation), the body is broken off before its
end, so the gateway never receives a complete request made of other bytes than the
ones the job names. The hashing runs on a thread of its own (hashlib lets go of the GIL
for large chunks), so it takes another core's time, not the sending's.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import mmap
import os
import threading
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


class _FileHash:
    """The SHA-256 of an open file, computed on a thread of its own from a memory map:
    hashlib lets go of the GIL for the whole buffer and a map is no Python allocation, so
    the hash costs another core's time and no memory while the body is being sent."""

    def __init__(self, fileno: int) -> None:
        self._fileno = fileno
        self._digest = ""
        self._error: OSError | None = None
        self._thread = threading.Thread(target=self._work, name="input-hash", daemon=True)
        self._thread.start()

    def _work(self) -> None:
        try:
            if os.fstat(self._fileno).st_size == 0:
                self._digest = hashlib.sha256().hexdigest()
                return
            with mmap.mmap(self._fileno, 0, access=mmap.ACCESS_READ) as mapped:
                self._digest = hashlib.sha256(mapped).hexdigest()
        except OSError as exc:
            self._error = exc

    def wait(self) -> None:
        self._thread.join()

    def hexdigest(self) -> str:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._digest


Stamp = tuple[int, int, int, int, int]


def _stamp(fileno: int) -> Stamp:
    info = os.fstat(fileno)
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


# Files whose hash was checked in this process, by their stamp: any write to a file
# changes its ctime (which no program can set back), so a file with the same stamp
# still has the bytes that were hashed and need not be hashed again.
_VERIFIED: dict[Stamp, str] = {}
_VERIFIED_LIMIT = 4096


def forget_verified() -> None:
    """Hash every file again on its next use (benchmarks measure the first use so)."""
    _VERIFIED.clear()


class VerifiedFile(io.RawIOBase):
    """A file read for upload that checks, at its end, the sha256 it must have.

    The hash is of the file's bytes while it is sent, and the file must not change in
    the meantime (size, mtime and ctime the same at the end as at the start): together
    that says the bytes sent are the bytes hashed. A file already hashed in this process
    with the same stamp is not hashed again.
    """

    def __init__(self, path: Path, sha256: str | None, label: str) -> None:
        super().__init__()
        self._file = open(path, "rb")  # noqa: SIM115 - closed with this object
        self._expected = sha256.lower() if sha256 else None
        self._label = label
        self._hash: _FileHash | None = None
        self._stamp = _stamp(self._file.fileno())
        self._known = self._expected is not None and _VERIFIED.get(self._stamp) == self._expected

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
        return self._file.seek(offset, whence)

    def read(self, size: int = -1) -> bytes:
        if self._expected is not None and not self._known and self._hash is None:
            self._hash = _FileHash(self._file.fileno())
        chunk = self._file.read(size)
        if not chunk and size != 0 and self._expected is not None:
            self._check_end(self._expected)
        return chunk

    def _check_end(self, expected: str) -> None:
        found = self._hash.hexdigest() if self._hash is not None else expected
        if found != expected or _stamp(self._file.fileno()) != self._stamp:
            _VERIFIED.pop(self._stamp, None)
            raise InputChangedError(self._label, expected, found)
        if len(_VERIFIED) >= _VERIFIED_LIMIT:
            _VERIFIED.clear()
        _VERIFIED[self._stamp] = expected

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if self._hash is not None:
            self._hash.wait()  # the map must be gone before the file is closed
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

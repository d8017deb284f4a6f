"""Fetch result images to disk intact: streamed, capped, checked, renamed.

Gateway URLs may expire, so results are fetched the moment they exist. A file
only appears under its final name once every byte is on disk and the bytes
are really a PNG, JPEG or WebP image.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import httpx2

from ..imageformat import sniff_image_format
from .client import LemonClient
from .errors import APIConnectionError, APIStatusError, DownloadError
from .types import GeneratedImage

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
_CHUNK = 256 * 1024


_EXTENSIONS = {"png": ".png", "jpeg": ".jpg", "webp": ".webp"}


@dataclass(frozen=True)
class DownloadedImage:
    path: Path
    sha256: str
    size: int
    format: str
    source_url: str | None = None


class _Sink:
    """A temporary file in the destination folder that hashes what it is given."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.hash = hashlib.sha256()
        self.size = 0
        self.head = b""
        fd, name = tempfile.mkstemp(prefix=".partial-", dir=folder)
        self.temp = Path(name)
        self.file: BinaryIO = os.fdopen(fd, "wb")

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.max_bytes:
            raise DownloadError(
                f"The image is larger than the {self.max_bytes // (1024 * 1024)} MB limit; "
                "it was not saved."
            )
        if len(self.head) < 16:
            self.head = (self.head + chunk)[:16]
        self.hash.update(chunk)
        self.file.write(chunk)

    def commit(self, source_url: str | None) -> DownloadedImage:
        fmt = sniff_image_format(self.head)
        if fmt is None:
            raise DownloadError(
                "The downloaded file is not a PNG, JPEG or WebP image; it was not saved."
            )
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        digest = self.hash.hexdigest()
        final = self.folder / f"{digest}{_EXTENSIONS[fmt]}"
        os.replace(self.temp, final)
        _fsync_dir(self.folder)
        return DownloadedImage(final, digest, self.size, fmt, source_url)

    def discard(self) -> None:
        self.file.close()
        with contextlib.suppress(FileNotFoundError):
            self.temp.unlink()


def _fsync_dir(folder: Path) -> None:
    # The rename is only durable once the directory entry is on disk too.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


async def save_image(
    client: LemonClient,
    image: GeneratedImage,
    folder: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> DownloadedImage:
    """Store one result, from its base64 data or by downloading its URL."""
    folder.mkdir(parents=True, exist_ok=True)
    if image.b64_json:
        return _save_base64(image.b64_json, folder, max_bytes)
    if not image.url:
        raise DownloadError("The result has neither an image URL nor image data.")
    url = client.endpoint.url(image.url)
    if url.scheme not in ("http", "https"):
        raise DownloadError(f"The image URL {image.url!r} is not an http(s) URL.")

    async def attempt() -> DownloadedImage:
        sink = _Sink(folder, max_bytes)
        try:
            async with client.stream(url) as response:
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise DownloadError(
                        f"The image is {int(declared):,} bytes, over the "
                        f"{max_bytes:,}-byte limit; it was not saved."
                    )
                async for chunk in response.aiter_bytes(_CHUNK):
                    sink.write(chunk)
                received = response.num_bytes_downloaded
                if declared and declared.isdigit() and received != int(declared):
                    # Some servers close early without a protocol error; a short
                    # body is a broken download either way, and worth a retry.
                    raise httpx2.RemoteProtocolError("the download ended early")
            # fsync can take tens of milliseconds: keep it off the event loop.
            return await asyncio.to_thread(sink.commit, image.url)
        except BaseException:
            sink.discard()
            raise

    try:
        return await client.with_retries(attempt, idempotent=True)
    except (APIConnectionError, APIStatusError) as exc:
        raise DownloadError(
            f"Could not download the image from {url.host}: {exc.user_message}"
        ) from exc


def _save_base64(data: str, folder: Path, max_bytes: int) -> DownloadedImage:
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise DownloadError("The image data from the gateway is not valid base64.") from exc
    sink = _Sink(folder, max_bytes)
    try:
        sink.write(raw)
        return sink.commit(None)
    except BaseException:
        sink.discard()
        raise

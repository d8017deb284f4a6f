"""Fetch result images intact: streamed, capped, checked.

Gateway URLs may expire, so results are fetched the moment they exist. `fetch_image`
hands the bytes to the caller (the job queue, which stores them in the library with
their provenance embedded: one write, one hash, there); `save_image` writes them to a
folder, where a file only appears under its final name once every byte is on disk and
the bytes are really a PNG, JPEG or WebP image.

A result URL comes from the gateway, so it is checked before it is fetched: https
only (http only on loopback), never `file:`, `data:` or another scheme, and never a
loopback, private or link-local address unless the API itself runs on loopback (the
sandbox), so that a hostile answer cannot point the app at the user's own network.
Inline `b64_json` data is held to the same size cap as a download.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import hashlib
import ipaddress
import os
import socket
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

import httpx2

from ..imageformat import sniff_image_format
from .client import LemonClient
from .endpoint import is_loopback_host
from .errors import APIConnectionError, APIStatusError, DownloadError
from .types import GeneratedImage

T = TypeVar("T")
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
_CHUNK = 256 * 1024


_EXTENSIONS = {"png": ".png", "jpeg": ".jpg", "webp": ".webp"}


@dataclass(frozen=True)
class FetchedImage:
    """A result's bytes in memory (never more than the cap), not yet stored anywhere."""

    data: bytes
    format: str
    source_url: str | None = None


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


async def _stream_body(
    client: LemonClient, url: httpx2.URL, write: Callable[[bytes], None], max_bytes: int
) -> None:
    """Hand every chunk of the image at `url` to `write`; a body over `max_bytes`
    (declared or received) is refused, a short one raised as a broken download."""
    async with client.stream(url) as response:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise DownloadError(
                f"The image is {int(declared):,} bytes, over the "
                f"{max_bytes:,}-byte limit; it was not saved."
            )
        async for chunk in response.aiter_bytes(_CHUNK):
            write(chunk)
        received = response.num_bytes_downloaded
        if declared and declared.isdigit() and received != int(declared):
            # Some servers close early without a protocol error; a short
            # body is a broken download either way, and worth a retry.
            raise httpx2.RemoteProtocolError("the download ended early")


async def _download(client: LemonClient, url: httpx2.URL, attempt: Callable[[], Awaitable[T]]) -> T:
    try:
        return await client.with_retries(attempt, idempotent=True)
    except (APIConnectionError, APIStatusError) as exc:
        raise DownloadError(
            f"Could not download the image from {url.host}: {exc.user_message}"
        ) from exc


class _Chunks:
    """Received bytes held in memory, counted against the cap as they arrive."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.max_bytes:
            raise DownloadError(
                f"The image is larger than the {self.max_bytes // (1024 * 1024)} MB limit; "
                "it was not saved."
            )
        self.parts.append(chunk)


async def fetch_image(
    client: LemonClient, image: GeneratedImage, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> FetchedImage:
    """One result's bytes, from its base64 data or by downloading its URL, never written
    anywhere: the caller stores them once, in their final form."""
    if image.b64_json:
        data = decode_base64_image(image.b64_json, max_bytes)
        return FetchedImage(data, _format_of(data), None)
    if not image.url:
        raise DownloadError("The result has neither an image URL nor image data.")
    url = await result_url(client, image.url)

    async def attempt() -> FetchedImage:
        chunks = _Chunks(max_bytes)
        await _stream_body(client, url, chunks.write, max_bytes)
        # Joining tens of megabytes takes milliseconds: keep it off the event loop.
        data = await asyncio.to_thread(b"".join, chunks.parts)
        return FetchedImage(data, _format_of(data), image.url)

    return await _download(client, url, attempt)


def _format_of(data: bytes) -> str:
    fmt = sniff_image_format(data[:16])
    if fmt is None:
        raise DownloadError(
            "The downloaded file is not a PNG, JPEG or WebP image; it was not saved."
        )
    return fmt


async def save_image(
    client: LemonClient,
    image: GeneratedImage,
    folder: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> DownloadedImage:
    """Store one result in `folder`, from its base64 data or by downloading its URL."""
    folder.mkdir(parents=True, exist_ok=True)
    if image.b64_json:
        return _save_base64(image.b64_json, folder, max_bytes)
    if not image.url:
        raise DownloadError("The result has neither an image URL nor image data.")
    url = await result_url(client, image.url)

    async def attempt() -> DownloadedImage:
        sink = _Sink(folder, max_bytes)
        try:
            await _stream_body(client, url, sink.write, max_bytes)
            # fsync can take tens of milliseconds: keep it off the event loop.
            return await asyncio.to_thread(sink.commit, image.url)
        except BaseException:
            sink.discard()
            raise

    return await _download(client, url, attempt)


def decode_base64_image(data: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of an inline (`b64_json`) result, refused before decoding when the
    encoded text alone shows it is over `max_bytes` (the download cap)."""
    if not isinstance(data, str):
        raise DownloadError("The image data from the gateway is not base64 text.")
    encoded_limit = 4 * ((max_bytes + 2) // 3)
    if len(data) > encoded_limit:
        raise DownloadError(
            f"The inline image is larger than the {max_bytes // (1024 * 1024)} MB limit "
            f"({len(data) * 3 // 4:,} bytes); it was not saved."
        )
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise DownloadError("The image data from the gateway is not valid base64.") from exc


def _save_base64(data: str, folder: Path, max_bytes: int) -> DownloadedImage:
    raw = decode_base64_image(data, max_bytes)
    sink = _Sink(folder, max_bytes)
    try:
        sink.write(raw)
        return sink.commit(None)
    except BaseException:
        sink.discard()
        raise


# ----- where a result may be fetched from ------------------------------------------


async def result_url(client: LemonClient, raw: str) -> httpx2.URL:
    """The URL to fetch a result from, or DownloadError saying why it is refused."""
    shown = client.redact(raw if len(raw) <= 200 else raw[:200] + "…")
    try:
        parsed = httpx2.URL(raw.strip())
    except (httpx2.InvalidURL, TypeError, ValueError) as exc:
        raise DownloadError(f"The image URL {shown!r} is not a valid URL.") from exc
    if parsed.scheme and parsed.scheme not in ("http", "https"):
        raise DownloadError(
            f"The gateway gave a {parsed.scheme}: URL for the image ({shown!r}); only https "
            "URLs are downloaded, so the result was refused. Report this to the gateway's "
            "operator."
        )
    if not parsed.scheme and parsed.host:  # //host/path takes the API's scheme
        url = parsed.copy_with(scheme=client.endpoint.root.scheme)
    else:
        url = client.endpoint.url(raw.strip())
    if client.endpoint.same_origin(url):
        return url  # the API itself, as configured by the user
    api_on_loopback = client.endpoint.is_loopback
    if url.scheme == "http" and not (api_on_loopback and is_loopback_host(url.host)):
        raise DownloadError(
            f"The image URL {shown!r} uses plain http; results are downloaded over https "
            "only (http only from loopback with a loopback gateway), so it was refused."
        )
    if not url.host:
        raise DownloadError(f"The image URL {shown!r} has no host.")
    if not api_on_loopback:
        for address in await _addresses(url):
            if not _is_public(address):
                raise DownloadError(
                    f"The image URL {shown!r} points at {address} (a loopback, private or "
                    "link-local address); results are only fetched from public addresses, "
                    "so it was refused."
                )
    return url


async def _addresses(url: httpx2.URL) -> list[str]:
    """The host's IP addresses: the literal itself, or what it resolves to (if it does)."""
    host = url.host.strip("[]")
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    if host.lower().rstrip(".") == "localhost" or host.lower().endswith(".localhost"):
        return ["127.0.0.1"]
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            host, url.port or 443, type=socket.SOCK_STREAM
        )
    except (OSError, UnicodeError):
        return []  # unresolvable: the download itself fails with a network error
    return sorted({str(info[4][0]) for info in infos})


def _is_public(text: str) -> bool:
    try:
        address = ipaddress.ip_address(text.split("%")[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast

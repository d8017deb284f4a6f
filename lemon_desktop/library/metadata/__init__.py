"""Provenance metadata inside image files, written without re-encoding a pixel.

Each format gets two copies of the record:

* an A1111-style "parameters" text, which other tools (Diffusion Toolkit,
  Infinite Image Browsing, A1111's PNG Info) already understand: a PNG
  ``parameters`` tEXt/iTXt chunk, or an EXIF UserComment in JPEG and WebP;
* the full :class:`Provenance` as JSON: a PNG iTXt chunk with keyword
  ``lemon-desktop``, or a ``lemon:provenance`` XMP property in JPEG and WebP.

Only the container is edited (PNG chunks, JPEG marker segments, WebP RIFF
chunks); compressed image data is copied byte for byte. Format details live in
``_png``, ``_jpeg`` and ``_webp``.

This package is the one door to embedded provenance, for the library and every
layer above it alike: import its public names from here, never its private modules
(an import-linter contract keeps them private).
"""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path
from typing import Literal, Protocol

from ...imageformat import sniff_image_format
from ..safefile import read_regular
from . import _jpeg, _png, _webp
from ._a1111 import a1111_parameters, parse_a1111_parameters
from ._foreign import has_content_credentials, kind_of, read_record
from ._found import Found as _Found
from ._pixels import pixel_size, strip_hidden
from ._provenance import APP_ID, MetadataError, Provenance

__all__ = [
    "APP_ID",
    "ImageFormat",
    "MetadataError",
    "Provenance",
    "a1111_parameters",
    "embed",
    "has_content_credentials",
    "kind_of",
    "parse_a1111_parameters",
    "read",
    "sniff_format",
    "strip",
]

log = logging.getLogger(__name__)

ImageFormat = Literal["png", "jpeg", "webp"]


class _Container(Protocol):
    """What each format module (_png, _jpeg, _webp) provides."""

    def embed(self, data: bytes, parameters: str, json_text: str) -> bytes: ...
    def strip(self, data: bytes) -> bytes: ...
    def read(self, data: bytes) -> tuple[str | None, str | None]: ...
    def gather(self, data: bytes) -> _Found: ...


_CONTAINERS: dict[str, _Container] = {"png": _png, "jpeg": _jpeg, "webp": _webp}
# read() of a path refuses files bigger than this rather than pulling them into memory.
_MAX_READ_BYTES = 256 * 1024 * 1024


def sniff_format(head: bytes) -> str | None:
    """ "png", "jpeg" or "webp" from the first bytes, whatever the file is called."""
    return sniff_image_format(head)


def _container(data: bytes, fmt: str) -> _Container:
    if fmt not in _CONTAINERS:
        raise MetadataError(f"unsupported image format {fmt!r}; expected png, jpeg or webp")
    actual = sniff_format(data[:16])
    if actual != fmt:
        raise MetadataError(f"the bytes are {actual or 'not a known image'}, not {fmt}")
    return _CONTAINERS[fmt]


def _json_text(p: Provenance) -> str:
    # default=str: a stray non-JSON value in params must not lose the whole record.
    return json.dumps(p.to_json(), ensure_ascii=False, separators=(",", ":"), default=str)


# `fmt` may be the index's text for a format: `_container` refuses all but the three.
def embed(data: bytes, fmt: ImageFormat | str, p: Provenance) -> bytes:
    """The same image with ``p`` embedded, replacing any earlier copy of ours.

    ``app`` defaults to this application's id. Raises MetadataError when the
    container is damaged; the input is never half-edited.
    """
    if p.app is None:
        p = dataclasses.replace(p, app=APP_ID)
    container = _container(data, fmt)
    return container.embed(data, a1111_parameters(p, pixel_size(data, fmt)), _json_text(p))


def strip(data: bytes, fmt: ImageFormat | str) -> bytes:
    """Drop text, EXIF and XMP metadata (privacy export); pixels and colour profile stay.

    An EXIF orientation other than "normal" survives as a minimal EXIF block,
    since dropping it would change how the image looks.
    """
    return strip_hidden(_container(data, fmt).strip(data), fmt)


def read(data_or_path: bytes | Path) -> Provenance | None:
    """Our JSON record, else what another generator wrote (see _foreign), else None.

    Never raises on bad input.
    """
    data = _load(data_or_path)
    if data is None:
        return None
    fmt = sniff_format(data[:16])
    if fmt is None:
        return None
    try:
        return read_record(_CONTAINERS[fmt], data)
    # A library scan meets files from anywhere; no damaged file may stop it.
    except Exception as error:
        log.debug("no readable metadata: %s", error)
        return None


def _load(data_or_path: bytes | Path) -> bytes | None:
    if isinstance(data_or_path, bytes | bytearray | memoryview):
        return bytes(data_or_path)
    try:
        # Never blocks on a FIFO nor reads a device; too large a file is not read at all.
        return read_regular(Path(data_or_path), limit=_MAX_READ_BYTES, follow_symlinks=True)
    except OSError as error:
        log.debug("cannot read %s: %s", data_or_path, error)
        return None

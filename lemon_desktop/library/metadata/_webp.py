"""WebP: edit RIFF chunks; the VP8/VP8L bitstream is copied verbatim.

EXIF and XMP need the extended format, so a simple VP8/VP8L file gets a VP8X
header whose canvas size and alpha flag come from the bitstream header.
"""

from __future__ import annotations

import struct
from typing import NamedTuple

from . import _exif, _xmp
from ._found import Found
from ._provenance import MAX_TEXT_BYTES, MetadataError

_FLAG_ALPHA, _FLAG_EXIF, _FLAG_XMP = 0x10, 0x08, 0x04
_C2PA = b"C2PA"  # a C2PA manifest store (content credentials)
_IMAGE_CHUNKS = {b"VP8 ", b"VP8L", b"ALPH", b"ANMF", b"ANIM", b"ICCP", b"VP8X"}


class Chunk(NamedTuple):
    fourcc: bytes
    data: bytes

    def encode(self) -> bytes:
        pad = b"\x00" if len(self.data) % 2 else b""
        return self.fourcc + struct.pack("<I", len(self.data)) + self.data + pad


def parse(data: bytes) -> list[Chunk]:
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise MetadataError("not a WebP file (no RIFF/WEBP header)")
    (riff_size,) = struct.unpack_from("<I", data, 4)
    end = 8 + riff_size
    if riff_size < 4 or end > len(data):
        raise MetadataError("WebP is truncated (RIFF size exceeds the file)")
    found: list[Chunk] = []
    pos = 12
    while pos < end:
        if pos + 8 > end:
            raise MetadataError(f"WebP is truncated at byte {pos}")
        fourcc, size = struct.unpack_from("<4sI", data, pos)
        if pos + 8 + size > end:
            raise MetadataError(f"WebP chunk {fourcc!r} at byte {pos} has a bad length {size}")
        found.append(Chunk(fourcc, data[pos + 8 : pos + 8 + size]))
        pos += 8 + size + (size & 1)
    if not found or found[0].fourcc not in (b"VP8 ", b"VP8L", b"VP8X"):
        raise MetadataError("WebP has no image chunk first")
    return found


def _assemble(found: list[Chunk]) -> bytes:
    body = b"WEBP" + b"".join(c.encode() for c in found)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _canvas(first: Chunk) -> tuple[int, int, bool]:
    """Width, height and alpha of a simple-format bitstream."""
    data = first.data
    if first.fourcc == b"VP8 ":
        if len(data) < 10 or data[3:6] != b"\x9d\x01\x2a":
            raise MetadataError("WebP VP8 bitstream header is damaged")
        width, height = struct.unpack_from("<HH", data, 6)
        return width & 0x3FFF, height & 0x3FFF, False
    if len(data) < 5 or data[0] != 0x2F:
        raise MetadataError("WebP VP8L bitstream header is damaged")
    (bits,) = struct.unpack_from("<I", data, 1)
    return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, bool((bits >> 28) & 1)


def _vp8x(flags: int, width: int, height: int) -> Chunk:
    size = struct.pack("<I", width - 1)[:3] + struct.pack("<I", height - 1)[:3]
    return Chunk(b"VP8X", bytes((flags, 0, 0, 0)) + size)


def _with_flags(found: list[Chunk], set_flags: int, clear_flags: int) -> list[Chunk]:
    first = found[0]
    if first.fourcc == b"VP8X":
        if len(first.data) < 10:
            raise MetadataError("WebP VP8X chunk is too short")
        flags = (first.data[0] | set_flags) & ~clear_flags
        return [Chunk(b"VP8X", bytes((flags,)) + first.data[1:]), *found[1:]]
    if not set_flags:
        return found
    width, height, alpha = _canvas(first)
    flags = set_flags | (_FLAG_ALPHA if alpha else 0)
    return [_vp8x(flags, width, height), *found]


def _orientation(found: list[Chunk]) -> int | None:
    exif = next((c for c in found if c.fourcc == b"EXIF"), None)
    return _exif.read_orientation(exif.data) if exif else None


def _insert_after_image(found: list[Chunk], extra: list[Chunk]) -> list[Chunk]:
    """The spec orders EXIF and XMP after the image data, before unknown chunks."""
    last = max(i for i, c in enumerate(found) if c.fourcc in _IMAGE_CHUNKS)
    return [*found[: last + 1], *extra, *found[last + 1 :]]


def embed(data: bytes, parameters: str, json_text: str) -> bytes:
    found = parse(data)
    orientation = _orientation(found)
    kept = [c for c in found if c.fourcc not in (b"EXIF", b"XMP ")]
    kept = _with_flags(kept, _FLAG_EXIF | _FLAG_XMP, 0)
    ours = [
        Chunk(b"EXIF", _exif.build_tiff(parameters, orientation)),
        Chunk(b"XMP ", _xmp.packet(json_text)),
    ]
    return _assemble(_insert_after_image(kept, ours))


def strip(data: bytes) -> bytes:
    found = parse(data)
    orientation = _orientation(found)
    kept = [c for c in found if c.fourcc not in (b"EXIF", b"XMP ", _C2PA)]
    if orientation and orientation != 1:
        # Dropping the rotation would change how the picture looks.
        kept = _with_flags(kept, _FLAG_EXIF, _FLAG_XMP)
        exif = Chunk(b"EXIF", _exif.build_tiff(None, orientation))
        return _assemble(_insert_after_image(kept, [exif]))
    return _assemble(_with_flags(kept, 0, _FLAG_EXIF | _FLAG_XMP))


def read(data: bytes) -> tuple[str | None, str | None]:
    found = parse(data)
    # Oversized metadata chunks are passed over unread (see MAX_TEXT_BYTES).
    exif = next((c for c in found if c.fourcc == b"EXIF" and len(c.data) <= MAX_TEXT_BYTES), None)
    xmp = next((c for c in found if c.fourcc == b"XMP " and len(c.data) <= MAX_TEXT_BYTES), None)
    comment = _exif.read_user_comment(exif.data) if exif else None
    json_text = _xmp.read_json_text(xmp.data) if xmp else None
    return json_text, comment


def gather(data: bytes) -> Found:
    """EXIF texts and UserComment, XMP, alpha, and whether a C2PA manifest is there."""
    chunks = parse(data)
    found = Found("webp", content_credentials=any(c.fourcc == _C2PA for c in chunks))
    first = chunks[0]
    if first.fourcc == b"VP8X":
        found.has_alpha = bool(first.data[:1] and first.data[0] & _FLAG_ALPHA)
    elif first.fourcc == b"VP8L":
        found.has_alpha = _canvas(first)[2]
    for chunk in chunks:
        if len(chunk.data) > MAX_TEXT_BYTES:
            continue
        if chunk.fourcc == b"EXIF" and found.user_comment is None:
            found.user_comment = _exif.read_user_comment(chunk.data)
            found.texts.update(_exif.read_ifd0_texts(chunk.data))
        elif chunk.fourcc == b"XMP " and found.xmp is None:
            found.xmp = chunk.data
    return found

"""PNG: edit text chunks in place; IDAT is copied byte for byte."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from typing import NamedTuple

from . import _exif
from ._found import XMP_PNG_KEY, Found
from ._provenance import MAX_TEXT_BYTES, MetadataError

SIGNATURE = b"\x89PNG\r\n\x1a\n"
PARAMETERS_KEY = "parameters"
JSON_KEY = "lemon-desktop"
_OUR_KEYS = {PARAMETERS_KEY, JSON_KEY}
_TEXT_TYPES = {b"tEXt", b"zTXt", b"iTXt"}
# Everything a privacy export must drop; colour chunks (iCCP, gAMA, ...) stay.
# caBX: a C2PA manifest, which names the author and the editing history.
_PRIVATE_TYPES = _TEXT_TYPES | {b"eXIf", b"tIME", b"caBX"}
_ALPHA_COLOUR_TYPES = (4, 6)  # grey + alpha, RGB + alpha
_MAX_CHUNK = 2**31 - 1
# A compressed text chunk may not inflate past this: zlib bombs are cheap to make.
_MAX_INFLATE = MAX_TEXT_BYTES


class Chunk(NamedTuple):
    type: bytes
    data: bytes
    raw: bytes  # the whole chunk as found, copied verbatim when kept


def chunks(data: bytes) -> list[Chunk]:
    """Every chunk from IHDR to IEND; MetadataError on any structural damage."""
    if not data.startswith(SIGNATURE):
        raise MetadataError("not a PNG file (bad signature)")
    found = list(_iter_chunks(data))
    if not found or found[0].type != b"IHDR":
        raise MetadataError("PNG does not start with IHDR")
    if found[-1].type != b"IEND":
        raise MetadataError("PNG is truncated (no IEND chunk)")
    return found


def _iter_chunks(data: bytes) -> Iterator[Chunk]:
    for kind, pos, end in _walk(data):
        yield Chunk(kind, data[pos + 8 : end - 4], data[pos:end])


def _walk(data: bytes) -> Iterator[tuple[bytes, int, int]]:
    """(type, start, end) of each chunk: where it is, without copying it."""
    pos = len(SIGNATURE)
    while pos < len(data):
        if pos + 12 > len(data):
            raise MetadataError(f"PNG is truncated at byte {pos}")
        length, kind = struct.unpack_from(">I4s", data, pos)
        end = pos + 12 + length
        if length > _MAX_CHUNK or end > len(data):
            raise MetadataError(f"PNG chunk {kind!r} at byte {pos} has a bad length {length}")
        yield kind, pos, end
        pos = end
        if kind == b"IEND":
            return


def make_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def text_chunk(keyword: str, text: str, *, force_utf8: bool = False) -> bytes:
    """tEXt when the text is Latin-1 (what A1111 readers expect), iTXt UTF-8 otherwise."""
    text = text.replace("\x00", "")
    key = keyword.encode("latin-1")
    if not force_utf8:
        try:
            return make_chunk(b"tEXt", key + b"\x00" + text.encode("latin-1"))
        except UnicodeEncodeError:
            pass
    # keyword, NUL, compression flag 0, method 0, empty language, NUL, empty translation, NUL
    return make_chunk(b"iTXt", key + b"\x00\x00\x00\x00\x00" + text.encode("utf-8"))


def decode_text(chunk: Chunk) -> tuple[str, str] | None:
    """(keyword, text) of a tEXt/zTXt/iTXt chunk, or None when it is not one or is broken."""
    if chunk.type not in _TEXT_TYPES:
        return None
    keyword, sep, rest = chunk.data.partition(b"\x00")
    if not sep:
        return None
    try:
        key = keyword.decode("latin-1")
        if chunk.type == b"tEXt":
            return key, rest.decode("latin-1")
        if chunk.type == b"zTXt":
            return key, _inflate(rest[1:]).decode("latin-1")
        return key, _itxt_text(rest)
    except (zlib.error, UnicodeDecodeError, ValueError):
        return None


def _itxt_text(rest: bytes) -> str:
    if len(rest) < 2:
        raise ValueError("short iTXt")
    compressed = rest[0] == 1
    _language, _, rest = rest[2:].partition(b"\x00")
    _translated, _, text = rest.partition(b"\x00")
    return (_inflate(text) if compressed else text).decode("utf-8")


def _inflate(data: bytes) -> bytes:
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, _MAX_INFLATE)
    if inflater.unconsumed_tail:
        raise ValueError("compressed text chunk is too large")
    return out


def _is_ours(chunk: Chunk) -> bool:
    if chunk.type not in _TEXT_TYPES:
        return False
    keyword = chunk.data.partition(b"\x00")[0]
    return keyword.decode("latin-1") in _OUR_KEYS


def embed(data: bytes, parameters: str, json_text: str) -> bytes:
    found = chunks(data)
    ours = text_chunk(PARAMETERS_KEY, parameters) + text_chunk(JSON_KEY, json_text, force_utf8=True)
    kept = [c.raw for c in found if not _is_ours(c)]
    # Right after IHDR, so readers that stop at IDAT (Pillow's im.info) see it.
    return SIGNATURE + kept[0] + ours + b"".join(kept[1:])


def strip(data: bytes) -> bytes:
    found = chunks(data)
    kept = [c.raw for c in found if c.type not in _PRIVATE_TYPES]
    orientation = _orientation(found)
    if orientation and orientation != 1:
        # Dropping the rotation would change how the picture looks.
        kept.insert(1, make_chunk(b"eXIf", _exif.build_tiff(None, orientation)))
    return SIGNATURE + b"".join(kept)


def _orientation(found: list[Chunk]) -> int | None:
    exif = next((c for c in found if c.type == b"eXIf"), None)
    return _exif.read_orientation(exif.data) if exif else None


def read(data: bytes) -> tuple[str | None, str | None]:
    """(our JSON text, A1111 parameters text) found in the file."""
    json_text = parameters = None
    comment = None
    if not data.startswith(SIGNATURE):
        raise MetadataError("not a PNG file (bad signature)")
    # Walk by offsets and copy only the chunks read: the pixel data is most of the file.
    found = list(_walk(data))
    if not found or found[0][0] != b"IHDR":
        raise MetadataError("PNG does not start with IHDR")
    if found[-1][0] != b"IEND":
        raise MetadataError("PNG is truncated (no IEND chunk)")
    # Text chunks over MAX_TEXT_BYTES are passed over without copying a byte of them.
    wanted = [
        Chunk(kind, data[pos + 8 : end - 4], b"")
        for kind, pos, end in found
        if (kind in _TEXT_TYPES or kind == b"eXIf") and end - pos - 12 <= MAX_TEXT_BYTES
    ]
    for chunk in wanted:
        if chunk.type == b"eXIf" and comment is None:
            comment = _exif.read_user_comment(chunk.data)
        decoded = decode_text(chunk)
        if decoded is None:
            continue
        key, text = decoded
        if key == JSON_KEY and json_text is None:
            json_text = text
        elif key == PARAMETERS_KEY and parameters is None:
            parameters = text
    return json_text, parameters or comment


def gather(data: bytes) -> Found:
    """Every text chunk, EXIF, XMP, and whether there is alpha and a C2PA manifest."""
    found = Found("png")
    if not data.startswith(SIGNATURE):
        raise MetadataError("not a PNG file (bad signature)")
    for kind, pos, end in _walk(data):
        if kind == b"IHDR" and end - pos >= 12 + 13:
            found.has_alpha = data[pos + 8 + 9] in _ALPHA_COLOUR_TYPES
        elif kind == b"tRNS":
            found.has_alpha = True
        elif kind == b"caBX":
            found.content_credentials = True
        elif end - pos - 12 > MAX_TEXT_BYTES:
            continue  # passed over unread (see MAX_TEXT_BYTES)
        elif kind == b"eXIf":
            payload = data[pos + 8 : end - 4]
            found.user_comment = found.user_comment or _exif.read_user_comment(payload)
            for key, value in _exif.read_ifd0_texts(payload).items():
                found.texts.setdefault(key, value)
        elif kind in _TEXT_TYPES:
            decoded = decode_text(Chunk(kind, data[pos + 8 : end - 4], b""))
            if decoded is None:
                continue
            key, text = decoded
            if key == XMP_PNG_KEY:
                found.xmp = found.xmp or text.encode("utf-8")
            else:
                found.texts.setdefault(key, text)
    return found


def first_column_alpha(data: bytes, rows: int) -> bytes | None:
    """The alpha of the first pixel of each of the first `rows` rows of an 8-bit,
    non-interlaced image with alpha, inflating only those rows; None for any other
    layout or too few rows.

    The first pixel of a row needs no pixel to its left to be unfiltered: Sub and
    None leave it as is, Up and Paeth add the pixel above, Average half of it.
    """
    walked = list(_walk(data))
    kind, pos, end = walked[0]
    if kind != b"IHDR" or end - pos != 12 + 13:
        return None
    width, height, depth, colour, _, _, interlace = struct.unpack_from(">IIBBBBB", data, pos + 8)
    if depth != 8 or interlace or colour not in _ALPHA_COLOUR_TYPES or height < rows:
        return None
    pixel = 2 if colour == 4 else 4
    stride = 1 + width * pixel  # a filter byte, then the row
    need = (rows - 1) * stride + 1 + pixel
    inflater = zlib.decompressobj()
    raw = bytearray()
    for kind, pos, end in walked:
        if kind == b"IDAT":
            raw += inflater.decompress(data[pos + 8 : end - 4], need - len(raw))
            if len(raw) >= need:
                break
    if len(raw) < need:
        return None
    alpha = bytearray()
    above = 0
    for row in range(rows):
        at = row * stride
        kind_of_filter, value = raw[at], raw[at + pixel]  # the pixel's last byte is alpha
        if kind_of_filter in (2, 4):
            value += above
        elif kind_of_filter == 3:
            value += above // 2
        above = value & 0xFF
        alpha.append(above)
    return bytes(alpha)

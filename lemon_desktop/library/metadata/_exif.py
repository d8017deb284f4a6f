"""The little EXIF (TIFF) we need: write a UserComment, read it and Orientation back.

We write big-endian TIFF ("MM") with the UserComment as "UNICODE\\0" + UTF-16BE.
That is exactly what piexif produces, and A1111 and most tools built on it read
the comment with ``piexif.helper.UserComment.load``, which always decodes
UTF-16BE whatever the TIFF byte order; byte-order-aware readers (exiftool,
Pillow users) agree because the TIFF itself is big-endian.
"""

from __future__ import annotations

import struct

EXIF_HEADER = b"Exif\x00\x00"
_UNICODE = b"UNICODE\x00"
_ASCII = b"ASCII\x00\x00\x00"
_UNDEFINED = b"\x00" * 8
_JIS = b"JIS\x00\x00\x00\x00\x00"

_TAG_ORIENTATION = 0x0112
_TAG_EXIF_IFD = 0x8769
_TAG_USER_COMMENT = 0x9286
_SHORT, _LONG, _UNDEF = 3, 4, 7
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}


def build_tiff(comment: str | None, orientation: int | None = None, max_size: int = 0) -> bytes:
    """A TIFF blob with IFD0 (optional Orientation) and an Exif IFD holding the comment.

    ``max_size`` > 0 caps the whole blob: the comment is cut at a character
    boundary to fit (JPEG segments are limited to 64 KB).
    """
    ifd0 = []
    if orientation:
        ifd0.append((_TAG_ORIENTATION, _SHORT, 1, struct.pack(">HH", orientation, 0)))
    if comment is None:
        return _tiff(ifd0, None)
    payload = _UNICODE + comment.encode("utf-16-be")
    blob = _tiff(ifd0, payload)
    if max_size and len(blob) > max_size:
        excess = len(blob) - max_size
        payload = _UNICODE + _cut_utf16(comment, len(payload) - len(_UNICODE) - excess)
        blob = _tiff(ifd0, payload)
    return blob


def _cut_utf16(text: str, max_bytes: int) -> bytes:
    encoded = text.encode("utf-16-be")[: max(0, max_bytes) & ~1]
    # Never leave half a surrogate pair behind.
    if len(encoded) >= 2 and 0xD8 <= encoded[-2] <= 0xDB:
        encoded = encoded[:-2]
    return encoded


def _tiff(ifd0: list[tuple[int, int, int, bytes]], comment: bytes | None) -> bytes:
    header = b"MM\x00\x2a" + struct.pack(">I", 8)
    entries = list(ifd0)
    ifd0_size = 2 + 12 * (len(entries) + (1 if comment is not None else 0)) + 4
    exif_ifd_offset = 8 + ifd0_size
    if comment is not None:
        entries.append((_TAG_EXIF_IFD, _LONG, 1, struct.pack(">I", exif_ifd_offset)))
    out = header + _ifd(entries)
    if comment is None:
        return out
    data_offset = exif_ifd_offset + 2 + 12 + 4
    out += struct.pack(">HHHII", 1, _TAG_USER_COMMENT, _UNDEF, len(comment), data_offset)
    out += struct.pack(">I", 0)
    return out + comment


def _ifd(entries: list[tuple[int, int, int, bytes]]) -> bytes:
    out = struct.pack(">H", len(entries))
    for tag, kind, count, value in sorted(entries):
        out += struct.pack(">HHI", tag, kind, count) + value.ljust(4, b"\x00")
    return out + struct.pack(">I", 0)


class _Tiff:
    """Bounds-checked reader; every malformed offset raises ValueError."""

    def __init__(self, data: bytes) -> None:
        if data.startswith(EXIF_HEADER):
            data = data[len(EXIF_HEADER) :]
        if data[:4] == b"II*\x00":
            self.order = "<"
        elif data[:4] == b"MM\x00*":
            self.order = ">"
        else:
            raise ValueError("not a TIFF header")
        self.data = data

    def unpack(self, fmt: str, offset: int) -> tuple[int, ...]:
        size = struct.calcsize(self.order + fmt)
        if offset < 0 or offset + size > len(self.data):
            raise ValueError("EXIF offset out of range")
        return struct.unpack_from(self.order + fmt, self.data, offset)

    def entries(self, offset: int) -> dict[int, tuple[int, int, int]]:
        """tag -> (type, count, offset of the value bytes)."""
        (count,) = self.unpack("H", offset)
        found: dict[int, tuple[int, int, int]] = {}
        for i in range(count):
            at = offset + 2 + 12 * i
            tag, kind, n = self.unpack("HHI", at)
            size = _TYPE_SIZES.get(kind, 1) * n
            value_at = at + 8 if size <= 4 else self.unpack("I", at + 8)[0]
            if value_at + size > len(self.data):
                raise ValueError("EXIF value out of range")
            found[tag] = (kind, n, value_at)
        return found

    def ifd0(self) -> dict[int, tuple[int, int, int]]:
        return self.entries(self.unpack("I", 4)[0])


def read_orientation(data: bytes) -> int | None:
    try:
        tiff = _Tiff(data)
        entry = tiff.ifd0().get(_TAG_ORIENTATION)
        if entry is None or entry[0] != _SHORT:
            return None
        (value,) = tiff.unpack("H", entry[2])
    except (ValueError, struct.error):
        return None
    return value if 1 <= value <= 8 else None


def read_user_comment(data: bytes) -> str | None:
    """The decoded UserComment, or None when absent or unreadable."""
    try:
        tiff = _Tiff(data)
        pointer = tiff.ifd0().get(_TAG_EXIF_IFD)
        if pointer is None:
            return None
        (exif_offset,) = tiff.unpack("I", pointer[2])
        entry = tiff.entries(exif_offset).get(_TAG_USER_COMMENT)
        if entry is None:
            return None
        _, count, at = entry
        raw = tiff.data[at : at + count]
    except (ValueError, struct.error):
        return None
    return decode_user_comment(raw, tiff.order)


def decode_user_comment(raw: bytes, order: str = ">") -> str | None:
    prefix, body = raw[:8], raw[8:]
    if prefix == _UNICODE:
        text = body.decode(_utf16_codec(body, order), errors="replace")
    elif prefix == _JIS:
        text = body.decode("shift_jis", errors="replace")
    elif prefix in (_ASCII, _UNDEFINED):
        text = body.decode("utf-8", errors="replace")
    else:
        text = raw.decode("utf-8", errors="replace")
    text = text.rstrip("\x00").strip()
    return text or None


def _utf16_codec(body: bytes, order: str) -> str:
    """Pick the UTF-16 byte order: a BOM wins, then where the zero bytes are.

    piexif writers always use big-endian, exiftool follows the TIFF order, and
    some tools write little-endian into a big-endian TIFF, so trust the data.
    """
    if body[:2] in (b"\xfe\xff", b"\xff\xfe"):
        return "utf-16"
    sample = body[:4096]
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    if zeros_even != zeros_odd:
        return "utf-16-be" if zeros_even > zeros_odd else "utf-16-le"
    return "utf-16-be" if order == ">" else "utf-16-le"


# IFD0 text tags other generators write into: ComfyUI's WebP saver puts its graphs in
# Make/Model ("workflow:{...}", "prompt:{...}"), Fooocus names itself in Software.
IFD0_TEXT_TAGS = {
    0x010E: "ImageDescription",
    0x010F: "Make",
    0x0110: "Model",
    0x0131: "Software",
    0x013B: "Artist",
}
_ASCII_TYPE = 2


def read_ifd0_texts(data: bytes) -> dict[str, str]:
    """The ASCII or UTF-8 text tags of IFD0 named in IFD0_TEXT_TAGS; {} when unreadable."""
    found: dict[str, str] = {}
    try:
        tiff = _Tiff(data)
        for tag, (kind, count, at) in tiff.ifd0().items():
            name = IFD0_TEXT_TAGS.get(tag)
            if name is None or kind not in (_ASCII_TYPE, _UNDEF):
                continue
            text = tiff.data[at : at + count].rstrip(b"\x00").decode("utf-8", errors="replace")
            if text.strip():
                found[name] = text
    except (ValueError, struct.error):
        return found
    return found

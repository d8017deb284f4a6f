"""JPEG: edit marker segments before the scan; entropy-coded data is copied verbatim.

Long prompts: a JPEG segment holds at most 65,533 bytes. The EXIF copy of the
A1111 text (UTF-16, for other tools) is cut to fit: the prompt is cut, the
settings line is kept and says so ("Prompt cut: kept N of M characters").
The JSON is never cut: when the XMP packet is too big it moves into Adobe
"extended XMP" segments (XMP spec part 3) that the standard packet points to by
GUID, which exiftool also reads.
"""

from __future__ import annotations

import struct
from typing import NamedTuple

from . import _exif, _xmp
from ._a1111 import fit_parameters
from ._found import Found
from ._provenance import MAX_TEXT_BYTES, MetadataError

SOI = b"\xff\xd8"
_APP0, _APP1, _APP11, _APP13, _COM, _SOS, _EOI = 0xE0, 0xE1, 0xEB, 0xED, 0xFE, 0xDA, 0xD9
_STANDALONE = {0x01, *range(0xD0, 0xD8)}
XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
EXT_HEADER = b"http://ns.adobe.com/xmp/extension/\x00"
_MAX_PAYLOAD = 65533  # segment length field (65535) minus its own two bytes
_EXT_CHUNK = 65400  # extended XMP data per segment, below the 65,458-byte maximum


class Segment(NamedTuple):
    marker: int
    payload: bytes

    def encode(self) -> bytes:
        if self.marker in _STANDALONE:
            return bytes((0xFF, self.marker))
        return bytes((0xFF, self.marker)) + struct.pack(">H", len(self.payload) + 2) + self.payload

    @property
    def is_exif(self) -> bool:
        return self.marker == _APP1 and self.payload.startswith(_exif.EXIF_HEADER)

    @property
    def is_xmp(self) -> bool:
        return self.marker == _APP1 and self.payload.startswith(XMP_HEADER)

    @property
    def is_extended_xmp(self) -> bool:
        return self.marker == _APP1 and self.payload.startswith(EXT_HEADER)


def parse(data: bytes) -> tuple[list[Segment], bytes]:
    """Header segments up to the first scan, and the rest of the file (SOS onwards)."""
    segments, scan = _header(data)
    return segments, data[scan:]


def _header(data: bytes, only: int | None = None) -> tuple[list[Segment], int]:
    """Header segments up to the first scan (those with marker `only`, if given:
    reading copies no other segment), and where the scan (SOS) starts."""
    if not data.startswith(SOI):
        raise MetadataError("not a JPEG file (no SOI marker)")
    segments: list[Segment] = []
    pos, end = 2, len(data)
    while True:
        if pos >= end or data[pos] != 0xFF:
            raise MetadataError(f"JPEG is damaged: no marker at byte {pos}")
        while pos < end and data[pos] == 0xFF:
            pos += 1  # fill bytes
        if pos >= end:
            raise MetadataError("JPEG is truncated before the image data")
        marker = data[pos]
        pos += 1
        if marker == _SOS:
            if data.rfind(b"\xff\xd9", pos) < 0:
                raise MetadataError("JPEG is truncated (no end-of-image marker)")
            return segments, pos - 2
        if marker == _EOI:
            raise MetadataError("JPEG ends before any image data")
        if marker in _STANDALONE:
            if only is None:
                segments.append(Segment(marker, b""))
            continue
        if pos + 2 > end:
            raise MetadataError("JPEG is truncated inside a segment header")
        (length,) = struct.unpack_from(">H", data, pos)
        if length < 2 or pos + length > end:
            raise MetadataError(f"JPEG segment 0x{marker:02X} at byte {pos} has a bad length")
        if only is None or marker == only:
            segments.append(Segment(marker, data[pos + 2 : pos + length]))
        pos += length


def _orientation(segments: list[Segment]) -> int | None:
    exif = next((s for s in segments if s.is_exif), None)
    return _exif.read_orientation(exif.payload) if exif else None


def _insert_at(segments: list[Segment]) -> int:
    """After the leading APP0 (JFIF/JFXX) segments, which must come first."""
    index = 0
    while index < len(segments) and segments[index].marker == _APP0:
        index += 1
    return index


def embed(data: bytes, parameters: str, json_text: str) -> bytes:
    segments, tail = parse(data)
    orientation = _orientation(segments)
    kept = [s for s in segments if not (s.is_exif or s.is_xmp or s.is_extended_xmp)]
    max_tiff = _MAX_PAYLOAD - len(_exif.EXIF_HEADER)
    room = max_tiff - len(_exif.build_tiff("", orientation))
    parameters = fit_parameters(parameters, room // 2)
    exif = _exif.EXIF_HEADER + _exif.build_tiff(parameters, orientation, max_size=max_tiff)
    ours = [Segment(_APP1, exif), *_xmp_segments(json_text)]
    at = _insert_at(kept)
    kept[at:at] = ours
    return SOI + b"".join(s.encode() for s in kept) + tail


def _xmp_segments(json_text: str) -> list[Segment]:
    standard = XMP_HEADER + _xmp.packet(json_text)
    if len(standard) <= _MAX_PAYLOAD:
        return [Segment(_APP1, standard)]
    extended = _xmp.packet(json_text)
    guid = _xmp.extended_guid(extended)
    segments = [Segment(_APP1, XMP_HEADER + _xmp.packet(None, extended_guid=guid))]
    for offset in range(0, len(extended), _EXT_CHUNK):
        head = EXT_HEADER + guid.encode("ascii") + struct.pack(">II", len(extended), offset)
        segments.append(Segment(_APP1, head + extended[offset : offset + _EXT_CHUNK]))
    return segments


def strip(data: bytes) -> bytes:
    segments, tail = parse(data)
    orientation = _orientation(segments)
    # APP1 = EXIF/XMP, APP11 = JUMBF (C2PA manifests), APP13 = Photoshop/IPTC, COM = free
    # text; ICC (APP2) and Adobe (APP14) stay because they change how the pixels look.
    kept = [s for s in segments if s.marker not in (_APP1, _APP11, _APP13, _COM)]
    if orientation and orientation != 1:
        # Dropping the rotation would change how the picture looks.
        at = _insert_at(kept)
        kept.insert(at, Segment(_APP1, _exif.EXIF_HEADER + _exif.build_tiff(None, orientation)))
    return SOI + b"".join(s.encode() for s in kept) + tail


def read(data: bytes) -> tuple[str | None, str | None]:
    # EXIF and XMP are APP1; the scan data, most of the file, is not copied.
    segments, _ = _header(data, only=_APP1)
    exif = next((s for s in segments if s.is_exif), None)
    comment = _exif.read_user_comment(exif.payload) if exif else None
    xmp = next((s for s in segments if s.is_xmp), None)
    json_text = _json_from_xmp(xmp.payload[len(XMP_HEADER) :], segments) if xmp else None
    return json_text, comment


def _json_from_xmp(packet: bytes, segments: list[Segment]) -> str | None:
    text = _xmp.read_json_text(packet)
    if text is not None:
        return text
    guid = _xmp.read_extended_guid(packet)
    extended = _assemble_extended(guid, segments) if guid else None
    return _xmp.read_json_text(extended) if extended else None


def _assemble_extended(guid: str, segments: list[Segment]) -> bytes | None:
    key = guid.encode("ascii", errors="replace")
    parts: dict[int, bytes] = {}
    total = None
    for segment in segments:
        body = segment.payload[len(EXT_HEADER) :]
        if not segment.is_extended_xmp or body[:32] != key or len(body) < 40:
            continue
        total, offset = struct.unpack_from(">II", body, 32)
        parts[offset] = body[40:]
    if total is None or total > MAX_TEXT_BYTES:
        return None
    whole = b"".join(parts[offset] for offset in sorted(parts))
    if len(whole) != total or _xmp.extended_guid(whole) != guid:
        return None  # a missing or altered piece: better nothing than half a record
    return whole


def gather(data: bytes) -> Found:
    """EXIF texts and UserComment, the XMP packet, and whether a C2PA manifest is there."""
    segments, _ = _header(data)
    found = Found("jpeg")
    for segment in segments:
        if segment.is_exif and found.user_comment is None:
            found.user_comment = _exif.read_user_comment(segment.payload)
            found.texts.update(_exif.read_ifd0_texts(segment.payload))
        elif segment.is_xmp and found.xmp is None:
            found.xmp = segment.payload[len(XMP_HEADER) :]
        elif segment.marker == _APP11 and _is_c2pa_jumbf(segment.payload):
            found.content_credentials = True
    return found


def _is_c2pa_jumbf(payload: bytes) -> bool:
    # JPEG XT box: "JP", instance, sequence, then a JUMBF superbox whose description
    # box is labelled "c2pa" (the manifest store) in its first segment.
    return payload[:2] == b"JP" and b"jumb" in payload[:64] and b"c2pa" in payload[:128]

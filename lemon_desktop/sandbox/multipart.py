"""A small multipart/form-data reader (RFC 7578), enough for the image routes.

Starlette's own form parser needs python-multipart, which the app does not otherwise
depend on; the sandbox has the whole body in memory anyway (it checks its size first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOUNDARY = re.compile(r'boundary="?([^";]+)"?', re.IGNORECASE)
_DISPOSITION_PARAM = re.compile(r';\s*([a-zA-Z*]+)="((?:[^"\\]|\\.)*)"|;\s*([a-zA-Z*]+)=([^;\s]+)')


class MultipartError(ValueError):
    """The body is not well-formed multipart/form-data."""


@dataclass(frozen=True)
class Part:
    name: str
    data: bytes
    filename: str | None = None
    content_type: str | None = None

    @property
    def is_file(self) -> bool:
        return self.filename is not None

    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")


def is_multipart(content_type: str | None) -> bool:
    return (content_type or "").lower().startswith("multipart/form-data")


def parse_multipart(body: bytes, content_type: str) -> list[Part]:
    match = _BOUNDARY.search(content_type)
    if match is None:
        raise MultipartError("multipart/form-data without a boundary")
    delimiter = b"--" + match[1].encode("latin-1")
    parts: list[Part] = []
    position = body.find(delimiter)
    if position < 0:
        raise MultipartError("the multipart body has no part")
    while True:
        position += len(delimiter)
        if body[position : position + 2] == b"--":
            return parts
        header_end = body.find(b"\r\n\r\n", position)
        if header_end < 0:
            raise MultipartError("a part has no header end")
        following = body.find(b"\r\n" + delimiter, header_end + 4)
        if following < 0:
            raise MultipartError("the multipart body is not closed")
        headers = _headers(body[position:header_end])
        parts.append(_part(headers, body[header_end + 4 : following]))
        position = following + 2


def _headers(raw: bytes) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in raw.decode("utf-8", errors="replace").split("\r\n"):
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    return headers


def _part(headers: dict[str, str], data: bytes) -> Part:
    disposition = headers.get("content-disposition", "")
    params: dict[str, str] = {}
    for quoted_key, quoted, bare_key, bare in _DISPOSITION_PARAM.findall(disposition):
        key = (quoted_key or bare_key).lower()
        params[key] = quoted.replace('\\"', '"') if quoted_key else bare
    if "name" not in params:
        raise MultipartError("a part has no name")
    return Part(params["name"], data, params.get("filename"), headers.get("content-type"))

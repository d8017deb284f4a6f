"""Reading an image request body in either form (JSON or multipart) into one shape, with
the request-size limit applied before anything is parsed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request

from lemon_desktop.sandbox import errors
from lemon_desktop.sandbox.errors import GatewayError
from lemon_desktop.sandbox.multipart import MultipartError, Part, is_multipart, parse_multipart
from lemon_desktop.sandbox.state import GatewayState

# Multipart carries text: these fields are converted to the JSON types the rules expect.
# A value that does not convert stays text, so validation names the field.
INT_FIELDS = frozenset(
    {"n", "output_compression", "compression", "partial_images", "seed", "steps", "scale"}
)
BOOL_FIELDS = frozenset({"async", "stream", "expand_prompt", "prompt_upsampling"})
# Documented as comma-separated strings in multipart generations.
LIST_FIELDS = frozenset({"image_urls", "reference_image_urls"})


@dataclass
class ImageRequest:
    body: dict[str, Any]
    files: dict[str, list[Part]] = field(default_factory=dict)
    multipart: bool = False

    def file_parts(self, *names: str) -> list[tuple[str, Part]]:
        """File parts under any of ``names``, in body order, with the name each came as."""
        return [(name, part) for name in names for part in self.files.get(name, [])]


def request_too_large(size: int, limit: int) -> GatewayError:
    return GatewayError(
        413,
        f"The request body is {size:,} bytes; the limit is {limit:,} bytes.",
        "invalid_request_error",
        "payload_too_large",
        None,
    )


async def read_body(request: Request, state: GatewayState) -> bytes:
    limit = state.options.current.max_request_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise request_too_large(int(declared), limit)
    body = await request.body()
    if len(body) > limit:
        raise request_too_large(len(body), limit)
    return body


def _convert(name: str, text: str) -> Any:
    if name in INT_FIELDS:
        try:
            return int(text)
        except ValueError:
            return text
    if name in BOOL_FIELDS and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if name in LIST_FIELDS:
        return [item.strip() for item in text.split(",") if item.strip()]
    return text


def from_parts(parts: list[Part]) -> ImageRequest:
    body: dict[str, Any] = {}
    files: dict[str, list[Part]] = {}
    for part in parts:
        if part.is_file:
            files.setdefault(part.name, []).append(part)
            continue
        value = _convert(part.name, part.text())
        if part.name in body and part.name in LIST_FIELDS and isinstance(value, list):
            body[part.name] = [*body[part.name], *value]
        else:
            body[part.name] = value
    return ImageRequest(body, files, multipart=True)


def parse_json(raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw)
    except ValueError:
        raise errors.bad_body("We could not parse the JSON body of your request.") from None
    if not isinstance(body, dict):
        raise errors.bad_body("The request body must be a JSON object.")
    return body


async def read_image_request(request: Request, state: GatewayState) -> ImageRequest:
    raw = await read_body(request, state)
    content_type = request.headers.get("content-type")
    if is_multipart(content_type):
        assert content_type is not None
        try:
            return from_parts(parse_multipart(raw, content_type))
        except MultipartError as exc:
            raise errors.bad_body(f"Malformed multipart body: {exc}.") from None
    return ImageRequest(parse_json(raw))

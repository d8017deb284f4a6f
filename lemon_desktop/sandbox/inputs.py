"""Input images as the gateway takes them: decoded and checked one by one, each error
naming the input it is about (``image[2]``, ``image_urls[1]``, ``images[0].file_id``,
``mask``), and remote URLs held to the gateway's rules.

The gateway fetches public http(s) URLs only: no credentials, no fragments, nothing that
is localhost or a private, link-local or reserved address. The sandbox cannot reach the
internet, so the one "public" host it fetches from is its own CDN origin (results of
earlier requests, or bytes put there through ``POST /_sandbox/cdn``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import ipaddress
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from PIL import Image, UnidentifiedImageError

from lemon_desktop.sandbox.errors import GatewayError
from lemon_desktop.sandbox.files import FileStore
from lemon_desktop.sandbox.state import GatewayState

FORMATS = {"PNG": "png", "JPEG": "jpeg", "WEBP": "webp"}
_PRIVATE_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
# Decoding is lazy in Pillow; this cap stops a decompression bomb in a sandbox process.
_MAX_PIXELS = 8192 * 8192


@dataclass(frozen=True)
class InputImage:
    param: str
    data: bytes
    format: str
    width: int
    height: int
    has_alpha: bool

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def open(self) -> Image.Image:
        image = Image.open(io.BytesIO(self.data))
        image.load()
        return image


def invalid_input(param: str, message: str, code: str = "invalid_image") -> GatewayError:
    return GatewayError(400, message, "invalid_request_error", code, param)


def too_large(param: str, size: int, limit: int) -> GatewayError:
    return GatewayError(
        413,
        f"{param} is {size:,} bytes; the limit is {limit:,} bytes per image.",
        "invalid_request_error",
        "payload_too_large",
        param,
    )


def decode_image(data: bytes, param: str, limit: int) -> InputImage:
    if len(data) > limit:
        raise too_large(param, len(data), limit)
    if not data:
        raise invalid_input(param, f"{param} is empty.")
    try:
        with Image.open(io.BytesIO(data)) as image:
            fmt = image.format or ""
            width, height = image.size
            if width * height > _MAX_PIXELS:
                raise invalid_input(param, f"{param} is {width}x{height}: too many pixels.")
            image.load()
            has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise invalid_input(param, f"{param} is not a readable PNG, JPEG or WebP image.") from None
    if fmt not in FORMATS:
        raise invalid_input(
            param,
            f"{param} is {fmt or 'an unknown format'}; use PNG, JPEG or WebP.",
            "unsupported_image_format",
        )
    return InputImage(param, data, FORMATS[fmt], width, height, has_alpha)


def _data_url_bytes(url: str, param: str) -> bytes:
    header, sep, payload = url.partition(",")
    if not sep or not header.lower().endswith(";base64"):
        raise invalid_input(param, f"{param} must be a base64 data URL.", "invalid_image_url")
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise invalid_input(param, f"{param} is not valid base64.", "invalid_image_url") from None


def _refuse_private(host: str, param: str) -> None:
    name = host.lower().rstrip(".")
    private = name in _PRIVATE_NAMES or name.endswith(".localhost")
    try:
        address = ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        address = None
    if address is not None:
        private = not address.is_global or address.is_multicast
    if private:
        raise invalid_input(
            param,
            f"{param} points to a local or private address ({host}); the gateway only "
            "fetches public http(s) URLs. Send the image as multipart or upload it to "
            "/v1/files.",
            "invalid_image_url",
        )


def fetch_url(state: GatewayState, url: object, param: str, *, allow_data: bool) -> InputImage:
    """The image behind ``url``, fetched as the gateway would (see the module doc)."""
    limit = state.options.current.max_image_bytes
    if not isinstance(url, str) or not url.strip():
        raise invalid_input(param, f"{param} must be a URL string.", "invalid_image_url")
    if url.startswith("data:"):
        if not allow_data:
            raise invalid_input(
                param, f"{param} must be a public http(s) URL.", "invalid_image_url"
            )
        return decode_image(_data_url_bytes(url, param), param, limit)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise invalid_input(param, f"{param} must be a public http(s) URL.", "invalid_image_url")
    if parts.username or parts.password or parts.fragment:
        raise invalid_input(
            param, f"{param} must not carry credentials or a fragment.", "invalid_image_url"
        )
    origin = f"{parts.scheme}://{parts.netloc}"
    if state.cdn_url and origin == state.cdn_url:
        item = state.images.get(parts.path)
        if item is None:
            raise invalid_input(
                param, f"{param} could not be fetched (HTTP 404).", "image_fetch_failed"
            )
        return decode_image(item.data, param, limit)
    _refuse_private(parts.hostname, param)
    raise invalid_input(
        param,
        f"{param} could not be fetched: the sandbox gateway does not reach the internet "
        "(it fetches only its own CDN URLs).",
        "image_fetch_failed",
    )


def from_file_id(
    state: GatewayState, files: FileStore, file_id: object, model: str, param: str
) -> InputImage:
    if not isinstance(file_id, str) or not file_id:
        raise invalid_input(param, f"{param} must be a file id string.", "invalid_file_id")
    stored = files.get(file_id)
    if stored is None:
        raise invalid_input(
            param, f"{param}: file '{file_id}' does not exist or has expired.", "file_not_found"
        )
    if stored.model != model:
        raise invalid_input(
            param,
            f"{param}: file '{file_id}' was uploaded for model '{stored.model}'; upload it "
            f"again with model '{model}'.",
            "file_model_mismatch",
        )
    return decode_image(stored.data, param, state.options.current.max_image_bytes)

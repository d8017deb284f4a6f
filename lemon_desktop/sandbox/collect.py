"""Gathering a request's input images and mask from whichever fields it used, checking
the count before fetching anything (``too_many_images`` is answered before the gateway
forwards), then each input on its own, with errors naming that input."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from lemon_desktop.sandbox import errors
from lemon_desktop.sandbox.forms import ImageRequest
from lemon_desktop.sandbox.inputs import (
    InputImage,
    decode_image,
    fetch_url,
    from_file_id,
    invalid_input,
)
from lemon_desktop.sandbox.operations import InputOperation
from lemon_desktop.sandbox.state import GatewayState

Loader = Callable[[], InputImage]


@dataclass(frozen=True)
class Inputs:
    images: list[InputImage]
    mask: InputImage | None = None


def _indexed(name: str, number: int, total: int) -> str:
    return f"{name}[{number}]" if total > 1 else name


def _file_loaders(
    state: GatewayState, req: ImageRequest, names: tuple[str, ...]
) -> list[tuple[str, Loader]]:
    parts = req.file_parts(*names)
    limit = state.options.current.max_image_bytes
    loaders: list[tuple[str, Loader]] = []
    for number, (_, part) in enumerate(parts):
        param = _indexed("image", number, len(parts))
        loaders.append((param, partial(decode_image, part.data, param, limit)))
    return loaders


def _url_list(body: dict[str, Any], name: str) -> list[Any]:
    value = body.get(name)
    if value is None:
        return []
    if not isinstance(value, list) or not value:
        raise invalid_input(name, f"{name} must be a non-empty array of URLs.", "invalid_type")
    return value


def _url_loaders(
    state: GatewayState, body: dict[str, Any], names: tuple[str, ...]
) -> list[tuple[str, Loader]]:
    loaders: list[tuple[str, Loader]] = []
    if body.get("image_url") is not None:
        url = body["image_url"]
        loaders.append(("image_url", partial(fetch_url, state, url, "image_url", allow_data=False)))
    for name in names:
        for number, url in enumerate(_url_list(body, name)):
            param = f"{name}[{number}]"
            loaders.append((param, partial(fetch_url, state, url, param, allow_data=False)))
    return loaders


def _reference_loader(
    state: GatewayState, item: Any, param: str, op: InputOperation, model: str
) -> tuple[str, Loader]:
    if not isinstance(item, dict) or len(item) != 1 or not {"image_url", "file_id"} & set(item):
        raise invalid_input(
            param, f"{param} must hold exactly one of image_url or file_id.", "invalid_value"
        )
    if "image_url" in item:
        where = f"{param}.image_url"
        return where, lambda: fetch_url(state, item["image_url"], where, allow_data=False)
    where = f"{param}.file_id"
    if not op.file_ids:
        raise errors.unsupported_parameter(where, model)
    return where, lambda: from_file_id(state, state.files, item["file_id"], model, where)


def _check_count(loaders: list[tuple[str, Loader]], op: InputOperation, model: str) -> None:
    if not loaders:
        raise errors.missing_parameter(
            "image",
            "at least one source image is required (image, image[], image_url, "
            "image_urls or images)",
        )
    if len(loaders) > op.max_images:
        field = loaders[op.max_images][0].split("[")[0].split(".")[0]
        raise errors.too_many_images(field, len(loaders), op.max_images, model)
    if len(loaders) < op.min_images:
        raise invalid_input(
            "image", f"'{model}' needs at least {op.min_images} source images.", "invalid_value"
        )


def _mask_loader(
    state: GatewayState, req: ImageRequest, op: InputOperation, model: str
) -> tuple[str, Loader] | None:
    parts = req.files.get("mask", [])
    raw = req.body.get("mask")
    if not parts and raw is None:
        return None
    if not op.mask:
        raise errors.unsupported_parameter("mask", model)
    if len(parts) > 1 or (parts and raw is not None):
        raise invalid_input("mask", "Send one mask.", "invalid_mask")
    limit = state.options.current.max_image_bytes
    if parts:
        return "mask", lambda: decode_image(parts[0].data, "mask", limit)
    if not isinstance(raw, dict) or len(raw) != 1 or not {"image_url", "file_id"} & set(raw):
        raise invalid_input(
            "mask",
            "mask must be an object with exactly one of image_url or file_id.",
            "invalid_mask",
        )
    if "image_url" in raw:
        return "mask.image_url", lambda: fetch_url(
            state, raw["image_url"], "mask.image_url", allow_data=True
        )
    if not op.file_ids:
        raise errors.unsupported_parameter("mask.file_id", model)
    return "mask.file_id", lambda: from_file_id(
        state, state.files, raw["file_id"], model, "mask.file_id"
    )


def _check_mask(mask: InputImage, first: InputImage, param: str) -> None:
    if mask.format != "png" or not mask.has_alpha:
        raise invalid_input(param, f"{param} must be a PNG with an alpha channel.", "invalid_mask")
    if (mask.width, mask.height) != (first.width, first.height):
        raise invalid_input(
            param,
            f"{param} is {mask.width}x{mask.height}; it must match the first image "
            f"({first.width}x{first.height}).",
            "invalid_mask",
        )


def _square_png_mask(
    images: list[InputImage], mask: InputImage | None, edit: bool
) -> InputImage | None:
    """dall-e-2: square PNGs; in an edit without a mask the image's own transparency is
    the mask."""
    for image in images:
        if image.format != "png" or image.width != image.height:
            raise invalid_input(image.param, f"{image.param} must be a square PNG.")
    if not edit or mask is not None:
        return mask
    if not images[0].has_alpha:
        raise invalid_input(
            images[0].param,
            f"{images[0].param} has no transparency; send a mask or a PNG whose "
            "transparent area marks what to edit.",
        )
    return images[0]


def edit_inputs(state: GatewayState, req: ImageRequest, op: InputOperation, model: str) -> Inputs:
    """The source images and mask of an edits-route request (multipart or JSON)."""
    loaders = _file_loaders(state, req, ("image", "image[]"))
    loaders += _url_loaders(state, req.body, ("image_urls",))
    images_field = req.body.get("images")
    if images_field is not None:
        if not isinstance(images_field, list) or not images_field:
            raise invalid_input("images", "images must be a non-empty array.", "invalid_type")
        for number, item in enumerate(images_field):
            loaders.append(_reference_loader(state, item, f"images[{number}]", op, model))
    _check_count(loaders, op, model)
    mask_loader = _mask_loader(state, req, op, model)
    images = [load() for _, load in loaders]
    mask = mask_loader[1]() if mask_loader else None
    if mask is not None and mask_loader is not None:
        _check_mask(mask, images[0], mask_loader[0])
    if op.square_png:
        mask = _square_png_mask(images, mask, op.effect == "edit")
    return Inputs(images, mask)


def reference_inputs(
    state: GatewayState, req: ImageRequest, op: InputOperation, model: str
) -> Inputs:
    """The references of an image-to-image request on the generations route."""
    body = req.body
    for name in ("images", "file_id"):
        if name in body:
            raise invalid_input(
                name,
                f"{name} is not accepted on /v1/images/generations; send image_url, image_urls "
                "or reference_image_urls (public URLs), or one multipart image.",
                "unsupported_parameter",
            )
    if body.get("mask_url") is not None and not op.mask:
        raise errors.unsupported_parameter("mask_url", model)
    files = _file_loaders(state, req, ("image",))
    if len(files) > 1:
        raise invalid_input(
            "image",
            "One multipart image is accepted here; send the others as image_urls.",
            "invalid_value",
        )
    loaders = files + _url_loaders(state, body, ("image_urls", "reference_image_urls"))
    _check_count(loaders, op, model)
    return Inputs([load() for _, load in loaders])

"""A request for images as one typed value, validated once by the profiles.

The panel and the command line build it with `profiles.make_request`; the same value
is recorded with the job, sent by the client (which builds the JSON body from it),
and becomes the provenance of the stored images. Nothing on the way changes it.

Input images, a mask and references go with an `operation` (generate, edit,
image-to-image, variation, upscale, ...): the client picks the route and the form from the
model's input profile (`profiles.inputs`), never from the caller.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias, get_args

JsonValue: TypeAlias = "str | int | float | bool | list[JsonValue] | dict[str, JsonValue] | None"

# Marks the stored form (`ImageRequest.to_json`): an older row holds the flat body
# that was sent, and no body has a key like this one.
STORED_FORM_KEY = "$request"
STORED_FORM_VERSION = 1
_BODY_ONLY = ("model", "prompt")

# What a request does with its input images. "generate" is text to image (with
# references it becomes image-to-image); the finishing tools and the providers' actions
# (Midjourney, Ideogram) are operations of their own, each with its own input profile.
Operation = Literal[
    "generate",
    "edit",
    "image-to-image",
    "variation",
    "upscale",
    "remove-background",
    "replace-background",
    "reframe",
    "remix",
    "zoom",
    "pan",
    "reroll",
    "blend",
    "region-edit",
    "describe",
]
OPERATIONS: tuple[Operation, ...] = get_args(Operation)


class Params(Mapping[str, JsonValue]):
    """The settings a model takes, in its profile's order; immutable and hashable."""

    __slots__ = ("_items", "_key")

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        # A deep copy through JSON: whatever the caller keeps cannot change the request
        # afterwards, and only what can be sent is accepted.
        text = json.dumps(dict(values or {}), ensure_ascii=False)
        self._items: dict[str, JsonValue] = json.loads(text)
        self._key = json.dumps(self._items, sort_keys=True, ensure_ascii=False)

    def __getitem__(self, name: str) -> JsonValue:
        return self._items[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Params):
            return self._key == other._key
        if isinstance(other, Mapping):
            return self._items == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key)

    def __repr__(self) -> str:
        return f"Params({self._items!r})"

    def to_dict(self) -> dict[str, Any]:
        """A fresh copy the caller may change."""
        copy: dict[str, Any] = json.loads(json.dumps(self._items, ensure_ascii=False))
        return copy


@dataclass(frozen=True)
class InputImage:
    """An image handed to the model: a library image (by id when it is one), named by
    the hash of its bytes so that a changed file is noticed, and where it was read."""

    sha256: str
    image_id: int | None = None
    path: str | None = None
    # A public http(s) URL the gateway can fetch itself (a result still on its CDN);
    # local files are never given as URLs: the gateway refuses private addresses.
    url: str | None = None

    @property
    def label(self) -> str:
        """How messages name it: the library id, else the file, else the URL."""
        if self.image_id is not None:
            return f"image {self.image_id}"
        return self.path or self.url or self.sha256[:12]

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "sha256": self.sha256,
            "image_id": self.image_id,
            "path": self.path,
        }
        if self.url is not None:
            data["url"] = self.url
        return data

    @classmethod
    def from_json(cls, data: Any) -> InputImage | None:
        if not isinstance(data, dict) or not isinstance(data.get("sha256"), str):
            return None
        image_id = data.get("image_id")
        path = data.get("path")
        url = data.get("url")
        return cls(
            sha256=data["sha256"],
            image_id=image_id
            if isinstance(image_id, int) and not isinstance(image_id, bool)
            else None,
            path=path if isinstance(path, str) else None,
            url=url if isinstance(url, str) else None,
        )


def _images(data: Any) -> tuple[InputImage, ...]:
    if not isinstance(data, list):
        return ()
    return tuple(image for image in map(InputImage.from_json, data) if image is not None)


@dataclass(frozen=True)
class ImageRequest:
    model: str
    prompt: str
    params: Params = field(default_factory=Params)
    inputs: tuple[InputImage, ...] = ()
    mask: InputImage | None = None
    references: tuple[InputImage, ...] = ()
    operation: Operation = "generate"

    def __post_init__(self) -> None:
        if not isinstance(self.params, Params):
            object.__setattr__(self, "params", Params(self.params))
        object.__setattr__(self, "inputs", tuple(self.inputs))
        object.__setattr__(self, "references", tuple(self.references))
        if self.operation not in OPERATIONS:
            raise ValueError(f"unknown operation {self.operation!r}")

    # ----- what the request means ---------------------------------------------------

    @property
    def source_images(self) -> tuple[InputImage, ...]:
        """Every image handed to the model, sources first: the mask applies to the first."""
        return (*self.inputs, *self.references)

    @property
    def effective_operation(self) -> Operation:
        """`generate` with images is image-to-image; anything else is as asked."""
        if self.operation == "generate" and self.source_images:
            return "image-to-image"
        return self.operation

    @property
    def images(self) -> int:
        """How many images it asks for (`n`, default 1)."""
        n = self.params.get("n", 1)
        return n if isinstance(n, int) and not isinstance(n, bool) and n > 0 else 1

    @property
    def stream(self) -> bool:
        """Whether the transport should ask for a streamed answer (`stream: true`).

        The profiles never add `stream` themselves: whether the gateway streams is
        UNCONFIRMED, so the HTTP layer owns that choice and its fallback.
        """
        partial = self.params.get("partial_images")
        return (
            isinstance(partial, int)
            and not isinstance(partial, bool)
            and partial > 0
            and self.params.get("async") is not True
        )

    def body(self) -> dict[str, Any]:
        """The JSON body for a text-to-image POST /v1/images/generations (requests with
        images get theirs from `api.inputs`, which knows each route's fields)."""
        return {"model": self.model, "prompt": self.prompt, **self.params.to_dict()}

    # ----- stored with the job ------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {
            STORED_FORM_KEY: STORED_FORM_VERSION,
            "model": self.model,
            "prompt": self.prompt,
            "params": self.params.to_dict(),
            "inputs": [image.to_json() for image in self.inputs],
            "mask": self.mask.to_json() if self.mask else None,
            "references": [image.to_json() for image in self.references],
            "operation": self.operation,
        }

    @classmethod
    def from_json(
        cls, data: Mapping[str, Any], *, model: str = "", prompt: str = ""
    ) -> ImageRequest:
        """The stored form, or the flat body an older version recorded; `model` and
        `prompt` stand in where a damaged row lacks them."""
        if STORED_FORM_KEY not in data:
            return cls.from_body(data, model=model, prompt=prompt)
        params = data.get("params")
        return cls(
            model=_text(data.get("model"), model),
            prompt=_text(data.get("prompt"), prompt),
            params=Params(params if isinstance(params, dict) else {}),
            inputs=_images(data.get("inputs")),
            mask=InputImage.from_json(data.get("mask")),
            references=_images(data.get("references")),
            operation=_operation(data.get("operation")),
        )

    @classmethod
    def from_body(
        cls, body: Mapping[str, Any], *, model: str = "", prompt: str = ""
    ) -> ImageRequest:
        """A body as it is sent (old job rows, callers that still build bodies)."""
        return cls(
            model=_text(body.get("model"), model),
            prompt=_text(body.get("prompt"), prompt),
            params=Params({k: v for k, v in body.items() if k not in _BODY_ONLY}),
        )


def _operation(value: Any) -> Operation:
    # Rows written before operations existed were all text-to-image requests.
    for operation in OPERATIONS:
        if value == operation:
            return operation
    return "generate"


def _text(value: Any, fallback: str) -> str:
    return value if isinstance(value, str) else fallback


def as_request(request: ImageRequest | Mapping[str, Any]) -> ImageRequest:
    """`request` itself, or the request a plain body stands for."""
    return request if isinstance(request, ImageRequest) else ImageRequest.from_body(request)


def request_body(request: ImageRequest | Mapping[str, Any]) -> dict[str, Any]:
    """The JSON body to send: the request's, or a plain body exactly as given."""
    return request.body() if isinstance(request, ImageRequest) else dict(request)

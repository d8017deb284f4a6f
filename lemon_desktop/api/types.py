"""Typed views of the gateway's responses.

Parsing is lenient about extra fields and strict about the few that decide
what happens next (a task id, an image URL), so a changed gateway fails loudly
in one place instead of deep inside a widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from ._convert import to_decimal as _money
from ._convert import to_float as _float
from ._convert import to_int as _int
from .errors import MalformedResponseError

TaskState = Literal["pending", "processing", "completed", "failed"]
_TASK_STATES: frozenset[str] = frozenset({"pending", "processing", "completed", "failed"})
# Settings GPT Image answers repeat back, in inline and streamed answers alike.
ECHOED_FIELDS = ("background", "output_format", "quality", "size")


@dataclass(frozen=True)
class Usage:
    input_tokens: int | None = None
    output_tokens: int | None = None
    total_tokens: int | None = None
    text_tokens: int | None = None
    image_tokens: int | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def parse(cls, data: Any) -> Usage | None:
        if not isinstance(data, dict):
            return None
        details = data.get("input_tokens_details")
        details = details if isinstance(details, dict) else {}
        return cls(
            input_tokens=_int(data.get("input_tokens")),
            output_tokens=_int(data.get("output_tokens")),
            total_tokens=_int(data.get("total_tokens")),
            text_tokens=_int(details.get("text_tokens")),
            image_tokens=_int(details.get("image_tokens")),
            raw=data,
        )


@dataclass(frozen=True)
class GeneratedImage:
    """One image of a result: a URL to fetch, or the bytes as base64."""

    url: str | None = None
    b64_json: str | None = None
    revised_prompt: str | None = None

    @classmethod
    def parse(cls, data: Any) -> GeneratedImage:
        if not isinstance(data, dict):
            raise MalformedResponseError("An image entry in the response is not an object.")
        return cls(
            url=data.get("url") or None,
            b64_json=data.get("b64_json") or None,
            revised_prompt=data.get("revised_prompt") or None,
        )

    @property
    def ready(self) -> bool:
        return bool(self.url or self.b64_json)


@dataclass(frozen=True)
class ImagesResult:
    """A finished generation, inline from the create call or from a task."""

    images: tuple[GeneratedImage, ...]
    created: int | None = None
    usage: Usage | None = None
    echo: dict[str, Any] = field(default_factory=dict)
    task_id: str | None = None


@dataclass(frozen=True)
class TaskRef:
    """The create call answered with a task to poll instead of images."""

    task_id: str
    poll_url: str
    created: int | None = None


CreateResult = ImagesResult | TaskRef


@dataclass(frozen=True)
class TaskStatus:
    id: str
    status: TaskState
    progress: float | None = None
    images: tuple[GeneratedImage, ...] = ()
    error: str | None = None
    cancelled: bool = False
    model: str | None = None
    poll_url: str | None = None
    usage: Usage | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def finished(self) -> bool:
        return self.status in ("completed", "failed")

    @classmethod
    def parse(cls, data: Any) -> TaskStatus:
        if not isinstance(data, dict):
            raise MalformedResponseError("The task status is not a JSON object.")
        status = data.get("status")
        if status not in _TASK_STATES:
            raise MalformedResponseError(f"The task has an unknown status {status!r}.")
        task_id = str(data.get("id") or data.get("task_id") or "")
        error = data.get("error")
        if isinstance(error, dict):  # tolerate an envelope where the docs say string
            error = error.get("message")
        entries = data.get("data") or ()
        return cls(
            id=task_id,
            status=status,
            progress=_float(data.get("progress")),
            images=tuple(GeneratedImage.parse(d) for d in entries if isinstance(d, dict)),
            error=str(error) if error else None,
            cancelled=data.get("cancelled") is True
            or data.get("cancellation_status") == "cancelled",
            model=data.get("model"),
            poll_url=data.get("poll_url"),
            usage=Usage.parse(data.get("usage")),
            raw=data,
        )


def parse_create_response(data: Any) -> CreateResult:
    """Decide from the response alone whether it is a task or finished images."""
    if not isinstance(data, dict):
        raise MalformedResponseError("The create response is not a JSON object.")
    task_id = data.get("task_id") or (data.get("id") if data.get("poll_url") else None)
    if data.get("status") == "pending" or data.get("poll_url") or data.get("task_id"):
        if not task_id:
            raise MalformedResponseError("The gateway started a task but gave no task id.")
        poll_url = data.get("poll_url") or f"/v1/tasks/{task_id}"
        return TaskRef(
            task_id=str(task_id), poll_url=str(poll_url), created=_int(data.get("created"))
        )
    entries = data.get("data")
    if not isinstance(entries, list):
        raise MalformedResponseError("The create response has no image list.")
    images = tuple(GeneratedImage.parse(d) for d in entries)
    if not images or not all(image.ready for image in images):
        raise MalformedResponseError("The create response holds no image URL or data.")
    return ImagesResult(
        images=images,
        created=_int(data.get("created")),
        usage=Usage.parse(data.get("usage")),
        echo={k: data[k] for k in ECHOED_FIELDS if k in data},
    )


@dataclass(frozen=True)
class ModelInfo:
    id: str
    owned_by: str | None = None
    created: int | None = None
    category: str | None = None
    pricing_unit: str | None = None
    capability_flags: dict[str, Any] | None = None
    supported_operations: tuple[str, ...] = ()
    preferred_rank: int | None = None
    success_rate_24h: float | None = None
    preference_status: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def parse(cls, data: Any, scene: str | None = None) -> ModelInfo:
        if not isinstance(data, dict) or not data.get("id"):
            raise MalformedResponseError("A model entry has no id.")
        extra = data.get("lemondata")
        extra = extra if isinstance(extra, dict) else {}
        prefs = extra.get("agent_preferences")
        prefs = prefs if isinstance(prefs, dict) else {}
        if scene and isinstance(prefs.get(scene), dict):
            prefs = prefs[scene]
        flags = extra.get("capability_flags")
        return cls(
            id=str(data["id"]),
            owned_by=data.get("owned_by"),
            created=_int(data.get("created")),
            category=extra.get("category"),
            pricing_unit=extra.get("pricing_unit"),
            capability_flags=flags if isinstance(flags, dict) else None,
            supported_operations=tuple(extra.get("supported_operations") or ()),
            preferred_rank=_int(prefs.get("preferred_rank")),
            success_rate_24h=_float(prefs.get("success_rate_24h")),
            preference_status=prefs.get("status"),
            raw=data,
        )


@dataclass(frozen=True)
class ModelPricing:
    model: str
    provider: str | None = None
    input_per_1m: Decimal | None = None
    output_per_1m: Decimal | None = None
    per_request: Decimal | None = None
    is_lock_price: bool = False
    currency: str = "USD"

    @property
    def token_priced(self) -> bool:
        return self.per_request is None and (
            self.input_per_1m is not None or self.output_per_1m is not None
        )

    @classmethod
    def parse(cls, data: Any) -> ModelPricing:
        if not isinstance(data, dict) or not data.get("model"):
            raise MalformedResponseError("A pricing entry has no model.")
        pricing = data.get("pricing")
        pricing = pricing if isinstance(pricing, dict) else {}
        return cls(
            model=str(data["model"]),
            provider=data.get("provider"),
            input_per_1m=_money(pricing.get("input_per_1m")),
            output_per_1m=_money(pricing.get("output_per_1m")),
            per_request=_money(pricing.get("per_request")),
            is_lock_price=pricing.get("is_lock_price") is True,
            currency=str(pricing.get("currency") or "USD"),
        )

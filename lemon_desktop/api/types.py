"""Typed views of the gateway's responses.

Parsing is lenient about extra fields and strict about the few that decide
what happens next (a task id, an image URL), so a changed gateway fails loudly
in one place instead of deep inside a widget.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from ._convert import to_count as _count
from ._convert import to_float as _float
from ._convert import to_int as _int
from ._convert import to_price
from ._convert import to_str as _str
from .errors import MalformedResponseError

log = logging.getLogger(__name__)

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
        # Counts that are negative or not numbers are unknown: they price the job.
        return cls(
            input_tokens=_count(data.get("input_tokens")),
            output_tokens=_count(data.get("output_tokens")),
            total_tokens=_count(data.get("total_tokens")),
            text_tokens=_count(details.get("text_tokens")),
            image_tokens=_count(details.get("image_tokens")),
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
        url, b64_json = data.get("url"), data.get("b64_json")
        revised = data.get("revised_prompt")
        # Anything but a string is no URL or data at all (the image is then not ready).
        return cls(
            url=url if isinstance(url, str) and url else None,
            b64_json=b64_json if isinstance(b64_json, str) and b64_json else None,
            revised_prompt=revised if isinstance(revised, str) and revised else None,
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
        task_id = _str(data.get("id")) or _str(data.get("task_id")) or ""
        entries = data.get("data")
        if entries is None:
            entries = []
        if not isinstance(entries, list):
            if status == "completed":
                raise MalformedResponseError("The completed task's `data` is not a list of images.")
            entries = []
        return cls(
            id=task_id,
            status=status,
            progress=_float(data.get("progress")),
            images=tuple(GeneratedImage.parse(d) for d in entries if isinstance(d, dict)),
            error=task_error_text(data.get("error")),
            cancelled=data.get("cancelled") is True
            or data.get("cancellation_status") == "cancelled",
            model=_str(data.get("model")),
            poll_url=_str(data.get("poll_url")),
            usage=Usage.parse(data.get("usage")),
            raw=data,
        )


_MAX_REASON_CHARS = 1000


def task_error_text(error: Any) -> str | None:
    """A task's failure reason: a string, or an object `{code, message}`, as one line."""
    if error is None or error == "" or error is False:
        return None
    if isinstance(error, dict):
        message = _str(error.get("message"))
        code = _str(error.get("code"))
        if message:
            text = f"{message} ({code})" if code and code not in message else message
        else:
            text = code or json.dumps(error, ensure_ascii=False, default=str)[:_MAX_REASON_CHARS]
    elif isinstance(error, str):
        text = error
    else:
        text = json.dumps(error, ensure_ascii=False, default=str)
    return text[:_MAX_REASON_CHARS] if text else None


def parse_create_response(data: Any) -> CreateResult:
    """Decide from the response alone whether it is a task or finished images."""
    if not isinstance(data, dict):
        raise MalformedResponseError("The create response is not a JSON object.")
    task_id = _str(data.get("task_id")) or (_str(data.get("id")) if data.get("poll_url") else None)
    if data.get("status") == "pending" or data.get("poll_url") or data.get("task_id"):
        if not task_id:
            raise MalformedResponseError("The gateway started a task but gave no task id.")
        poll_url = data.get("poll_url")
        if not isinstance(poll_url, str) or not poll_url:
            poll_url = f"/v1/tasks/{task_id}"
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
        model_id = data.get("id") if isinstance(data, dict) else None
        if not isinstance(model_id, str) or not model_id.strip():
            raise MalformedResponseError("A model entry has no id.")
        # The extension object: `lemondata` in the pages this client was built on,
        # `tokenlab` in the newest spec; either (or both) may come.
        extra: dict[str, Any] = {}
        for name in ("tokenlab", "lemondata"):
            found = data.get(name)
            if isinstance(found, dict):
                extra.update({k: v for k, v in found.items() if v is not None})
        prefs = extra.get("agent_preferences")
        prefs = prefs if isinstance(prefs, dict) else {}
        if scene and isinstance(prefs.get(scene), dict):
            prefs = prefs[scene]
        flags = extra.get("capability_flags")
        operations = extra.get("supported_operations")
        return cls(
            id=model_id,
            owned_by=_str(data.get("owned_by")),
            created=_int(data.get("created")),
            category=_str(extra.get("category")),
            pricing_unit=_str(extra.get("pricing_unit")),
            capability_flags=flags if isinstance(flags, dict) else None,
            supported_operations=tuple(
                op for op in (operations if isinstance(operations, list) else ()) if _str(op)
            ),
            preferred_rank=_int(prefs.get("preferred_rank")),
            success_rate_24h=_float(prefs.get("success_rate_24h")),
            preference_status=_str(prefs.get("status")),
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

    @property
    def known(self) -> bool:
        """Whether any price could be read; an entry without one is no price at all."""
        return self.per_request is not None or self.token_priced

    @classmethod
    def parse(cls, data: Any, model: str | None = None) -> ModelPricing:
        """The documented nested shape, or the flat one a localized page shows.

        Nested: `{"model", "provider", "pricing": {"input_per_1m", "output_per_1m",
        "per_request", "is_lock_price", "currency"}}`. Flat: `{"object": "pricing",
        "model", "input_per_1m_tokens", "output_per_1m_tokens", "lock_price_per_request"}`.
        """
        if not isinstance(data, dict):
            raise MalformedResponseError("A pricing entry is not an object.")
        name = data.get("model") if isinstance(data.get("model"), str) else model
        if not name:
            raise MalformedResponseError("A pricing entry has no model.")
        nested = data.get("pricing")
        if isinstance(nested, dict):
            return cls(
                model=name,
                provider=_str(data.get("provider")),
                input_per_1m=to_price(nested.get("input_per_1m"), f"{name} input price"),
                output_per_1m=to_price(nested.get("output_per_1m"), f"{name} output price"),
                per_request=to_price(nested.get("per_request"), f"{name} price per request"),
                is_lock_price=nested.get("is_lock_price") is True,
                currency=_str(nested.get("currency")) or "USD",
            )
        lock = to_price(data.get("lock_price_per_request"), f"{name} price per request")
        per_request = lock if lock is not None else to_price(data.get("per_request"))
        return cls(
            model=name,
            provider=_str(data.get("provider")),
            input_per_1m=to_price(data.get("input_per_1m_tokens"), f"{name} input price"),
            output_per_1m=to_price(data.get("output_per_1m_tokens"), f"{name} output price"),
            per_request=per_request,
            is_lock_price=lock is not None,
            currency=_str(data.get("currency")) or "USD",
        )


def parse_pricing(data: Any, model: str | None = None) -> list[ModelPricing]:
    """Every price that can be read; an entry that cannot is left out (its price is unknown).

    A model without a readable price must never count as free, so such entries are
    dropped rather than kept with empty prices that a sum would read as zero.
    """
    if isinstance(data, dict) and not isinstance(data.get("data"), list):
        if data.get("object") == "pricing" or "pricing" in data or "model" in data:
            entries: list[Any] = [data]
        else:
            raise MalformedResponseError("The pricing answer has no `data` array.")
    elif isinstance(data, dict):
        entries = data["data"]
    else:
        raise MalformedResponseError("The pricing answer is not a JSON object.")
    prices = []
    for entry in entries:
        try:
            price = ModelPricing.parse(entry, model)
        except MalformedResponseError as exc:
            log.warning("skipping a pricing entry: %s", exc)
            continue
        if price.known:
            prices.append(price)
        else:
            log.warning("no readable price for %s; its cost is unknown", price.model)
    return prices


def parse_models(data: Any, scene: str | None = None) -> list[ModelInfo]:
    """The catalogue; a bad entry is skipped (and logged), not the whole list."""
    entries = data.get("data") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise MalformedResponseError("The model list has no `data` array.")
    models = []
    for entry in entries:
        try:
            models.append(ModelInfo.parse(entry, scene=scene))
        except MalformedResponseError as exc:
            log.warning("skipping a model entry: %s", exc)
    if entries and not models:
        raise MalformedResponseError("None of the gateway's model entries could be read.")
    return models

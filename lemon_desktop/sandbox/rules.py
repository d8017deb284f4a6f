"""Validation of ``POST /v1/images/generations`` bodies against the family table.

Parameters a family does not take are ignored (counted in ``stats.ignored_params``),
as an OpenAI-compatible gateway drops what it does not forward. In particular
``async: true`` on a model that does not document it is ignored and the model answers
inline: the spec only says which models accept it, never that others reject it, and a
client must handle inline answers for every model anyway.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lemon_desktop.sandbox.errors import Issue, validation_failed
from lemon_desktop.sandbox.families import RESPONSE_FORMATS, Family
from lemon_desktop.sandbox.size_rules import resolve_size


@dataclass
class Normalized:
    """A create request the gateway accepted, with every default resolved."""

    model: str
    family: Family
    prompt: str
    n: int
    width: int
    height: int
    response_format: str
    want_task: bool
    stream: bool = False
    partial_images: int = 0
    output_format: str = "png"
    background: str = "opaque"
    quality: str | None = None
    style: str | None = None
    compression: int | None = None
    ignored: list[str] = field(default_factory=list)
    stripped: list[str] = field(default_factory=list)

    @property
    def size_label(self) -> str:
        return f"{self.width}x{self.height}"


def normalize(
    model: str, family: Family, delivery: str, async_ok: bool, body: Mapping[str, Any]
) -> Normalized:
    """Validate ``body`` for ``family``; raise a 400 GatewayError listing every problem."""
    issues: list[Issue] = []
    prompt = _check_prompt(body, family, issues)
    n = _check_n(body, family, issues)
    values = check_enums_and_ints(body, family.enums, family.ints, issues)
    flags = {name: _check_bool(body, name, issues) for name in ("async", "stream")}
    width, height, ignored_size = resolve_size(body, family, issues)

    out_format = values.get("output_format", "png") if family.gpt else "png"
    background = values.get("background", "auto") if family.gpt else "opaque"
    background = "opaque" if background == "auto" else background
    if family.gpt and background == "transparent" and out_format == "jpeg":
        issues.append(
            Issue("background", "transparent background requires output_format png or webp")
        )
    stream = bool(flags["stream"]) and family.gpt
    want_async = bool(flags["async"])
    if stream and want_async and async_ok:
        issues.append(Issue("stream", "stream cannot be combined with async", "invalid_value"))
    if issues:
        raise validation_failed(issues)

    ignored = [] if family.open else [k for k in body if k not in family.accepted]
    ignored = [k for k in ignored if k not in family.strip]
    if want_async and not async_ok and delivery != "task":
        ignored.append("async")
    ignored = list(dict.fromkeys(ignored + ignored_size))
    quality = values.get("quality")
    if family.gpt:
        quality = "medium" if quality in (None, "auto") else quality
    elif family.name == "dall-e-3":
        quality = quality or "standard"
    compression = values.get("output_compression", values.get("compression"))
    return Normalized(
        model=model,
        family=family,
        prompt=prompt,
        n=n,
        width=width,
        height=height,
        response_format=values.get("response_format", "url"),
        want_task=delivery == "task" or (want_async and async_ok),
        stream=stream,
        partial_images=int(values.get("partial_images", 0)) if stream else 0,
        output_format=out_format,
        background=background,
        quality=quality,
        style=values.get("style", "vivid") if family.name == "dall-e-3" else None,
        compression=compression if out_format in ("jpeg", "webp") else None,
        ignored=ignored,
        stripped=[k for k in body if k in family.strip],
    )


def _check_prompt(body: Mapping[str, Any], family: Family, issues: list[Issue]) -> str:
    prompt = body.get("prompt")
    if prompt is None:
        issues.append(Issue("prompt", "prompt is required", "missing_required_parameter"))
        return ""
    if not isinstance(prompt, str):
        issues.append(Issue("prompt", "prompt must be a string", "invalid_type"))
        return ""
    if not prompt.strip():
        issues.append(Issue("prompt", "prompt must not be empty", "invalid_value"))
    elif len(prompt) > family.prompt_max:
        issues.append(
            Issue(
                "prompt",
                f"prompt is {len(prompt)} characters; {family.name} accepts at most "
                f"{family.prompt_max}",
                "string_above_max_length",
            )
        )
    return prompt


def _check_n(body: Mapping[str, Any], family: Family, issues: list[Issue]) -> int:
    n = body.get("n", 1)
    if n is None:
        return 1
    if isinstance(n, bool) or not isinstance(n, int):
        issues.append(Issue("n", "n must be an integer", "invalid_type"))
        return 1
    if not 1 <= n <= family.n_max:
        allowed = "1" if family.n_max == 1 else f"between 1 and {family.n_max}"
        issues.append(Issue("n", f"n must be {allowed} for this model", "integer_out_of_range"))
    return n


def check_enums_and_ints(
    body: Mapping[str, Any],
    enums: Mapping[str, Sequence[str]],
    ints: Mapping[str, tuple[int, int]],
    issues: list[Issue],
    skip: Collection[str] = (),
) -> dict[str, Any]:
    """The valid choice and integer fields of `body` (plus response_format); every
    invalid one becomes an issue. Integer fields in `skip` are checked elsewhere."""
    values: dict[str, Any] = {}
    for name, allowed in {**enums, "response_format": RESPONSE_FORMATS}.items():
        value = body.get(name)
        if value is None:
            continue
        if not isinstance(value, str) or value not in allowed:
            issues.append(Issue(name, f"{name} must be one of: {', '.join(allowed)}"))
        else:
            values[name] = value
    for name, (low, high) in ints.items():
        value = body.get(name)
        if value is None or name in skip:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            issues.append(Issue(name, f"{name} must be an integer", "invalid_type"))
        elif not low <= value <= high:
            issues.append(
                Issue(name, f"{name} must be between {low} and {high}", "integer_out_of_range")
            )
        else:
            values[name] = value
    return values


def _check_bool(body: Mapping[str, Any], name: str, issues: list[Issue]) -> bool | None:
    value = body.get(name)
    if value is None or isinstance(value, bool):
        return value
    issues.append(Issue(name, f"{name} must be a boolean", "invalid_type"))
    return None

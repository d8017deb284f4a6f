"""Validation of the parameters of a request that takes input images (edits, variations,
finishing models), against the model's :class:`InputOperation`. Every problem found is
reported at once, as ``validation_errors``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lemon_desktop.sandbox import sizes
from lemon_desktop.sandbox.catalog import ModelEntry
from lemon_desktop.sandbox.errors import Issue, validation_failed
from lemon_desktop.sandbox.families import FAMILIES
from lemon_desktop.sandbox.operations import InputOperation
from lemon_desktop.sandbox.rules import check_enums_and_ints
from lemon_desktop.sandbox.size_rules import resolve_size

MAX_OUTPUT_EDGE = 8192
DEFAULT_PROMPT_MAX = 4_000
# Fields every input route understands even where they change nothing.
_QUIET = frozenset({"model", "prompt", "image", "image[]", "image_url", "image_urls", "images",
                    "mask", "stream", "user", "operation"})  # fmt: skip


@dataclass
class EditParams:
    prompt: str
    n: int
    width: int
    height: int
    response_format: str
    want_task: bool
    output_format: str = "png"
    compression: int | None = None
    option: str = ""
    ignored: list[str] = field(default_factory=list)


def _prompt(body: Mapping[str, Any], op: InputOperation, limit: int, issues: list[Issue]) -> str:
    prompt = body.get("prompt")
    if prompt is None or (isinstance(prompt, str) and not prompt.strip()):
        if op.prompt == "required":
            issues.append(Issue("prompt", "prompt is required", "missing_required_parameter"))
        return ""
    if not isinstance(prompt, str):
        issues.append(Issue("prompt", "prompt must be a string", "invalid_type"))
        return ""
    if len(prompt) > limit:
        issues.append(
            Issue(
                "prompt",
                f"prompt is {len(prompt)} characters; at most {limit}",
                "string_above_max_length",
            )
        )
    return prompt


def _size(
    body: Mapping[str, Any],
    op: InputOperation,
    entry: ModelEntry,
    first: tuple[int, int],
    issues: list[Issue],
) -> tuple[int, int]:
    size = body.get("size")
    width, height = first
    if op.size_mode == "scale":
        scale = body.get("scale", 2)
        if scale not in (2, 4) or isinstance(scale, bool):
            issues.append(Issue("scale", "scale must be 2 or 4", "invalid_value"))
            scale = 2
        width, height = width * scale, height * scale
    elif (
        op.size_mode == "aspect"
        and entry.family
        and ("aspect_ratio" in body or "resolution" in body)
    ):
        width, height, _ = resolve_size(body, FAMILIES[entry.family], issues)
    elif op.size_mode in ("gpt2", "enum", "free") and size not in (None, "auto"):
        parsed = sizes.parse_size(size) if isinstance(size, str) else None
        problem: str | None = "size must be 'auto' or WIDTHxHEIGHT"
        if parsed is not None:
            if op.size_mode == "enum":
                problem = (
                    None if size in op.sizes else f"size must be one of: {', '.join(op.sizes)}"
                )
            elif op.size_mode == "gpt2":
                problem = sizes.gpt2_size_problem(*parsed)
            else:
                problem = sizes.free_size_problem(*parsed)
        if problem:
            issues.append(Issue("size", f"invalid size {size}: {problem}", "invalid_size"))
        elif parsed is not None:
            width, height = parsed
    elif op.size_mode == "enum" and f"{width}x{height}" not in op.sizes:
        width, height = sizes.parse_size(op.sizes[-1]) or (1024, 1024)
    if op.effect == "pan":
        direction = body.get("direction", "right")
        if direction in ("left", "right"):
            width = width * 3 // 2
        else:
            height = height * 3 // 2
    if max(width, height) > MAX_OUTPUT_EDGE:
        issues.append(
            Issue("scale", f"the result would be {width}x{height}; at most {MAX_OUTPUT_EDGE}px")
        )
    return width, height


def check_params(
    body: Mapping[str, Any], op: InputOperation, entry: ModelEntry, first: tuple[int, int]
) -> EditParams:
    issues: list[Issue] = []
    family = FAMILIES[entry.family] if entry.family else None
    prompt = _prompt(body, op, family.prompt_max if family else DEFAULT_PROMPT_MAX, issues)
    n = body.get("n", 1)
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= op.n_max:
        issues.append(Issue("n", f"n must be an integer from 1 to {op.n_max}", "invalid_value"))
        n = 1
    values = check_enums_and_ints(body, op.enums, op.ints, issues, skip={"scale"})
    want_async = body.get("async")
    if want_async is not None and not isinstance(want_async, bool):
        issues.append(Issue("async", "async must be a boolean", "invalid_type"))
    width, height = _size(body, op, entry, first, issues)
    if issues:
        raise validation_failed(issues)
    accepted = set(op.parameters) | _QUIET | set(op.ints)
    output_format = values.get("output_format", "png")
    compression = values.get("output_compression", values.get("compression"))
    return EditParams(
        prompt=prompt,
        n=n,
        width=width,
        height=height,
        response_format=values.get("response_format", "url"),
        want_task=op.delivery == "task" or (want_async is True and op.async_ok),
        output_format=output_format,
        compression=compression if output_format in ("jpeg", "webp") else None,
        option=str(values.get("direction", "right")),
        ignored=[k for k in body if k not in accepted],
    )

"""Turning loosely typed input (CLI strings, widget values) into each parameter's kind.

Every function returns (value, messages): messages is empty on success, else each one is
a sentence naming the field and the rule it broke.
"""

from __future__ import annotations

import re
from typing import Any

from .schema import ParamSpec, SizeRules
from .sizes import format_size, nearest_valid_size, parse_size, size_violations

_INT_RE = re.compile(r"^[+-]?\d+$")
_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})

Coerced = tuple[Any, list[str]]


def is_unset(raw: Any) -> bool:
    """None and blank text both mean "leave it to the gateway": a cleared GUI field or an
    empty CLI value should not become a request parameter."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def shown(raw: Any) -> str:
    """How a rejected input is quoted back: strings in quotes, so a blank or a number typed
    as text is visible as such."""
    return repr(raw) if isinstance(raw, str) else str(raw)


def coerce(spec: ParamSpec, raw: Any, model_id: str) -> Coerced:
    if spec.kind == "int":
        return _coerce_int(spec, raw, model_id)
    if spec.kind == "bool":
        return _coerce_bool(spec, raw)
    if spec.kind == "choice":
        return _coerce_choice(spec, raw, model_id)
    if spec.kind == "size":
        return _coerce_size(spec, raw, model_id)
    return _coerce_text(spec, raw)


def _range_message(spec: ParamSpec, raw: Any, model_id: str) -> str:
    lo, hi = spec.minimum, spec.maximum
    if lo is not None and lo == hi:
        wanted = f"{lo}"
    elif lo is not None and hi is not None:
        wanted = f"a whole number from {lo} to {hi}"
    elif lo is not None:
        wanted = f"a whole number of at least {lo}"
    elif hi is not None:
        wanted = f"a whole number of at most {hi}"
    else:
        wanted = "a whole number"
    message = f"{spec.name} must be {wanted}, got {shown(raw)}."
    if spec.hint:
        message += " " + spec.hint.format(model=model_id)
    return message


def _coerce_int(spec: ParamSpec, raw: Any, model_id: str) -> Coerced:
    value: int | None = None
    # bool is an int subclass; True as a count is almost certainly a wiring mistake.
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, float) and raw.is_integer():
        value = int(raw)
    elif isinstance(raw, str) and _INT_RE.match(raw.strip()):
        value = int(raw.strip())
    if value is None:
        return None, [_range_message(spec, raw, model_id)]
    if (spec.minimum is not None and value < spec.minimum) or (
        spec.maximum is not None and value > spec.maximum
    ):
        return None, [_range_message(spec, raw, model_id)]
    return value, []


def _coerce_bool(spec: ParamSpec, raw: Any) -> Coerced:
    if isinstance(raw, bool):
        return raw, []
    if isinstance(raw, int) and raw in (0, 1):
        return bool(raw), []
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in _TRUE:
            return True, []
        if word in _FALSE:
            return False, []
    return None, [f"{spec.name} must be true or false, got {shown(raw)}."]


def _coerce_choice(spec: ParamSpec, raw: Any, model_id: str) -> Coerced:
    if isinstance(raw, str):
        # Case-insensitive so "2K" or "HD" typed on a command line still works; the
        # canonical spelling is what gets sent.
        wanted = raw.strip().casefold()
        for choice in spec.choices:
            if choice.casefold() == wanted:
                return choice, []
    return None, [
        f"{spec.name} must be one of {', '.join(spec.choices)} for {model_id}; got {shown(raw)}."
    ]


def _coerce_text(spec: ParamSpec, raw: Any) -> Coerced:
    if isinstance(raw, str):
        return raw, []
    return None, [f"{spec.name} must be text, got {shown(raw)}."]


def size_text(raw: Any) -> str | None:
    """A size input as text, or None when it is neither text nor a (width, height) pair."""
    if isinstance(raw, str):
        return raw.strip()
    # A size editor may hand over (width, height) directly.
    if (
        isinstance(raw, tuple | list)
        and len(raw) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in raw)
    ):
        return format_size(raw[0], raw[1])
    return None


def _coerce_size(spec: ParamSpec, raw: Any, model_id: str) -> Coerced:
    text = size_text(raw)
    parsed = parse_size(text) if text is not None else None
    if text is not None:
        for preset in spec.choices:
            if preset.casefold() == text.casefold():
                return preset, []
        # "1024 X 1024" is the 1024x1024 preset, spelled loosely.
        if parsed is not None and format_size(*parsed) in spec.choices:
            return format_size(*parsed), []
    if not spec.custom_size:
        return None, [
            f"{spec.name} must be one of {', '.join(spec.choices)} for {model_id}; "
            f"got {shown(raw)}."
        ]
    if parsed is None:
        prefix = "auto or " if "auto" in spec.choices else ""
        return None, [
            f"{spec.name} must be {prefix}WIDTHxHEIGHT such as 1536x1024, got {shown(raw)}."
        ]
    width, height = parsed
    rules = spec.size_rules or SizeRules()
    clauses = size_violations(width, height, rules)
    if not clauses:
        return format_size(width, height), []
    nearest = format_size(*nearest_valid_size(width, height, rules))
    return None, [
        f"{spec.name} {width}x{height}: {clause} (nearest valid: {nearest})." for clause in clauses
    ]

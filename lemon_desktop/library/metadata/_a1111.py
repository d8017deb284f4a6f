"""A1111 "parameters" text: the de-facto interchange format of image generators.

Layout: prompt line(s), an optional "Negative prompt: ..." block, then one
"Key: value, Key: value" line. Tools such as Diffusion Toolkit and Infinite
Image Browsing index this text, so we write it next to our own JSON.

The settings line is written for the three readers that decide most: A1111's own
rule (the last line is settings only with at least three items its pattern
accepts), sd-parsers and sd-prompt-reader (see _LEADING).
"""

from __future__ import annotations

import json
import re
from typing import Any

from ._provenance import Provenance

A1111_APP = "a1111"
_NEGATIVE = "Negative prompt:"

# One "Key: value" item. Values with commas, colons or newlines are JSON-quoted.
_PARAM = re.compile(r'\s*(\w[\w \-/.]*):\s*("(?:\\.|[^\\"])*"|[^,]*)(?:,|$)')
_LABEL_LINE = re.compile(r"^\s*(\w[\w \-/.]*):\s")
_INT = re.compile(r"[+-]?\d{1,30}")
_FLOAT = re.compile(r"[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?")

# A1111 spells a few keys its own way; everything else is humanised snake_case.
# Labels are at least two characters: A1111's own pattern (\w[\w \-/]+) skips "N: 1".
_LABELS = {
    "cfg_scale": "CFG scale",
    "clip_skip": "Clip skip",
    "model_hash": "Model hash",
    "schedule_type": "Schedule type",
    "n": "Batch size",
}
_KEYS = {label.lower(): key for key, label in _LABELS.items() if key != "n"}
# Keys that mark a short line as a parameter line rather than prompt prose.
_KNOWN = {"steps", "sampler", "cfg_scale", "seed", "size", "model"}
_SKIPPED = {"prompt", "model", "negative_prompt"}

# The settings line starts with the keys the common readers insist on: sd-prompt-reader
# finds the line by "\nSteps:", sd-parsers needs Sampler and two more of Steps, Seed,
# CFG scale, Schedule type. A hosted model does not say how many steps it ran or with
# which sampler, so a key the request did not carry is written as "unknown": a true
# statement, never an invented number. Readers that need a number there (none of the
# three above) keep their default for it.
UNKNOWN = "unknown"
_LEADING = ("steps", "sampler", "schedule_type")
_THEN = ("cfg_scale", "seed")


def a1111_parameters(p: Provenance, size: tuple[int, int] | None = None) -> str:
    """The "parameters" text; `size` is the image's real pixel size, written as Size."""
    lines = [p.prompt or ""]  # even empty: readers look for "\nNegative prompt:", "\nSteps:"
    if p.negative_prompt:
        lines.append(f"{_NEGATIVE} {p.negative_prompt}")
    items = _param_items(p, size)
    lines.append(", ".join(f"{label}: {_quote(value)}" for label, value in items))
    return "\n".join(lines)


def _param_items(p: Provenance, size: tuple[int, int] | None) -> list[tuple[str, str]]:
    params = {k: v for k, v in p.params.items() if v is not None and k not in _SKIPPED}
    items = [(_label(k), _format_value(params.pop(k, UNKNOWN))) for k in _LEADING]
    items += [(_label(k), _format_value(params.pop(k))) for k in _THEN if k in params]
    requested = params.pop("size", None)
    if size is not None:
        items.append(("Size", f"{size[0]}x{size[1]}"))
        if requested is not None and str(requested) != f"{size[0]}x{size[1]}":
            items.append(("Requested size", _format_value(requested)))
    elif requested is not None:
        items.append(("Size", _format_value(requested)))
    if "model_hash" in params:
        items.append(("Model hash", _format_value(params.pop("model_hash"))))
    if p.model:
        items.append(("Model", p.model))
    items += [(_label(k), _format_value(v)) for k, v in params.items()]
    return items


def _label(key: str) -> str:
    if key in _LABELS:
        return _LABELS[key]
    text = re.sub(r"[^\w \-/.]", "_", key.replace("_", " ")).strip() or "param"
    text = text[0].upper() + text[1:]
    return text if len(text) >= 2 else f"{text} value"


def _format_value(value: Any) -> str:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _quote(text: str) -> str:
    if any(c in text for c in ',:\n"') or text != text.strip():
        return json.dumps(text, ensure_ascii=False)
    return text


PROMPT_CUT = "Prompt cut"


def fit_parameters(text: str, max_units: int) -> str:
    """Our parameters text cut to `max_units` UTF-16 code units (a JPEG EXIF segment
    holds 64 KB). The settings line is kept whole and says the prompt was cut; the
    prompt goes first, then the negative prompt. The full record is in the XMP."""
    if _units(text) <= max_units:
        return text
    body, _, settings = text.rpartition("\n")
    prompt, sep, negative = body.partition(f"\n{_NEGATIVE}")
    original = len(prompt)
    note = f", {PROMPT_CUT}: kept {{kept}} of {original} characters"
    room = max_units - _units(settings) - _units(note.format(kept=original)) - 1
    negative_part = f"\n{_NEGATIVE}{negative}" if sep else ""
    kept_prompt = _cut(prompt, room - _units(negative_part))
    if not kept_prompt and negative_part:
        negative_part = _cut(negative_part, room)
    fitted = f"{kept_prompt}{negative_part}\n{settings}{note.format(kept=len(kept_prompt))}"
    # A settings line too long on its own (huge parameters) is cut last of all.
    return fitted if _units(fitted) <= max_units else _cut(fitted, max_units)


def _units(text: str) -> int:
    return len(text.encode("utf-16-be")) // 2


def _cut(text: str, max_units: int) -> str:
    if max_units <= 0:
        return ""
    encoded = text.encode("utf-16-be")[: max_units * 2]
    return encoded.decode("utf-16-be", errors="ignore")  # drops half a surrogate pair


def parse_a1111_parameters(text: str) -> Provenance:
    """Parse parameters text from A1111, Forge, ComfyUI savers, SwarmUI and friends."""
    text = text.replace("\x00", "").lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    swarm = _parse_swarm_json(text)
    if swarm is not None:
        return swarm
    lines = text.strip().split("\n")
    body, params = _split_param_lines(lines)
    prompt, negative = _split_prompt(body)
    model = params.pop("model", None)
    return Provenance(
        prompt=prompt or None,
        negative_prompt=negative or None,
        model=str(model) if model is not None else None,
        params=params,
        app=A1111_APP,
    )


def _split_param_lines(lines: list[str]) -> tuple[list[str], dict[str, Any]]:
    """Find the parameter line, plus "Key: value" lines some extensions append after it."""
    extras: list[str] = []
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        items = _full_param_items(line)
        if items is not None and _is_param_line(items):
            params = _params_from(items)
            for extra in reversed(extras):
                params.update(_params_from(_full_param_items(extra) or _one_item(extra)))
            return lines[:index], params
        label = _LABEL_LINE.match(line)
        if not line.strip() or label is None or line.lstrip().startswith(_NEGATIVE):
            break
        extras.append(line)
    return lines, {}


def _full_param_items(line: str) -> list[tuple[str, str]] | None:
    """All "Key: value" items of the line, or None when something else is left over."""
    items: list[tuple[str, str]] = []
    pos = 0
    stripped = line.rstrip()
    while pos < len(stripped):
        m = _PARAM.match(stripped, pos)
        if m is None or m.end() == pos:
            return None
        items.append((m.group(1).strip(), m.group(2).strip()))
        pos = m.end()
    return items or None


def _one_item(line: str) -> list[tuple[str, str]]:
    label, _, value = line.partition(":")
    return [(label.strip(), value.strip())]


def _is_param_line(items: list[tuple[str, str]]) -> bool:
    return len(items) >= 3 or any(_key(label) in _KNOWN for label, _ in items)


def _params_from(items: list[tuple[str, str]]) -> dict[str, Any]:
    # "unknown" is what we write for a value nobody knows; it is not a value.
    return {_key(label): _value(raw) for label, raw in items if raw != UNKNOWN}


def _key(label: str) -> str:
    lowered = label.strip().lower()
    return _KEYS.get(lowered, re.sub(r"[ \-]+", "_", lowered))


def _value(raw: str) -> Any:
    if len(raw) >= 2 and raw[0] == raw[-1] == '"':
        try:
            raw = json.loads(raw)
        except ValueError:
            return raw
        if raw.startswith(("[", "{")):
            try:
                return json.loads(raw)
            except ValueError:
                return raw
        return raw
    if _INT.fullmatch(raw):
        return int(raw)
    if _FLOAT.fullmatch(raw):
        return float(raw)
    return raw


def _split_prompt(body: list[str]) -> tuple[str, str]:
    prompt: list[str] = []
    negative: list[str] = []
    in_negative = False
    for line in body:
        stripped = line.strip()
        if not in_negative and stripped.startswith(_NEGATIVE):
            in_negative = True
            stripped = stripped[len(_NEGATIVE) :].strip()
        (negative if in_negative else prompt).append(stripped)
    return "\n".join(prompt).strip(), "\n".join(negative).strip()


def _parse_swarm_json(text: str) -> Provenance | None:
    """SwarmUI stores JSON in the same "parameters" slot."""
    if not text.lstrip().startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    params = data.get("sui_image_params") if isinstance(data, dict) else None
    if not isinstance(params, dict):
        return None
    params = dict(params)
    prompt = params.pop("prompt", None)
    negative = params.pop("negativeprompt", None)
    model = params.pop("model", None)
    return Provenance(
        prompt=prompt if isinstance(prompt, str) else None,
        negative_prompt=negative if isinstance(negative, str) and negative else None,
        model=model if isinstance(model, str) else None,
        params=params,
        app=A1111_APP,
    )

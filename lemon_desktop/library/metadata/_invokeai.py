"""InvokeAI: `invokeai_metadata` (3.x and later), `sd-metadata` (2.x), `Dream` (older)."""

from __future__ import annotations

import re
import shlex
from typing import Any

from ._foreign_record import json_object, make_record, size_text, text_or_none
from ._found import Found
from ._provenance import Provenance

APP = "invokeai"
# InvokeAI 2.x wrote the negative prompt inside the prompt, in square brackets.
_BRACKETED = re.compile(r"\[([^\[\]]*)\]")


def read(found: Found) -> Provenance | None:
    current = json_object(found.text("invokeai_metadata"))
    if current is not None:
        return _current(current)
    legacy = json_object(found.text("sd-metadata"))
    if legacy is not None:
        return _legacy(legacy, found.text("Dream"))
    dream = found.text("Dream")
    return _dream(dream) if dream else None


def _current(data: dict[str, Any]) -> Provenance:
    model = data.get("model")
    model_name = (
        (model.get("model_name") or model.get("name")) if isinstance(model, dict) else model
    )
    return make_record(
        APP,
        prompt=data.get("positive_prompt"),
        negative_prompt=data.get("negative_prompt"),
        model=model_name,
        settings={
            "seed": data.get("seed"),
            "steps": data.get("steps"),
            "cfg_scale": data.get("cfg_scale"),
            "scheduler": data.get("scheduler"),
            "size": size_text(data.get("width"), data.get("height")),
        },
        source={"invokeai_metadata": data},
    )


def _legacy(data: dict[str, Any], dream: str | None) -> Provenance:
    image = data.get("image") if isinstance(data.get("image"), dict) else {}
    assert isinstance(image, dict)
    prompt = image.get("prompt")
    if isinstance(prompt, list):  # [{"prompt": "...", "weight": 1.0}, ...]
        prompt = " ".join(p.get("prompt", "") for p in prompt if isinstance(p, dict))
    positive, negative = _split_brackets(prompt if isinstance(prompt, str) else "")
    source: dict[str, Any] = {"sd-metadata": data}
    if dream:
        source["Dream"] = dream
    return make_record(
        APP,
        prompt=positive,
        negative_prompt=negative,
        model=data.get("model_weights") or data.get("model"),
        settings={
            "seed": image.get("seed"),
            "steps": image.get("steps"),
            "cfg_scale": image.get("cfg_scale"),
            "sampler": image.get("sampler"),
            "size": size_text(image.get("width"), image.get("height")),
        },
        source=source,
    )


_DREAM_FLAGS = {"-s": "steps", "-S": "seed", "-C": "cfg_scale", "-A": "sampler"}


def _dream(text: str) -> Provenance | None:
    """'"prompt [negative]" -s 50 -S 123 -W 512 -H 768 -C 5 -A k_lms'."""
    try:
        words = shlex.split(text)
    except ValueError:
        return None
    if not words:
        return None
    positive, negative = _split_brackets(words[0])
    flags = dict(zip(words[1::2], words[2::2], strict=False))
    settings: dict[str, Any] = {key: _number(flags.get(f)) for f, key in _DREAM_FLAGS.items()}
    settings["size"] = size_text(_number(flags.get("-W")), _number(flags.get("-H")))
    return make_record(
        APP, prompt=positive, negative_prompt=negative, settings=settings, source={"Dream": text}
    )


def _split_brackets(prompt: str) -> tuple[str, str]:
    negative = " ".join(m.strip() for m in _BRACKETED.findall(prompt))
    return _BRACKETED.sub("", prompt).strip(), negative


def _number(text: str | None) -> Any:
    if text is None:
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text_or_none(text)

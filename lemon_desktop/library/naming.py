"""File names from templates, safe on Windows, macOS and Linux alike.

Template fields: {date} {time} {model} {prompt:N} {id} {sha:N} {n} {rating};
any field takes ``:N`` to keep its first N characters. The extension is
appended automatically. Names lose characters Windows forbids (<>:"/\\|?*),
control characters and trailing dots/spaces, dodge reserved device names
(CON, PRN, AUX, NUL, COM1-9, LPT1-9), fit in 200 bytes of UTF-8, and
collisions get -2, -3, ... (compared case-insensitively, as on Windows and macOS).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

FIELDS = ("date", "time", "model", "prompt", "id", "sha", "n", "rating")
MAX_NAME_BYTES = 200
_FIELD = re.compile(r"\{([A-Za-z_]+)(?::(\d+))?\}")
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10))} | {
    f"LPT{i}" for i in range(1, 10)
}


def check_template(template: str) -> None:
    for found in _FIELD.finditer(template):
        if found.group(1) not in FIELDS:
            raise ValueError(
                f"Unknown file name field {{{found.group(1)}}}; "
                f"valid fields: {', '.join('{' + f + '}' for f in FIELDS)}."
            )


def render(template: str, values: Mapping[str, Any]) -> str:
    """Fill the template; each value is cleaned before it is inserted."""
    check_template(template)

    def fill(found: re.Match[str]) -> str:
        value = values.get(found.group(1))
        text = "" if value is None else " ".join(str(value).split())
        if found.group(2):
            text = text[: int(found.group(2))].rstrip()
        return _FORBIDDEN.sub("_", text)

    return _FIELD.sub(fill, template)


def _fit(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def safe_stem(stem: str, *, limit: int = MAX_NAME_BYTES) -> str:
    text = unicodedata.normalize("NFC", stem)
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\s+", " ", text)
    # Empty fields leave doubled separators behind; fold them.
    text = re.sub(r"([_\- ])[_\- ]*\1+", r"\1", text)
    text = re.sub(r"_{2,}", "_", text)
    text = _fit(text, limit).strip(" ._-")
    if not text:
        text = "image"
    if text.split(".")[0].upper().rstrip(" ") in _RESERVED:
        text = f"_{text}"
    return text


def unique_path(folder: Path, stem: str, ext: str, taken: set[str]) -> Path:
    """A free name in `folder`: not on disk and not in `taken` (lowercased names)."""
    base = safe_stem(stem, limit=MAX_NAME_BYTES - len(ext.encode()) - 8)
    n = 1
    while True:
        name = f"{base}{ext}" if n == 1 else f"{base}-{n}{ext}"
        if name.lower() not in taken and not (folder / name).exists():
            taken.add(name.lower())
            return folder / name
        n += 1


def fields_for(
    *,
    created: str,
    model: str | None,
    prompt: str | None,
    image_id: int,
    sha256: str,
    n: int,
    rating: int,
) -> dict[str, Any]:
    date, _, rest = created.partition("T")
    return {
        "date": date,
        "time": rest[:8].replace(":", "-"),
        "model": model or "",
        "prompt": prompt or "",
        "id": image_id,
        "sha": sha256,
        "n": n,
        "rating": rating,
    }

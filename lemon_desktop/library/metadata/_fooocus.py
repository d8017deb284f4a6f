"""Fooocus: its own JSON in `parameters` (PNG) or the EXIF UserComment (JPEG, WebP).

Fooocus can also write A1111 text ("fooocus_scheme: a1111"); that is read as
A1111 text and only named Fooocus here.
"""

from __future__ import annotations

import re
from typing import Any

from ._foreign_record import json_object, make_record
from ._found import Found
from ._provenance import Provenance

APP = "fooocus"
_RESOLUTION = re.compile(r"\(\s*(\d+)\s*,\s*(\d+)\s*\)")
_SIGNS = ("full_prompt", "base_model", "metadata_scheme")


def read(found: Found) -> Provenance | None:
    data = json_object(found.text("parameters") or found.user_comment)
    if data is None or not any(key in data for key in _SIGNS):
        return None
    resolution = _RESOLUTION.fullmatch(str(data.get("resolution", "")).strip())
    return make_record(
        APP,
        prompt=data.get("prompt"),
        negative_prompt=data.get("negative_prompt") or None,
        model=data.get("base_model"),
        settings={
            "seed": _int(data.get("seed")),
            "steps": data.get("steps"),
            "cfg_scale": data.get("guidance_scale"),
            "sampler": data.get("sampler"),
            "scheduler": data.get("scheduler"),
            "size": f"{resolution[1]}x{resolution[2]}" if resolution else None,
            "styles": data.get("styles"),
        },
        source={"parameters": data},
    )


def _int(value: Any) -> Any:
    # Fooocus writes its 64-bit seed as a string.
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value

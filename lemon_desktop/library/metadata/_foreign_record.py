"""What every reader of another generator's metadata builds: one Provenance.

The settings each generator names its own way (seed, steps, size, ...) go into
`params`, and the metadata exactly as found into params["source_metadata"], so
nothing the file said is lost to our reading of it.
"""

from __future__ import annotations

import json
from typing import Any

from ._provenance import Provenance

SOURCE_KEY = "source_metadata"
CREDENTIALS_KEY = "content_credentials"


def json_object(text: str | None) -> dict[str, Any] | None:
    """The JSON object in `text`, or None (not JSON, or JSON but not an object)."""
    if not text or not text.lstrip().startswith("{"):
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def text_or_none(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def size_text(width: Any, height: Any) -> str | None:
    if isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0:
        return f"{width}x{height}"
    return None


def make_record(
    app: str,
    *,
    prompt: Any = None,
    negative_prompt: Any = None,
    model: Any = None,
    settings: dict[str, Any] | None = None,
    source: dict[str, Any],
) -> Provenance:
    params = {k: v for k, v in (settings or {}).items() if v is not None and v != ""}
    params[SOURCE_KEY] = source
    return Provenance(
        prompt=text_or_none(prompt),
        negative_prompt=text_or_none(negative_prompt),
        model=text_or_none(model),
        params=params,
        app=app,
    )

"""The dict handed to the main window to refill the generate panel."""

from __future__ import annotations

from typing import Any

from lemon_desktop.library.metadata import Provenance


def reuse_payload(provenance: Provenance, **extra: Any) -> dict[str, Any]:
    """Model, prompt and every parameter sent, ready for the generate panel.

    Keys: "model", "prompt", "params" always; "negative_prompt" when there was
    one; "app" when the image says which tool wrote it (settings from another
    tool are mapped, not copied: see ui.reuse_plan); `extra` (e.g. "image_id",
    "source") for context. Never the revised prompt: the user reuses what they
    typed, not what the gateway rewrote.
    """
    payload: dict[str, Any] = {
        "model": provenance.model,
        "prompt": provenance.prompt or "",
        "params": dict(provenance.params),
    }
    if provenance.app:
        payload["app"] = provenance.app
    if provenance.negative_prompt:
        payload["negative_prompt"] = provenance.negative_prompt
    payload.update(extra)
    return payload

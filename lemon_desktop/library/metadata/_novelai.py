"""NovelAI: the prompt in `Description`, the settings (and negative, "uc") in `Comment`."""

from __future__ import annotations

from typing import Any

from ._foreign_record import json_object, make_record, size_text
from ._found import Found
from ._provenance import Provenance

APP = "novelai"


def read(found: Found) -> Provenance | None:
    comment = json_object(found.text("Comment"))
    software = found.text("Software") or ""
    if comment is None or not ("NovelAI" in software or "uc" in comment):
        return None
    # "Source" names the model, e.g. "Stable Diffusion 1D44365E" or "NovelAI Diffusion V4".
    source: dict[str, Any] = {"Comment": comment}
    for key in ("Description", "Software", "Source", "Title"):
        if found.text(key):
            source[key] = found.texts[key]
    return make_record(
        APP,
        prompt=comment.get("prompt") or found.text("Description"),
        negative_prompt=comment.get("uc"),
        model=found.text("Source"),
        settings={
            "seed": comment.get("seed"),
            "steps": comment.get("steps"),
            "cfg_scale": comment.get("scale"),
            "sampler": comment.get("sampler"),
            "size": size_text(comment.get("width"), comment.get("height")),
        },
        source=source,
    )

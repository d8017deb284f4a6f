"""The provenance record: what produced an image, as stored inside the file."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from ... import __version__

APP_ID = f"lemon-desktop/{__version__}"

# Bumped only when a field changes meaning; readers ignore keys they do not know.
SCHEMA_VERSION = 1

_TEXT_FIELDS = (
    "prompt",
    "model",
    "revised_prompt",
    "negative_prompt",
    "task_id",
    "source_url",
    "cost_usd",
    "created",
    "app",
)


# The most metadata text read from one file (a parameters text, a JSON record, an
# XMP packet). A real record is a few kilobytes; a 40 MB text chunk is an attack on
# memory (a bulk import holds a batch of rows), so a bigger one is passed over unread.
MAX_TEXT_BYTES = 4 * 1024 * 1024


class MetadataError(ValueError):
    """The image container cannot be edited safely (truncated, malformed, unsupported)."""


@dataclass(frozen=True)
class Provenance:
    prompt: str | None = None
    model: str | None = None
    # Every parameter sent: the request body minus model and prompt.
    params: dict[str, Any] = field(default_factory=dict)
    revised_prompt: str | None = None
    negative_prompt: str | None = None
    task_id: str | None = None
    source_url: str | None = None
    usage: dict[str, Any] | None = None
    cost_usd: str | None = None  # a decimal kept as a string so no float rounding creeps in
    created: str | None = None  # ISO 8601 UTC
    app: str | None = None  # APP_ID when written by us, else the generator that wrote the file
    # The images it was made from and how (library.lineage.Lineage.to_json): operation,
    # and each parent's role, sha256 and library id. Read back, it restores the lineage.
    lineage: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        # A request carries its negative prompt among the parameters; the record and the
        # index keep it in its own field too, so every reader (and `library show`) finds it.
        negative = self.params.get("negative_prompt") if self.params else None
        if self.negative_prompt is None and isinstance(negative, str) and negative.strip():
            object.__setattr__(self, "negative_prompt", negative)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"schema": SCHEMA_VERSION}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None and value != {}:
                data[f.name] = value
        return data

    @classmethod
    def from_json(cls, data: Any) -> Provenance:
        """Build from a decoded JSON object, dropping keys of the wrong type.

        Files come from anywhere, so a bad field costs that field, not the record.
        """
        if not isinstance(data, dict):
            raise MetadataError("provenance JSON is not an object")
        kwargs: dict[str, Any] = {}
        for name in _TEXT_FIELDS:
            value = data.get(name)
            if isinstance(value, str):
                kwargs[name] = value
            elif (
                name == "cost_usd"
                and isinstance(value, int | float)
                and not isinstance(value, bool)
            ):
                kwargs[name] = str(value)
        params = data.get("params")
        if isinstance(params, dict):
            kwargs["params"] = {str(k): v for k, v in params.items()}
        usage = data.get("usage")
        if isinstance(usage, dict):
            kwargs["usage"] = {str(k): v for k, v in usage.items()}
        lineage = data.get("lineage")
        if isinstance(lineage, dict):
            kwargs["lineage"] = {str(k): v for k, v in lineage.items()}
        return cls(**kwargs)

"""What the app does around a job's request, recorded with the job: the form its local
inputs are sent in, and whether an edit with a mask is composited onto its original."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args

from ..api.routing import SendForm
from ..imaging import CompositeSettings

# "auto" sends local files as multipart unless every one has a live file id; "upload"
# uploads them to /v1/files once and sends ids (remembered, so a retry uploads nothing);
# "multipart" always streams them.
_FORMS: tuple[SendForm, ...] = get_args(SendForm)


@dataclass(frozen=True)
class JobOptions:
    form: SendForm = "auto"
    # Put each result back onto the first input outside the mask (and measure what the
    # model changed there); only for requests with a mask.
    composite: CompositeSettings | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "form": self.form,
            "composite": self.composite.to_json() if self.composite else None,
        }

    @classmethod
    def from_json(cls, data: Any) -> JobOptions:
        """The stored form; anything unreadable (a row of an older version: NULL) is the
        default, which is what such a job did."""
        if not isinstance(data, dict):
            return cls()
        form: SendForm = next((f for f in _FORMS if f == data.get("form")), "auto")
        composite = data.get("composite")
        settings = None
        if isinstance(composite, dict):
            try:
                settings = CompositeSettings(
                    feather=int(composite.get("feather", CompositeSettings.feather)),
                    threshold=int(composite.get("threshold", CompositeSettings.threshold)),
                )
            except (TypeError, ValueError):
                settings = CompositeSettings()
        return cls(form=form, composite=settings)

"""After an edit with a mask: the result put back onto its original outside the mask.

The raw result stays in the library as the model made it; the composite is stored
beside it (its parents: the raw result, the original and the mask), with a heat map of
where the model changed pixels the mask protected, and the job's result entry records
both and the change figure. Runs on the jobs' image thread, never on the GUI's.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..api.request import ImageRequest
from ..imaging import CompositeError, CompositeSettings, composite_files
from ..library import ImageRecord, Library
from ..library.lineage import CHANGE_MAP, COMPOSITE, Lineage, ParentRef
from ..library.metadata import Provenance
from .inputs import InputProblem, input_file


def can_composite(request: ImageRequest) -> bool:
    return request.mask is not None and bool(request.inputs)


def composite_result(
    library: Library,
    request: ImageRequest,
    settings: CompositeSettings,
    raw: ImageRecord,
    raw_bytes: bytes,
    provenance: Provenance,
) -> dict[str, Any]:
    """Composite one stored result; the entry to record under the result's "composite"
    key. A composite that cannot be made (an unreadable mask, an original gone from the
    library) is recorded with its reason: the raw result is kept either way. Blocking;
    LibraryError when the library cannot store the images (the caller pauses)."""
    if not can_composite(request):
        return {"problem": "Only an edit with a mask can be composited onto its original."}
    assert request.mask is not None
    original = request.inputs[0]
    try:
        files = composite_files(
            input_file(library, original).read_bytes(),
            raw_bytes,
            input_file(library, request.mask).read_bytes(),
            settings,
        )
    except (CompositeError, InputProblem, OSError) as exc:
        return {"problem": f"Not composited: {exc}"}
    parents = (
        ParentRef(raw.sha256, "result", raw.id),
        ParentRef(original.sha256, "original", original.image_id),
        ParentRef(request.mask.sha256, "mask", request.mask.image_id),
    )
    details = {
        **settings.to_json(),
        "outside_mask": files.report.to_json(),
        "resized_result": files.resized_result,
    }
    made = replace(
        provenance,
        source_url=None,
        cost_usd=None,  # paid once, by the raw result
        lineage={**Lineage(COMPOSITE, parents).to_json(), "composite": details},
    )
    stored = library.add_bytes(files.composite_png, made)
    heatmap = library.add_bytes(
        files.heatmap_png,
        Provenance(
            model=provenance.model,
            created=provenance.created,
            app=provenance.app,
            lineage={**Lineage(CHANGE_MAP, parents).to_json(), "composite": details},
        ),
    )
    return {
        "image_id": stored.id,
        "change_map_id": heatmap.id,
        **details,
        "summary": files.report.sentence(),
    }

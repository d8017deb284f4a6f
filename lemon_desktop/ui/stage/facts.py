"""What the stage shows around one image, read in one go off the GUI thread (no Qt).

The image's job says which batch it belongs to (the filmstrip), and for an edit with a
mask, which result is raw, which is the composite, which the heat map, what the
original and the mask were and how much the model changed outside the mask (the job's
result entry, written by jobs/finishing.py). A composite or heat map has no job of its
own: it is found through its parent, the raw result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...jobs import Job, JobNotFound, JobStore
from ...library import ImageRecord, Library, LibraryError
from ...library.lineage import Relative


@dataclass(frozen=True)
class EditOutcome:
    """A masked edit's result: the raw image, its composite and what was measured."""

    raw_id: int
    composite_id: int | None = None
    change_map_id: int | None = None
    original_id: int | None = None
    mask_id: int | None = None
    summary: str | None = None  # "The model changed 3.1% of the pixels outside the mask …"
    changed_share: float | None = None
    problem: str | None = None  # why no composite was made

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(
            i for i in (self.raw_id, self.composite_id, self.change_map_id) if i is not None
        )


@dataclass(frozen=True)
class StripItem:
    """One place in the filmstrip: what is shown there (the composite when there is
    one) and the raw result it stands for."""

    shown_id: int
    raw_id: int


@dataclass(frozen=True)
class StageFacts:
    record: ImageRecord
    job: Job | None = None
    strip: tuple[StripItem, ...] = ()
    outcome: EditOutcome | None = None
    parents: tuple[Relative, ...] = ()
    children: tuple[Relative, ...] = ()
    # The mask this image was made with, when it was (re-prompt the same area).
    mask_id: int | None = None

    def strip_index(self, image_id: int) -> int | None:
        for index, item in enumerate(self.strip):
            if image_id in (item.shown_id, item.raw_id):
                return index
        if self.outcome is not None and image_id in self.outcome.ids:
            return next(
                (i for i, item in enumerate(self.strip) if item.raw_id == self.outcome.raw_id),
                None,
            )
        return None


def outcome_of(job: Job, raw_id: int) -> EditOutcome | None:
    """The masked-edit outcome of `raw_id` in `job`'s results; None for other results."""
    entry = next((e for e in job.results if e.get("image_id") == raw_id), None)
    if entry is None or job.request.mask is None:
        return None
    made: dict[str, Any] = entry.get("composite") or {}
    original = job.request.inputs[0].image_id if job.request.inputs else None
    share = (made.get("outside_mask") or {}).get("changed_share")
    return EditOutcome(
        raw_id=raw_id,
        composite_id=_int(made.get("image_id")),
        change_map_id=_int(made.get("change_map_id")),
        original_id=original,
        mask_id=job.request.mask.image_id,
        summary=made.get("summary") if isinstance(made.get("summary"), str) else None,
        changed_share=float(share) if isinstance(share, int | float) else None,
        problem=made.get("problem") if isinstance(made.get("problem"), str) else None,
    )


def strip_of(jobs: list[Job]) -> tuple[StripItem, ...]:
    items: list[StripItem] = []
    for job in jobs:
        for entry in job.results:
            raw = _int(entry.get("image_id"))
            if raw is None:
                continue
            made = entry.get("composite") or {}
            shown = _int(made.get("image_id")) if isinstance(made, dict) else None
            items.append(StripItem(shown or raw, raw))
    return tuple(items)


def read_facts(library: Library, store: JobStore | None, image_id: int) -> StageFacts:
    """Blocking: everything the stage shows around `image_id`. LibraryError when the
    image itself cannot be read."""
    record = library.get(image_id)
    parents = tuple(library.parents(image_id))
    children = tuple(library.children(image_id))
    raw_id = image_id
    job_id = record.job_id
    if job_id is None:
        # A composite or a heat map: its job is its raw result's.
        raw = next((p.image_id for p in parents if p.role == "result" and p.image_id), None)
        if raw is not None:
            try:
                job_id = library.get(raw).job_id
                raw_id = raw
            except LibraryError:
                job_id = None
    job = _job(store, job_id)
    mask_id = next((p.image_id for p in parents if p.role == "mask" and p.image_id), None)
    if job is None:
        return StageFacts(record, None, (StripItem(image_id, image_id),), None, parents,
                          children, mask_id)  # fmt: skip
    batch = store.batch(job.batch_id) if store is not None and job.batch_id else [job]
    strip = strip_of(batch) or (StripItem(image_id, image_id),)
    return StageFacts(
        record, job, strip, outcome_of(job, raw_id), parents, children,
        mask_id or (job.request.mask.image_id if job.request.mask else None),
    )  # fmt: skip


def job_facts(store: JobStore, job_id: str) -> Job | None:
    return _job(store, job_id)


def _job(store: JobStore | None, job_id: str | None) -> Job | None:
    if store is None or not job_id:
        return None
    try:
        return store.get(job_id)
    except JobNotFound:
        return None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None

"""An image record's facts as (label, text) rows: what the stage's details show
(labels translated in the ImageDetails context)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from ...library import ImageRecord
from ...money import format_usd


def _value_text(value: Any) -> str:
    if isinstance(value, dict):
        return "\n".join(f"{k}: {_value_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _when(stamp: str) -> str:
    # Stored as fixed-width ISO UTC with microseconds; seconds are plenty to read.
    return stamp[:19].replace("T", " ") + " UTC"


# Where an imported file's whole original record sits in params (written by the library's
# foreign-metadata readers): often hundreds of KB of ComfyUI graph, so it is summarised.
SOURCE_KEY = "source_metadata"


def record_fields(r: ImageRecord) -> list[tuple[str, str]]:
    """Every stored fact of `r` as (label, text) rows, in reading order."""
    locale = QLocale()
    rows: list[tuple[str, str]] = [
        (
            QCoreApplication.translate("ImageDetails", "Model"),
            r.model or QCoreApplication.translate("ImageDetails", "unknown"),
        ),
        (QCoreApplication.translate("ImageDetails", "Prompt"), r.prompt or ""),
    ]
    if r.revised_prompt:
        rows.append(
            (QCoreApplication.translate("ImageDetails", "Revised prompt"), r.revised_prompt)
        )
    if r.negative_prompt:
        rows.append(
            (QCoreApplication.translate("ImageDetails", "Negative prompt"), r.negative_prompt)
        )
    for key, value in sorted(r.params.items()):
        if key != SOURCE_KEY:
            rows.append((key, _value_text(value)))
    source = _source_text(r)
    if source is not None:
        size = locale.formattedDataSize(len(source.encode("utf-8")))  # as the File row
        rows.append(
            (
                QCoreApplication.translate("ImageDetails", "Original metadata"),
                f"{size} ({r.app or QCoreApplication.translate('ImageDetails', 'another app')})",
            )
        )
    if r.cost_usd is not None:
        rows.append((QCoreApplication.translate("ImageDetails", "Cost"), format_usd(r.cost_usd)))
    if r.usage:
        rows.append((QCoreApplication.translate("ImageDetails", "Usage"), _value_text(r.usage)))
    rows += [
        (QCoreApplication.translate("ImageDetails", "Created"), _when(r.created)),
        (QCoreApplication.translate("ImageDetails", "Added"), _when(r.added)),
        (QCoreApplication.translate("ImageDetails", "Size"), f"{r.width} × {r.height} px"),
        (
            QCoreApplication.translate("ImageDetails", "File"),
            f"{r.format.upper()}, {locale.formattedDataSize(r.bytes)}",
        ),
        (QCoreApplication.translate("ImageDetails", "Path"), str(r.path)),
        (QCoreApplication.translate("ImageDetails", "SHA-256"), r.sha256),
    ]
    if r.favourite or r.rating:
        marks = ("♥ " if r.favourite else "") + "★" * r.rating
        rows.append((QCoreApplication.translate("ImageDetails", "Marks"), marks.strip()))
    if r.tags:
        rows.append((QCoreApplication.translate("ImageDetails", "Tags"), ", ".join(r.tags)))
    if r.albums:
        rows.append((QCoreApplication.translate("ImageDetails", "Albums"), ", ".join(r.albums)))
    for label, value in (
        (QCoreApplication.translate("ImageDetails", "Task"), r.task_id),
        (QCoreApplication.translate("ImageDetails", "Job"), r.job_id),
        (QCoreApplication.translate("ImageDetails", "Source URL"), r.source_url),
        (QCoreApplication.translate("ImageDetails", "App"), r.app),
        (
            QCoreApplication.translate("ImageDetails", "In trash since"),
            r.deleted_at and _when(r.deleted_at),
        ),
    ):
        if value:
            rows.append((label, value))
    return rows


def _source_text(r: ImageRecord) -> str | None:
    """The original record an imported file carried, as JSON, or None."""
    if SOURCE_KEY not in r.params:
        return None
    return json.dumps(r.params[SOURCE_KEY], ensure_ascii=False, indent=2)


def copy_text(record: ImageRecord, label: str) -> str | None:
    """What a row's Copy button copies when it is not the shown text: the whole original
    metadata (JSON) behind the "Original metadata" summary; None for other rows."""
    if label == QCoreApplication.translate("ImageDetails", "Original metadata"):
        return _source_text(record)
    return None

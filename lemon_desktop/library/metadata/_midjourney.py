"""Midjourney downloads: the prompt and job id in the XMP description (and, in PNG,
a `Description` text chunk), the job id also as the IPTC image GUID."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from . import _xmp
from ._foreign_record import make_record
from ._found import Found
from ._provenance import Provenance

APP = "midjourney"
_JOB = re.compile(r"\s*Job ID:\s*([0-9a-fA-F-]{8,})\s*$")


def read(found: Found) -> Provenance | None:
    description = found.text("Description")
    guid = None
    if found.xmp:
        description = description or _xmp.read_text(found.xmp, _xmp.DC, "description")
        guid = _xmp.read_text(found.xmp, _xmp.IPTC_EXT, "DigImageGUID")
    if not description:
        return None
    job = _JOB.search(description)
    if job is None and guid is None:
        return None  # a description, but nothing says Midjourney wrote it
    prompt = description[: job.start()] if job else description
    job_id = job.group(1) if job else guid
    source: dict[str, Any] = {"Description": description}
    if found.text("Author"):
        source["Author"] = found.texts["Author"]
    if guid:
        source["DigImageGUID"] = guid
    # The version is in the prompt's own flags (--v 6, --niji 6), kept as typed.
    record = make_record(APP, prompt=prompt, model="midjourney", source=source)
    return dataclasses.replace(record, task_id=job_id)

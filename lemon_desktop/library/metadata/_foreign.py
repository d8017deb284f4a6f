"""Reading what any generator wrote: ours first, then each generator's own format.

One entry, `read_record`, for import, drop-in and verify. Our own JSON is the
fast path (one container walk); other files are gathered once (`Found`) and
offered to each reader in turn; the first that recognises its format wins.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Protocol

from . import _comfyui, _fooocus, _invokeai, _midjourney, _novelai, _stealth
from ._a1111 import parse_a1111_parameters
from ._foreign_record import CREDENTIALS_KEY, json_object
from ._found import Found
from ._pixels import pixel_size
from ._provenance import APP_ID, Provenance

STEALTH_APP = "a1111-stealth"


class _Gathering(Protocol):
    def read(self, data: bytes) -> tuple[str | None, str | None]: ...
    def gather(self, data: bytes) -> Found: ...


_Reader = Callable[[Found], Provenance | None]


def _a1111(found: Found) -> Provenance | None:
    text = found.text("parameters") or found.user_comment
    if not text or not text.strip():
        return None
    record = parse_a1111_parameters(text)
    if found.text("fooocus_scheme"):  # Fooocus writing A1111 text
        record = dataclasses.replace(record, app=_fooocus.APP)
    return record


# ComfyUI before A1111: ComfyUI savers may add a parameters text beside the graphs,
# the graphs say more. Fooocus before A1111: its JSON sits where A1111 text would.
READERS: tuple[_Reader, ...] = (
    _comfyui.read,
    _invokeai.read,
    _novelai.read,
    _fooocus.read,
    _a1111,
    _midjourney.read,
)


def read_record(container: _Gathering, data: bytes) -> Provenance | None:
    json_text, _ = container.read(data)
    ours = _ours(json_text)
    if ours is not None:
        return ours
    found = container.gather(data)
    found.size = pixel_size(data, found.fmt)
    record = next((r for read in READERS if (r := read(found)) is not None), None)
    if record is None and found.has_alpha and found.fmt == "png":
        hidden = _stealth.read(data)
        if hidden:
            record = dataclasses.replace(parse_a1111_parameters(hidden), app=STEALTH_APP)
    if found.content_credentials:
        record = record or Provenance()
        record = dataclasses.replace(record, params={**record.params, CREDENTIALS_KEY: True})
    return record


def _ours(json_text: str | None) -> Provenance | None:
    data = json_object(json_text)
    if data is None:
        return None
    try:
        return Provenance.from_json(data)
    except (ValueError, RecursionError):
        return None  # a damaged record of ours; the file's other metadata may be fine


def kind_of(record: Provenance | None) -> str:
    """The kind of metadata a file came with, as the import summary counts it."""
    if record is None:
        return "none"
    app = record.app or ""
    if app.startswith(APP_ID.split("/")[0]):
        return "lemon-desktop"
    return app or "none"


def has_content_credentials(record: Provenance | None) -> bool:
    return record is not None and bool(record.params.get(CREDENTIALS_KEY))

"""Images a person hands to a model from the window (dropped, pasted, dragged from the
gallery), stored in the library before anything else happens to them.

Each becomes an `InputImage` named by library id and sha256, so the request the panel
builds already says exactly which bytes go out, and a later retry sends the same ones.
Blocking (files, SQLite, Pillow): the session runs these in a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..api.request import ImageRequest, InputImage
from ..jobs.inputs import InputProblem, store_inputs
from ..library import Library


@dataclass(frozen=True)
class AddedInput:
    """One image handed in: stored (`image`) or refused (`problem`, which names it)."""

    name: str
    image: InputImage | None = None
    problem: str | None = None


def add_files(library: Library, paths: list[Path]) -> list[AddedInput]:
    """Store each file as an input, byte for byte (formats no route takes, such as GIF,
    as a lossless PNG: the jobs layer's one rule for that)."""
    added: list[AddedInput] = []
    for path in paths:
        # The jobs layer's own storing rule, so the window stores inputs as a job would.
        probe = ImageRequest(model="", prompt="", references=(InputImage("", path=str(path)),))
        try:
            [image] = store_inputs(library, probe).references
        except InputProblem as exc:
            added.append(AddedInput(path.name, problem=str(exc).replace("references[0] ", "")))
            continue
        added.append(AddedInput(path.name, image))
    return added


def add_image_bytes(library: Library, data: bytes, name: str) -> AddedInput:
    """A pasted image's encoded bytes (PNG from the clipboard)."""
    from ..library import LibraryError

    try:
        record = library.add_bytes(data)
    except LibraryError as exc:
        return AddedInput(name, problem=f"{name}: {exc}")
    return AddedInput(name, InputImage(record.sha256, record.id, str(record.path)))


def library_images(library: Library, image_ids: list[int]) -> list[AddedInput]:
    """Images already in the library, by id (a drag from the gallery, "Use as reference")."""
    found: list[AddedInput] = []
    for image_id in image_ids:
        try:
            record = library.get(image_id)
        except LookupError:
            found.append(AddedInput(f"image {image_id}", problem=f"There is no image {image_id}."))
            continue
        found.append(
            AddedInput(f"image {record.id}", InputImage(record.sha256, record.id, str(record.path)))
        )
    return found

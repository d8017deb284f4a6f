"""A job's input images: stored in the library before the job is recorded, found there
again by hash whenever the job is sent, and named as the parents of what it makes.

The request recorded with a job names every input by the sha256 of its bytes and by its
library id. Sending (the first time, after a crash, or on retry) reads the bytes from
the library's copy, wherever it is now (the trash included), so the same bytes go out
without asking the user again, whatever became of their file.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..api.request import ImageRequest, InputImage
from ..library import ImageRecord, Library, LibraryError, NotAnImage
from ..library.lineage import Lineage, ParentRef


class InputProblem(ValueError):
    """An input cannot be stored or found again; the message names it."""


def store_inputs(library: Library, request: ImageRequest) -> ImageRequest:
    """`request` with every local input (source, reference, mask) stored in the library
    as it is and named by its library id and path there; public URLs stay as they are.
    Blocking: run it off the event loop."""
    return replace(
        request,
        inputs=tuple(_stored(library, image, f"inputs[{i}]") for i, image in
                     enumerate(request.inputs)),
        references=tuple(_stored(library, image, f"references[{i}]") for i, image in
                         enumerate(request.references)),
        mask=_stored(library, request.mask, "mask") if request.mask else None,
    )  # fmt: skip


def resolve_inputs(library: Library, request: ImageRequest) -> ImageRequest:
    """`request` with each input's path pointing at the library's copy of its bytes now
    (an image trashed since is read from the trash). Blocking."""
    return replace(
        request,
        inputs=tuple(_found(library, image, f"inputs[{i}]") for i, image in
                     enumerate(request.inputs)),
        references=tuple(_found(library, image, f"references[{i}]") for i, image in
                         enumerate(request.references)),
        mask=_found(library, request.mask, "mask") if request.mask else None,
    )  # fmt: skip


def lineage_for(request: ImageRequest) -> Lineage | None:
    """The parents a result of `request` records: sources, references and mask, each by
    hash and library id, with the operation; None for text to image."""
    parents = [
        *(ParentRef(image.sha256, "input", image.image_id) for image in request.inputs),
        *(ParentRef(image.sha256, "reference", image.image_id) for image in request.references),
        *([ParentRef(request.mask.sha256, "mask", request.mask.image_id)] if request.mask else []),
    ]
    known = tuple(p for p in parents if _is_sha256(p.sha256))
    return Lineage(request.effective_operation, known) if known else None


def input_file(library: Library, image: InputImage) -> Path:
    """Where the library keeps `image`'s bytes now. Blocking."""
    found = library.find_sha256(image.sha256) if _is_sha256(image.sha256) else None
    if found is None:
        raise InputProblem(f"{image.label} is no longer in the library.")
    return found.path


# ----- one image --------------------------------------------------------------------


def _stored(library: Library, image: InputImage, name: str) -> InputImage:
    if image.path is None and image.image_id is None:
        return image  # a public URL: the gateway fetches it
    if image.path is None:
        assert image.image_id is not None
        try:
            record = library.get(image.image_id)
        except LookupError as exc:
            raise InputProblem(
                f"{name}: there is no image {image.image_id} in the library."
            ) from exc
    else:
        record = _add(library, Path(image.path), name)
    if _is_sha256(image.sha256) and image.sha256.lower() != record.sha256:
        if image.path is None:
            raise InputProblem(f"{name}: image {record.id} is not the image that was chosen.")
        raise InputProblem(f"{name} ({Path(image.path).name}) changed after it was chosen.")
    return InputImage(record.sha256, record.id, str(record.path), url=image.url)


def _add(library: Library, path: Path, name: str) -> ImageRecord:
    try:
        return library.add_input(path)
    except NotAnImage:
        pass  # GIF, BMP, TIFF ...: kept as a lossless PNG, which the routes all take
    except LibraryError as exc:
        raise InputProblem(f"{name} ({path.name}): {exc}") from exc
    try:
        with Image.open(path) as picture:
            picture.load()
            frame = (
                picture if picture.mode in ("RGB", "RGBA", "L", "LA") else picture.convert("RGBA")
            )
            out = io.BytesIO()
            frame.save(out, "PNG")
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise InputProblem(f"{name} ({path.name}) is not an image that can be read.") from exc
    try:
        return library.add_bytes(out.getvalue())
    except LibraryError as exc:
        raise InputProblem(f"{name} ({path.name}): {exc}") from exc


def _found(library: Library, image: InputImage, name: str) -> InputImage:
    if not _is_sha256(image.sha256) or (image.path is None and image.image_id is None):
        return image
    record = library.find_sha256(image.sha256)
    if record is not None and record.path.is_file():
        return replace(image, path=str(record.path), image_id=record.id)
    # Not (or no longer) in the library: the recorded file, if its bytes are still these.
    if image.path and _hash_of(Path(image.path)) == image.sha256.lower():
        return image
    raise InputProblem(
        f"{name} ({image.label}) is gone from the library and its file, so the same bytes "
        "cannot be sent again."
    )


def _hash_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _is_sha256(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdefABCDEF" for c in text)

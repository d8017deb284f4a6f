"""Lineage in the library: each result names its parents by id and hash, the file
carries the record (a re-import restores it), search finds images by how and from what
they were made, and deleting a parent for good keeps the children's record of it."""

from __future__ import annotations

import hashlib
import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from lemon_desktop.library import Library, QueryError
from lemon_desktop.library.lineage import Lineage, ParentRef
from lemon_desktop.library.metadata import Provenance


def _png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, "PNG")
    return out.getvalue()


def _made(operation: str, *parents: tuple[str, int, str]) -> Provenance:
    refs = tuple(ParentRef(sha, role, image_id) for role, image_id, sha in parents)
    return Provenance(
        prompt=f"{operation} result",
        model="gpt-image-2",
        lineage=Lineage(operation, refs).to_json(),
    )


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "library")
    yield library
    library.close()


def _ids(lib: Library, query: str) -> list[int]:
    return sorted(row.id for row in lib.search(query))


def test_parents_and_children_by_id_and_hash(lib: Library) -> None:
    source = lib.add_bytes(_png((10, 20, 30)))
    mask = lib.add_bytes(_png((0, 0, 0)))
    ref = lib.add_bytes(_png((200, 10, 10)))
    edit = lib.add_bytes(
        _png((40, 50, 60)),
        _made(
            "edit",
            ("input", source.id, source.sha256),
            ("reference", ref.id, ref.sha256),
            ("mask", mask.id, mask.sha256),
        ),
    )
    parents = lib.parents(edit.id)
    assert [(p.role, p.image_id, p.sha256, p.operation) for p in parents] == [
        ("input", source.id, source.sha256, "edit"),
        ("reference", ref.id, ref.sha256, "edit"),
        ("mask", mask.id, mask.sha256, "edit"),
    ]
    children = lib.children(source.id)
    assert [(c.image_id, c.operation, c.role) for c in children] == [(edit.id, "edit", "input")]
    assert lib.children(edit.id) == []
    assert lib.parents(source.id) == []


def test_search_by_origin_and_operation(lib: Library) -> None:
    source = lib.add_bytes(_png((1, 2, 3)))
    other = lib.add_bytes(_png((9, 9, 9)))
    edit = lib.add_bytes(_png((4, 5, 6)), _made("edit", ("input", source.id, source.sha256)))
    region = lib.add_bytes(_png((7, 7, 7)), _made("region-edit", ("input", other.id, other.sha256)))
    vary = lib.add_bytes(_png((8, 8, 8)), _made("variation", ("input", source.id, source.sha256)))
    big = lib.add_bytes(_png((5, 5, 5)), _made("upscale", ("input", edit.id, edit.sha256)))
    composite = lib.add_bytes(
        _png((6, 6, 6)),
        _made(
            "composite",
            ("result", edit.id, edit.sha256),
            ("original", source.id, source.sha256),
        ),
    )

    assert _ids(lib, f"from:{source.id}") == sorted([edit.id, vary.id, composite.id])
    assert _ids(lib, f"from:{edit.id}") == sorted([big.id, composite.id])
    assert _ids(lib, f"parent-of:{composite.id}") == sorted([edit.id, source.id])
    assert _ids(lib, "is:edit") == sorted([edit.id, region.id])  # region-edit is an edit
    assert _ids(lib, "is:variation") == [vary.id]
    assert _ids(lib, "op:upscale") == [big.id]
    assert _ids(lib, "is:composite") == [composite.id]
    assert _ids(lib, "-is:derived") == sorted([source.id, other.id])
    assert _ids(lib, f"is:edit from:{source.id}") == [edit.id]
    assert _ids(lib, f"-from:{source.id} is:derived") == sorted([region.id, big.id])
    with pytest.raises(QueryError, match="from: needs one image number"):
        lib.search("from:abc")
    with pytest.raises(QueryError, match="is: must be fav, linked, trash or how"):
        lib.search("is:nonsense")


def test_deleting_a_parent_keeps_the_childrens_record_of_it(lib: Library) -> None:
    source = lib.add_bytes(_png((11, 12, 13)))
    edit = lib.add_bytes(_png((14, 15, 16)), _made("edit", ("input", source.id, source.sha256)))

    lib.delete([source.id])
    (trashed,) = lib.parents(edit.id)
    assert (trashed.image_id, trashed.trashed) == (source.id, True)
    assert lib.empty_trash() == 1

    (gone,) = lib.parents(edit.id)
    assert (gone.sha256, gone.recorded_id, gone.image_id) == (source.sha256, source.id, None)
    assert gone.to_json()["state"] == "gone"
    assert _ids(lib, "is:edit") == [edit.id]

    # The same bytes added again are found as the parent once more, by their hash.
    back = lib.add_bytes(_png((11, 12, 13)))
    assert back.sha256 == source.sha256
    (found,) = lib.parents(edit.id)
    assert found.image_id == back.id
    assert _ids(lib, f"from:{back.id}") == [edit.id]


def test_deleting_a_child_forgets_its_parents(lib: Library, tmp_path: Path) -> None:
    source = lib.add_bytes(_png((21, 22, 23)))
    edit = lib.add_bytes(_png((24, 25, 26)), _made("edit", ("input", source.id, source.sha256)))
    lib.delete([edit.id])
    lib.empty_trash()
    assert lib.children(source.id) == []
    conn = sqlite3.connect(tmp_path / "library" / "library.db")
    assert conn.execute("SELECT count(*) FROM image_parents").fetchone() == (0,)
    conn.close()


def test_the_file_carries_the_lineage_and_a_reimport_restores_it(tmp_path: Path) -> None:
    first = Library.open(tmp_path / "one")
    source = first.add_bytes(_png((31, 32, 33)))
    edit = first.add_bytes(_png((34, 35, 36)), _made("edit", ("input", source.id, source.sha256)))
    edit_file = edit.path.read_bytes()
    first.close()

    dropped = tmp_path / "dropped.png"
    dropped.write_bytes(edit_file)
    second = Library.open(tmp_path / "two")
    try:
        again = second.add_file(dropped)
        (parent,) = second.parents(again.id)
        # The parent is not in this library: its hash and the id it had are kept.
        assert (parent.sha256, parent.recorded_id, parent.image_id) == (
            source.sha256,
            source.id,
            None,
        )
        assert parent.operation == "edit"
    finally:
        second.close()


def test_the_first_lineage_stays_and_an_image_is_never_its_own_parent(lib: Library) -> None:
    source = lib.add_bytes(_png((41, 42, 43)))
    other = lib.add_bytes(_png((44, 45, 46)))
    data = _png((47, 48, 49))
    child = lib.add_bytes(data, _made("edit", ("input", source.id, source.sha256)))
    lib.add_bytes(data, _made("variation", ("input", other.id, other.sha256)))
    assert [p.sha256 for p in lib.parents(child.id)] == [source.sha256]

    # Recorded as its own parent (the same bytes came back): that parent is left out.
    assert not lib.record_lineage(source.id, Lineage("upscale", (ParentRef(source.sha256),)))
    assert lib.parents(source.id) == []


def test_inputs_are_stored_as_they_are_and_found_by_hash(lib: Library, tmp_path: Path) -> None:
    picture = tmp_path / "mine.png"
    picture.write_bytes(_png((51, 52, 53)))
    stored = lib.add_input(picture)
    assert stored.sha256 == hashlib.sha256(picture.read_bytes()).hexdigest()
    assert stored.path.read_bytes() == picture.read_bytes()
    picture.unlink()
    found = lib.find_sha256(stored.sha256.upper())
    assert found is not None and found.id == stored.id
    assert lib.find_sha256("0" * 64) is None

"""The jobs layer owns its tables: made through the library's door, numbered apart from
the library's migrations, and compatible with databases made before it owned them."""

from __future__ import annotations

import gzip
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from lemon_desktop.jobs import JobState, JobStore
from lemon_desktop.jobs.schema import LAYER, MIGRATIONS
from lemon_desktop.library import Library, LibraryError, Migration
from lemon_desktop.library.migrations import MIGRATIONS as LIBRARY_MIGRATIONS

DATA = Path(__file__).parent / "data"
# Made by the code before this change (library migrations 1-3, the jobs table made by
# the library's migration 2): one image row and one finished job.
V3_LIBRARY = DATA / "library_v3_with_jobs.db.gz"
V3_JOB_ID = "2d70394011614fb6a19e9ab3f3116422"


def _tables(db_file: Path) -> set[str]:
    conn = sqlite3.connect(db_file)
    try:
        return {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()


def _layer_version(db_file: Path) -> int | None:
    conn = sqlite3.connect(db_file)
    try:
        row = conn.execute("SELECT version FROM layer_schemas WHERE layer = ?", (LAYER,))
        found = row.fetchone()
        return None if found is None else int(found[0])
    finally:
        conn.close()


def _library_from_v3(root: Path) -> Path:
    root.mkdir(parents=True)
    db_file = root / "library.db"
    db_file.write_bytes(gzip.decompress(V3_LIBRARY.read_bytes()))
    return db_file


def test_a_database_made_by_the_previous_code_keeps_its_jobs(tmp_path: Path) -> None:
    db_file = _library_from_v3(tmp_path / "library")
    with Library.open(tmp_path / "library") as lib:
        assert lib.stats().schema_version == LIBRARY_MIGRATIONS[-1].version == 6
        store = JobStore(lib.database)
        old = store.get(V3_JOB_ID)
        assert (old.state, old.cost_usd, old.model) == (JobState.DONE, Decimal("0.016"), "dall-e-2")
        assert old.prompt == "a lemon made by the v3 schema"
        assert [job.id for job in store.unfinished()] == []
        assert [job.id for job in store.recent()] == [V3_JOB_ID]
    assert _layer_version(db_file) == MIGRATIONS[-1].version == 3
    # The tables the previous code made are the ones kept: no second copy, same indexes.
    assert {"jobs_by_created", "jobs_unfinished", "jobs_by_finished", "jobs_by_batch"} <= (
        _tables(db_file)
    )


def test_the_library_alone_makes_no_jobs_tables(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library") as lib:
        assert "jobs" not in _tables(tmp_path / "library" / "library.db")
        JobStore(lib.database)
        JobStore(lib.database)  # a second store finds the tables made: nothing to do
    db_file = tmp_path / "library" / "library.db"
    assert "jobs" in _tables(db_file) and _layer_version(db_file) == 3


def test_the_jobs_tables_migrate_apart_from_the_library(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library") as lib:
        JobStore(lib.database)
        later = Migration(4, "a later jobs column", ("ALTER TABLE jobs ADD COLUMN note TEXT",))
        assert lib.database.apply_schema(LAYER, (*MIGRATIONS, later)) == 4
        assert lib.database.apply_schema(LAYER, (*MIGRATIONS, later)) == 4  # idempotent
        assert lib.stats().schema_version == LIBRARY_MIGRATIONS[-1].version
        with pytest.raises(LibraryError, match=r"jobs tables .* newer than this app"):
            JobStore(lib.database)


def test_a_rescued_index_keeps_the_jobs(tmp_path: Path) -> None:
    root = tmp_path / "library"
    db_file = _library_from_v3(root)
    with Library.open(root) as lib:
        JobStore(lib.database)
    # Scribble over one index's root page, as a bad sector would: the index is unsound,
    # the tables still readable, and a repair copies every table into a new index.
    conn = sqlite3.connect(db_file)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root_page,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'images_live_created'"
    ).fetchone()
    conn.close()
    with db_file.open("r+b") as handle:
        handle.seek((root_page - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    with Library.open(root, start_over_if_damaged=True) as lib:
        assert lib.index_rescued
        assert JobStore(lib.database).get(V3_JOB_ID).state is JobState.DONE
    assert _layer_version(db_file) == MIGRATIONS[-1].version
    assert "jobs_unfinished" in _tables(db_file)

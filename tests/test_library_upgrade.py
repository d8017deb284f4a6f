"""Saying beforehand that opening a library upgrades it: `upgrade_due` on a real
schema-5 library (made by the version before prefix indexes) is True and leaves the
folder exactly as it was; after the upgrade, and for new, missing, damaged or newer
libraries, it is False. The session passes the news on before it opens the library."""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path

from lemon_desktop.core.session import Session
from lemon_desktop.library import Library, upgrade_due
from lemon_desktop.library.migrations import MIGRATIONS
from lemon_desktop.library.upgrade import stored_schema_version

V5_LIBRARY = Path(__file__).parent / "data" / "library_v5_search.db.gz"


def unpack_v5(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    index = root / "library.db"
    index.write_bytes(gzip.decompress(V5_LIBRARY.read_bytes()))
    return index


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_an_older_library_is_due_an_upgrade_and_the_check_changes_nothing(
    tmp_path: Path,
) -> None:
    root = tmp_path / "lib"
    index = unpack_v5(root)
    before = snapshot(root)
    assert stored_schema_version(index) == 5
    assert upgrade_due(root) is True
    assert upgrade_due(root) is True
    assert snapshot(root) == before  # no -wal, no -shm, not a byte or a time changed
    with Library.open(root):
        pass
    assert stored_schema_version(index) == MIGRATIONS[-1].version
    assert upgrade_due(root) is False  # once


def test_new_missing_damaged_and_newer_libraries_are_not_upgrades(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    assert upgrade_due(missing) is False
    assert not missing.exists()  # the check made nothing

    with Library.open(tmp_path / "new"):
        pass
    assert upgrade_due(tmp_path / "new") is False

    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "library.db").write_bytes(b"not a database at all" * 10)
    assert upgrade_due(damaged) is False
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "library.db").write_bytes(b"")
    assert upgrade_due(empty) is False

    newer = tmp_path / "newer"
    index = unpack_v5(newer)
    data = bytearray(index.read_bytes())
    data[60:64] = (MIGRATIONS[-1].version + 1).to_bytes(4, "big")
    index.write_bytes(bytes(data))
    assert upgrade_due(newer) is False  # refused when opened, never upgraded


def test_the_session_says_an_upgrade_is_due_before_it_opens(tmp_path: Path) -> None:
    home = tmp_path / "home"
    unpack_v5(home / "library")
    heard: list[str] = []

    async def scenario() -> None:
        async with Session(home) as session:
            session.library_upgrade_events.subscribe(
                lambda root: heard.append(f"upgrade {root.name}")
            )
            session.library_events.subscribe(lambda _library: heard.append("open"))
            library = await session.open_library()
            assert library.stats().schema_version == MIGRATIONS[-1].version
        # Opened again: nothing left to upgrade, nothing said.
        async with Session(home) as session:
            session.library_upgrade_events.subscribe(lambda _root: heard.append("again"))
            await session.open_library()

    asyncio.run(scenario())
    assert heard == ["upgrade library", "open"]

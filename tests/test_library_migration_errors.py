"""A migration that fails keeps the index as it was and reports the real error."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lemon_desktop.library.db import connect, migrate, schema_version
from lemon_desktop.library.migrations import Migration

_FIRST = Migration(1, "a table", ("CREATE TABLE t (body TEXT)",))
_LONG = Migration(
    2,
    "a long rebuild",
    (
        "CREATE TABLE copy (body TEXT)",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) "
        "INSERT INTO copy SELECT hex(randomblob(64)) FROM n",
    ),
)


def test_an_error_sqlite_rolled_back_itself_is_the_error_reported(tmp_path: Path) -> None:
    # An interrupted statement (like a full disk or an I/O error) makes SQLite roll the
    # transaction back on its own; a second ROLLBACK used to fail ("cannot rollback - no
    # transaction is active") and hide what the user must be told.
    conn = connect(tmp_path / "library.db")
    migrate(conn, (_FIRST,))
    conn.set_progress_handler(lambda: 1, 10_000)
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        migrate(conn, (_FIRST, _LONG))
    conn.set_progress_handler(None, 0)
    assert not conn.in_transaction
    assert schema_version(conn) == 1
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "copy" not in tables
    conn.close()

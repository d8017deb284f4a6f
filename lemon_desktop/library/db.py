"""The SQLite index: connections, pragmas, migrations and transactions.

One connection per thread (SQLite connections are not meant to be shared), all
opened on the same file in WAL mode, so readers never wait for the writer.
Writes take the write lock up front (BEGIN IMMEDIATE) and wait up to
`busy_timeout` seconds for another process to let go.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .errors import LibraryError, sqlite_error
from .migrations import MIGRATIONS, Migration
from .searchtext import register as register_search_text

DB_NAME = "library.db"
DEFAULT_BUSY_TIMEOUT = 10.0
_SQLITE_HEADER = b"SQLite format 3\x00"


def index_file_damage(path: Path) -> str | None:
    """Why the index file at `path` cannot be a library, or None (also when it is absent).

    SQLite takes an empty file for a new database, so a library.db truncated to 0
    bytes would silently become an empty library; `create_index` never leaves an
    empty library.db behind, so an empty one is always damage.
    """
    try:
        size = path.stat().st_size
        if size == 0:
            wal = path.with_name(path.name + "-wal")
            if wal.exists() and wal.stat().st_size > 0:
                return None  # everything may still be in the WAL: SQLite decides
            return "it is empty (0 bytes)"
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return None
    if head != _SQLITE_HEADER:
        return "it is not an SQLite database"
    return None


def create_index(path: Path, token: str) -> None:
    """A new, migrated index at `path`, made under a private name and linked into place,
    so `path` is never an empty or half-made file; if another process made one
    first, theirs is kept."""
    temp = path.with_name(f"{path.name}.new-{token}")
    try:
        conn = connect(temp)
        try:
            migrate(conn)
        finally:
            conn.close()  # the last connection: the WAL is folded in and removed
        try:
            os.link(temp, path)
        except FileExistsError:
            pass
        except OSError:  # a filesystem without hard links
            if not path.exists():
                os.replace(temp, path)
    finally:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(f"{temp}{suffix}")


def index_sound(path: Path) -> bool:
    """Whether SQLite's quick check and the search index's own check pass."""
    conn = sqlite3.connect(path, isolation_level=None)
    register_search_text(conn)  # the search index's check reads text made by it
    try:
        if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            return False
        has_fts = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'images_fts'").fetchone()
        if has_fts:
            conn.execute("INSERT INTO images_fts (images_fts, rank) VALUES ('integrity-check', 1)")
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def rescue_index(path: Path, token: str) -> Path:
    """Copy every table of a damaged index into a new one under a private name and
    return it; sqlite3.Error when a table itself cannot be read (then nothing changed).

    Damage to an index b-tree (the usual bad sector) defeats REINDEX and VACUUM,
    which read the damaged pages; scanning the tables does not, and the new file's
    indexes, search index included, are built afresh from the rows.
    """
    temp = path.with_name(f"{path.name}.rescue-{token}")
    conn = connect(temp)
    try:
        migrate(conn)
        conn.execute("PRAGMA foreign_keys = OFF")  # rows arrive table by table
        conn.execute("ATTACH DATABASE ? AS old", (str(path),))
        _copy_layer_schemas(conn)
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM main.sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'images_fts%' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        conn.execute("BEGIN")
        for table in tables:
            old = {r[1] for r in conn.execute(f"PRAGMA old.table_xinfo({table})")}
            # hidden 0: stored columns only (not generated ones such as images.pixels)
            columns = ", ".join(
                r[1]
                for r in conn.execute(f"PRAGMA main.table_xinfo({table})")
                if not r[6] and r[1] in old
            )
            if columns:
                conn.execute(
                    f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM old.{table}"
                )
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE old")
    except BaseException:
        conn.close()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(f"{temp}{suffix}")
        raise
    conn.close()
    return temp


def _copy_layer_schemas(conn: sqlite3.Connection) -> None:
    """Make in `main` the tables of `old` the library's migrations do not make (other
    layers' tables, such as jobs, and their version table), with their indexes, so
    their rows are rescued too."""
    have = {name for (name,) in conn.execute("SELECT name FROM main.sqlite_master")}
    found = conn.execute(
        "SELECT type, name, sql FROM old.sqlite_master WHERE type IN ('table', 'index') "
        "AND sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'images_fts%' "
        "ORDER BY type = 'index'"
    ).fetchall()
    for _kind, name, sql in found:
        if name not in have:
            conn.execute(sql)  # unqualified: made in main


def set_aside(path: Path) -> Path:
    """Rename a damaged index (and its WAL) to library.db.damaged-<time>; never replaces."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while kept.exists():
        n += 1
        kept = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    os.link(path, kept)
    os.unlink(path)
    for suffix in ("-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{kept}{suffix}"))
    return kept


def connect(path: Path, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves, nothing implicit.
    conn = sqlite3.connect(
        path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a commit that returned survives a power cut, not only a crash.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA temp_store = MEMORY")
    # 8 MB a connection: pages are small and every thread has its own connection.
    conn.execute("PRAGMA cache_size = -8000")
    register_search_text(conn)  # called by the search index's triggers
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the schema up to the last migration; returns the version reached."""
    register_search_text(conn)  # the search index's migration and triggers call it

    def set_version(version: int) -> None:
        conn.execute(f"PRAGMA user_version = {version}")

    found = _run_migrations(conn, migrations, lambda: schema_version(conn), set_version)
    latest = migrations[-1].version if migrations else 0
    if found > latest:
        raise LibraryError(
            f"The library index is schema version {found}, newer than this app knows "
            f"({latest}); update Lemon Desktop to open it."
        )
    return found


# Tables other layers keep in the index (jobs) are numbered apart from the library's
# own, one row per layer, so neither needs to know the other's migrations.
_LAYER_VERSIONS = "layer_schemas"


def layer_version(conn: sqlite3.Connection, layer: str) -> int:
    """The last migration of `layer` applied to this index; 0 when none was."""
    if not conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (_LAYER_VERSIONS,)
    ).fetchone():
        return 0
    row = conn.execute(
        f"SELECT version FROM {_LAYER_VERSIONS} WHERE layer = ?", (layer,)
    ).fetchone()
    return int(row[0]) if row else 0


def migrate_layer(conn: sqlite3.Connection, layer: str, migrations: Sequence[Migration]) -> int:
    """Bring another layer's tables up to its last migration; returns the version reached."""

    def set_version(version: int) -> None:
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {_LAYER_VERSIONS} "
            "(layer TEXT PRIMARY KEY, version INTEGER NOT NULL)"
        )
        conn.execute(
            f"INSERT INTO {_LAYER_VERSIONS} (layer, version) VALUES (?, ?) "
            "ON CONFLICT (layer) DO UPDATE SET version = excluded.version",
            (layer, version),
        )

    found = _run_migrations(conn, migrations, lambda: layer_version(conn, layer), set_version)
    latest = migrations[-1].version if migrations else 0
    if found > latest:
        raise LibraryError(
            f"The {layer} tables in the library index are schema version {found}, newer "
            f"than this app knows ({latest}); update Lemon Desktop to open it."
        )
    return found


def _run_migrations(
    conn: sqlite3.Connection,
    migrations: Sequence[Migration],
    version: Callable[[], int],
    set_version: Callable[[int], None],
) -> int:
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise ValueError(f"migration versions must be 1..n in order, got {versions}")
    for migration in migrations:
        if version() >= migration.version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the lock.
            if version() < migration.version:
                for statement in migration.statements:
                    conn.execute(statement)
                set_version(migration.version)
            conn.execute("COMMIT")
        except BaseException:
            # SQLite has already rolled back after a full disk or an I/O error; a second
            # ROLLBACK would fail and hide the error the user must see.
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            raise
    return version()


class Database:
    """Per-thread connections to one index file, with error translation."""

    def __init__(
        self,
        path: Path,
        root: Path,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        check_alive: Callable[[], None] | None = None,
    ) -> None:
        self.path = path
        self.root = root
        self.busy_timeout = busy_timeout
        self._check_alive = check_alive or (lambda: None)
        # Keyed by OS thread, not threading.local(): a Qt pool thread calling into
        # Python gets a fresh Python thread state (and empty thread-locals) for each
        # task, which opened a new connection per task that lived until close().
        self._by_thread: dict[int, sqlite3.Connection] = {}
        self._lock = threading.Lock()
        # Threads of one process queue here rather than in SQLite's sleep-and-retry.
        self._write_lock = threading.RLock()
        self._closed = False

    def conn(self) -> sqlite3.Connection:
        """This thread's connection (a thread id is only ever one live thread)."""
        ident = threading.get_ident()
        conn = self._by_thread.get(ident)
        if conn is None:
            if self._closed:
                raise LibraryError(f"The library {self.root} is closed.")
            try:
                conn = connect(self.path, self.busy_timeout)
            except sqlite3.Error as exc:
                raise self.error(exc, "open the library index") from exc
            with self._lock:
                self._by_thread[ident] = conn
        return conn

    def release(self) -> None:
        """Close this thread's connection: for a worker thread that is about to end."""
        with self._lock:
            conn = self._by_thread.pop(threading.get_ident(), None)
        if conn is not None:
            conn.close()

    @property
    def connections(self) -> int:
        """Open connections: one per thread that has used the index."""
        return len(self._by_thread)

    def error(self, exc: sqlite3.Error, doing: str) -> LibraryError:
        return sqlite_error(exc, self.root, doing, self.busy_timeout)

    @contextmanager
    def read(self, doing: str = "read the library") -> Iterator[sqlite3.Connection]:
        try:
            yield self.conn()
        except sqlite3.Error as exc:
            raise self.error(exc, doing) from exc

    @contextmanager
    def write(self, doing: str = "change the library") -> Iterator[sqlite3.Connection]:
        """One write transaction; committed on success, rolled back on any error."""
        # SQLite keeps writing into a deleted file on POSIX; check first so a
        # vanished library folder fails loudly instead of losing the change.
        with self._write_lock:
            self._check_alive()
            conn = self.conn()
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self.error(exc, doing) from exc
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self.error(exc, doing) from exc
                raise

    def apply_schema(self, layer: str, migrations: Sequence[Migration]) -> int:
        """Create or migrate the tables another layer keeps in this index (the jobs
        layer's, say), numbered apart from the library's own; returns their version."""
        with self._write_lock:
            self._check_alive()
            with self.read(f"prepare the {layer} tables") as conn:
                return migrate_layer(conn, layer, migrations)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            conns, self._by_thread = list(self._by_thread.values()), {}
        for conn in conns:
            conn.close()

"""The api's FileIdCache kept in the library database (the jobs layer's
`uploaded_files` table): an id uploaded once for (sha256, model, gateway) is sent again
by a retry, a resumed job or another process, until it nears its expiry."""

from __future__ import annotations

from ..api.uploads import FileKey, RememberedFile
from ..library import Database


class StoredFileIds:
    """A FileIdCache on disk. The client calls it from the event loop: each call is one
    small statement on an indexed key (a write waits for its commit, as every job step
    does)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, key: FileKey) -> RememberedFile | None:
        with self._db.read("read an uploaded file id") as conn:
            row = conn.execute(
                "SELECT file_id, expires_at, uploaded_at FROM uploaded_files "
                "WHERE sha256 = ? AND model = ? AND gateway = ?",
                (key.sha256, key.model, key.gateway),
            ).fetchone()
        if row is None:
            return None
        return RememberedFile(row[0], expires_at=row[1], uploaded_at=row[2])

    def put(self, key: FileKey, file: RememberedFile) -> None:
        with self._db.write("remember an uploaded file id") as conn:
            conn.execute(
                "INSERT INTO uploaded_files (sha256, model, gateway, file_id, expires_at, "
                "uploaded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256, model, gateway) "
                "DO UPDATE SET file_id = excluded.file_id, expires_at = excluded.expires_at, "
                "uploaded_at = excluded.uploaded_at",
                (key.sha256, key.model, key.gateway, file.file_id, file.expires_at,
                 file.uploaded_at),
            )  # fmt: skip

    def forget(self, key: FileKey) -> None:
        with self._db.write("forget an uploaded file id") as conn:
            conn.execute(
                "DELETE FROM uploaded_files WHERE sha256 = ? AND model = ? AND gateway = ?",
                (key.sha256, key.model, key.gateway),
            )

    def of_image(self, sha256: str, model: str, gateway: str) -> RememberedFile | None:
        return self.get(FileKey(sha256.lower(), model, gateway))

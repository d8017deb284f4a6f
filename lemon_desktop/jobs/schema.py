"""The jobs tables: owned by the jobs layer, kept in the library's database.

Jobs live beside the images they produce, so a job and its images are in one
file and one backup; the library keeps no knowledge of them and only offers the
door (`Database.apply_schema`), which numbers these migrations apart from its own.
To change the tables, append a `Migration` with the next number; never edit one
that has shipped.
"""

from __future__ import annotations

from ..library import Database, Migration

LAYER = "jobs"

# A job is recorded here before its request is sent, and every step after is
# written before it is taken. IF NOT EXISTS: databases made before the jobs layer
# owned its schema already hold these very tables (the library's migration 2 made
# them), and adopt this migration without a change.
_V1 = Migration(
    1,
    "durable generation jobs",
    (
        """CREATE TABLE IF NOT EXISTS jobs (
            id TEXT PRIMARY KEY,
            batch_id TEXT,
            retry_of TEXT,
            model TEXT NOT NULL,
            prompt TEXT NOT NULL,
            request TEXT NOT NULL,
            stream INTEGER NOT NULL DEFAULT 0 CHECK (stream IN (0, 1)),
            state TEXT NOT NULL,
            task_id TEXT,
            poll_url TEXT,
            progress REAL,
            results TEXT NOT NULL DEFAULT '[]',
            error TEXT,
            error_code TEXT,
            estimate_usd TEXT,
            cost_usd TEXT,
            usage TEXT,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            submitted TEXT,
            finished TEXT
        )""",
        "CREATE INDEX IF NOT EXISTS jobs_by_created ON jobs (created)",
        "CREATE INDEX IF NOT EXISTS jobs_unfinished ON jobs (state) "
        "WHERE state IN ('queued', 'held', 'submitting', 'running', 'downloading')",
        "CREATE INDEX IF NOT EXISTS jobs_by_finished ON jobs (finished) WHERE finished IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS jobs_by_batch ON jobs (batch_id) WHERE batch_id IS NOT NULL",
    ),
)

# Jobs with input images. `options`: what the app does around the request (the form
# local inputs go in, compositing onto the original outside the mask), JSON. `sent`:
# how the request went (route, form, the file ids its inputs went as), JSON.
# `uploaded_files`: the api's FileIdCache kept on disk, so a retry or another process
# sends a remembered id instead of uploading the same bytes again.
_V2 = Migration(
    2,
    "job options, how each job was sent, uploaded file ids",
    (
        "ALTER TABLE jobs ADD COLUMN options TEXT",
        "ALTER TABLE jobs ADD COLUMN sent TEXT",
        """CREATE TABLE uploaded_files (
            sha256 TEXT NOT NULL,
            model TEXT NOT NULL,
            gateway TEXT NOT NULL,
            file_id TEXT NOT NULL,
            expires_at REAL,
            uploaded_at REAL NOT NULL,
            PRIMARY KEY (sha256, model, gateway)
        ) WITHOUT ROWID""",
    ),
)

# The gateway each job was made for ("sandbox" or the real gateway's base URL): a queue
# resumes only its own gateway's jobs, so a paid task is never polled on the sandbox
# and a sandbox test is never sent to the paid gateway. Older rows keep NULL.
_V3 = Migration(
    3,
    "the gateway each job was made for",
    ("ALTER TABLE jobs ADD COLUMN gateway TEXT",),
)

MIGRATIONS: tuple[Migration, ...] = (_V1, _V2, _V3)


def prepare_jobs_tables(db: Database) -> int:
    """Create or bring up to date the jobs tables in `db`; returns their schema version."""
    return db.apply_schema(LAYER, MIGRATIONS)

"""The index schema, as an ordered list of migrations.

`PRAGMA user_version` holds the number of the last migration applied. To change
the schema, append a `Migration` with the next number; never edit one that has
shipped. Each runs in its own transaction, so a crash leaves the old version.
"""

from __future__ import annotations

from dataclasses import dataclass

from .searchtext import SQL_FUNCTION, date_key_sql

# FTS columns of the first search index (replaced by migration 4); its triggers
# keep the index in step with `images`, so application code never writes to it.
_FTS_COLUMNS = "prompt, revised_prompt, model, tags"
_FTS_NEW = "new.prompt, new.revised_prompt, new.model, new.tags"
_FTS_OLD = "old.prompt, old.revised_prompt, old.model, old.tags"
_TAGS_OF = (
    "(SELECT coalesce(group_concat(t.name, ' '), '') FROM image_tags it "
    "JOIN tags t ON t.id = it.tag_id WHERE it.image_id = {ref})"
)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


_V1 = Migration(
    1,
    "images, tags, albums, sources, pending writes, full-text index",
    (
        """CREATE TABLE images (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL,
            format TEXT NOT NULL CHECK (format IN ('png', 'jpeg', 'webp')),
            width INTEGER NOT NULL,
            height INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            pixels INTEGER GENERATED ALWAYS AS (width * height) VIRTUAL,
            created TEXT NOT NULL,
            added TEXT NOT NULL,
            model TEXT,
            prompt TEXT,
            negative_prompt TEXT,
            revised_prompt TEXT,
            params TEXT NOT NULL DEFAULT '{}',
            task_id TEXT,
            source_url TEXT,
            usage TEXT,
            cost_usd TEXT,
            app TEXT,
            job_id TEXT,
            favourite INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
            rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
            tags TEXT NOT NULL DEFAULT '',
            deleted_at TEXT
        )""",
        # Partial indexes on live rows, one per gallery sort order: the first
        # page is a walk down one index, whatever the library's size.
        "CREATE INDEX images_live_created ON images (created, id) WHERE deleted_at IS NULL",
        "CREATE INDEX images_live_rating ON images (rating, created, id) WHERE deleted_at IS NULL",
        "CREATE INDEX images_live_pixels ON images (pixels, id) WHERE deleted_at IS NULL",
        "CREATE INDEX images_trash ON images (deleted_at) WHERE deleted_at IS NOT NULL",
        "CREATE INDEX images_model ON images (model COLLATE NOCASE, created)",
        "CREATE INDEX images_job ON images (job_id) WHERE job_id IS NOT NULL",
        """CREATE TABLE tags (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE
        )""",
        """CREATE TABLE image_tags (
            image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
            PRIMARY KEY (image_id, tag_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX image_tags_by_tag ON image_tags (tag_id, image_id)",
        """CREATE TABLE albums (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created TEXT NOT NULL
        )""",
        """CREATE TABLE album_images (
            album_id INTEGER NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
            image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
            added TEXT NOT NULL,
            PRIMARY KEY (album_id, image_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX album_images_by_image ON album_images (image_id)",
        # Same bytes added again with a different provenance: kept, not dropped.
        """CREATE TABLE image_sources (
            id INTEGER PRIMARY KEY,
            image_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
            added TEXT NOT NULL,
            provenance TEXT NOT NULL
        )""",
        "CREATE INDEX image_sources_by_image ON image_sources (image_id)",
        # A write in flight: committed before the file enters the store, removed
        # with the row that points at it. After a crash, open() finishes or undoes it.
        """CREATE TABLE pending (
            sha256 TEXT NOT NULL,
            owner TEXT NOT NULL,
            relpath TEXT NOT NULL,
            row TEXT NOT NULL,
            started TEXT NOT NULL,
            PRIMARY KEY (sha256, owner)
        )""",
        f"CREATE VIRTUAL TABLE images_fts USING fts5({_FTS_COLUMNS}, content='images', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"""CREATE TRIGGER images_fts_insert AFTER INSERT ON images BEGIN
            INSERT INTO images_fts (rowid, {_FTS_COLUMNS}) VALUES (new.id, {_FTS_NEW});
        END""",
        f"""CREATE TRIGGER images_fts_delete AFTER DELETE ON images BEGIN
            INSERT INTO images_fts (images_fts, rowid, {_FTS_COLUMNS})
            VALUES ('delete', old.id, {_FTS_OLD});
        END""",
        f"""CREATE TRIGGER images_fts_update
            AFTER UPDATE OF prompt, revised_prompt, model, tags ON images BEGIN
            INSERT INTO images_fts (images_fts, rowid, {_FTS_COLUMNS})
            VALUES ('delete', old.id, {_FTS_OLD});
            INSERT INTO images_fts (rowid, {_FTS_COLUMNS}) VALUES (new.id, {_FTS_NEW});
        END""",
        # images.tags mirrors image_tags so tags are searchable as words.
        f"""CREATE TRIGGER image_tags_added AFTER INSERT ON image_tags BEGIN
            UPDATE images SET tags = {_TAGS_OF.format(ref="new.image_id")}
            WHERE id = new.image_id;
        END""",
        f"""CREATE TRIGGER image_tags_removed AFTER DELETE ON image_tags BEGIN
            UPDATE images SET tags = {_TAGS_OF.format(ref="old.image_id")}
            WHERE id = old.image_id;
        END""",
    ),
)

# Migration 2 made the jobs tables. They belong to the jobs layer now, which
# makes them through `Database.apply_schema` (lemon_desktop/jobs/schema.py) with
# the very same statements; the number stays taken, so databases at version 2 or
# 3 are still read as they are.
_V2 = Migration(2, "durable generation jobs: made by the jobs layer since", ())

# Folders imported in place: where `verify --repair` looks for linked files
# that were moved or renamed, to re-link them by hash.
_V3 = Migration(
    3,
    "folders imported in place",
    (
        """CREATE TABLE linked_folders (
            path TEXT PRIMARY KEY,
            added TEXT NOT NULL
        )""",
    ),
)


def _search_body(ref: str) -> str:
    return f"{SQL_FUNCTION}({ref}.prompt, {ref}.revised_prompt, {ref}.model, {ref}.tags)"


# The search index in every language, keyed by date (see searchtext.py): CJK runs
# indexed as overlapping pairs so any part of a Chinese or Japanese prompt is found,
# and rows in (created, id) order so a search sorted by date stops after one page.
# `images_search` is its content: what `rebuild` and `integrity-check` read, computed
# from `images`, so the index can always be rebuilt from the rows. Building it for
# an existing library of a million images takes about a minute (bench/RESULTS.md).
_V4 = Migration(
    4,
    "search index in every language (CJK substrings), keyed by date",
    (
        "DROP TRIGGER images_fts_insert",
        "DROP TRIGGER images_fts_delete",
        "DROP TRIGGER images_fts_update",
        "DROP TABLE images_fts",
        f"""CREATE VIEW images_search (key, body) AS
            SELECT {date_key_sql("created", "id")}, {_search_body("images")} FROM images""",
        "CREATE VIRTUAL TABLE images_fts USING fts5(body, content='images_search', "
        "content_rowid='key', tokenize='unicode61 remove_diacritics 2')",
        f"""CREATE TRIGGER images_fts_insert AFTER INSERT ON images BEGIN
            INSERT INTO images_fts (rowid, body)
            VALUES ({date_key_sql("new.created", "new.id")}, {_search_body("new")});
        END""",
        f"""CREATE TRIGGER images_fts_delete AFTER DELETE ON images BEGIN
            INSERT INTO images_fts (images_fts, rowid, body)
            VALUES ('delete', {date_key_sql("old.created", "old.id")}, {_search_body("old")});
        END""",
        f"""CREATE TRIGGER images_fts_update
            AFTER UPDATE OF prompt, revised_prompt, model, tags, created ON images BEGIN
            INSERT INTO images_fts (images_fts, rowid, body)
            VALUES ('delete', {date_key_sql("old.created", "old.id")}, {_search_body("old")});
            INSERT INTO images_fts (rowid, body)
            VALUES ({date_key_sql("new.created", "new.id")}, {_search_body("new")});
        END""",
        "INSERT INTO images_fts (images_fts) VALUES ('rebuild')",
    ),
)

# Lineage (library/lineage.py): each image's parents by hash, with their role, the id
# they had and the operation that made the child. No foreign key on the parent: a parent
# deleted for good leaves its children's record of it (the hash stays).
_V5 = Migration(
    5,
    "lineage: the images each image was made from",
    (
        """CREATE TABLE image_parents (
            child_id INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            role TEXT NOT NULL,
            parent_sha256 TEXT NOT NULL,
            parent_id INTEGER,
            operation TEXT NOT NULL,
            PRIMARY KEY (child_id, position)
        ) WITHOUT ROWID""",
        "CREATE INDEX image_parents_by_parent ON image_parents (parent_sha256, child_id)",
        "CREATE INDEX image_parents_by_operation ON image_parents (operation, child_id)",
    ),
)

# The search box searches as the user types, so the last word is also a prefix
# (`c`, `ca`, `cat` while typing `cats`). Without a prefix index FTS5 answers a
# prefix by gathering every hit of every term that starts with it before handing
# back the first, so a short prefix cost grew with the library (`c` 97 ms at a
# million images, 11 ms at 100,000); with one, a prefix of these lengths
# (searchtext.PREFIX_LENGTHS) is one term read lazily in date order, like a word.
# Same content, key and tokenizer: only the prefix indexes are new, so the table
# is made again and rebuilt from `images_search`; the triggers of migration 4
# write to it by name and stay.
_V6 = Migration(
    6,
    "prefix indexes for the word being typed",
    (
        "DROP TABLE images_fts",
        "CREATE VIRTUAL TABLE images_fts USING fts5(body, content='images_search', "
        "content_rowid='key', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')",
        "INSERT INTO images_fts (images_fts) VALUES ('rebuild')",
    ),
)

MIGRATIONS: tuple[Migration, ...] = (_V1, _V2, _V3, _V4, _V5, _V6)

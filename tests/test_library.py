"""The library facade: adding, reading, paging, marking, trash, verify, import, export."""

from __future__ import annotations

import io
import random
import sqlite3
import threading
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from lemon_desktop.library import ImageNotFound, Library, NotAnImage, QueryError, metadata
from lemon_desktop.library.db import migrate, schema_version
from lemon_desktop.library.errors import LibraryError
from lemon_desktop.library.ingest import insert_rows
from lemon_desktop.library.metadata import Provenance
from lemon_desktop.library.migrations import MIGRATIONS, Migration


def image_bytes(seed: int, fmt: str = "PNG", size: tuple[int, int] = (32, 24)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (seed % 256, seed // 256 % 256, 7)).save(buf, fmt)
    return buf.getvalue()


def prov(prompt: str, model: str = "gpt-image-2", **kw: object) -> Provenance:
    return Provenance(prompt=prompt, model=model, params={"size": "1024x1024", "n": 1}, **kw)  # type: ignore[arg-type]


def test_add_bytes_stores_content_addressed_with_embedded_provenance(lib: Library) -> None:
    rec = lib.add_bytes(image_bytes(1), prov("a red cat", created="2026-01-02T03:04:05+01:00"))
    assert rec.path.parent.parent == lib.root / "files"
    assert rec.path.name == f"{rec.sha256}.png"
    assert rec.path.parent.name == rec.sha256[:2]
    assert (rec.width, rec.height, rec.format) == (32, 24, "png")
    assert rec.created == "2026-01-02T02:04:05.000000Z"
    assert rec.params == {"size": "1024x1024", "n": 1}
    embedded = metadata.read(rec.path)
    assert embedded is not None and embedded.prompt == "a red cat"
    import hashlib

    assert hashlib.sha256(rec.path.read_bytes()).hexdigest() == rec.sha256
    assert not list((lib.root / "tmp").glob("*/*.part"))


def test_same_bytes_stored_once(lib: Library, tmp_path: Path) -> None:
    data = image_bytes(2)
    first = lib.add_bytes(data)
    copy = tmp_path / "copy.png"
    copy.write_bytes(data)
    second = lib.add_file(copy, job_id="job-1")
    assert second.id == first.id and second.job_id == "job-1"
    assert lib.count() == 1 and copy.exists()
    tagged = lib.add_bytes(image_bytes(3), prov("same prompt"))
    assert lib.add_bytes(image_bytes(3), prov("same prompt")).id == tagged.id


def test_duplicate_with_other_provenance_is_kept_as_source(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Embedding makes different provenances different bytes; when it cannot
    # (a container the metadata module refuses), the bytes match and merge.
    def refuse(data: bytes, fmt: str, p: Provenance) -> bytes:
        raise metadata.MetadataError("cannot edit this file")

    monkeypatch.setattr(metadata, "embed", refuse)
    data = image_bytes(4)
    plain = lib.add_bytes(data)
    merged = lib.add_bytes(data, prov("first prompt", task_id="t1"))
    again = lib.add_bytes(data, prov("second prompt", task_id="t2"))
    assert plain.id == merged.id == again.id
    assert again.prompt == "first prompt" and again.task_id == "t1"
    assert [p.task_id for p in again.other_sources] == ["t1", "t2"]


def test_add_file_reads_metadata_and_move_removes_original(lib: Library, tmp_path: Path) -> None:
    src = tmp_path / "photo.jpeg.bin"
    src.write_bytes(image_bytes(3, "JPEG"))
    rec = lib.add_file(src, copy=False)
    assert rec.format == "jpeg" and rec.path.suffix == ".jpg"
    assert not src.exists() and rec.path.exists()


def test_not_an_image_is_refused(lib: Library) -> None:
    with pytest.raises(NotAnImage):
        lib.add_bytes(b"hello world, not an image")
    assert lib.count() == 0


def test_get_unknown_id(lib: Library) -> None:
    with pytest.raises(ImageNotFound, match="no image 99"):
        lib.get(99)


def test_marks_tags_albums_and_listeners(lib: Library) -> None:
    events: list[tuple[str, list[int]]] = []
    unsubscribe = lib.add_listener(lambda e, ids: events.append((e, ids)))
    a = lib.add_bytes(image_bytes(10), prov("castle at dusk"))
    b = lib.add_bytes(image_bytes(11), prov("forest"))
    lib.set_favourite([a.id], True)
    lib.set_rating([a.id, b.id], 4)
    lib.add_tags([a.id], ["Portrait", "night sky"])
    lib.add_to_album([b.id], "Best of")
    with pytest.raises(ValueError):
        lib.set_rating([a.id], 6)
    with pytest.raises(ImageNotFound):
        lib.set_favourite([12345], True)
    rec = lib.get(a.id)
    assert rec.favourite and rec.rating == 4 and rec.tags == ("night sky", "Portrait")
    assert [x.id for x in lib.page("tag:portrait").rows] == [a.id]
    assert [x.id for x in lib.page("sky").rows] == [a.id]  # tags are full-text searchable
    assert [x.id for x in lib.page('album:"best of"').rows] == [b.id]
    assert [(al.name, al.count) for al in lib.albums()] == [("Best of", 1)]
    lib.remove_tags([a.id], ["portrait"])
    assert lib.page("tag:portrait").rows == []
    assert ("added", [a.id]) in events and ("changed", [a.id]) in events
    unsubscribe()
    before = len(events)
    lib.set_favourite([b.id], True)
    assert len(events) == before


def test_trash_restore_and_empty(lib: Library) -> None:
    a = lib.add_bytes(image_bytes(20), prov("one"))
    b = lib.add_bytes(image_bytes(21), prov("two"))
    assert lib.delete([a.id]) == [a.id]
    trashed = lib.get(a.id)
    assert trashed.deleted and trashed.path == lib.root / "trash" / a.path.name
    assert trashed.path.exists() and not a.path.exists()
    assert [r.id for r in lib.page("").rows] == [b.id]
    assert [r.id for r in lib.page("is:trash").rows] == [a.id]
    assert lib.restore([a.id]) == [a.id] and a.path.exists()
    lib.delete([a.id, b.id])
    assert lib.empty_trash() == 2
    assert lib.count() == 0 and not any((lib.root / "trash").iterdir())
    with pytest.raises(ImageNotFound):
        lib.restore([a.id])
    assert lib.verify().ok


def test_adding_trashed_bytes_again_restores(lib: Library) -> None:
    data = image_bytes(22)
    rec = lib.add_bytes(data)
    lib.delete([rec.id])
    assert not lib.add_bytes(data).deleted


def test_verify_finds_and_repairs(lib: Library) -> None:
    a = lib.add_bytes(image_bytes(30), prov("moved"))
    b = lib.add_bytes(image_bytes(31), prov("changed"))
    c = lib.add_bytes(image_bytes(32), prov("gone"))
    # a: moved into the trash folder by hand; b: edited; c: deleted; plus an orphan.
    a.path.rename(lib.root / "trash" / a.path.name)
    b.path.write_bytes(image_bytes(99))
    c.path.unlink()
    orphan_data = image_bytes(33)
    orphan = lib.root / "files" / "zz" / "stray.png"
    orphan.parent.mkdir()
    orphan.write_bytes(orphan_data)
    report = lib.verify()
    assert not report.ok
    assert {i for i, _ in report.missing} == {a.id, c.id}
    assert [i for i, _ in report.changed] == [b.id]
    assert sorted(report.orphaned) == sorted([f"trash/{a.path.name}", "files/zz/stray.png"])
    fixed = lib.verify(repair=True)
    assert [i for i, _ in fixed.relinked] == [a.id] and a.path.exists()
    assert len(fixed.reindexed) == 1 and fixed.missing == [
        (c.id, c.path.relative_to(lib.root).as_posix())
    ]
    assert lib.count() == 4
    final = lib.verify(repair=True, remove_missing=True)
    assert [i for i, _ in final.removed] == [c.id]
    assert [i for i, _ in lib.verify().changed] == [b.id]  # reported, never "fixed"


def test_stats(lib: Library) -> None:
    lib.add_bytes(image_bytes(40), prov("x", model="m1"))
    rec = lib.add_bytes(image_bytes(41), prov("y", model="m1"))
    lib.delete([rec.id])
    s = lib.stats()
    assert (s.images, s.trashed, s.models, s.schema_version) == (1, 1, {"m1": 1}, len(MIGRATIONS))


def _a1111_png(text: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("parameters", text)
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (1, 2, 3)).save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def test_import_folder_sniffs_content_and_reports(lib: Library, tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.png").write_bytes(image_bytes(50))
    (src / "sub" / "b.txt").write_bytes(image_bytes(51, "JPEG"))  # wrong extension
    (src / "c.webp").write_bytes(image_bytes(52, "WEBP"))
    (src / "copy-of-a.png").write_bytes(image_bytes(50))
    (src / "notes.txt").write_text("hello")
    (src / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    (src / "a1111.png").write_bytes(
        _a1111_png("a lighthouse\nNegative prompt: fog\nSteps: 20, Size: 16x16, Model: sdxl")
    )
    existing = lib.add_bytes(image_bytes(52, "WEBP"))
    seen: list[tuple[int, int]] = []
    report = lib.import_folder(src, lambda d, t: seen.append((d, t)))
    assert len(report.imported) == 3
    assert sorted(Path(f).name for f, _ in report.duplicates) == ["c.webp", "copy-of-a.png"]
    assert dict((Path(f).name, i) for f, i in report.duplicates)["c.webp"] == existing.id
    assert [Path(f).name for f, _ in report.skipped] == ["notes.txt"]
    assert [Path(f).name for f, _ in report.failed] == ["broken.png"]
    assert seen[-1] == (7, 7)
    assert lib.count("format:jpeg") == 1
    (hit,) = lib.page("lighthouse").rows
    assert lib.get(hit.id).model == "sdxl"
    again = lib.import_folder(src)
    assert again.imported == [] and len(again.duplicates) == 5
    assert lib.verify().ok


def test_export_names_and_strip(lib: Library, tmp_path: Path) -> None:
    lib.add_bytes(image_bytes(60), prov("CON: a/b cat?", created="2026-03-04T05:06:07Z"))
    lib.add_bytes(image_bytes(61), prov("CON: a/b cat?", created="2026-03-04T05:06:07Z"))
    out = lib.export("cat", tmp_path / "out", template="{prompt:3}", strip_metadata=True)
    assert [p.name for p in out] == ["_CON.png", "_CON-2.png"]
    assert all(metadata.read(p) is None for p in out)
    out2 = lib.export("", tmp_path / "out2")
    assert out2[0].name.startswith("2026-03-04_gpt-image-2_CON_ a_b cat_")
    with pytest.raises(ValueError, match="Unknown file name field"):
        lib.export("", tmp_path / "out3", template="{nope}")


def _bulk(lib: Library, n: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        w, h = rng.choice([(1024, 1024), (1536, 1024), (1024, 1536), (512, 512)])
        rows.append(
            {
                "sha256": f"{i:064x}",
                "path": f"files/{i:064x}"[:9] + f"/{i:064x}.png",
                "format": "png",
                "width": w,
                "height": h,
                "bytes": 1000 + i,
                "created": f"2026-01-{1 + rng.randrange(28):02d}T00:00:00.000000Z",
                "added": "2026-02-01T00:00:00.000000Z",
                "model": rng.choice(["gpt-image-2", "flux-pro", None]),
                "prompt": rng.choice(["a cat", "a dog", "castle", "cat and dog"]) + f" {i}",
                "negative_prompt": None,
                "revised_prompt": None,
                "params": "{}",
                "task_id": None,
                "source_url": None,
                "usage": None,
                "cost_usd": None,
                "app": None,
                "job_id": None,
            }
        )
    with lib._db.write() as conn:
        insert_rows(conn, rows)
        conn.execute("UPDATE images SET rating = id % 6, favourite = id % 3 = 0")


@pytest.mark.parametrize("query", ["", "sort:-date", "sort:rating", "sort:-size", "cat fav"])
def test_keyset_pages_cover_everything_once(lib: Library, query: str) -> None:
    _bulk(lib, 400)
    seen: list[int] = []
    cursor = None
    while True:
        page = lib.page(query, 37, after=cursor.token() if cursor else None)
        seen.extend(r.id for r in page.rows)
        if page.next is None:
            break
        cursor = page.next
    everything = [r.id for r in lib.page(query, 10_000).rows]
    assert seen == everything and len(set(seen)) == len(seen) == lib.count(query)
    assert lib.count(query, cap=10) == min(10, len(seen))


def test_first_page_walks_an_index(lib: Library) -> None:
    _bulk(lib, 200)
    from lemon_desktop.library.query import parse

    conn = lib._db.conn()
    for text in ("", "sort:rating", "sort:-size", "model:flux-pro"):
        q = parse(text)
        where, params = q.where()
        plan = " | ".join(
            r[3]
            for r in conn.execute(
                f"EXPLAIN QUERY PLAN SELECT id FROM images WHERE {where} "
                f"AND (created, id) < (?, ?) ORDER BY {q.order_by()} LIMIT 200"
                if q.sort == "date"
                else f"EXPLAIN QUERY PLAN SELECT id FROM images WHERE {where} "
                f"ORDER BY {q.order_by()} LIMIT 200",
                [*params, "z", 0] if q.sort == "date" else params,
            )
        )
        assert "TEMP B-TREE" not in plan, (text, plan)
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, (text, plan)


def test_bad_query_and_cursor(lib: Library) -> None:
    with pytest.raises(QueryError, match=r"Unknown search key 'colour'.*model:"):
        lib.page("cat colour:red")
    with pytest.raises(QueryError):
        lib.page("", after="garbage!")
    other = lib.page("sort:rating", 1)
    assert other.next is None


def test_migrations_are_ordered_and_appendable(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "lib")
    lib.add_bytes(image_bytes(70), prov("keep me"))
    lib.close()
    conn = sqlite3.connect(tmp_path / "lib" / "library.db", isolation_level=None)
    latest = MIGRATIONS[-1].version
    extra = Migration(latest + 1, "a later table", ("CREATE TABLE later (id TEXT PRIMARY KEY)",))
    assert migrate(conn, (*MIGRATIONS, extra)) == latest + 1
    assert migrate(conn, (*MIGRATIONS, extra)) == latest + 1  # idempotent
    conn.execute("INSERT INTO later VALUES ('j1')")
    assert conn.execute("SELECT prompt FROM images").fetchone() == ("keep me",)
    with pytest.raises(LibraryError, match="newer than this app"):
        migrate(conn, MIGRATIONS)
    with pytest.raises(ValueError, match=r"1\.\.n"):
        migrate(conn, (extra,))
    conn.close()
    assert schema_version(sqlite3.connect(tmp_path / "lib" / "library.db")) == latest + 1
    with pytest.raises(LibraryError, match="newer"):
        Library.open(tmp_path / "lib")


def test_threads_share_one_library(lib: Library) -> None:
    errors: list[BaseException] = []

    def work(base: int) -> None:
        try:
            for i in range(15):
                rec = lib.add_bytes(image_bytes(base + i), prov(f"thread {base}"))
                lib.set_rating([rec.id], 3)
                lib.page("thread", 50)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(1000 * k,)) for k in range(1, 4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and lib.count("rating:3") == 45

"""Importing in place: files indexed where they are, never moved or deleted by the library."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from lemon_desktop.library import Library, LibraryError


def image_bytes(seed: int, fmt: str = "PNG") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (20, 12), (seed % 256, 40, seed // 256 % 256)).save(buf, fmt)
    return buf.getvalue()


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    folder = tmp_path / "photos"
    (folder / "2025").mkdir(parents=True)
    (folder / "a.png").write_bytes(image_bytes(1))
    (folder / "2025" / "b.jpg").write_bytes(image_bytes(2, "JPEG"))
    (folder / "2025" / "c.webp").write_bytes(image_bytes(3, "WEBP"))
    return folder


def files_in(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_in_place_indexes_without_copying(lib: Library, photos: Path) -> None:
    before = files_in(photos)
    report = lib.import_folder(photos, in_place=True)
    assert len(report.imported) == 3 and not report.failed
    assert not list((lib.root / "files").rglob("*.*")), "nothing was copied into the store"
    records = [lib.get(i) for i in report.imported]
    assert {r.path for r in records} == {p for p in photos.rglob("*") if p.is_file()}
    assert all(r.linked for r in records)
    assert lib.count("is:linked") == 3 and lib.count("-is:linked") == 0
    assert lib.get(records[0].id).to_json()["linked"] is True
    assert files_in(photos) == before, "the user's files are untouched"
    again = lib.import_folder(photos, in_place=True)
    assert again.imported == [] and len(again.duplicates) == 3
    assert lib.verify().ok


def test_trash_and_empty_never_touch_linked_files(lib: Library, photos: Path) -> None:
    ids = lib.import_folder(photos, in_place=True).imported
    before = files_in(photos)
    assert lib.delete(ids) == sorted(ids)
    assert lib.count() == 0 and lib.count("is:trash") == 3
    assert all(lib.get(i).path.parent.is_relative_to(photos) for i in ids)
    assert files_in(photos) == before
    assert lib.restore(ids[:1]) == ids[:1]
    assert lib.count() == 1
    assert lib.empty_trash() == 2
    assert files_in(photos) == before, "emptying the trash deletes only the library's own files"
    assert lib.verify().ok


def test_verify_relinks_moved_files_by_hash(lib: Library, photos: Path) -> None:
    ids = lib.import_folder(photos, in_place=True).imported
    moved = photos / "sorted" / "renamed.png"
    moved.parent.mkdir()
    target = next(lib.get(i) for i in ids if lib.get(i).path.name == "a.png")
    target.path.rename(moved)
    report = lib.verify()
    assert not report.ok and report.missing == [(target.id, str(photos / "a.png"))]
    assert report.orphaned == [], "files in the user's folder are not the library's orphans"
    repaired = lib.verify(repair=True)
    assert repaired.ok and repaired.relinked == [(target.id, str(moved))]
    assert lib.get(target.id).path == moved


def test_verify_reports_changed_and_gone_linked_files(lib: Library, photos: Path) -> None:
    ids = lib.import_folder(photos, in_place=True).imported
    by_name = {lib.get(i).path.name: i for i in ids}
    (photos / "a.png").write_bytes(image_bytes(99))  # edited in another program
    (photos / "2025" / "b.jpg").unlink()
    report = lib.verify(repair=True)
    assert report.changed == [(by_name["a.png"], str(photos / "a.png"))]
    assert report.missing == [(by_name["b.jpg"], str(photos / "2025" / "b.jpg"))]
    assert not report.ok
    gone = lib.verify(repair=True, remove_missing=True)
    assert gone.removed == [(by_name["b.jpg"], str(photos / "2025" / "b.jpg"))]
    assert lib.count() == 2


def test_copying_in_adopts_linked_images(lib: Library, photos: Path) -> None:
    ids = lib.import_folder(photos, in_place=True).imported
    report = lib.import_folder(photos)
    assert report.imported == [] and sorted(report.adopted) == sorted(ids)
    assert report.duplicates == []
    for image_id in ids:
        record = lib.get(image_id)
        assert not record.linked and record.path.is_relative_to(lib.root / "files")
        assert hashlib.sha256(record.path.read_bytes()).hexdigest() == record.sha256
    shutil.rmtree(photos)
    assert lib.verify().ok, "the library keeps the images once they are copied in"


def test_adding_the_bytes_of_a_linked_image_stores_them(lib: Library, photos: Path) -> None:
    (image_id,) = [i for i in lib.import_folder(photos, in_place=True).imported
                   if lib.get(i).path.name == "a.png"]  # fmt: skip
    (photos / "a.png").unlink()
    record = lib.add_bytes(image_bytes(1))
    assert record.id == image_id and not record.linked and record.path.is_file()
    assert lib.verify().ok


def test_reimport_in_place_follows_a_moved_file(lib: Library, photos: Path) -> None:
    ids = lib.import_folder(photos, in_place=True).imported
    elsewhere = photos.parent / "elsewhere"
    elsewhere.mkdir()
    (photos / "a.png").rename(elsewhere / "a.png")
    report = lib.import_folder(elsewhere, in_place=True)
    assert report.imported == [] and len(report.duplicates) == 1
    assert {lib.get(i).path for i in ids} >= {elsewhere / "a.png"}
    assert lib.verify().ok


def test_interrupted_adopt_is_finished_on_open(tmp_path: Path, photos: Path) -> None:
    from lemon_desktop.library import ingest
    from lemon_desktop.library.probe import probe

    with Library.open(tmp_path / "lib") as lib:
        (image_id,) = [i for i in lib.import_folder(photos, in_place=True).imported
                       if lib.get(i).path.name == "a.png"]  # fmt: skip
        data = image_bytes(1)
        info = probe(data)
        row = ingest.row_for(info, None)
        temp = lib._store.stage(data, info.sha256, sync=True)
        # As if the process died after placing the file, before switching the row.
        ingest._place(lib._db, lib._store, [ingest.Staged(info, row, temp)], synced=True)
        lib._store.token = "dead-1"  # leave the pending row to a later instance
    with Library.open(tmp_path / "lib") as lib:
        record = lib.get(image_id)
        assert not record.linked and record.path == lib.root / row["path"]
        assert lib.verify().ok


@pytest.mark.parametrize("in_place", [True, False])
def test_import_can_be_stopped_and_keeps_what_it_read(
    lib: Library, photos: Path, in_place: bool
) -> None:
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 2  # after two files

    report = lib.import_folder(photos, in_place=in_place, stop=stop)
    assert report.stopped and len(report.imported) == 2
    assert lib.count() == 2 and lib.verify().ok
    assert not list((lib.root / "tmp").glob("*/*.part"))
    rest = lib.import_folder(photos, in_place=in_place)
    assert not rest.stopped and len(rest.imported) == 1 and len(rest.duplicates) == 2


def test_verify_gives_a_linked_image_the_store_copy_when_its_file_is_gone(
    lib: Library, photos: Path
) -> None:
    (image_id,) = [i for i in lib.import_folder(photos, in_place=True).imported
                   if lib.get(i).path.name == "a.png"]  # fmt: skip
    record = lib.get(image_id)
    # A copy left in the store by an adopt that died before it could switch the row.
    stray = lib.root / "files" / record.sha256[:2] / f"{record.sha256}.png"
    shutil.copyfile(record.path, stray)
    record.path.unlink()
    report = lib.verify(repair=True, remove_missing=True)
    assert report.ok and report.removed == []
    assert report.reindexed == [(image_id, f"files/{record.sha256[:2]}/{record.sha256}.png")]
    assert lib.get(image_id).path == stray and not lib.get(image_id).linked


# -- found in review: each of these once lost or garbled something ---------------------


def tagged_png(seed: int, record: str) -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_itxt("lemon-desktop", record)
    buf = io.BytesIO()
    Image.new("RGB", (20, 12), (seed % 256, 40, seed // 256 % 256)).save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


@pytest.mark.parametrize("count", [3, 10])  # single adds and batched inserts alike
@pytest.mark.parametrize(
    ("prompt", "model", "stored_model"),
    [
        ("a cat\\u0000 on a mat", "m\\ud800x", "m\ufffdx"),  # both at once
        ("a cat\\u0000 on a mat", "mx", "mx"),  # only a NUL
        ("a cat on a mat", "m\\ud800x", "m\ufffdx"),  # only a lone surrogate
    ],
)
def test_nul_and_lone_surrogates_in_metadata_are_cleaned(
    tmp_path: Path, count: int, prompt: str, model: str, stored_model: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    record = f'{{"schema": 1, "prompt": "{prompt}", "model": "{model}"}}'
    for i in range(count):
        (folder / f"{i}.png").write_bytes(tagged_png(i, record))
    with Library.open(tmp_path / "lib") as lib:
        report = lib.import_folder(folder, in_place=True)
        assert len(report.imported) == count and not report.failed
        first = lib.get(report.imported[0])
        assert first.prompt == "a cat on a mat" and first.model == stored_model
        assert lib.count("cat") == count


def test_a_library_inside_an_imported_folder_is_never_walked(tmp_path: Path) -> None:
    pictures = tmp_path / "Pictures"
    pictures.mkdir()
    (pictures / "x.png").write_bytes(image_bytes(7))
    with Library.open(pictures / "Lemon Library") as lib:
        with pytest.raises(LibraryError, match="inside the library"):
            lib.import_folder(pictures / "Lemon Library", in_place=True)
        (image_id,) = lib.import_folder(pictures, in_place=True).imported
        record = lib.get(image_id)
        stray = lib.root / "files" / record.sha256[:2] / f"{record.sha256}.png"
        shutil.copyfile(record.path, stray)
        record.path.unlink()
        report = lib.verify(repair=True)
        assert report.ok and stray.is_file()
        assert lib.get(image_id).path == stray


def test_relinking_follows_the_hash_not_the_path(lib: Library, photos: Path) -> None:
    (first,) = [i for i in lib.import_folder(photos, in_place=True).imported
                if lib.get(i).path.name == "a.png"]  # fmt: skip
    (photos / "a.png").write_bytes(image_bytes(42))  # edited and saved over
    (second,) = lib.import_folder(photos, in_place=True).imported
    (photos / "sub").mkdir()
    (photos / "a.png").rename(photos / "sub" / "a.png")
    report = lib.verify(repair=True)
    assert report.relinked == [(second, str(photos / "sub" / "a.png"))]
    assert report.missing == [(first, str(photos / "a.png"))]  # its bytes are gone
    assert lib.get(first).path == photos / "a.png"


def test_a_clock_far_off_does_not_stop_an_import(lib: Library, photos: Path) -> None:
    os.utime(photos / "a.png", (0, 1e13))  # year 318857, as some file systems allow
    report = lib.import_folder(photos, in_place=True)
    assert len(report.imported) == 3 and not report.failed


def test_trashing_while_copying_in_keeps_the_trash_consistent(
    lib: Library, photos: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lemon_desktop.library import importer

    (image_id,) = [i for i in lib.import_folder(photos, in_place=True).imported
                   if lib.get(i).path.name == "a.png"]  # fmt: skip
    real_adopt = importer.adopt

    def adopt_while_trashing(*args: object) -> object:
        lib.delete([image_id])  # the user trashes it in the gallery meanwhile
        return real_adopt(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "adopt", adopt_while_trashing)
    report = lib.import_folder(photos)
    assert image_id not in report.adopted
    record = lib.get(image_id)
    assert record.deleted and record.linked and record.path.is_file()
    assert lib.verify().ok


def test_relative_folders_are_stored_normalised(
    tmp_path: Path, photos: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    with Library.open(tmp_path / "lib") as lib:
        ids = lib.import_folder(Path("../photos"), in_place=True).imported
        assert {lib.get(i).path.parent for i in ids} >= {photos}
        work.rmdir()
        assert lib.verify().ok


def test_remove_missing_keeps_a_folder_that_is_gone_as_a_whole(lib: Library, photos: Path) -> None:
    ids = lib.import_folder(photos, in_place=True).imported
    unplugged = photos.with_name("photos-elsewhere")
    photos.rename(unplugged)  # as if the drive were unplugged
    report = lib.verify(repair=True, remove_missing=True)
    assert report.removed == [] and len(report.missing) == 3
    assert lib.count() == 3
    unplugged.rename(photos)
    assert lib.verify().ok and sorted(ids) == sorted(r.id for r in lib.page("").rows)


def test_an_unfinishable_interrupted_add_never_blocks_open_or_close(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lemon_desktop.library import ingest

    def broken(*args: object, **kwargs: object) -> list[int]:
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    Library.open(tmp_path / "lib").close()
    monkeypatch.setattr(ingest, "recover", broken)
    with Library.open(tmp_path / "lib") as lib:
        assert lib.count() == 0  # opened, and reading works
    monkeypatch.undo()
    with Library.open(tmp_path / "lib") as lib:
        assert lib.count() == 0

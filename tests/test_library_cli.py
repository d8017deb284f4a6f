"""`lemon-desktop library ...` run in-process through the same argparse wiring as main."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from lemon_desktop.cli import library as library_cli
from lemon_desktop.library import Library
from lemon_desktop.library.metadata import Provenance


def cli(home: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="lemon-desktop")
    parser.add_argument("--home", type=Path, default=None)
    commands = parser.add_subparsers(dest="command")
    library_cli.add_parser(commands)
    args = parser.parse_args(["--home", str(home), *argv])
    assert args.needs_context is False
    return int(args.handler(args))


def png(seed: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (20, 10), (seed, 0, 0)).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def filled(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    with Library.open(home / "library") as lib:
        for i, prompt in enumerate(["a cat", "a dog", "cat nap"]):
            lib.add_bytes(png(i), Provenance(prompt=prompt, model="gpt-image-2"))
    return home


def test_list_search_show_stats_json(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(filled, "library", "list", "--json", "--limit", "2", "--offset", "1") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["prompt"] for r in rows] == ["a dog", "a cat"]
    assert {"id", "path", "sha256", "model", "prompt", "created"} <= rows[0].keys()
    assert Path(rows[0]["path"]).is_absolute() and Path(rows[0]["path"]).exists()
    assert cli(filled, "library", "search", "cat", "--json") == 0
    assert sorted(r["prompt"] for r in json.loads(capsys.readouterr().out)) == ["a cat", "cat nap"]
    assert cli(filled, "library", "show", "1", "--json") == 0
    assert json.loads(capsys.readouterr().out)["prompt"] == "a cat"
    assert cli(filled, "library", "stats", "--json") == 0
    assert json.loads(capsys.readouterr().out)["images"] == 3
    assert cli(filled, "library", "list") == 0
    assert "a cat" in capsys.readouterr().out


def test_errors_are_one_sentence_with_exit_codes(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(filled, "library", "search", "colour:red") == 2
    err = capsys.readouterr().err
    assert "Unknown search key 'colour'" in err and "Traceback" not in err
    assert cli(filled, "library", "show", "42") == 2
    assert "no image 42" in capsys.readouterr().err
    (filled / "blocker").write_text("x")
    assert cli(filled / "blocker", "library", "stats") == 4
    assert "lemon-desktop:" in capsys.readouterr().err


def test_delete_restore_empty_verify_export_import(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(filled, "library", "delete", "1", "2", "--json") == 0
    assert json.loads(capsys.readouterr().out) == [1, 2]
    assert cli(filled, "library", "restore", "2") == 0
    assert "Restored 1 images." in capsys.readouterr().out
    assert cli(filled, "library", "empty-trash", "--json") == 0
    assert json.loads(capsys.readouterr().out) == {"removed": 1}
    assert cli(filled, "library", "verify", "--json") == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    out = tmp_path / "out"
    assert cli(filled, "library", "export", "cat", "--to", str(out), "--template", "{id}") == 0
    assert [p.name for p in sorted(out.iterdir())] == ["3.png"]
    capsys.readouterr()
    src = tmp_path / "src"
    src.mkdir()
    (src / "x.png").write_bytes(png(200))
    assert cli(filled, "library", "import", str(src), "--json") == 0
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)["imported"]) == 1 and "1/1" in captured.err
    # A file removed behind the library's back: verify fails until repaired.
    with Library.open(filled / "library") as lib:
        lib.get(3).path.unlink()
    assert cli(filled, "library", "verify") == 1
    assert cli(filled, "library", "verify", "--repair", "--remove-missing") == 0


def test_import_in_place_then_copy_in(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home, photos = tmp_path / "home", tmp_path / "photos"
    photos.mkdir()
    for seed in (1, 2, 3):
        (photos / f"{seed}.png").write_bytes(png(seed))
    assert cli(home, "library", "import", str(photos), "--in-place", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["imported"]) == 3 and report["adopted"] == []
    assert cli(home, "library", "search", "is:linked", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    items = listed["items"] if isinstance(listed, dict) else listed
    assert {Path(i["path"]).parent for i in items} == {photos}
    assert cli(home, "library", "stats") == 0
    assert "3 images (0.0 MB; 3 of them left where they were imported)" in (capsys.readouterr().out)
    assert cli(home, "library", "import", str(photos)) == 0
    assert "Copied 3 images indexed in place into the library." in capsys.readouterr().out
    assert cli(home, "library", "search", "is:linked", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert (listed["items"] if isinstance(listed, dict) else listed) == []


def test_a_group_search_works_before_any_job_has_run(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `group:` reads the jobs layer's table, which a library that never ran a job
    # did not have: the search failed with "no such table: jobs" (exit 4).
    assert cli(filled, "library", "search", "group:0123abcd", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []

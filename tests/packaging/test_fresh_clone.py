"""`make package-test` on a fresh clone (no .venv yet) sets up its own environment.

It used to stop at once with `.venv/bin/python: not found`. Run by `make package-test`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.timeout(900)


def _fresh_clone(target: Path) -> Path:
    """The working tree's files as a clone would have them: tracked or new, never ignored
    (no environment, no build output)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_package_test_sets_itself_up_on_a_fresh_clone(tmp_path: Path) -> None:
    clone = _fresh_clone(tmp_path / "clone")
    assert not (clone / ".venv").exists()
    env = {k: v for k, v in os.environ.items() if k not in ("VENV", "VIRTUAL_ENV")}
    # One quick packaging test is enough: what is under test is getting that far.
    result = subprocess.run(
        ["sh", "packaging/package_test.sh", "-k", "icon_path_picks_the_smallest_size"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=840,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "running 'sh scripts/dev.sh setup' first" in output
    assert "1 passed" in output
    assert (clone / ".venv" / "bin" / "lemon-desktop").is_file()

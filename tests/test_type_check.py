"""The type check CI runs ([tool.mypy] in pyproject.toml) catches a misspelt attribute.

The window is typed as a whole (no `__getattr__`, no `Any`-typed panels), so
`window.genrate.submit()` is a type error, not an AttributeError found at run time. A
snippet that uses the window is checked with the project's own configuration; the
correct spelling passes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = """\
from lemon_desktop.ui.main_window import MainWindow


def use(window: MainWindow) -> None:
    window.{name}.submit()
"""


def mypy(script: Path, cache: Path) -> list[str]:
    """What mypy, configured as in CI, says about `script` itself (one line each)."""
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            # One cache per test: parallel workers never write the same one, and the
            # second check reuses what the first learnt about the package.
            "--cache-dir",
            str(cache),
            str(script),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert checked.returncode in (0, 1), checked.stderr  # 2: mypy itself failed
    return [line for line in checked.stdout.splitlines() if line.startswith(str(script))]


def test_a_typo_on_the_window_fails_the_type_check_and_the_right_name_passes(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "mypy-cache"
    typo = tmp_path / "typo.py"
    typo.write_text(SNIPPET.format(name="genrate"))
    [error] = mypy(typo, cache)
    assert 'has no attribute "genrate"' in error and "[attr-defined]" in error

    right = tmp_path / "right.py"
    right.write_text(SNIPPET.format(name="generate"))
    assert mypy(right, cache) == []

"""The layer rules hold: import-linter's contracts (pyproject.toml) pass, they catch a
break, and the layers below the window really load without Qt (settings without httpx2)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(cwd / "pyproject.toml"), "--no-cache"],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_layer_contracts_hold() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_qt_import_below_the_window_breaks_a_contract(tmp_path: Path) -> None:
    copy = tmp_path / "tree"
    shutil.copytree(
        ROOT / "lemon_desktop", copy / "lemon_desktop", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / "lemon_desktop" / "library" / "qt_probe.py").write_text("import PySide6.QtGui\n")
    (copy / "lemon_desktop" / "jobs" / "core_probe.py").write_text(
        "from lemon_desktop.library.db import Database\n"
    )
    # The copy comes first on the path, before the installed package.
    result = _lint_imports(copy, PYTHONPATH=str(copy))
    assert result.returncode != 0
    assert "lemon_desktop.library.qt_probe -> PySide6" in result.stdout, result.stdout
    assert "lemon_desktop.jobs.core_probe -> lemon_desktop.library.db" in result.stdout


def _loaded_after(statement: str) -> set[str]:
    probe = (
        f"import sys\n{statement}\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    return set(result.stdout.split())


def test_the_layers_below_the_window_load_without_qt() -> None:
    loaded = _loaded_after(
        "import lemon_desktop.library, lemon_desktop.api, lemon_desktop.jobs, "
        "lemon_desktop.settings, lemon_desktop.api.client, lemon_desktop.api.polling, "
        "lemon_desktop.library.thumbnails"
    )
    assert "lemon_desktop" in loaded
    assert not loaded & {"PySide6", "shiboken6", "qasync"}


def test_settings_load_without_the_http_stack() -> None:
    loaded = _loaded_after("import lemon_desktop.settings")
    assert "lemon_desktop" in loaded
    assert not loaded & {"httpx2", "httpcore", "h11"}

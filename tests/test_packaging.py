"""Desktop integration files, icons and the self-test; fast enough for every run.

The full offline bundle (build, install without network, uninstall) and the
PyInstaller build are in tests/packaging/, run by `make package-test`.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lemon_desktop import __version__
from lemon_desktop.desktop import APP_ID, ICON_SIZES, icon_path

ROOT = Path(__file__).resolve().parent.parent
DESKTOP_FILE = ROOT / "resources" / f"{APP_ID}.desktop"
METAINFO = ROOT / "resources" / f"{APP_ID}.metainfo.xml"
SCRIPTS = sorted((ROOT / "packaging").glob("*.sh"))


def test_every_icon_size_is_shipped_and_square() -> None:
    from PySide6.QtGui import QImage

    for size in ICON_SIZES:
        path = icon_path(size)
        assert path.name == f"{APP_ID}.png"
        assert path.parent.parent.name == f"{size}x{size}"
        image = QImage(str(path))
        assert (image.width(), image.height()) == (size, size), path
        assert image.hasAlphaChannel(), f"{path} should have a transparent background"
    assert icon_path().suffix == ".svg"


def test_icon_path_picks_the_smallest_size_that_fits() -> None:
    assert icon_path(20).parent.parent.name == "24x24"
    assert icon_path(48).parent.parent.name == "48x48"
    assert icon_path(4000).parent.parent.name == "512x512"


def test_committed_pngs_match_the_svg() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "render_icons.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_desktop_file_names_the_app() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Icon"] == APP_ID
    # install.sh rewrites exactly these two lines to the launcher's full path.
    assert entry["Exec"] == "lemon-desktop"
    assert entry["TryExec"] == "lemon-desktop"
    assert "Graphics" in entry["Categories"].split(";")


def test_metainfo_matches_the_app() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP_FILE.name
    releases = [r.get("version") for r in root.iter("release")]
    assert releases and releases[0] == __version__, "add a <release> for the new version"


def _tool(name: str) -> str:
    path = shutil.which(name)
    # Never a skip: `sh scripts/dev.sh test` installs the validators.
    assert path is not None, f"{name} is not installed; run the suite through scripts/dev.sh"
    return path


def test_desktop_file_validates() -> None:
    result = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP_FILE)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_validates() -> None:
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_shell_scripts_are_posix_and_clean(script: Path) -> None:
    assert subprocess.run(["sh", "-n", str(script)]).returncode == 0
    result = subprocess.run(
        [_tool("shellcheck"), "-s", "sh", str(script)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_self_test_passes() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lemon_desktop.selftest"],
        capture_output=True,
        text=True,
        timeout=150,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    assert "image stored in the library" in result.stdout


def test_self_test_reports_a_missing_icon(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    # `qapp` first: the self-test must reuse the suite's QApplication, not create an
    # offscreen one that later window tests in this process would inherit.
    from lemon_desktop import desktop, selftest

    def missing(size: int | None = None) -> Path:
        raise FileNotFoundError("The Lemon Desktop icon is not installed (looked in nowhere).")

    monkeypatch.setattr(desktop, "icon_path", missing)
    lines: list[str] = []
    assert selftest.run_self_test(lines.append) == 1
    assert lines[-1].startswith("self-test FAILED: icons: FileNotFoundError")


def test_self_test_refuses_a_home_that_is_not_empty(tmp_path: Path) -> None:
    # Its images must never mix into a real library given by mistake.
    home = tmp_path / "library-in-use"
    home.mkdir()
    (home / "settings.json").write_text("{}")
    result = subprocess.run(
        [sys.executable, "-m", "lemon_desktop.cli.main", "--self-test", "--home", str(home)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "is not an empty folder" in result.stdout
    assert sorted(p.name for p in home.iterdir()) == ["settings.json"]

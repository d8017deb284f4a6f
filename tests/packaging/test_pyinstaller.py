"""The PyInstaller one-folder build: it builds, starts, and passes its own self-test.

packaging/build_pyinstaller.sh already runs --version and --self-test on the result;
this runs the build and checks the folder independently. Run by `make package-test`.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from lemon_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.timeout(1500)


def test_pyinstaller_build_runs() -> None:
    started = time.monotonic()
    subprocess.run(
        ["sh", str(ROOT / "packaging" / "build_pyinstaller.sh")], check=True, timeout=1400
    )
    print(f"\npyinstaller: {time.monotonic() - started:.0f}s including the checks")
    binary = ROOT / "dist" / "pyinstaller" / "lemon-desktop" / "lemon-desktop"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEMON")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    version = subprocess.run(
        [str(binary), "--version"], env=env, capture_output=True, text=True, timeout=60
    )
    assert version.stdout.strip() == f"lemon-desktop {__version__}"
    report = subprocess.run(
        [str(binary), "--self-test"], env=env, capture_output=True, text=True, timeout=300
    )
    assert report.returncode == 0, report.stdout + report.stderr
    # Unused Qt modules are left out of the build.
    internal = binary.parent / "_internal" / "PySide6"
    assert not list(internal.glob("QtNetwork*")), "QtNetwork should be excluded"
    assert not list(internal.glob("Qt/plugins/platformthemes/libqgtk3*"))

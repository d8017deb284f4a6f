"""The offline bundle end to end: build it, install it with the network cut off into a
fresh home, run the installed app's self-test, validate the desktop files, uninstall,
and check that nothing but the user's data is left (and that --purge removes that).

Slow (a ~100 MB wheelhouse is built and installed), so it is not collected by the
default test run: `make package-test` runs this folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import time
from pathlib import Path

import pytest

from lemon_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "cc.lemondata.LemonDesktop"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
UNREACHABLE = "http://127.0.0.1:9"
# Written into $HOME by tools of this machine (pyenv's shims, fontconfig), not by the
# installer; everything else in the home is compared exactly.
TOOL_LEFTOVERS = {".rustup", ".cache"}

pytestmark = pytest.mark.timeout(1200)


def _run(args: list[str], env: dict[str, str], timeout: float = 600) -> str:
    result = subprocess.run(
        args, env=env, capture_output=True, text=True, timeout=timeout, cwd=env["HOME"]
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{output}"
    return result.stdout


def _tree(home: Path) -> set[str]:
    found = set()
    for path in home.rglob("*"):
        relative = path.relative_to(home)
        if relative.parts[0] not in TOOL_LEFTOVERS:
            found.add(str(relative))
    return found


def _offline_env(home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PIP_", "XDG_", "LEMON", "QT_"))
    }
    env.update(
        HOME=str(home),
        PIP_NO_INDEX="1",
        http_proxy=UNREACHABLE,
        https_proxy=UNREACHABLE,
        HTTP_PROXY=UNREACHABLE,
        HTTPS_PROXY=UNREACHABLE,
        QT_QPA_PLATFORM="offscreen",
    )
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    return env


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    started = time.monotonic()
    subprocess.run(
        ["sh", str(ROOT / "packaging" / "build_bundle.sh"), "--out", str(out)],
        check=True,
        timeout=900,
    )
    archive = out / f"lemon-desktop-{__version__}-linux-{os.uname().machine}.tar.gz"
    assert archive.is_file()
    print(
        f"\nbundle: built in {time.monotonic() - started:.0f}s, "
        f"{archive.stat().st_size / 2**20:.0f} MiB"
    )
    unpacked = tmp_path_factory.mktemp("unpacked")
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="tar")
    [root] = list(unpacked.iterdir())
    return root


def test_install_self_test_uninstall(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "user-home"
    home.mkdir()
    env = _offline_env(home)
    before = _tree(home)
    data = home / ".local" / "share"
    launcher = home / ".local" / "bin" / "lemon-desktop"

    started = time.monotonic()
    out = _run(["sh", str(bundle / "install.sh")], env)
    print(f"\ninstall: {time.monotonic() - started:.0f}s\n{out}")
    assert f"installed lemon-desktop {__version__}" in out
    assert "Launcher:" in out and "Desktop file:" in out

    desktop = data / "applications" / f"{APP_ID}.desktop"
    metainfo = data / "metainfo" / f"{APP_ID}.metainfo.xml"
    icons = [data / f"icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in SIZES]
    icons.append(data / f"icons/hicolor/scalable/apps/{APP_ID}.svg")
    for path in (launcher, desktop, metainfo, *icons):
        assert path.is_file(), path
    assert f'Exec="{launcher}"' in desktop.read_text()
    validated = subprocess.run(
        ["desktop-file-validate", str(desktop)], capture_output=True, text=True
    )
    assert validated.returncode == 0 and not validated.stdout.strip(), validated.stdout
    appstream = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(metainfo)], capture_output=True, text=True
    )
    assert appstream.returncode == 0, appstream.stdout + appstream.stderr

    assert _run([str(launcher), "--version"], env).strip() == f"lemon-desktop {__version__}"
    started = time.monotonic()
    report = _run([str(launcher), "--self-test"], env, timeout=300)
    print(f"self-test from the launcher: {time.monotonic() - started:.1f}s\n{report}")
    assert "self-test passed" in report

    # Idempotent: a second run puts the same files in the same places (inside the
    # environment pip may rewrite the app's own files, bytecode caches included).
    def outside_venv() -> set[str]:
        return {p for p in _tree(home) if not p.startswith(".local/share/lemon-desktop/venv/")}

    installed = outside_venv()
    _run(["sh", str(bundle / "install.sh")], env)
    assert outside_venv() == installed

    # The user's library is theirs: uninstall keeps it, --purge deletes it.
    library = data / "lemon-desktop" / "library"
    library.mkdir(parents=True)
    (library / "kept.png").write_bytes(b"not really a png")

    out = _run(["sh", str(bundle / "uninstall.sh")], env)
    assert "Kept your data" in out
    left = _tree(home) - before
    assert left == {
        ".local",
        ".local/share",
        ".local/share/lemon-desktop",
        ".local/share/lemon-desktop/library",
        ".local/share/lemon-desktop/library/kept.png",
    }, sorted(left)

    _run(["sh", str(bundle / "uninstall.sh")], env)  # idempotent
    out = _run(["sh", str(bundle / "uninstall.sh"), "--purge"], env)
    assert "Purged the data folder" in out
    assert _tree(home) == before


def test_install_honours_xdg_data_home_and_prefix(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "user-home"
    home.mkdir()
    env = _offline_env(home)
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    prefix = tmp_path / "apps" / "lemon venv"  # a space must not break the launcher

    _run(["sh", str(bundle / "install.sh"), "--prefix", str(prefix)], env)
    assert (prefix / "bin" / "lemon-desktop").is_file()
    xdg = tmp_path / "xdg-data"
    assert (xdg / "applications" / f"{APP_ID}.desktop").is_file()
    assert (xdg / "icons/hicolor/48x48/apps" / f"{APP_ID}.png").is_file()
    assert not (home / ".local" / "share").exists()
    launcher = home / ".local" / "bin" / "lemon-desktop"
    assert _run([str(launcher), "--version"], env).strip() == f"lemon-desktop {__version__}"

    # The launcher remembers the prefix, so uninstall needs no --prefix.
    _run(["sh", str(bundle / "uninstall.sh")], env)
    assert not prefix.exists()
    assert not launcher.exists()
    assert not list(xdg.rglob(f"{APP_ID}*"))
    shutil.rmtree(tmp_path / "apps", ignore_errors=True)

"""Render the app icon's PNG sizes from the SVG source into the package's data folder.

    python packaging/render_icons.py           # write the PNGs (commit them)
    python packaging/render_icons.py --check   # exit 1 if a committed PNG is stale

The PNGs are committed rather than built on install, so an installed app never needs
Qt's SVG renderer to find a window icon, and hicolor themes get crisp bitmaps.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

APP_ID = "cc.lemondata.LemonDesktop"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / f"{APP_ID}.svg"
HICOLOR = ROOT / "lemon_desktop" / "data" / "icons" / "hicolor"


def png_path(size: int, hicolor: Path = HICOLOR) -> Path:
    return hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def svg_path(hicolor: Path = HICOLOR) -> Path:
    return hicolor / "scalable" / "apps" / f"{APP_ID}.svg"


def _ensure_gui() -> None:
    # QSvgRenderer and QImage painting need a QGuiApplication; offscreen keeps this
    # working on a build machine or CI without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        # Kept on the function so the application outlives this call.
        _ensure_gui.app = QGuiApplication([sys.argv[0]])  # type: ignore[attr-defined]


def render(size: int, source: Path = SOURCE) -> QImage:
    _ensure_gui()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {source} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def _same(a: QImage, b: QImage, tolerance: int = 2) -> bool:
    """Equal up to rounding: a different Qt version may antialias a shade differently."""
    if a.size() != b.size():
        return False
    from PySide6.QtGui import QImage

    fmt = QImage.Format.Format_ARGB32
    da = bytes(a.convertToFormat(fmt).constBits())
    db = bytes(b.convertToFormat(fmt).constBits())
    return len(da) == len(db) and all(abs(x - y) <= tolerance for x, y in zip(da, db, strict=True))


def write(hicolor: Path = HICOLOR) -> list[Path]:
    written = []
    for size in SIZES:
        target = png_path(size, hicolor)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(size).save(str(target), "PNG"):
            raise SystemExit(f"render_icons: could not write {target}")
        written.append(target)
    scalable = svg_path(hicolor)
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    written.append(scalable)
    return written


def stale(hicolor: Path = HICOLOR, sizes: tuple[int, ...] = SIZES) -> list[str]:
    """What differs from a fresh render; empty when the committed icons are current."""
    _ensure_gui()
    from PySide6.QtGui import QImage

    problems = []
    for size in sizes:
        target = png_path(size, hicolor)
        committed = QImage(str(target))
        if committed.isNull():
            problems.append(f"{target} is missing or unreadable")
        elif not _same(committed, render(size)):
            problems.append(f"{target} differs from {SOURCE.name}")
    scalable = svg_path(hicolor)
    if not scalable.is_file() or scalable.read_bytes() != SOURCE.read_bytes():
        problems.append(f"{scalable} is not a copy of {SOURCE}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale icons")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale()
        for problem in problems:
            print(f"render_icons: {problem}", file=sys.stderr)
        if problems:
            print("render_icons: run `python packaging/render_icons.py`", file=sys.stderr)
        return 1 if problems else 0
    for path in write():
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Desktop integration: the application id and the app icon shipped with the package.

Imports no Qt at module level, so the command line can use it without loading Qt.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

APP_ID = "cc.lemondata.LemonDesktop"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _hicolor_roots() -> list[Path]:
    roots = []
    # Installed wheel, editable install and source checkout alike: the icons are
    # package data next to this module.
    packaged = resources.files("lemon_desktop") / "data" / "icons" / "hicolor"
    if isinstance(packaged, Path):
        roots.append(packaged)
    # A PyInstaller build unpacks data under _MEIPASS, mirroring the package layout.
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        roots.append(Path(frozen) / "lemon_desktop" / "data" / "icons" / "hicolor")
    return roots


def icon_path(size: int | None = None) -> Path:
    """The app icon: the SVG for `None`, else the PNG of the smallest shipped size that is
    at least `size` (the largest when `size` exceeds them all). Raises FileNotFoundError
    naming where it looked when the package was installed without its icons."""
    if size is None:
        relative = Path("scalable") / "apps" / f"{APP_ID}.svg"
    else:
        fitting = [s for s in ICON_SIZES if s >= size]
        chosen = fitting[0] if fitting else ICON_SIZES[-1]
        relative = Path(f"{chosen}x{chosen}") / "apps" / f"{APP_ID}.png"
    roots = _hicolor_roots()
    for root in roots:
        candidate = root / relative
        if candidate.is_file():
            return candidate
    looked = ", ".join(str(root) for root in roots) or "nowhere"
    raise FileNotFoundError(
        f"The Lemon Desktop icon {relative} is not installed (looked in {looked})."
    )


def app_icon() -> QIcon:
    """Every shipped PNG size in one QIcon, so Qt never scales a bitmap up; the theme's
    icon wins when the app is installed for the desktop (see packaging/install.sh)."""
    from PySide6.QtGui import QIcon

    bundled = QIcon()
    for size in ICON_SIZES:
        try:
            bundled.addFile(str(icon_path(size)))
        except FileNotFoundError:
            continue
    return QIcon.fromTheme(APP_ID, bundled)

"""Extract the window's texts into the .ts sources and build the .qm files the app ships.

    python scripts/translations.py            # both steps: update the .ts, then build .qm
    python scripts/translations.py update     # pyside6-lupdate: new texts in, gone ones out
    python scripts/translations.py build      # pyside6-lrelease: .ts -> .qm
    python scripts/translations.py update --ts-dir DIR   # into copies in DIR (the test)
    python scripts/translations.py add de     # start a new language (then translate it)

pyside6-lupdate reads every `self.tr("…")`, `QCoreApplication.translate("Context", "…")`
and `QT_TRANSLATE_NOOP("Context", "…")` with literal text under lemon_desktop/. The
Qt-free layers (core, api) have no tr calls: the fixed phrases of theirs that the window
shows are listed for lupdate in lemon_desktop/ui/core_words.py. Both tools ship in the
PySide6 wheels (.venv/bin). The .qm files are committed, so installing the app needs
no Qt tools; tests/test_translations.py fails when a text has no finished translation or
a .qm is older than its .ts.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lemon_desktop"
TRANSLATIONS = PACKAGE / "translations"
CATALOGUE = "lemon_desktop"


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from this Python's environment, else the PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6-Essentials into this environment")
    return found


def sources() -> list[Path]:
    """Every Python file of the package, in a stable order (lupdate finds the tr calls)."""
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def ts_files(folder: Path = TRANSLATIONS) -> list[Path]:
    return sorted(folder.glob(f"{CATALOGUE}_*.ts"))


def language_of(ts: Path) -> str:
    return ts.stem[len(CATALOGUE) + 1 :]


def update(ts_dir: Path | None = None) -> list[Path]:
    """Run lupdate over the sources into each language's .ts (copies in `ts_dir` when
    given, so the committed files stay as they are). Finished translations are kept;
    new texts come in unfinished; texts no longer in the code are dropped."""
    targets = []
    for ts in ts_files():
        target = ts
        if ts_dir is not None:
            ts_dir.mkdir(parents=True, exist_ok=True)
            target = ts_dir / ts.name
            shutil.copyfile(ts, target)
        targets.append(target)
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                *map(str, sources()),
                "-no-obsolete",
                # Line numbers would change the .ts on every edit anywhere in a file.
                "-locations",
                "none",
                "-source-language",
                "en",
                "-target-language",
                language_of(ts),
                "-ts",
                str(target),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return targets


def build(out_dir: Path = TRANSLATIONS, ts_dir: Path = TRANSLATIONS) -> list[Path]:
    """lrelease each .ts into its .qm (the files the app loads)."""
    built = []
    for ts in ts_files(ts_dir):
        qm = out_dir / ts.with_suffix(".qm").name
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
            check=True,
        )
        built.append(qm)
    return built


def add(language: str) -> Path:
    """A new, empty .ts for `language` (e.g. "de", "pt_BR"), filled by the next update."""
    ts = TRANSLATIONS / f"{CATALOGUE}_{language}.ts"
    if ts.exists():
        raise SystemExit(f"{ts} exists already")
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        f'<TS version="2.1" language="{language}" sourcelanguage="en">\n</TS>\n',
        encoding="utf-8",
    )
    update()
    return ts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", nargs="?", choices=("all", "update", "build", "add"), default="all")
    parser.add_argument("language", nargs="?", help="for add: a locale code such as de or pt_BR")
    parser.add_argument("--ts-dir", type=Path, help="update copies of the .ts files here")
    args = parser.parse_args(argv)
    if args.step == "add":
        if not args.language:
            parser.error("add needs a language, e.g. add de")
        print(add(args.language))
        return 0
    if args.step in ("all", "update"):
        for ts in update(args.ts_dir):
            print(ts)
    if args.step in ("all", "build"):
        for qm in build():
            print(qm)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

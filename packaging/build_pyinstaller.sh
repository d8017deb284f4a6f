#!/bin/sh
# PyInstaller one-folder build: dist/pyinstaller/lemon-desktop/lemon-desktop
#
#   sh packaging/build_pyinstaller.sh
#
# PyInstaller and the app's dependencies go into a build venv of their own
# (build/pyinstaller-venv, or BUILD_VENV), so the project venv stays as it is.
# The build is then run with --version and --self-test before its size is reported.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_VENV=${BUILD_VENV:-$ROOT/build/pyinstaller-venv}
DIST=$ROOT/dist/pyinstaller
say() { printf 'build_pyinstaller: %s\n' "$*"; }

started=$(date +%s)
if [ ! -x "$BUILD_VENV/bin/pyinstaller" ]; then
    say "creating the build environment $BUILD_VENV"
    "${PYTHON:-python3}" -m venv "$BUILD_VENV"
    "$BUILD_VENV/bin/python" -m pip install -q --upgrade pip
    "$BUILD_VENV/bin/python" -m pip install -q pyinstaller
fi
# The app's dependencies at the versions pyproject.toml allows; the app's own code is
# taken from the checkout (the spec puts it first on the path), so edits need no reinstall.
say "updating the app's dependencies in the build environment"
"$BUILD_VENV/bin/python" -m pip install -q "$ROOT"

say "running PyInstaller"
"$BUILD_VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$ROOT/build/pyinstaller" "$ROOT/packaging/lemon-desktop.spec"
built=$(($(date +%s) - started))

BINARY=$DIST/lemon-desktop/lemon-desktop
say "checking $BINARY"
"$BINARY" --version
# The frozen app must find Qt's plugins, fonts, the icons and the sandbox on its own.
"$BINARY" --self-test

say "built in ${built}s; size $(du -sh "$DIST/lemon-desktop" | cut -f1) ($DIST/lemon-desktop)"

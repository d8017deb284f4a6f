#!/bin/sh
# `make package-test`: the packaging checks that take minutes, not seconds. Builds the
# offline bundle and installs it with the network cut off, then the PyInstaller build.
set -eu
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if ! command -v desktop-file-validate >/dev/null 2>&1 || ! command -v appstreamcli >/dev/null 2>&1 ||
    ! command -v shellcheck >/dev/null 2>&1; then
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
        desktop-file-utils appstream shellcheck
fi

started=$(date +%s)
VENV=${VENV:-.venv}
# A fresh clone has no environment yet: make the one `sh scripts/dev.sh test` uses.
if ! "$VENV/bin/python" -c 'import lemon_desktop, pytest, pytest_timeout' >/dev/null 2>&1; then
    echo "package-test: no test environment in $VENV yet; running 'sh scripts/dev.sh setup' first"
    VENV=$VENV sh scripts/dev.sh setup
fi
# No display needed: the self-test and the icon checks run on Qt's offscreen platform.
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -m pytest -p no:cacheprovider -s -v \
    tests/test_packaging.py tests/packaging "$@"
echo "package-test: $(($(date +%s) - started))s"

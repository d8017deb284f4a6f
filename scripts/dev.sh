#!/bin/sh
# One entry point for a fresh Debian/Ubuntu machine:
#   sh scripts/dev.sh run    install what the app needs and launch it
#   sh scripts/dev.sh test   install what the tests need and run the whole suite
# Safe to re-run: system packages are only installed when missing.
set -eu
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

# Qt's xcb platform plugin and friends; PySide6 wheels bring Qt itself.
RUNTIME_PACKAGES="python3 python3-venv python3-pip libegl1 libgl1 libglib2.0-0 libfontconfig1
 libfreetype6 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0
 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-image0 libxcb-render-util0 libxcb-xinerama0
 libxcb-randr0 libxcb-xfixes0 libxcb-sync1 libxcb-xkb1 libxrender1 libxi6 fonts-dejavu-core"
# A real X server, a D-Bus session and a Secret Service for the tests, and the
# validators for the desktop file, the AppStream metainfo and the shell scripts.
TEST_PACKAGES="xvfb xauth dbus dbus-x11 gnome-keyring desktop-file-utils appstream shellcheck"

apt_install() {
    if dpkg -s "$@" >/dev/null 2>&1; then return 0; fi
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "$@"
}

pick_python() {
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] < (3, 14)))'; then
            echo "$candidate"
            return 0
        fi
    done
    echo "Lemon Desktop needs Python 3.11, 3.12 or 3.13." >&2
    return 1
}

make_venv() {
    extras=$1
    if [ ! -x "$VENV/bin/python" ]; then
        "$(pick_python)" -m venv "$VENV"
    fi
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".$extras"
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
run)
    # shellcheck disable=SC2086 # the lists are meant to split into package names
    apt_install $RUNTIME_PACKAGES
    make_venv ""
    # No key yet (environment or keyring): start against the built-in sandbox.
    if "$VENV/bin/lemon-desktop" key status >/dev/null 2>&1; then
        exec "$VENV/bin/lemon-desktop"
    fi
    exec "$VENV/bin/lemon-desktop" --sandbox
    ;;
test)
    # shellcheck disable=SC2086 # the lists are meant to split into package names
    apt_install $RUNTIME_PACKAGES $TEST_PACKAGES
    make_venv "[test]"
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    # Each test gets its own home, keyring service name and sandbox port, so they run in parallel.
    # A keyring of its own in a throw-away folder: never the user's, never a password prompt.
    keyring_home=$(mktemp -d)
    trap 'rm -rf "$keyring_home"' EXIT
    # shellcheck disable=SC2016 # expanded by the inner shell, inside the D-Bus session
    XDG_DATA_HOME="$keyring_home" dbus-run-session -- sh -c '
        printf "test-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        exec xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp" "$0/bin/python" -m pytest -n 2 -p no:cacheprovider "$@"
    ' "$VENV" "$@"
    ;;
*)
    echo "usage: sh scripts/dev.sh run|test [pytest arguments]" >&2
    exit 2
    ;;
esac

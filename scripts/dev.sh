#!/bin/sh
# One entry point for a fresh Debian/Ubuntu machine:
#   sh scripts/dev.sh run    install what the app needs and launch it
#   sh scripts/dev.sh test   install what the tests need and run the whole suite, then
#                            the launch test again under every other Python 3.11-3.13 found
#   sh scripts/dev.sh setup  install what the tests need, run nothing (make package-test)
# Safe to re-run: system packages are only installed when missing.
set -eu
cd "$(dirname "$0")/.."

VENV=${VENV:-.venv}
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

# Qt's xcb platform plugin and friends; PySide6 wheels bring Qt itself. fonts-noto-cjk
# draws the Chinese and Japanese translations.
RUNTIME_PACKAGES="python3 python3-venv python3-pip libegl1 libgl1 libglib2.0-0 libfontconfig1
 libfreetype6 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0
 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-image0 libxcb-render-util0 libxcb-xinerama0
 libxcb-randr0 libxcb-xfixes0 libxcb-sync1 libxcb-xkb1 libxrender1 libxi6 fonts-dejavu-core
 fonts-noto-cjk"
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

python_version() {
    "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null
}

# The launch test (tests/test_launch.py, with the Qt binding check) starts the installed
# app under each supported Python the machine has: plain python3.X on PATH, else pyenv's versions. Prints
# "VERSION PATH" per interpreter other than the one $VENV was made with.
other_pythons() {
    main=$(python_version "$VENV/bin/python")
    pyenv_root=""
    if command -v pyenv >/dev/null 2>&1; then pyenv_root=$(pyenv root); fi
    for version in 3.11 3.12 3.13; do
        [ "$version" = "$main" ] && continue
        found=""
        # A pyenv shim exists for versions that are not selected, and fails when run.
        if [ "$(python_version "python$version")" = "$version" ]; then
            found=$(command -v "python$version")
        elif [ -n "$pyenv_root" ]; then
            for candidate in "$pyenv_root"/versions/"$version".*/bin/"python$version"; do
                [ "$(python_version "$candidate")" = "$version" ] && found=$candidate
            done
        fi
        if [ -n "$found" ]; then echo "$version $found"; fi
    done
}

# .venv-3.X with the app and the test tools, reused on re-runs: editable, so only a
# changed pyproject.toml needs pip again (and pip's cache keeps that quick).
make_launch_venv() {
    dir=.venv-$1
    if [ ! -x "$dir/bin/python" ]; then
        "$2" -m venv "$dir"
    fi
    wanted=$(cksum <pyproject.toml)
    if [ "$(cat "$dir/.lemon-installed" 2>/dev/null)" != "$wanted" ]; then
        "$dir/bin/python" -m pip install -q --upgrade pip
        "$dir/bin/python" -m pip install -q -e ".[test]"
        echo "$wanted" >"$dir/.lemon-installed"
    fi
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
setup)
    # shellcheck disable=SC2086 # the lists are meant to split into package names
    apt_install $RUNTIME_PACKAGES $TEST_PACKAGES
    make_venv "[test]"
    ;;
test)
    # shellcheck disable=SC2086 # the lists are meant to split into package names
    apt_install $RUNTIME_PACKAGES $TEST_PACKAGES
    make_venv "[test]"
    launch_venvs=""
    others=$(other_pythons)
    if [ -n "$others" ]; then
        while read -r version python; do
            make_launch_venv "$version" "$python"
            launch_venvs="$launch_venvs .venv-$version"
        done <<EOF
$others
EOF
    fi
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    "$VENV/bin/lint-imports"  # the layer rules in pyproject.toml [tool.importlinter]
    "$VENV/bin/mypy"  # zero type errors on lemon_desktop/ ([tool.mypy] in pyproject.toml)
    # Each test gets its own home, keyring service name and sandbox port, so they run in parallel.
    # A keyring of its own in a throw-away folder: never the user's, never a password prompt.
    keyring_home=$(mktemp -d)
    trap 'rm -rf "$keyring_home"' EXIT
    # The window follows the desktop's language; the tests read its English words
    # (tests/test_translations.py chooses Chinese and Japanese itself).
    export LC_ALL=C.UTF-8 LANGUAGE=
    # The whole suite on $VENV's Python, then the launch test under each other Python
    # (a fresh Debian 12 has only 3.11: then the suite's own run is the only one).
    # shellcheck disable=SC2016 # expanded by the inner shell, inside the D-Bus session
    LAUNCH_VENVS="$launch_venvs" XDG_DATA_HOME="$keyring_home" dbus-run-session -- sh -c '
        printf "test-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        screen="-screen 0 1920x1080x24 -nolisten tcp"
        status=0
        # A rare segmentation fault inside Qt has ended a worker during window tests
        # (see the closing notes); the failed tests then run once more, alone, and the
        # crash stays visible in the log above. A test that really fails fails twice.
        cache="$XDG_DATA_HOME/pytest-cache"
        if ! xvfb-run -a -s "$screen" "$0/bin/python" -m pytest -n 2 -o cache_dir="$cache" "$@"; then
            echo "Some tests failed; running the failed ones once more, one process:"
            xvfb-run -a -s "$screen" "$0/bin/python" -m pytest -n 0 -o cache_dir="$cache" \
                --last-failed --last-failed-no-failures none "$@" || status=1
        fi
        for venv in $LAUNCH_VENVS; do
            echo "launch test under $("$venv/bin/python" -V)"
            LEMON_LAUNCH_EXE="$venv/bin/lemon-desktop" xvfb-run -a -s "$screen" \
                "$venv/bin/python" -m pytest -n 0 -p no:cacheprovider \
                tests/test_launch.py tests/test_qt_runtime.py || status=1
        done
        exit "$status"
    ' "$VENV" "$@"
    ;;
*)
    echo "usage: sh scripts/dev.sh run|setup|test [pytest arguments]" >&2
    exit 2
    ;;
esac

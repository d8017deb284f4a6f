#!/bin/sh
# Install Lemon Desktop for this user from this offline bundle; needs no network.
#
#   sh install.sh [--prefix DIR] [--python PYTHON]
#
# --prefix DIR  the virtual environment (default $XDG_DATA_HOME/lemon-desktop/venv,
#               i.e. ~/.local/share/lemon-desktop/venv; or set LEMON_DESKTOP_PREFIX)
# --python PY   the interpreter for it (default: the newest python3.11-3.13 on PATH;
#               or set PYTHON)
#
# Also writes the launcher ~/.local/bin/lemon-desktop (LEMON_DESKTOP_BIN_DIR moves it),
# the desktop file, the AppStream metainfo and the icons under $XDG_DATA_HOME.
# Running it again repairs or upgrades the installation. Undo with uninstall.sh.
set -eu

APP_ID=cc.lemondata.LemonDesktop
MARKER="lemon-desktop-launcher (written by install.sh)"
HERE=$(cd "$(dirname "$0")" && pwd)

die() {
    printf 'install: %s\n' "$*" >&2
    exit 1
}
say() { printf '%s\n' "$*"; }

[ -n "${HOME:-}" ] || die "HOME is not set."
# The XDG base directory spec says a relative value is to be ignored.
case "${XDG_DATA_HOME:-}" in
/*) DATA_HOME=$XDG_DATA_HOME ;;
*) DATA_HOME=$HOME/.local/share ;;
esac
BIN_DIR=${LEMON_DESKTOP_BIN_DIR:-$HOME/.local/bin}
PREFIX=${LEMON_DESKTOP_PREFIX:-$DATA_HOME/lemon-desktop/venv}
PYTHON=${PYTHON:-}

while [ $# -gt 0 ]; do
    case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a folder"; PREFIX=$2; shift 2 ;;
    --prefix=*) PREFIX=${1#--prefix=}; shift ;;
    --python) [ $# -ge 2 ] || die "--python needs an interpreter"; PYTHON=$2; shift 2 ;;
    --python=*) PYTHON=${1#--python=}; shift ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
    esac
done

case "$PREFIX" in
/*) ;;
*) PREFIX=$(pwd)/$PREFIX ;;
esac
# The paths are written into a shell script and a desktop file: keep them plain.
for path in "$PREFIX" "$BIN_DIR" "$DATA_HOME"; do
    case "$path" in
    *\'* | *\"* | *\\* | *'`'* | *'$'* | *'
'*) die "unsupported character in the path $path" ;;
    esac
done

[ -d "$HERE/wheelhouse" ] || die "no wheelhouse next to install.sh: run it from the unpacked bundle."

if command -v sha256sum >/dev/null 2>&1 && [ -f "$HERE/SHA256SUMS" ]; then
    (cd "$HERE" && sha256sum -c --quiet SHA256SUMS) ||
        die "the bundle is damaged (checksums differ): copy it again."
fi

python_ok() {
    "$1" -c 'import sys, venv; sys.exit(not ((3, 11) <= sys.version_info[:2] < (3, 14)))' \
        >/dev/null 2>&1
}
if [ -z "$PYTHON" ]; then
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 && python_ok "$candidate"; then
            PYTHON=$candidate
            break
        fi
    done
    [ -n "$PYTHON" ] || die "Lemon Desktop needs Python 3.11, 3.12 or 3.13 with its venv module
(Debian/Ubuntu: sudo apt install python3-venv)."
elif ! python_ok "$PYTHON"; then
    die "$PYTHON is not Python 3.11-3.13 with the venv module."
fi

# Folders this installation created, and files it wrote, are listed in a manifest
# inside the environment, so uninstall.sh removes exactly those and nothing of the
# user's. A re-run keeps what the first run recorded.
MANIFEST=$PREFIX/lemon-desktop-install.manifest
NEW_MANIFEST=$(mktemp "${TMPDIR:-/tmp}/lemon-install.XXXXXX")
trap 'rm -f "$NEW_MANIFEST"' EXIT INT TERM
[ -f "$MANIFEST" ] && cat "$MANIFEST" >>"$NEW_MANIFEST"

make_dir() {
    missing=""
    dir=$1
    while [ ! -d "$dir" ]; do
        missing="$dir
$missing"
        dir=$(dirname "$dir")
    done
    mkdir -p "$1"
    printf '%s' "$missing" | while IFS= read -r created; do
        [ -n "$created" ] && printf 'dir %s\n' "$created" >>"$NEW_MANIFEST"
    done
    return 0
}
record_file() { printf 'file %s\n' "$1" >>"$NEW_MANIFEST"; }

# -- the virtual environment -------------------------------------------------------
if [ -x "$PREFIX/bin/python" ] && "$PREFIX/bin/python" -c '' >/dev/null 2>&1; then
    say "Using the existing environment $PREFIX"
else
    if [ -e "$PREFIX" ] && [ ! -f "$PREFIX/pyvenv.cfg" ] && [ -n "$(ls -A "$PREFIX" 2>/dev/null)" ]; then
        die "$PREFIX exists and is not a virtual environment; choose another --prefix."
    fi
    make_dir "$(dirname "$PREFIX")"
    [ -d "$PREFIX" ] || printf 'dir %s\n' "$PREFIX" >>"$NEW_MANIFEST"
    say "Creating a virtual environment in $PREFIX ($("$PYTHON" --version 2>&1))"
    "$PYTHON" -m venv --clear "$PREFIX"
fi

say "Installing Lemon Desktop and its dependencies from the bundled wheels"
# Only the bundled wheels: no index, no config file (which could add a mirror), no
# cache written to the user's home.
PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 \
    "$PREFIX/bin/python" -m pip install --quiet --no-index --no-cache-dir \
    --find-links "$HERE/wheelhouse" --upgrade lemon-desktop ||
    die "pip could not install from $HERE/wheelhouse (see above)."
# A rebuilt bundle of the same version must still replace the app's own code.
PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 \
    "$PREFIX/bin/python" -m pip install --quiet --no-index --no-cache-dir \
    --find-links "$HERE/wheelhouse" --force-reinstall --no-deps lemon-desktop ||
    die "pip could not reinstall lemon-desktop from $HERE/wheelhouse."
VERSION=$("$PREFIX/bin/lemon-desktop" --version) || die "the installed lemon-desktop does not start."
say "  installed $VERSION"

# -- launcher ------------------------------------------------------------------------
LAUNCHER=$BIN_DIR/lemon-desktop
if [ -e "$LAUNCHER" ] && ! grep -q "$MARKER" "$LAUNCHER" 2>/dev/null; then
    die "$LAUNCHER exists and was not written by this installer; move it away first."
fi
make_dir "$BIN_DIR"
cat >"$LAUNCHER.tmp" <<EOF
#!/bin/sh
# $MARKER
exec '$PREFIX/bin/lemon-desktop' "\$@"
EOF
chmod 755 "$LAUNCHER.tmp"
mv -f "$LAUNCHER.tmp" "$LAUNCHER"
record_file "$LAUNCHER"
say "Launcher:     $LAUNCHER"

# -- desktop integration ---------------------------------------------------------------
install_file() { # source target
    make_dir "$(dirname "$2")"
    cp "$1" "$2.tmp"
    chmod 644 "$2.tmp"
    mv -f "$2.tmp" "$2"
    record_file "$2"
}

DESKTOP=$DATA_HOME/applications/$APP_ID.desktop
make_dir "$DATA_HOME/applications"
# Menus do not search ~/.local/bin, so point at the launcher by its full path.
sed -e "s|^Exec=lemon-desktop|Exec=\"$LAUNCHER\"|" -e "s|^TryExec=lemon-desktop|TryExec=$LAUNCHER|" \
    "$HERE/share/applications/$APP_ID.desktop" >"$DESKTOP.tmp"
chmod 644 "$DESKTOP.tmp"
mv -f "$DESKTOP.tmp" "$DESKTOP"
record_file "$DESKTOP"
say "Desktop file: $DESKTOP"

METAINFO=$DATA_HOME/metainfo/$APP_ID.metainfo.xml
install_file "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$METAINFO"
say "Metainfo:     $METAINFO"

icons=0
for icon in "$HERE"/share/icons/hicolor/*/apps/"$APP_ID".*; do
    [ -f "$icon" ] || continue
    relative=${icon#"$HERE/share/"}
    install_file "$icon" "$DATA_HOME/$relative"
    icons=$((icons + 1))
done
say "Icons:        $icons files in $DATA_HOME/icons/hicolor"

# Refresh caches only where the desktop already keeps one: creating one would leave a
# file behind that the uninstaller cannot tell apart from the user's.
if [ -f "$DATA_HOME/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t -f "$DATA_HOME/icons/hicolor" || true
fi
if [ -f "$DATA_HOME/applications/mimeinfo.cache" ] && command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$DATA_HOME/applications" || true
fi
touch "$DATA_HOME/icons/hicolor" 2>/dev/null || true

sort -u "$NEW_MANIFEST" >"$MANIFEST"

say "Done: start it from the applications menu or with: lemon-desktop"
case ":${PATH:-}:" in
*":$BIN_DIR:"*) ;;
*) say "Note: $BIN_DIR is not on your PATH; run $LAUNCHER or add it to PATH." ;;
esac

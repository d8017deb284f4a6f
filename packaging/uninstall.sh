#!/bin/sh
# Remove what install.sh put in place: the virtual environment, the launcher, the
# desktop file, the metainfo and the icons. Your library, settings and logs (the rest
# of ~/.local/share/lemon-desktop) are kept unless --purge is given.
#
#   sh uninstall.sh [--prefix DIR] [--purge]
#
# --prefix DIR  the environment given to install.sh --prefix (default: the one the
#               launcher points at, else $XDG_DATA_HOME/lemon-desktop/venv)
# --purge       also delete the data folder (LEMON_DESKTOP_HOME, or
#               $XDG_DATA_HOME/lemon-desktop): every generated image in it is lost
# Safe to run again: what is already gone is skipped.
set -eu

APP_ID=cc.lemondata.LemonDesktop
MARKER="lemon-desktop-launcher (written by install.sh)"
SIZES="16 24 32 48 64 128 256 512"

die() {
    printf 'uninstall: %s\n' "$*" >&2
    exit 1
}
say() { printf '%s\n' "$*"; }

[ -n "${HOME:-}" ] || die "HOME is not set."
case "${XDG_DATA_HOME:-}" in
/*) DATA_HOME=$XDG_DATA_HOME ;;
*) DATA_HOME=$HOME/.local/share ;;
esac
BIN_DIR=${LEMON_DESKTOP_BIN_DIR:-$HOME/.local/bin}
LAUNCHER=$BIN_DIR/lemon-desktop
PREFIX=${LEMON_DESKTOP_PREFIX:-}
PURGE=0

while [ $# -gt 0 ]; do
    case "$1" in
    --prefix) [ $# -ge 2 ] || die "--prefix needs a folder"; PREFIX=$2; shift 2 ;;
    --prefix=*) PREFIX=${1#--prefix=}; shift ;;
    --purge) PURGE=1; shift ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
    esac
done

ours() { [ -f "$1" ] && grep -q "$MARKER" "$1" 2>/dev/null; }

if [ -z "$PREFIX" ] && ours "$LAUNCHER"; then
    # The launcher's exec line names <prefix>/bin/lemon-desktop.
    target=$(sed -n "s|^exec '\\(.*\\)/bin/lemon-desktop' .*|\\1|p" "$LAUNCHER")
    [ -n "$target" ] && PREFIX=$target
fi
PREFIX=${PREFIX:-$DATA_HOME/lemon-desktop/venv}
case "$PREFIX" in
/*) ;;
*) PREFIX=$(pwd)/$PREFIX ;;
esac

remove_file() {
    if [ -f "$1" ] || [ -L "$1" ]; then
        rm -f "$1"
        say "Removed $1"
    fi
    return 0
}

# Read the manifest before the environment that holds it goes.
MANIFEST=$PREFIX/lemon-desktop-install.manifest
files=""
dirs=""
if [ -f "$MANIFEST" ]; then
    files=$(sed -n 's/^file //p' "$MANIFEST")
    # Deepest first, so a parent is only tried once its children are gone.
    dirs=$(sed -n 's/^dir //p' "$MANIFEST" | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2-)
fi

# The well-known places too, for an installation whose manifest was lost.
defaults="$DATA_HOME/applications/$APP_ID.desktop
$DATA_HOME/metainfo/$APP_ID.metainfo.xml
$DATA_HOME/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in $SIZES; do
    defaults="$defaults
$DATA_HOME/icons/hicolor/${size}x$size/apps/$APP_ID.png"
done

printf '%s\n%s\n' "$files" "$defaults" | while IFS= read -r path; do
    [ -n "$path" ] || continue
    case "$path" in
    */lemon-desktop)
        # Never someone else's program of the same name.
        if ours "$path"; then remove_file "$path"; fi
        ;;
    *) remove_file "$path" ;;
    esac
done
if ours "$LAUNCHER"; then remove_file "$LAUNCHER"; fi

# Only ever delete a folder that is recognisably this app's environment.
if [ -f "$PREFIX/pyvenv.cfg" ] && { [ -f "$MANIFEST" ] || [ -x "$PREFIX/bin/lemon-desktop" ]; }; then
    rm -rf "$PREFIX"
    say "Removed the environment $PREFIX"
elif [ -e "$PREFIX" ]; then
    say "Left $PREFIX alone: it does not look like a Lemon Desktop environment."
fi

# Folders the installer created, once empty; a folder still holding anything stays.
printf '%s\n' "$dirs" | while IFS= read -r dir; do
    [ -n "$dir" ] && [ -d "$dir" ] && rmdir "$dir" 2>/dev/null && say "Removed the empty folder $dir"
    :
done

DATA=${LEMON_DESKTOP_HOME:-$DATA_HOME/lemon-desktop}
if [ "$PURGE" = 1 ]; then
    if [ -d "$DATA" ]; then
        rm -rf "$DATA"
        say "Purged the data folder $DATA (library, settings, logs)"
    fi
    # The folders above it are shared XDG locations: only ever removed when empty.
    for dir in "$DATA_HOME" "$HOME/.local"; do
        [ -d "$dir" ] && rmdir "$dir" 2>/dev/null && say "Removed the empty folder $dir"
        :
    done
    say "An API key saved in the system keyring (service 'lemon-desktop') is kept; remove it with your keyring manager."
elif [ -d "$DATA" ]; then
    say "Kept your data in $DATA (uninstall.sh --purge deletes it)"
fi
say "Lemon Desktop is uninstalled."

#!/bin/sh
# Build the offline bundle: dist/lemon-desktop-<version>-linux-<arch>.tar.gz
#
#   sh packaging/build_bundle.sh [--out DIR] [--pythons "3.11 3.12 3.13"]
#
# The archive holds a wheelhouse (Lemon Desktop and every runtime dependency), the
# desktop file, metainfo and icons, and install.sh / uninstall.sh. Installing it needs
# no network. Building it needs PyPI (or pip's cache) once.
#
# PYTHON picks the interpreter that builds (default: the project venv, else python3).
# --pythons adds wheels for other interpreter versions, so the bundle also installs
# where the system Python is newer than the build machine's (abi3 wheels such as
# PySide6's are shared; only a few, e.g. Pillow, are per version).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/dist
PYTHONS="3.11 3.12 3.13"

while [ $# -gt 0 ]; do
    case "$1" in
    --out) OUT=$2; shift 2 ;;
    --out=*) OUT=${1#--out=}; shift ;;
    --pythons) PYTHONS=$2; shift 2 ;;
    --pythons=*) PYTHONS=${1#--pythons=}; shift ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "build_bundle: unknown argument $1" >&2; exit 2 ;;
    esac
done

if [ -z "${PYTHON:-}" ]; then
    if [ -x "$ROOT/.venv/bin/python" ]; then PYTHON=$ROOT/.venv/bin/python; else PYTHON=python3; fi
fi
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

VERSION=$("$PYTHON" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$ROOT/pyproject.toml")
ARCH=$(uname -m)
NAME=lemon-desktop-$VERSION-linux-$ARCH
APP_ID=cc.lemondata.LemonDesktop

WORK=$(mktemp -d "${TMPDIR:-/tmp}/lemon-bundle.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
STAGE=$WORK/$NAME
SRC=$WORK/src
mkdir -p "$STAGE/wheelhouse" "$SRC"

started=$(date +%s)
say() { printf 'build_bundle: %s\n' "$*"; }

# Build from a copy of what git would commit, so a stale build/ folder, a local venv
# or stray files in the checkout never end up in the wheel.
say "copying sources"
cd "$ROOT"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -co --exclude-standard | while IFS= read -r f; do
        [ -f "$f" ] && printf '%s\n' "$f"
    done | tar -cf - -T - | tar -xf - -C "$SRC"
else
    tar -cf - --exclude=./.venv --exclude=./build --exclude=./dist --exclude=.git . |
        tar -xf - -C "$SRC"
fi

# Quiet pip, but keep its errors; the config file is honoured (an index mirror, say).
PIP="$PYTHON -m pip --disable-pip-version-check"

say "building the wheelhouse with $("$PYTHON" -c 'import sys; print("Python %d.%d" % sys.version_info[:2])')"
$PIP wheel -q -w "$STAGE/wheelhouse" "$SRC"

host_version=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
# Other Python versions get the very versions resolved above, so the bundle carries one
# PySide6 (the bulk of its size) and every interpreter runs what was tested.
for wheel in "$STAGE"/wheelhouse/*.whl; do
    base=$(basename "$wheel")
    printf '%s==%s\n' "$(echo "$base" | cut -d- -f1)" "$(echo "$base" | cut -d- -f2)"
done >"$WORK/constraints.txt"
for version in $PYTHONS; do
    [ "$version" = "$host_version" ] && continue
    say "adding wheels for Python $version"
    # Binary wheels only: the installing machine may have no compiler. glibc 2.34 is
    # PySide6's own floor, so no other wheel here raises the system requirement.
    # pip takes the platform tags literally, so list the glibc levels wheels are built for.
    $PIP download -q --only-binary=:all: --python-version "$version" \
        --platform "manylinux_2_34_$ARCH" --platform "manylinux_2_28_$ARCH" \
        --platform "manylinux_2_27_$ARCH" --platform "manylinux_2_17_$ARCH" \
        --platform "manylinux2014_$ARCH" -c "$WORK/constraints.txt" -d "$STAGE/wheelhouse" \
        "$STAGE"/wheelhouse/lemon_desktop-"$VERSION"-*.whl
done

say "adding desktop integration files"
mkdir -p "$STAGE/share/applications" "$STAGE/share/metainfo" "$STAGE/share/icons"
cp "$SRC/resources/$APP_ID.desktop" "$STAGE/share/applications/"
cp "$SRC/resources/$APP_ID.metainfo.xml" "$STAGE/share/metainfo/"
cp -R "$SRC/lemon_desktop/data/icons/hicolor" "$STAGE/share/icons/"
cp "$SRC/packaging/install.sh" "$SRC/packaging/uninstall.sh" "$STAGE/"
chmod 755 "$STAGE/install.sh" "$STAGE/uninstall.sh"
cat >"$STAGE/README.txt" <<EOF
Lemon Desktop $VERSION - offline installer for Linux ($ARCH)

Needs Python 3.11, 3.12 or 3.13 with the venv module (Debian/Ubuntu: python3-venv)
and glibc 2.34 or newer. No network access is needed.

  sh install.sh                  install for this user
  sh install.sh --prefix DIR     put the virtual environment in DIR
  sh uninstall.sh                remove it again (your library is kept)
  sh uninstall.sh --purge        remove it and your library and settings

Check an installation with: lemon-desktop --self-test
EOF

(cd "$STAGE" && find wheelhouse share -type f | LC_ALL=C sort | xargs sha256sum >SHA256SUMS)

ARCHIVE=$OUT/$NAME.tar.gz
rm -f "$ARCHIVE"
# Wheels are already compressed: the fastest gzip level costs almost nothing in size.
(cd "$WORK" && tar -cf - "$NAME" | gzip -1 >"$ARCHIVE")

say "wheels: $(find "$STAGE/wheelhouse" -name '*.whl' | wc -l)"
say "wrote $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1)) in $(($(date +%s) - started))s"

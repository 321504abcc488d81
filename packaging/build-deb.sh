#!/usr/bin/env bash
# Wrap the PyInstaller bundle (dist/fieldsales/, from `make package`) in a .deb a rep's
# machine installs with a double-click (GNOME Software / Discover) or `sudo apt install ./x.deb`.
#   packaging/build-deb.sh [BUNDLE_DIR] [OUT_DIR]      -> OUT_DIR/fieldsales_<version>_<arch>.deb
# Layout: the bundle in /opt/fieldsales, `fieldsales` on PATH, the .desktop entry and the
# hicolor icons. Tesseract, its eng/chi_sim data, the CJK font and the distribution's own
# libraries that the spec leaves out of the bundle (X11/GL, glib, PulseAudio, CUPS, OpenSSL,
# libstdc++, ...) come from Depends.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
bundle="${1:-$root/dist/fieldsales}"
out="${2:-$root/dist}"
python="${PYTHON:-python3}"

[ -x "$bundle/fieldsales" ] || { echo "error: no bundle at $bundle (run: make package)" >&2; exit 1; }
command -v dpkg-deb >/dev/null || { echo "error: dpkg-deb not found (apt install dpkg)" >&2; exit 1; }
version="$("$python" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$root/pyproject.toml")"
arch="$(dpkg --print-architecture)"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
chmod 755 "$stage"  # mktemp makes it 0700; it becomes the package's "/"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
         "$stage/usr/share/doc/fieldsales"
cp -a "$bundle" "$stage/opt/fieldsales"
# A symlink is enough: PyInstaller's bootloader finds _internal/ from the resolved executable.
ln -s /opt/fieldsales/fieldsales "$stage/usr/bin/fieldsales"
install -m 644 "$root/resources/linux/fieldsales.desktop" "$stage/usr/share/applications/"
for png in "$root"/resources/icons/app/hicolor/*/apps/fieldsales.png; do
  size_dir="$(basename "$(dirname "$(dirname "$png")")")"
  install -D -m 644 "$png" "$stage/usr/share/icons/hicolor/$size_dir/apps/fieldsales.png"
done
install -D -m 644 "$root/resources/icons/app/fieldsales.svg" \
        "$stage/usr/share/icons/hicolor/scalable/apps/fieldsales.svg"
gzip -9n -c "$root/CHANGELOG.md" > "$stage/usr/share/doc/fieldsales/changelog.gz"

installed_kb="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
# Libraries the app opens at run time (Tesseract, the font) and the Wayland client libraries,
# which a headless build machine may not have; everything else the bundle links against is
# found by system_depends.py (the spec leaves the distribution's own libraries out).
manual="libc6 (>= 2.34), tesseract-ocr, tesseract-ocr-eng, tesseract-ocr-chi-sim,
 fonts-wqy-microhei, libegl1, libgl1, libfontconfig1, libdbus-1-3, libxkbcommon0,
 libxkbcommon-x11-0, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0,
 libxcb-xinerama0, libxcb-randr0, libxcb-render-util0, libxcb-image0,
 libwayland-client0, libwayland-cursor0, libwayland-egl1"
linked="$("$python" "$here/system_depends.py" "$bundle")"
depends="$manual"
for pkg in ${linked//,/ }; do
  case ", $(echo "$manual" | tr -d '\n')," in
    *", $pkg,"*|*", $pkg ("*|*" $pkg,"*) ;;
    *) depends+=", $pkg" ;;
  esac
done
depends="$(echo "$depends" | fold -s -w 90 | sed 's/ *$//; 2,$s/^ *//; 2,$s/^/ /')"
cat > "$stage/DEBIAN/control" <<CONTROL
Package: fieldsales
Version: $version
Architecture: $arch
Maintainer: FieldSales team <fieldsales@example.com>
Installed-Size: $installed_kb
Section: office
Priority: optional
Homepage: https://example.com/fieldsales
Depends: $depends
Description: Offline-first sales CRM for field sales reps
 FieldSales keeps customers, contacts, opportunities, quotes and follow-ups on
 the laptop, works without a network, reads business cards (English and
 Simplified Chinese) with Tesseract, and syncs with the team's server when
 online.
CONTROL
# Icon caches and the desktop database are refreshed by dpkg triggers (hicolor-icon-theme,
# desktop-file-utils); no maintainer scripts needed.
mkdir -p "$out"
deb="$out/fieldsales_${version}_${arch}.deb"
# zstd: xz made a 6 % smaller file but took 12 minutes of a busy 2-core machine; dpkg on
# Debian 12 / Ubuntu 22.04 and later (the oldest systems PySide6 6.12 runs on) reads zstd.
dpkg-deb --root-owner-group "-Z${DEB_COMPRESSION:-zstd}" --build "$stage" "$deb" >/dev/null
echo "$deb"

#!/usr/bin/env bash
# Install the Debian/Ubuntu packages FieldSales needs, only those that are missing.
#   packaging/system-deps.sh run    -> what the app needs (Tesseract + languages, Qt runtime, fonts)
#   packaging/system-deps.sh test   -> the above plus PostgreSQL and the PDF tools for the tests
#   packaging/system-deps.sh package -> the app's packages plus binutils (strip, readelf,
#                                       objdump, as, ld: PyInstaller, packaging/slim.py and
#                                       packaging/icu_data.py use them) and icu-devtools (icupkg)
set -euo pipefail
profile="${1:-run}"
pkgs=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim fonts-wqy-microhei
      libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
      libxcb-randr0 libxcb-render-util0 libxcb-image0 libpulse0 poppler-utils)
if [ "$profile" = "test" ]; then
  pkgs+=(postgresql xvfb binutils icu-devtools)
fi
if [ "$profile" = "package" ]; then
  pkgs+=(binutils icu-devtools)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing system packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "error: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/usr/bin/env bash
# Installs the system libraries the package links (OpenBLAS, Cairo, libpng, zlib) and a font
# for Cairo's text, but only what is missing: on a machine that has them this is instant
# and needs no network. With --browser, also Chromium, which the report's browser tests drive.
set -euo pipefail

missing=()
pkg-config --exists openblas 2>/dev/null || missing+=(libopenblas-dev)
pkg-config --exists cairo 2>/dev/null || missing+=(libcairo2-dev)
pkg-config --exists libpng 2>/dev/null || missing+=(libpng-dev)
pkg-config --exists zlib 2>/dev/null || missing+=(zlib1g-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
# Figures use DejaVu Sans (it covers σ, η, ², →); fc-match finds it through fontconfig.
{ command -v fc-match >/dev/null 2>&1 && fc-match -f '%{family}' 'DejaVu Sans' 2>/dev/null | grep -q DejaVu; } \
    || missing+=(fontconfig fonts-dejavu-core)

if [ "${1:-}" = "--browser" ]; then
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fi

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "Installing missing system packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: need root or sudo to apt-get install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"

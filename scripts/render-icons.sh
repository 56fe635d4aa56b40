#!/usr/bin/env bash
# Renders the PNG icons in assets/ from their SVG sources (needs rsvg-convert: apt-get install
# librsvg2-bin). The PNGs are committed; run this only after changing an SVG.
set -euo pipefail
cd "$(dirname "$0")/../assets"
for name in tray trayTemplate; do
  rsvg-convert -w 16 -h 16 "$name.svg" -o "$name.png"
  rsvg-convert -w 32 -h 32 "$name.svg" -o "$name@2x.png"
done
rsvg-convert -w 1024 -h 1024 icon.svg -o icon.png

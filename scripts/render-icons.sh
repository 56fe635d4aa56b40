#!/usr/bin/env bash
# Renders the PNG icons in assets/ from their SVG sources (needs rsvg-convert: apt-get install
# librsvg2-bin). The PNGs are committed; run this only after changing an SVG.
set -euo pipefail
cd "$(dirname "$0")/../assets"
# One tray icon per state (the names src/main/tray-state.ts uses), in colour and as a macOS
# template image, each at 1x and 2x; Electron picks @2x and the Template suffix by itself.
for state in idle syncing paused offline attention signed-out; do
  for name in "tray-$state" "tray-${state}Template"; do
    rsvg-convert -w 16 -h 16 "$name.svg" -o "$name.png"
    rsvg-convert -w 32 -h 32 "$name.svg" -o "$name@2x.png"
  done
done
rsvg-convert -w 1024 -h 1024 icon.svg -o icon.png

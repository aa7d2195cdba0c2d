#!/usr/bin/env bash
# Render the app icon's PNG sizes from its one SVG source, so the sizes never drift from it.
#   packaging/render-icons.sh        (needs rsvg-convert: apt-get install librsvg2-bin)
# Run it after editing assets/icons/mockinterview.svg and commit the PNGs with the SVG.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=(16 24 32 48 64 128 256 512)
command -v rsvg-convert >/dev/null 2>&1 || {
  echo "render-icons: rsvg-convert is missing; install it with: sudo apt-get install librsvg2-bin" >&2
  exit 1
}
for size in "${SIZES[@]}"; do
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio \
    assets/icons/mockinterview.svg --output "assets/icons/mockinterview-$size.png"
done
echo "render-icons: wrote ${#SIZES[@]} PNGs to assets/icons/"

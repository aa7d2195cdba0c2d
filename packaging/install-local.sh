#!/usr/bin/env bash
# Install a built MockInterview bundle for the current user (no root): the app into
# ~/.local/lib/mockinterview, the command into ~/.local/bin, and the menu entry, icons and
# AppStream metadata into ~/.local/share. Run it from the unpacked tarball, or from a checkout
# after `make package`.
#   ./install-local.sh [BUNDLE]        install (BUNDLE: the folder holding the `mockinterview`
#                                      executable and _internal/; found by default)
#   ./install-local.sh --uninstall     remove everything it installed (your sessions stay)
# PREFIX=/some/where ./install-local.sh installs under another prefix (default: ~/.local).
set -euo pipefail

APP_ID=io.github.mockinterview.MockInterview
PREFIX=${PREFIX:-$HOME/.local}
SIZES=(16 24 32 48 64 128 256 512)
HERE=$(cd "$(dirname "$0")" && pwd)

fail() {
  echo "install-local: $*" >&2
  exit 1
}

is_bundle() { [ -x "$1/mockinterview" ] && [ -d "$1/_internal/assets" ]; }

installed_files() {
  echo "$PREFIX/bin/mockinterview"
  echo "$PREFIX/share/applications/$APP_ID.desktop"
  echo "$PREFIX/share/metainfo/$APP_ID.metainfo.xml"
  echo "$PREFIX/share/icons/hicolor/scalable/apps/$APP_ID.svg"
  for size in "${SIZES[@]}"; do echo "$PREFIX/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"; done
}

refresh_caches() {
  # Menus pick the entry up without these on most desktops; they only speed things up.
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$PREFIX/share/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$PREFIX/share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  while read -r file; do rm -f "$file"; done < <(installed_files)
  rm -rf "$PREFIX/lib/mockinterview"
  refresh_caches
  echo "install-local: removed MockInterview from $PREFIX (sessions and settings are kept)"
  exit 0
fi
case "${1:-}" in -h | --help)
  sed -n '2,10s/^# \{0,1\}//p' "$0"
  exit 0
  ;;
esac

if [ $# -ge 1 ]; then
  BUNDLE=$1
elif is_bundle "$HERE"; then
  BUNDLE=$HERE
else
  BUNDLE=$HERE/../dist/mockinterview
fi
[ -d "$BUNDLE" ] || fail "no built bundle at $BUNDLE. Build it first with \`make package\` (or pass the folder that holds the mockinterview executable)."
BUNDLE=$(cd "$BUNDLE" && pwd)
is_bundle "$BUNDLE" || fail "$BUNDLE is not a MockInterview bundle (expected an executable 'mockinterview' and _internal/assets in it). Rebuild with \`make package\`."
ICONS=$BUNDLE/_internal/assets/icons
DESKTOP=$BUNDLE/$APP_ID.desktop
METAINFO=$BUNDLE/$APP_ID.metainfo.xml
[ -f "$DESKTOP" ] || DESKTOP=$HERE/$APP_ID.desktop
[ -f "$METAINFO" ] || METAINFO=$HERE/$APP_ID.metainfo.xml
for file in "$DESKTOP" "$METAINFO" "$ICONS/mockinterview.svg"; do
  [ -f "$file" ] || fail "$file is missing; the bundle is incomplete. Rebuild with \`make package\`."
done

# Copy beside the old install, then swap, so a failed copy never leaves a half-installed app.
mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$PREFIX/share/applications" "$PREFIX/share/metainfo"
TARGET=$PREFIX/lib/mockinterview
STAGING=$(mktemp -d "$PREFIX/lib/.mockinterview.XXXXXX")
trap 'rm -rf "$STAGING"' EXIT
cp -a "$BUNDLE/." "$STAGING/"
rm -rf "$TARGET"
mv "$STAGING" "$TARGET"
trap - EXIT
ln -sfn "$TARGET/mockinterview" "$PREFIX/bin/mockinterview"

# Desktop sessions often lack ~/.local/bin on PATH, so the menu entry names the command in full.
sed "s|^Exec=mockinterview|Exec=$PREFIX/bin/mockinterview|" "$DESKTOP" \
  > "$PREFIX/share/applications/$APP_ID.desktop"
cp "$METAINFO" "$PREFIX/share/metainfo/$APP_ID.metainfo.xml"
mkdir -p "$PREFIX/share/icons/hicolor/scalable/apps"
cp "$ICONS/mockinterview.svg" "$PREFIX/share/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in "${SIZES[@]}"; do
  mkdir -p "$PREFIX/share/icons/hicolor/${size}x${size}/apps"
  cp "$ICONS/mockinterview-$size.png" "$PREFIX/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
refresh_caches

echo "install-local: installed MockInterview into $TARGET"
echo "install-local: command $PREFIX/bin/mockinterview; menu entry 'MockInterview'"
case ":$PATH:" in *":$PREFIX/bin:"*) ;; *) echo "install-local: note: $PREFIX/bin is not on your PATH" ;; esac

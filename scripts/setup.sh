#!/usr/bin/env bash
# Set up MockInterview in this checkout: system libraries, a virtual environment at .venv, the
# package in it. Safe to re-run: when nothing changed it only checks and returns in a second.
#   scripts/setup.sh          runtime (what the app needs)
#   scripts/setup.sh --test   runtime + what the test suite needs (espeak-ng, Xvfb, PulseAudio...)
set -euo pipefail
cd "$(dirname "$0")/.."

WITH_TESTS=0
[ "${1:-}" = "--test" ] && WITH_TESTS=1

# Runtime: TTS, PortAudio/PulseAudio, and the X11/EGL libraries Qt's xcb and offscreen plugins load
# (without libxcb-icccm4/keysyms1 Qt prints a misleading "xcb-cursor0" error).
APT_RUNTIME=(libespeak-ng1 libportaudio2 libpulse0 libasound2-plugins
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 libxkbcommon0 libxkbcommon-x11-0
  libegl1 libgl1 libfontconfig1 libdbus-1-3)
APT_TEST=(espeak-ng sox xvfb imagemagick pulseaudio pulseaudio-utils poppler-utils
  desktop-file-utils appstream librsvg2-bin festival festvox-us-slt-hts festvox-kallpc16k)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

ensure_apt() {
  command -v dpkg-query >/dev/null 2>&1 || { echo "setup: not a Debian/Ubuntu system; install the equivalents of: $*" >&2; return 0; }
  local missing=()
  for pkg in "$@"; do installed "$pkg" || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo)
    else
      echo "setup: these system packages are missing and I cannot install them without root:" >&2
      echo "  sudo apt-get install ${missing[*]}" >&2
      echo "setup: continuing; features that need them will say so." >&2
      return 0
    fi
  fi
  echo "setup: installing system packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  # A name this release does not carry (renamed libraries) is skipped rather than failing the rest.
  local available=()
  for pkg in "${missing[@]}"; do
    if apt-cache show "$pkg" >/dev/null 2>&1; then available+=("$pkg"); else echo "setup: skipping $pkg (not in this release)"; fi
  done
  [ ${#available[@]} -gt 0 ] && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${available[@]}" >/dev/null
}

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
    || { echo "setup: MockInterview needs Python 3.11 or newer ($PYTHON is older or missing)" >&2; exit 1; }
  ensure_apt python3-venv
fi

ensure_apt "${APT_RUNTIME[@]}"
[ $WITH_TESTS -eq 1 ] && ensure_apt "${APT_TEST[@]}"

EXTRAS=""
[ $WITH_TESTS -eq 1 ] && EXTRAS="[test]"
[ -x .venv/bin/python ] || { echo "setup: creating .venv"; "$PYTHON" -m venv .venv; }
STAMP=.venv/.mockinterview-setup
HASH=$(sha256sum pyproject.toml | cut -c1-16)
HAVE=$(cat "$STAMP" 2>/dev/null || true)
# The test install is a superset of the runtime one, so either stamp satisfies a runtime setup.
if [ "$HAVE" != "$HASH [test]" ] && [ "$HAVE" != "$HASH $EXTRAS" ]; then
  echo "setup: installing MockInterview$EXTRAS into .venv (the first time takes a few minutes)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".$EXTRAS"
  echo "$HASH $EXTRAS" > "$STAMP"
fi
echo "setup: ready (.venv/bin/mockinterview)"

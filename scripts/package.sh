#!/usr/bin/env bash
# Build the Linux desktop bundle (PyInstaller one-folder) with every model inside:
#   dist/mockinterview/                              run ./mockinterview, or ./install-local.sh
#   dist/mockinterview-<version>-linux-<arch>.tar.gz that folder, ready to hand to someone
# Takes several minutes (see packaging/README.md); prints one JSON line with time and size.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(uname -s)" != Linux ]; then
  echo "package: this builds the Linux bundle. On Windows and macOS run PyInstaller with packaging/mockinterview.spec as packaging/README.md shows (the CI workflow .github/workflows/desktop.yml does)." >&2
  exit 2
fi
scripts/setup.sh --package >/dev/null
if ! .venv/bin/python -c "import PyInstaller, onnx" 2>/dev/null; then
  echo "package: installing PyInstaller and onnx (the 'package' extra)"
  .venv/bin/python -m pip install -q -e ".[package]"
fi
APP_ID=io.github.mockinterview.MockInterview
VERSION=$(.venv/bin/python -c "import mockinterview; print(mockinterview.__version__)")
ARCH=$(uname -m)
TARBALL=dist/mockinterview-$VERSION-linux-$ARCH.tar.gz
rm -f dist/mockinterview-*.tar.gz dist/package-build.json

start=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/mockinterview.spec
# Libraries the app loads but never calls: codecs, devices and TLS no path of the app reaches,
# as stubs, and one OpenMP runtime instead of two (packaging/unused_libraries.py).
.venv/bin/python packaging/unused_libraries.py dist/mockinterview/_internal
# Qt's ICU data without what no ICU call of Qt's reads (19 MB; packaging/icu_data.py says which).
.venv/bin/python packaging/icu_data.py dist/mockinterview/_internal
# Symbol tables no user needs (~60 MB): every library is stripped unless its stripped copy would
# not load (packaging/strip_bundle.py says why some do not). `make package-test` runs the result.
.venv/bin/python packaging/strip_bundle.py dist/mockinterview/_internal
# CTranslate2's CUDA kernels (15 MB) leave the file; their pages load as zeros (Whisper runs on
# the CPU). After the strip, which would lay the library out anew (packaging/cuda_kernels.py).
.venv/bin/python packaging/cuda_kernels.py dist/mockinterview/_internal
# The desktop files travel beside the executable, so the unpacked tarball can install itself.
cp packaging/install-local.sh "packaging/$APP_ID.desktop" "packaging/$APP_ID.metainfo.xml" \
  dist/mockinterview/
tar -C dist -czf "$TARBALL" mockinterview
end=$(date +%s)

# Kept for benchmarks/bench_frozen_bundle.py.
printf '{"build_seconds": %d, "bundle_bytes": %d, "tarball_bytes": %d, "bundle": "%s", "tarball": "%s"}\n' \
  $((end - start)) "$(du -sb dist/mockinterview | cut -f1)" "$(stat -c %s "$TARBALL")" \
  dist/mockinterview "$TARBALL" | tee dist/package-build.json

"""The built desktop bundle's size and start-up times, printed as JSON.

    make package && .venv/bin/python benchmarks/bench_frozen_bundle.py

- bundle_bytes / tarball_bytes: what a person downloads and what lands on their disk;
  bundle_mb / tarball_mb the same in MB (10^6 bytes), bundle_mb beside its target in budget.toml.
- build_seconds: the last `make package`, as scripts/package.sh recorded it.
- version_s / doctor_json_s / analyze_wav_s: wall time of the frozen executable run with a clean
  environment (no venv, fresh HOME), median of a few runs: start-up alone, start-up plus loading
  every model, and a whole answer analysed (decode, Whisper tiny.en, delivery measures).
- dev_version_s: the same `--version` from the development venv, for comparison.

`make bench` runs it; without a built bundle it prints {"skipped": ...} and the size target reads
"not measured".
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "mockinterview"
ANSWER = (
    "In my last role I led a team of five engineers. We rebuilt the billing system "
    "and shipped it two weeks early."
)


def _timed(command: list[str], home: Path, runs: int) -> float | None:
    """Median wall time in seconds, or None when the command fails."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(
            command,
            capture_output=True,
            cwd=home,
            env={"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
            timeout=600,
        )
        if result.returncode != 0:
            return None
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 3)


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    executable = BUNDLE / "mockinterview"
    if not executable.is_file():
        print(json.dumps({"skipped": f"no bundle at {BUNDLE}: run `make package` first"}))
        return 0
    tarballs = sorted(BUNDLE.parent.glob("mockinterview-*.tar.gz"))
    build_info = BUNDLE.parent / "package-build.json"
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        bundle_bytes = _size(BUNDLE)
        tarball_bytes = tarballs[-1].stat().st_size if tarballs else None
        result = {
            "bundle_bytes": bundle_bytes,
            "bundle_mb": round(bundle_bytes / 1e6, 1),
            "bundle_files": sum(1 for p in BUNDLE.rglob("*") if p.is_file()),
            "tarball_bytes": tarball_bytes,
            "tarball_mb": round(tarball_bytes / 1e6, 1) if tarball_bytes else None,
            "build_seconds": (
                json.loads(build_info.read_text()).get("build_seconds")
                if build_info.is_file()
                else None
            ),
            "version_s": _timed([str(executable), "--version"], home, runs=5),
            "doctor_json_s": _timed([str(executable), "doctor", "--json"], home, runs=3),
            "analyze_wav_s": None,
            "dev_version_s": _timed([str(ROOT / ".venv/bin/mockinterview"), "--version"], home, 5),
        }
        if shutil.which("espeak-ng"):
            wav = home / "answer.wav"
            subprocess.run(["espeak-ng", "-s", "150", "-w", str(wav), ANSWER], check=True)
            result["analyze_wav_s"] = _timed([str(executable), "analyze", str(wav)], home, runs=3)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

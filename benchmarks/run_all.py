"""Run every benchmark one after the other and print their JSON as one object.

    .venv/bin/python -m benchmarks.run_all              # `make bench`
    .venv/bin/python -m benchmarks.run_all speech gui   # a subset
    .venv/bin/python -m benchmarks.run_all soak_hour    # opt-in: the 60-minute soak

Each benchmark runs in its own process, so one's memory peak or loaded models cannot skew the
next. The JSON ends with a `budget` list: each target of benchmarks/budget.toml beside its figure
(met, missed or not measured), also printed as a table on stderr.
The frozen-bundle benchmark measures dist/mockinterview when `make package` has built it, and
says it skipped otherwise.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from benchmarks.budget import check_budget, load_targets, summary_lines

BENCHMARKS = (
    "speech",
    "tts",
    "vision",
    "session",
    "speaker_split",
    "report",
    "content",
    "llm",
    "gui",
    "frozen_bundle",
    "soak",
)
# Run only when named: each is a benchmark module with its arguments.
OPT_IN = {
    "soak_hour": ("soak", "--minutes", "60"),
    "content_spoken": ("content", "--spoken"),
}


def run(name: str) -> dict:
    started = time.monotonic()
    module, *arguments = OPT_IN.get(name, (name,))
    result = subprocess.run(
        [sys.executable, "-m", f"benchmarks.bench_{module}", *arguments],
        capture_output=True,
        text=True,
    )
    elapsed = round(time.monotonic() - started, 1)
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1:], "wall_s": elapsed}
    return {**json.loads(result.stdout), "wall_s": elapsed}


def main(names: list[str]) -> int:
    unknown = sorted(set(names) - set(BENCHMARKS) - set(OPT_IN))
    if unknown:
        known = (*BENCHMARKS, *OPT_IN)
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {known}")
        return 2
    report = {"load_average_1min_at_start": round(os.getloadavg()[0], 2)}
    for name in names or BENCHMARKS:
        print(f"running bench_{name} ...", file=sys.stderr, flush=True)
        report[name] = run(name)
    checks = check_budget(report, load_targets())
    report["budget"] = [check.as_dict() for check in checks]
    print("\n".join(summary_lines(checks)), file=sys.stderr)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

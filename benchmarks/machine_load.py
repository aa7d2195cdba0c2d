"""Run a benchmark at a known machine load: figures taken on a shared 2-core machine mean little
without the load they were taken at, so each run records it."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time


def with_load_at_least(target: float, run) -> dict:
    """Run `run()` with busy processes added until the load is about `target` (none when the
    machine is already that busy: the figure is then at a higher load, as recorded)."""
    count = max(0, math.ceil(target - os.getloadavg()[0]))
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        time.sleep(2.0)
        return {"busy_processes_added": count, **run()}
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()

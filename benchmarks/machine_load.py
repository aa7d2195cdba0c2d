"""Run a benchmark at a known machine load: figures taken on a shared 2-core machine mean little
without the load they were taken at, so each run records it."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import time

SETTLE_MARGIN = 0.5  # a load this far above the target is let fall first
SETTLE_MAX_S = 180.0  # the 1-minute average falls from 4 to 1.5 in about a minute when idle
SETTLE_POLL_S = 5.0


def with_load_at_least(target: float, run) -> dict:
    """Run `run()` with busy processes added until the load is about `target` (none when the
    machine is already that busy: the figure is then at a higher load, as recorded).

    A load well above the target, such as the busy processes of the run before (`make bench`
    runs one benchmark after another), is first let fall for up to SETTLE_MAX_S: without that a
    "load ~1" run started at 3-4 and measured what the "load ~4" one does."""
    waited = 0.0
    while os.getloadavg()[0] > target + SETTLE_MARGIN and waited < SETTLE_MAX_S:
        time.sleep(SETTLE_POLL_S)
        waited += SETTLE_POLL_S
    count = max(0, math.ceil(target - os.getloadavg()[0]))
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        time.sleep(2.0)
        return {"busy_processes_added": count, "waited_for_load_s": waited, **run()}
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()

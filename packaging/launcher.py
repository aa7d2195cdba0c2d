"""Entry point of the frozen build (PyInstaller runs this file as __main__).

multiprocessing.freeze_support() must run first in a frozen app: a worker process started with
the spawn method re-runs this executable, and without it every worker would start the whole app
again instead of the worker.
"""

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from mockinterview.cli import main

    raise SystemExit(main())

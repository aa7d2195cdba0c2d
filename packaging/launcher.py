"""Entry point of the frozen build (PyInstaller runs this file as __main__)."""

import multiprocessing
import os
import sys
from collections.abc import MutableMapping

LIBRARY_PATH = "LD_LIBRARY_PATH"


def restore_library_path(environ: MutableMapping[str, str]) -> None:
    """Give programs the app starts the user's LD_LIBRARY_PATH, not the bundle's.

    PyInstaller's bootloader points LD_LIBRARY_PATH at the bundle (keeping the user's value in
    LD_LIBRARY_PATH_ORIG). Everything the app launches, such as xdg-open and the browser it starts
    for an HTML report, would inherit it and load the bundle's GTK, GLib and libstdc++ instead
    of its own, and could crash. The dynamic loader read the variable once at start-up, so
    changing it now does not change where the app itself finds its libraries.
    """
    original = environ.pop(f"{LIBRARY_PATH}_ORIG", None)
    if original is not None:
        environ[LIBRARY_PATH] = original
    else:
        environ.pop(LIBRARY_PATH, None)


if __name__ == "__main__":
    # A worker started with the spawn method re-runs this executable; freeze_support() turns
    # that run into the worker instead of a second copy of the app.
    multiprocessing.freeze_support()
    if getattr(sys, "frozen", False) and sys.platform.startswith("linux"):
        restore_library_path(os.environ)
    from mockinterview.cli import main

    raise SystemExit(main())

"""Strip the symbol tables of every shared library in the Linux bundle, keeping each library
whose stripped copy the dynamic loader would refuse.

    python packaging/strip_bundle.py dist/mockinterview/_internal

About 60 MB of the bundle is symbol tables no user needs. A plain `strip` of everything breaks a
few libraries that patchelf rewrote (auditwheel's grafted libraries, such as the OpenBLAS in
numpy's wheel, and some of those PySide6 carries): their LOAD segments come out with an offset
the loader rejects ("ELF load command address/offset not page-aligned"). So each library is
stripped into a copy, the copy's program headers are checked the way glibc checks them, and only
a loadable copy replaces the original. Prints one JSON line: libraries stripped, kept as they
were, bytes saved.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

PAGE = 4096  # the smallest page size glibc checks LOAD segments against on x86-64 and arm64
PT_LOAD = 1


def loadable(path: Path) -> bool:
    """Whether every LOAD segment of a 64-bit little-endian ELF file has its file offset and its
    address equal modulo the page size (glibc's `_dl_map_segments` refuses the file otherwise).
    Files that are not such ELF files are not judged here and count as loadable."""
    with path.open("rb") as file:
        header = file.read(64)
        if header[:4] != b"\x7fELF" or header[4] != 2 or header[5] != 1:
            return True
        (phoff,) = struct.unpack_from("<Q", header, 0x20)
        phentsize, phnum = struct.unpack_from("<HH", header, 0x36)
        file.seek(phoff)
        table = file.read(phentsize * phnum)
    for index in range(phnum):
        kind, _flags, offset, address = struct.unpack_from("<IIQQ", table, index * phentsize)
        if kind == PT_LOAD and (address - offset) % PAGE:
            return False
    return True


def is_library(path: Path) -> bool:
    name = path.name
    return path.is_file() and not path.is_symlink() and (name.endswith(".so") or ".so." in name)


def strip_library(path: Path, scratch: Path) -> int:
    """Strip `path` in place when its stripped copy stays loadable; the bytes saved (0: kept)."""
    copy = scratch / "stripped"
    result = subprocess.run(
        ["strip", "--strip-unneeded", "-o", str(copy), str(path)], capture_output=True
    )
    if result.returncode != 0 or not loadable(copy):
        return 0
    saved = path.stat().st_size - copy.stat().st_size
    if saved <= 0:
        return 0
    shutil.copymode(path, copy)
    copy.replace(path)
    return saved


def strip_bundle(folder: Path) -> dict[str, int]:
    stripped = kept = saved = 0
    with tempfile.TemporaryDirectory() as scratch:
        for path in sorted(folder.rglob("*")):
            if not is_library(path):
                continue
            gained = strip_library(path, Path(scratch))
            stripped, kept, saved = stripped + bool(gained), kept + (not gained), saved + gained
    return {"stripped": stripped, "kept": kept, "bytes_saved": saved}


if __name__ == "__main__":
    if shutil.which("strip") is None:
        print(json.dumps({"stripped": 0, "note": "no strip program: libraries left as built"}))
        sys.exit(0)
    print(json.dumps(strip_bundle(Path(sys.argv[1]))))

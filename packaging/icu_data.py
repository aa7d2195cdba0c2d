"""Rebuild Qt's ICU data library in the Linux bundle without the data no ICU call of Qt's reads.

    python packaging/icu_data.py dist/mockinterview/_internal

libicudata (31 MB) is one symbol, icudt<version>_dat: ICU's common data package, a table of
named items ICU's services look up. Qt Core is the only library in the bundle that links ICU,
and it calls four of its services (its imports: ucnv_*, ucol_*, ucal_*, u_strToUpper/Lower):
converters, collation, calendars with time-zone names, and case mapping. So out go (19 MB):

- the folders of services Qt never calls: break iteration (brkitr: ubrk_*), transliteration
  (translit), spelled-out numbers (rbnf), currency, unit and language display names (curr,
  unit, lang: number and locale-name formatting), and Unicode character names (unames.icu);
- the multi-byte legacy converters (CJK and EBCDIC double-byte tables, 4.6 MB): the app reads
  and writes UTF-8, which ICU converts in code; the single-byte tables (windows-125x,
  ISO-8859-x, ...) stay, so Qt refuses only a request for, say, Shift-JIS (an invalid decoder).

Collation (coll), time zones (zone, region, zoneinfo64, metaZones) and the locales' own data
stay whole. ICU answers a lookup of a removed item with an error to its caller, never a crash.
tests/packaging/test_icu_data.py checks that Qt sorts, maps case, names zones and formats dates
exactly as before. Without a C compiler the original stays. Prints one JSON line: items removed
and kept, bytes saved.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the other packaging/ scripts
from unused_libraries import soname

LIBRARY = "PySide6/Qt/lib/libicudata.so.*"
ALIGNMENT = 16  # ICU aligns each item of its package to 16 bytes
PADDING = b"\xaa"  # and fills the gap before the first with this byte

# Folders of ICU's data for services Qt never calls: break iteration (ubrk), transliteration
# (utrans), spelled-out numbers (rbnf), currency, unit and language display names (number and
# locale-display formatting). The time-zone names Qt asks for (ucal_getTimeZoneDisplayName)
# come from zone/ and region/, which stay, as does collation (coll/).
UNUSED_FOLDERS = ("brkitr/", "translit/", "rbnf/", "curr/", "unit/", "lang/")
# Unicode character names (u_charName), never asked for.
UNUSED_FILES = ("unames.icu",)
# Converter tables above this size are the multi-byte ones (CJK and EBCDIC double-byte, 36
# tables, 4.6 MB); the single-byte ones (windows-125x, ISO-8859-x, KOI8, ...; 154 tables of at
# most a few KB, 0.5 MB in all) stay.
CONVERTER = ".cnv"
LARGEST_KEPT_CONVERTER = 16 * 1024


def unused(item: str, size: int) -> bool:
    """Whether a package item ("icudt73l/brkitr/cjdict.dict", `size` bytes) is data Qt never
    reaches, or a multi-byte converter table."""
    _tree, _, path = item.partition("/")
    if path.endswith(CONVERTER):
        return size > LARGEST_KEPT_CONVERTER
    return path.startswith(UNUSED_FOLDERS) or path in UNUSED_FILES


class Package(NamedTuple):
    """ICU's common data package: its header, then (name, bytes) items sorted by name."""

    header: bytes
    items: list[tuple[str, bytes]]


def read_package(data: bytes) -> Package:
    """Parse the package: a header of `headerSize` bytes, then the table of contents (a count and
    (name offset, data offset) pairs, both counted from the table's start), the names, and each
    item, 16-byte aligned; an item runs up to the next one (padding included)."""
    (header_size,) = struct.unpack_from("<H", data, 0)
    table = data[header_size:]
    (count,) = struct.unpack_from("<I", table, 0)
    entries = [struct.unpack_from("<II", table, 4 + 8 * i) for i in range(count)]
    ends = [start for _name, start in entries[1:]] + [len(table)]
    items = [
        (table[name : table.index(b"\0", name)].decode("ascii"), table[start:end])
        for (name, start), end in zip(entries, ends, strict=True)
    ]
    return Package(data[:header_size], items)


def write_package(package: Package) -> bytes:
    """The package laid out as ICU reads it (the inverse of read_package)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _data in package.items)
    table_head = 4 + 8 * len(package.items)
    first_item = table_head + len(names)
    first_item += -(len(package.header) + first_item) % ALIGNMENT
    entries, name_at, data_at = [], table_head, first_item
    for name, data in package.items:
        entries.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        data_at += len(data)
    padding = PADDING * (first_item - table_head - len(names))
    table = struct.pack("<I", len(package.items)) + b"".join(entries) + names + padding
    return package.header + table + b"".join(data for _name, data in package.items)


def data_symbol(library: Path) -> tuple[str, int, int] | None:
    """The package symbol's name, file offset and size (one read-only symbol, icudt<N>_dat)."""
    out = subprocess.run(
        ["nm", "-D", "-S", "--defined-only", str(library)], capture_output=True, text=True
    ).stdout
    found = re.search(r"^([0-9a-f]+) ([0-9a-f]+) R (icudt\d+_dat)$", out, re.MULTILINE)
    if found is None:
        return None
    address, size, name = int(found.group(1), 16), int(found.group(2), 16), found.group(3)
    segments = subprocess.run(["readelf", "-lW", str(library)], capture_output=True, text=True)
    for offset, virtual, filesize in re.findall(
        r"LOAD\s+0x([0-9a-f]+) 0x([0-9a-f]+) 0x[0-9a-f]+ 0x([0-9a-f]+)", segments.stdout
    ):
        start = int(virtual, 16)
        if start <= address < start + int(filesize, 16):
            return name, address - start + int(offset, 16), size
    return None


def rebuild(library: Path, scratch: Path) -> dict[str, int] | None:
    """Replace `library` with one carrying only the used items; None when it stays as built."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    symbol = data_symbol(library)
    if compiler is None or symbol is None:
        return None
    name, offset, size = symbol
    with library.open("rb") as file:
        file.seek(offset)
        package = read_package(file.read(size))
    kept = [(item, data) for item, data in package.items if not unused(item, len(data))]
    if len(kept) == len(package.items):
        return None
    smaller = scratch / f"{name}.bin"
    smaller.write_bytes(write_package(Package(package.header, kept)))
    source = scratch / "icudata.S"
    source.write_text(
        f"\t.section .rodata\n\t.balign {ALIGNMENT}\n"
        f"\t.globl {name}\n\t.type {name}, @object\n{name}:\n"
        f'\t.incbin "{smaller}"\n\t.size {name}, . - {name}\n'
        '\t.section .note.GNU-stack,"",@progbits\n'
    )
    built = scratch / library.name
    link = ["-shared", "-nostdlib", f"-Wl,-soname,{soname(library) or library.name}"]
    subprocess.run([compiler, *link, "-o", str(built), str(source)], check=True)
    saved = library.stat().st_size - built.stat().st_size
    shutil.copymode(library, built)
    shutil.move(built, library)
    return {
        "items_removed": len(package.items) - len(kept),
        "items_kept": len(kept),
        "bytes_saved": saved,
    }


def slim_icu_data(folder: Path) -> dict[str, object]:
    libraries = [p for p in folder.glob(LIBRARY) if p.is_file() and not p.is_symlink()]
    if len(libraries) != 1:
        return {"note": f"{len(libraries)} ICU data libraries found: left as built"}
    with tempfile.TemporaryDirectory() as scratch:
        result = rebuild(libraries[0], Path(scratch))
    if result is None:
        return {"note": "no C compiler, or no ICU package symbol: left as built"}
    return {"library": libraries[0].name, **result}


if __name__ == "__main__":
    print(json.dumps(slim_icu_data(Path(sys.argv[1]))))

"""Take CTranslate2's CUDA kernels out of the Linux bundle's files, keeping their place in memory.

    python packaging/cuda_kernels.py dist/mockinterview/_internal

CTranslate2's wheel is built for NVIDIA GPUs too: libctranslate2 carries its compiled GPU code
in a section of its own, .nv_fatbin (14.5 MB), which the CUDA runtime inside the library reads
only when it loads the kernels onto a GPU. The app runs Whisper on the CPU (core/models.py asks
for device="cpu"), so no CUDA call is made and those bytes are never read.

The section sits inside a read-only LOAD segment, between .rodata and the unwind tables, so it
cannot simply be cut out: the addresses after it are baked into the code. Instead the segment is
split in three: the part before it and the part after it stay file-backed, and the pages in
between become a segment with no bytes in the file, which the loader maps as zeroed memory (as
it does for .bss). Every address stays where it was; the file content after the gap moves down
by a whole number of pages, so each segment's offset stays congruent to its address. If a GPU
path ever ran, the CUDA runtime would find zeros where it expects its kernel image and report
an error. The library is changed only when the layout allows it (the gap spans whole pages, no
other section lies in it, the segment is read-only, and there is room for two more program
headers before the first section); otherwise it stays as built. Prints one JSON line.
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

PAGE = 4096
PT_LOAD = 1
PF_W = 2
SHT_NOBITS = 8
SECTION = b".nv_fatbin"
LIBRARIES = "ctranslate2.libs/libctranslate2-*.so*"

ELF_HEADER = struct.Struct("<16sHHIQQQIHHHHHH")
PROGRAM_HEADER = struct.Struct("<IIQQQQQQ")
SECTION_HEADER = struct.Struct("<IIQQQQIIQQ")


def _sections(data: bytes, header: tuple) -> list[list[int]]:
    shoff, shentsize, shnum = header[6], header[11], header[12]
    return [list(SECTION_HEADER.unpack_from(data, shoff + i * shentsize)) for i in range(shnum)]


def _section_name(data: bytes, header: tuple, sections: list[list[int]], index: int) -> bytes:
    names = sections[header[13]]
    start = names[4] + sections[index][0]
    return data[start : data.index(b"\0", start)]


def drop_section_pages(data: bytes, name: bytes = SECTION) -> bytes | None:
    """The ELF file `data` with the whole pages of section `name` turned into a zero-filled,
    file-less segment; None when the layout does not allow it."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return None
    header = ELF_HEADER.unpack_from(data, 0)
    phoff, shoff, phentsize, phnum = header[5], header[6], header[9], header[10]
    programs = [list(PROGRAM_HEADER.unpack_from(data, phoff + i * phentsize)) for i in range(phnum)]
    sections = _sections(data, header)
    found = [i for i in range(len(sections)) if _section_name(data, header, sections, i) == name]
    if len(found) != 1:
        return None
    target = sections[found[0]]
    start, end = target[4], target[4] + target[5]  # its bytes in the file
    gap_start, gap_end = -(-start // PAGE) * PAGE, end // PAGE * PAGE
    if gap_end - gap_start < PAGE:
        return None
    # The read-only LOAD segment holding the section, file offsets equal to addresses' layout.
    holders = [
        i
        for i, p in enumerate(programs)
        if p[0] == PT_LOAD and p[2] <= start and end <= p[2] + p[5] and p[5] == p[6]
    ]
    loads = [p for p in programs if p[0] == PT_LOAD]
    if len(holders) != 1 or programs[holders[0]][1] & PF_W or programs[holders[0]] is loads[0]:
        return None
    segment = programs[holders[0]]
    # Nothing else may live in the gap: no other section's bytes.
    for i, s in enumerate(sections):
        if (
            i != found[0]
            and s[1] != SHT_NOBITS
            and s[5]
            and s[4] < gap_end
            and gap_start < s[4] + s[5]
        ):
            return None
    # Two more program headers must fit before the first section, inside the first segment.
    table_end = phoff + (phnum + 2) * phentsize
    first_section = min(s[4] for s in sections if s[4] and s[5] and s[1] != SHT_NOBITS)
    if table_end > first_section or loads[0][2] != 0 or table_end > loads[0][5]:
        return None
    shift = gap_end - gap_start
    to_address = segment[3] - segment[2]  # address minus file offset within the segment

    def moved(offset: int) -> int:
        return offset - shift if offset >= gap_end else offset

    before = [
        PT_LOAD,
        segment[1],
        segment[2],
        segment[3],
        segment[4],
        gap_start - segment[2],
        gap_start - segment[2],
        segment[7],
    ]
    zeros = [
        PT_LOAD,
        segment[1],
        gap_start,
        gap_start + to_address,
        gap_start + to_address,
        0,
        shift,
        segment[7],
    ]
    after_size = segment[2] + segment[5] - gap_end
    after = [
        PT_LOAD,
        segment[1],
        gap_start,
        gap_end + to_address,
        gap_end + to_address,
        after_size,
        after_size,
        segment[7],
    ]
    new_programs = []
    for i, p in enumerate(programs):
        if i == holders[0]:
            new_programs += [before, zeros, after]
        else:
            p[2] = moved(p[2])
            new_programs.append(p)
    for i, s in enumerate(sections):
        if i == found[0]:
            s[1] = SHT_NOBITS
        else:
            s[4] = moved(s[4])
    body = bytearray(data[:gap_start] + data[gap_end:])
    new_header = list(header)
    new_header[6], new_header[10] = moved(shoff), len(new_programs)
    ELF_HEADER.pack_into(body, 0, *new_header)
    for i, p in enumerate(new_programs):
        PROGRAM_HEADER.pack_into(body, phoff + i * phentsize, *p)
    for i, s in enumerate(sections):
        SECTION_HEADER.pack_into(body, new_header[6] + i * header[11], *s)
    return bytes(body)


def drop_cuda_kernels(folder: Path) -> dict[str, object]:
    changed, saved = [], 0
    for library in sorted(folder.glob(LIBRARIES)):
        if library.is_symlink() or not library.is_file():
            continue
        data = library.read_bytes()
        smaller = drop_section_pages(data)
        if smaller is None:
            continue
        library.write_bytes(smaller)
        changed.append(library.name)
        saved += len(data) - len(smaller)
    return {"changed": changed, "bytes_saved": saved}


if __name__ == "__main__":
    print(json.dumps(drop_cuda_kernels(Path(sys.argv[1]))))

"""Take out of the Linux bundle the native libraries the app loads but never calls.

    python packaging/unused_libraries.py dist/mockinterview/_internal

Each is linked by a library the app does use, so the loader needs a file of its name:

- Codecs, protocols and devices no path of the app reaches (packaging/stubs/*.c say why each):
  PyAV's devices (libavdevice with the ALSA and xcb libraries only it links, 1.5 MB), PyAV's
  HEVC and AV1 encoders (libx265 22 MB with libmvec, libSvtAv1Enc 7 MB; the app encodes H.264
  and AAC only) and its TLS (GnuTLS with nettle, gmp and libunistring, 5.5 MB; the app opens
  local files only), PyAV's external codecs whose formats FFmpeg decodes itself (libvpx, LAME,
  libwebp with libwebpmux and libsharpyuv, opencore-amr, libopus: 4.2 MB), Intel's Quick Sync
  dispatcher (libvpl, 0.4 MB), and Berkeley DB (1.8 MB), which JACK's client library links for
  a metadata store PortAudio never uses. Each is replaced by a stub, built here with the C
  compiler, whose every call fails, so FFmpeg reports the codec as failing to open instead of
  using it (and a JACK metadata call reports an error).
- A library two wheels both carry, under one name and soname (libXau in PyAV's and Pillow's,
  2.1 MB as Pillow's patchelf laid it out): the loader maps one copy only, so the other becomes
  a link to the smaller. And a wheel's own copy of a library the bundle also has under its
  plain name (CTranslate2's OpenMP runtime, 2.1 MB, beside the system's libgomp that llama.cpp
  links) becomes a link to that one: one OpenMP runtime and thread pool instead of two.

And Qt's module libraries that nothing in the bundle links (PyInstaller's Qt hooks collect Qt Quick
and Qt Network with plugins the build leaves out) go, with what only they linked: the loader
never maps a library no file links and Qt loads none of them by name.

Each change is checked the way the loader needs it: a stub must define every symbol (with its
version) that the libraries linking it import from the original; otherwise the original stays.
Prints one JSON line: what was shared, stubbed and removed, and the bytes saved.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

STUBS = Path(__file__).resolve().parent / "stubs"


# The libraries replaced, by their name up to auditwheel's hash, and their stubs' sources in
# packaging/stubs (with <stem>.map, the symbol versions a stub must carry).
STUBBED_LIBRARIES = {
    "libx265-": "x265.c",
    "libSvtAv1Enc-": "svtav1enc.c",
    "libgnutls-": "gnutls.c",
    "libavdevice-": "avdevice.c",
    # PyAV's external codecs the app never opens: FFmpeg decodes VP8/VP9, MP3, WebP, AMR and
    # Opus with its own decoders, listed before these, and the app encodes H.264 and AAC only
    # (vpx.c, mp3lame.c, webp.c, webpmux.c, opencore_amr.c, opus.c), and Intel's Quick Sync
    # dispatcher, reached only for an Intel hardware device (vpl.c).
    "libvpx-": "vpx.c",
    "libmp3lame-": "mp3lame.c",
    "libwebp-": "webp.c",
    "libwebpmux-": "webpmux.c",
    "libopencore-amrnb-": "opencore_amr.c",
    "libopencore-amrwb-": "opencore_amr.c",
    "libopus-": "opus.c",
    "libvpl-": "vpl.c",
    # Berkeley DB, linked by JACK's client library (which PortAudio links) for JACK's metadata
    # store only; PortAudio never calls it (db.c).
    "libdb-5.3.so": "db.c",
}

# A wheel's own copy of a library the bundle also carries under its plain name, by the copy's
# name up to auditwheel's hash: CTranslate2's OpenMP runtime (libgomp, 2.1 MB) and the build
# system's, which llama.cpp links (two OpenMP runtimes in one process each keep a thread pool; as
# one file the loader maps one runtime for both), and Pillow's zstd and xz (1 MB), whose system
# copies Qt Core and Python's lzma module link. Shared only when the plain-named library
# defines every symbol (with its version) that the copy's users import from it.
SAME_LIBRARY = {"libgomp-": "libgomp.so.1", "libzstd-": "libzstd.so.1", "liblzma-": "liblzma.so.5"}

# Where PyInstaller puts Qt's module libraries (PySide6's own, libpyside6 and libshiboken6, are
# beside the bindings).
QT_LIBRARIES = "PySide6/Qt/lib/libQt6*.so*"

# glibc loads libgcc_s by name to unwind a cancelled thread, whoever links it.
NEVER_REMOVED = {"libgcc_s.so.1"}


def is_elf(path: Path) -> bool:
    if not path.is_file() or path.is_symlink():
        return False
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def needed(path: Path) -> list[str]:
    """The DT_NEEDED names of an ELF file."""
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", out)


def symbols(path: Path, *, defined: bool) -> set[str]:
    """Dynamic symbols an ELF file defines (or imports), with their version when they have one."""
    flag = "--defined-only" if defined else "--undefined-only"
    out = subprocess.run(["nm", "-D", flag, str(path)], capture_output=True, text=True).stdout
    return {line.split()[-1].replace("@@", "@") for line in out.splitlines() if line.strip()}


def elf_files(folder: Path) -> list[Path]:
    return [path for path in sorted(folder.rglob("*")) if is_elf(path)]


def by_name(folder: Path, name: str) -> list[Path]:
    """Every file or link called `name` in the bundle (PyInstaller links libraries to the top)."""
    return [path for path in folder.rglob(name) if path.is_file() or path.is_symlink()]


def share_with_plain_named(folder: Path) -> list[str]:
    """Replace each copy named in SAME_LIBRARY with a link to the bundle's plain-named library
    (at the bundle's top, where PyInstaller puts the libraries it takes from the system) when
    that one provides everything the copy's users import. Returns the names linked."""
    linked = []
    for prefix, plain in SAME_LIBRARY.items():
        target = folder / plain
        if not is_elf(target):
            continue
        provided = symbols(target, defined=True)
        for path in elf_files(folder):
            if not path.name.startswith(prefix) or not imported_from(folder, path) <= provided:
                continue
            path.unlink()
            path.symlink_to(os.path.relpath(target, path.parent))
            linked.append(path.name)
    return linked


def soname(path: Path) -> str | None:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True).stdout
    found = re.search(r"\(SONAME\)\s+Library soname: \[(.+?)\]", out)
    return found.group(1) if found else None


def share_same_named(folder: Path) -> list[str]:
    """Link together the copies of one library that several wheels carry (auditwheel names a
    library after a hash of its original file, so one name and soname is one library): the
    loader maps only the copy loaded first and answers every later need of that soname with it,
    so the others are never mapped. Each becomes a link to the smallest copy. Returns the names
    linked."""
    copies: dict[str, list[Path]] = {}
    for path in elf_files(folder):
        if re.search(r"-[0-9a-f]{8}\.so", path.name) and soname(path) == path.name:
            copies.setdefault(path.name, []).append(path)
    linked = []
    for name, paths in sorted(copies.items()):
        if len(paths) < 2:
            continue
        kept, *others = sorted(paths, key=lambda path: path.stat().st_size)
        for path in others:
            path.unlink()
            path.symlink_to(os.path.relpath(kept, path.parent))
        linked.append(name)
    return linked


def build_stub(stub: str, original: Path, scratch: Path) -> Path | None:
    """The stub compiled from `stub` to take the place of `original` (same name), or None
    without a C compiler."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        return None
    source = STUBS / stub
    library = scratch / original.name
    command = [compiler, "-shared", "-fPIC", "-O2", "-s", f"-Wl,-soname,{original.name}"]
    command += ["-o", str(library), str(source)]
    versions = source.with_suffix(".map")
    if versions.is_file():
        command.append(f"-Wl,--version-script={versions}")
    subprocess.run(command, check=True)
    return library


def imported_from(folder: Path, library: Path) -> set[str]:
    """The symbols the bundle's libraries linking `library` take from it."""
    provided = symbols(library, defined=True)
    users = [path for path in elf_files(folder) if library.name in needed(path)]
    return set().union(*(symbols(user, defined=False) for user in users)) & provided


def stub_unused(folder: Path, done: frozenset[str] = frozenset()) -> tuple[list[str], set[str]]:
    """Replace each library in STUBBED_LIBRARIES (but those named in `done`) with its stub when
    the stub provides everything the libraries linking it import. Returns the names replaced
    and what the originals linked."""
    stubbed, dropped = [], set()
    with tempfile.TemporaryDirectory() as scratch:
        for library in elf_files(folder):
            prefix = next((p for p in STUBBED_LIBRARIES if library.name.startswith(p)), None)
            if prefix is None or library.name in done:
                continue
            stub = build_stub(STUBBED_LIBRARIES[prefix], library, Path(scratch))
            if stub is None or not imported_from(folder, library) <= symbols(stub, defined=True):
                continue
            dropped |= set(needed(library)) - set(needed(stub))
            shutil.copymode(library, stub)
            shutil.move(stub, library)
            stubbed.append(library.name)
    return stubbed, dropped


def remove_orphans(folder: Path, candidates: set[str]) -> list[str]:
    """Delete the candidate libraries no ELF file in the bundle links any more (the file and the
    links to it), repeating for what the deleted ones linked."""
    removed = []
    while True:
        linked = set().union(*(needed(path) for path in elf_files(folder)))
        unlinked = candidates - linked - NEVER_REMOVED
        orphans = sorted(name for name in unlinked if by_name(folder, name))
        if not orphans:
            return removed
        for name in orphans:
            for path in by_name(folder, name):
                if is_elf(path):
                    candidates |= set(needed(path))
                path.unlink()
            removed.append(name)
        for link in folder.rglob("*"):
            if link.is_symlink() and not link.exists() and link.resolve().name in orphans:
                link.unlink()


def bundle_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def remove_unused_libraries(folder: Path) -> dict[str, object]:
    before = bundle_bytes(folder)
    shared = share_same_named(folder)
    shared += share_with_plain_named(folder)
    stubbed: list[str] = []
    removed = remove_orphans(folder, {path.name for path in folder.glob(QT_LIBRARIES)})
    # Again after each round: a stub can drop the last user that imported from another library.
    while True:
        newly, dropped = stub_unused(folder, frozenset(stubbed))
        removed += remove_orphans(folder, dropped)
        stubbed += newly
        if not newly:
            break
    saved = before - bundle_bytes(folder)
    return {"shared": shared, "stubbed": stubbed, "removed": removed, "bytes_saved": saved}


if __name__ == "__main__":
    print(json.dumps(remove_unused_libraries(Path(sys.argv[1]))))

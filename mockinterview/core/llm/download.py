"""Fetch a recommended model on the user's request: resumable, size- and sha256-checked.

The file grows as `<name>.part` beside its final place; an interrupted download resumes from
there with an HTTP Range request (a server that ignores Range sends the whole file again, and
we start over). Only a file whose size and sha256 match the catalog is renamed into place, so a
half or corrupt file is never mistaken for a model.
"""

from __future__ import annotations

import hashlib
import http.client
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from mockinterview.core.errors import ModelError
from mockinterview.core.llm.runtime import Cancelled

CHUNK = 1 << 20  # bytes per read: progress several times a second on a slow line
TIMEOUT_S = 30  # no byte for this long means the connection is dead; resume later

DownloadProgress = Callable[[int, int], None]  # (bytes so far, total bytes)


def _hash_file(path: Path, digest: hashlib._Hash) -> None:
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)


def download(
    url: str,
    target: Path,
    size_bytes: int,
    sha256: str,
    progress: DownloadProgress | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Download `url` to `target` (resuming a previous `.part`), check it, rename it in place."""
    if target.is_file() and target.stat().st_size == size_bytes:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    have = part.stat().st_size if part.is_file() else 0
    if have > size_bytes:  # not ours, or from another version: start again
        part.unlink()
        have = 0
    digest = hashlib.sha256()
    if have < size_bytes:
        request = urllib.request.Request(url, headers={"User-Agent": "mockinterview"})
        if have:
            request.add_header("Range", f"bytes={have}-")
        try:
            response = urllib.request.urlopen(request, timeout=TIMEOUT_S)
        except urllib.error.HTTPError as exc:
            raise ModelError(f"Could not download {url}: HTTP {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ModelError(
                f"Could not download {url}: {reason}. Check the internet connection and run "
                "the same command again: it resumes where it stopped."
            ) from exc
        with response:
            if have and response.status != 206:  # the server ignored Range: whole file again
                have = 0
            mode = "ab" if have else "wb"
            if have:
                _hash_file(part, digest)
            done = have
            try:
                with part.open(mode) as handle:
                    while block := response.read(CHUNK):
                        handle.write(block)
                        digest.update(block)
                        done += len(block)
                        if progress:
                            progress(done, size_bytes)
                        if cancel is not None and cancel.is_set():
                            raise Cancelled
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                raise ModelError(
                    f"The download of {url} stopped at {done / 1e6:.0f} of "
                    f"{size_bytes / 1e6:.0f} MB ({exc}). Run the same command again: it "
                    "resumes where it stopped."
                ) from exc
    else:
        _hash_file(part, digest)
    got = part.stat().st_size
    if got != size_bytes:
        raise ModelError(
            f"The download of {url} is incomplete ({got} of {size_bytes} bytes). Run the same "
            "command again: it resumes where it stopped."
        )
    if digest.hexdigest() != sha256:
        part.unlink()
        raise ModelError(
            f"The downloaded file does not match its published sha256 "
            f"({digest.hexdigest()[:12]}... instead of {sha256[:12]}...): it was deleted. "
            "Try again; if it happens again, the file on the server has changed."
        )
    part.replace(target)
    return target

"""Resumable, sha256-checked downloads against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from mockinterview.core.errors import ModelError
from mockinterview.core.llm.download import download

BLOB = bytes(range(256)) * 12_000  # 3 MB: several read chunks
SHA = hashlib.sha256(BLOB).hexdigest()


class Server(http.server.ThreadingHTTPServer):
    ranges: list[str | None]
    honour_range = True
    cut_after: int | None = None  # drop the connection after this many bytes


class Handler(http.server.BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path != "/model.gguf":
            self.send_error(404, "Not Found")
            return
        wanted = self.headers.get("Range")
        self.server.ranges.append(wanted)
        start = 0
        if wanted and self.server.honour_range:
            start = int(wanted.removeprefix("bytes=").split("-")[0])
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(BLOB) - 1}/{len(BLOB)}")
        else:
            self.send_response(200)
        body = BLOB[start:]
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.server.cut_after is not None:
            self.wfile.write(body[: self.server.cut_after])
            self.server.cut_after = None
            self.close_connection = True
            return
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = Server(("127.0.0.1", 0), Handler)
    httpd.ranges = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def url(server: Server, path: str = "/model.gguf") -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def test_download_checks_and_places_the_file(server: Server, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    target = download(
        url(server), tmp_path / "m.gguf", len(BLOB), SHA, lambda d, t: seen.append((d, t))
    )
    assert target.read_bytes() == BLOB
    assert not (tmp_path / "m.gguf.part").exists()
    assert seen[-1] == (len(BLOB), len(BLOB)) and len(seen) >= 3
    assert server.ranges == [None]


def test_an_interrupted_download_resumes_where_it_stopped(server: Server, tmp_path: Path) -> None:
    server.cut_after = 1_000_000
    with pytest.raises(ModelError, match="resumes where it stopped"):
        download(url(server), tmp_path / "m.gguf", len(BLOB), SHA)
    part = tmp_path / "m.gguf.part"
    assert part.stat().st_size == 1_000_000
    target = download(url(server), tmp_path / "m.gguf", len(BLOB), SHA)
    assert server.ranges == [None, "bytes=1000000-"]
    assert target.read_bytes() == BLOB and not part.exists()


def test_a_server_that_ignores_range_sends_it_all_again(server: Server, tmp_path: Path) -> None:
    server.honour_range = False
    (tmp_path / "m.gguf.part").write_bytes(BLOB[:5000])
    target = download(url(server), tmp_path / "m.gguf", len(BLOB), SHA)
    assert target.read_bytes() == BLOB
    assert server.ranges == ["bytes=5000-"]


def test_a_wrong_sha256_deletes_the_file(server: Server, tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not match its published sha256"):
        download(url(server), tmp_path / "m.gguf", len(BLOB), "0" * 64)
    assert not (tmp_path / "m.gguf").exists() and not (tmp_path / "m.gguf.part").exists()


def test_a_missing_file_is_a_readable_error(server: Server, tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="HTTP 404"):
        download(url(server, "/nothing.gguf"), tmp_path / "m.gguf", len(BLOB), SHA)

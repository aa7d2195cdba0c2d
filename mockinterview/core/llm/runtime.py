"""Run a GGUF language model in-process with xllamacpp (llama.cpp), streaming tokens.

Why xllamacpp: it installs as a prebuilt wheel (no compiler on the user's machine) and runs the
model in this process. Its server also opens an HTTP endpoint; we bind it to a Unix socket in a
private (0700) temporary folder and require a random API key, so no TCP port is ever opened and
no other program can use the model.

Calls block: the GUI runs them on a worker thread, and `cancel` (a threading.Event) stops a
generation between two tokens. Loading cannot be interrupted inside llama.cpp; a load cancelled
meanwhile is discarded as soon as it returns.
"""

from __future__ import annotations

import importlib.metadata
import logging
import secrets
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockinterview.core.errors import ModelError
from mockinterview.core.platforms import install_hint

log = logging.getLogger(__name__)

RUNTIME_PACKAGE = "xllamacpp"
GGUF_MAGIC = b"GGUF"


def install_runtime() -> str:
    """How to install the optional runtime (pyproject's [llm] extra) on this OS."""
    return "install the optional runtime: " + install_hint("install 'mockinterview[llm]'")


TokenCallback = Callable[[str], None]
ProgressCallback = Callable[[str], None]


class Cancelled(Exception):
    """The user cancelled a load or a generation; nothing is wrong."""


@dataclass(frozen=True)
class Message:
    role: str  # system | user | assistant
    content: str


@dataclass(frozen=True)
class Generation:
    """One finished (or cancelled) generation and how fast it ran."""

    text: str
    finish: str  # stop (the model ended), length (max_tokens reached), cancelled
    tokens: int  # tokens streamed
    first_token_s: float | None  # from the request to the first token
    seconds: float

    @property
    def tokens_per_s(self) -> float | None:
        if self.first_token_s is None or self.tokens < 2:
            return None
        streaming = self.seconds - self.first_token_s
        return (self.tokens - 1) / streaming if streaming > 0 else None


def runtime_version() -> str | None:
    """The installed xllamacpp version, or None when the optional runtime is absent."""
    try:
        return importlib.metadata.version(RUNTIME_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return None


def check_gguf(path: Path) -> Path:
    """A clear error for a missing file or one that is not GGUF, before llama.cpp sees it."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise ModelError(f"Language model file {path} does not exist.")
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise ModelError(f"Language model file {path} cannot be read: {exc.strerror}") from exc
    if magic != GGUF_MAGIC:
        raise ModelError(
            f"{path} is not a GGUF model file (it does not start with 'GGUF'). "
            "Use a .gguf file made for llama.cpp."
        )
    return path


class LocalModel:
    """A loaded model. One generation at a time; `close()` frees its memory."""

    def __init__(self, path: Path, server: Any, socket_dir: tempfile.TemporaryDirectory) -> None:
        self.path = path
        self._server = server
        self._socket_dir = socket_dir
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.path.name

    @classmethod
    def load(
        cls,
        path: Path,
        threads: int = 2,
        context: int = 2048,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> LocalModel:
        """Load `path`; raises ModelError (missing runtime, bad file) or Cancelled."""
        path = check_gguf(path)
        try:
            import xllamacpp
        except ImportError as exc:
            raise ModelError(f"The language-model runtime is missing: {install_runtime()}") from exc
        size_mb = path.stat().st_size / 1e6
        if progress:
            progress(f"Loading {path.name} ({size_mb:.0f} MB)…")
        params = xllamacpp.CommonParams()
        params.model.path = str(path)
        params.n_ctx = context
        params.n_parallel = 1
        params.cpuparams.n_threads = threads
        params.cpuparams_batch.n_threads = threads
        params.verbosity = -1  # llama.cpp's own log lines mean nothing to a user
        socket_dir = tempfile.TemporaryDirectory(prefix="mockinterview-llm-")
        params.hostnames = [str(Path(socket_dir.name) / "llm.sock")]
        params.api_keys = [secrets.token_hex(16)]
        params.endpoint_metrics = True  # see the handle_metrics() call below
        started = time.monotonic()
        try:
            server = xllamacpp.Server(params)
        except Exception as exc:  # the binding raises RuntimeError/ValueError on a bad model
            socket_dir.cleanup()
            raise ModelError(
                f"Language model {path} could not be loaded ({exc}). The file may be "
                "incomplete, or a model architecture this llama.cpp build does not know."
            ) from exc
        # Wait for the server's loop to run before anyone may close it: llama.cpp's loop sets
        # `running` when it starts, undoing a terminate() sent before, and the destructor then
        # waits forever (seen here: close() right after load hung one run in a few). A metrics
        # request is answered by that loop, so once it returns the loop is running.
        server.handle_metrics()
        model = cls(path, server, socket_dir)
        if cancel is not None and cancel.is_set():
            model.close()
            raise Cancelled
        seconds = time.monotonic() - started
        log.info("language model %s loaded in %.1f s", path.name, seconds)
        if progress:
            progress(f"{path.name} ready ({seconds:.1f} s).")
        return model

    def generate(
        self,
        messages: list[Message],
        max_tokens: int,
        on_token: TokenCallback | None = None,
        cancel: threading.Event | None = None,
        temperature: float = 0.0,
        seed: int = 7,
        grammar: str = "",
    ) -> Generation:
        """Stream a chat completion; `on_token` gets each piece of text as it arrives.

        Temperature 0 with a fixed seed: the same prompt gives the same text, so a validation
        failure can be reproduced and a test can assert on it. `grammar` (llama.cpp's GBNF)
        restricts which tokens may be sampled, so the text has the asked-for form.
        """
        if self._server is None:
            raise ModelError("The language model was closed.")
        request = {
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "max_tokens": max_tokens,
            "temperature": temperature,
            "seed": seed,
            "stream": True,
        }
        if grammar:
            request["grammar"] = grammar
        pieces: list[str] = []
        errors: list[str] = []
        finish = "stop"
        first_token_s: float | None = None
        started = time.monotonic()

        def receive(chunk: Any) -> bool:
            nonlocal finish, first_token_s
            if isinstance(chunk, dict) and "error" in chunk:
                errors.append(str(chunk["error"].get("message", chunk["error"])))
                return True
            for choice in chunk.get("choices", []) if isinstance(chunk, dict) else []:
                text = (choice.get("delta") or {}).get("content")
                if text:
                    if first_token_s is None:
                        first_token_s = time.monotonic() - started
                    pieces.append(text)
                    if on_token is not None:
                        on_token(text)
                if choice.get("finish_reason"):
                    finish = choice["finish_reason"]
            # Returning True asks llama.cpp to stop this generation.
            return cancel is not None and cancel.is_set()

        with self._lock:
            result = self._server.handle_chat_completions(request, receive)
        if isinstance(result, dict) and "error" in result:
            errors.append(str(result["error"].get("message", result["error"])))
        if errors:
            raise ModelError(f"The language model failed: {errors[0]}")
        if cancel is not None and cancel.is_set():
            finish = "cancelled"
        return Generation(
            "".join(pieces), finish, len(pieces), first_token_s, time.monotonic() - started
        )

    def close(self) -> None:
        """Free the model (the server thread stops in its destructor) and the socket folder."""
        with self._lock:
            self._server = None
        self._socket_dir.cleanup()

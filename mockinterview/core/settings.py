"""Settings: frozen dataclasses built once from settings.toml plus command-line overrides.

Workers never read the file themselves; they are handed the piece they need. Unknown keys are an
error (with the file and key), so a typo never silently falls back to a default; keys the app
itself once wrote and has since retired (RETIRED) are skipped with a log line, so an older
settings file still opens.
"""

from __future__ import annotations

import dataclasses
import logging
import tomllib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from mockinterview.core.errors import SettingsError
from mockinterview.core.thresholds import BodyThresholds, DeliveryThresholds, ReportThresholds

log = logging.getLogger(__name__)

# Settings an earlier version wrote (save_settings writes every field) that no longer exist:
# the cues they tuned were removed or rebuilt (issue 12: gaze from head pose and eye blendshapes,
# no more staring, eye roll, head tilt, knees or feet cues; smiles counted, not scored).
RETIRED = frozenset(
    {
        "body.gaze_yaw_deg",
        "body.gaze_pitch_deg",
        "body.gaze_iris_offset",
        "body.stare_no_blink_s",
        "body.eye_roll_up_score",
        "body.eye_roll_min_s",
        "body.eye_roll_head_deg",
        "body.head_tilt_deg",
        "body.head_tilt_min_s",
        "body.blink_score",
        "body.knees_wide_ratio",
        "body.knees_wide_min_s",
        "body.foot_tap_energy",
        "report.smile_ok_pct",
        "report.smile_flag_pct",
        "report.loudness_flag_dbfs",
    }
)


@dataclass(frozen=True)
class WhisperSettings:
    """`model` is a size name (tiny.en ships with the app) or a local CTranslate2 model folder."""

    model: str = "tiny.en"
    language: str = "en"
    compute_type: str = "int8"
    cpu_threads: int = 0  # 0 lets CTranslate2 pick


@dataclass(frozen=True)
class VoiceSettings:
    # "" = the bundled neural voice where installed, else the system default; "piper:<name>" =
    # that neural voice; anything else = a system (pyttsx3) voice id or name (see `voices`)
    voice: str = ""
    rate: int = 165  # words per minute of the interviewer's voice
    volume: float = 1.0  # 0-1


@dataclass(frozen=True)
class AudioSettings:
    microphone: str = ""  # sounddevice name or index; empty uses the system default
    speaker: str = ""
    sample_rate: int = 16000
    silence_end_s: float = 4.0  # s of silence after speech that ends an answer
    max_answer_s: float = 300.0  # s an answer may last, its parts around pauses together


@dataclass(frozen=True)
class CameraSettings:
    camera: str = "0"  # webcam index, or a video file path
    width: int = 640
    height: int = 480
    overlay: bool = True


@dataclass(frozen=True)
class InterviewSettings:
    bank: str = "general"
    count: int = 5
    order: str = "fresh"  # fresh (least recently asked first) | bank | shuffle | category
    thinking_time_s: float = 0.0
    greeting: bool = True
    show_question_text: bool = True
    live_nudges: bool = True
    keep_video: bool = True  # privacy: False keeps only landmarks and metrics
    follow_up: str = "weak"  # off | weak (after weak answers) | always: one follow-up question


@dataclass(frozen=True)
class LlmSettings:
    """The optional local language model; with `model` empty the app uses no model at all.

    `model` is a .gguf file or the name of a recommended model once downloaded
    (`mockinterview models download NAME`).
    """

    model: str = ""
    threads: int = 2  # CPU threads for generation; laptops share them with Whisper and MediaPipe
    context: int = 2048  # tokens of prompt + answer the model keeps in view
    # s, the most the live interview waits for the model's follow-up question (loading
    # included) once the answer is stored; then it asks the built-in one. The person has already
    # sat through audio.silence_end_s of silence that ended the answer and its transcription;
    # conversation treats a gap of about a second as a noticeable pause (Jefferson 1989, "a
    # standard maximum silence of approximately one second"), so the wait stays short. 5 s is a
    # judgement, not a measurement of people: long enough for a small model on two cores to
    # write one sentence (benchmarks/bench_llm.py prints first-token time and tokens/s), short
    # enough to pass for an interviewer glancing at notes; the window shows the question being
    # written meanwhile. Raise it for a large model on a slow computer.
    follow_up_wait_s: float = 5.0


@dataclass(frozen=True)
class Settings:
    whisper: WhisperSettings = field(default_factory=WhisperSettings)
    voice: VoiceSettings = field(default_factory=VoiceSettings)
    audio: AudioSettings = field(default_factory=AudioSettings)
    camera: CameraSettings = field(default_factory=CameraSettings)
    interview: InterviewSettings = field(default_factory=InterviewSettings)
    llm: LlmSettings = field(default_factory=LlmSettings)
    delivery: DeliveryThresholds = field(default_factory=DeliveryThresholds)
    body: BodyThresholds = field(default_factory=BodyThresholds)
    report: ReportThresholds = field(default_factory=ReportThresholds)


def _coerce(value: Any, kind: Any, where: str) -> Any:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind in (int, float, str, bool) and not isinstance(value, kind):
        raise SettingsError(f"{where}: expected {kind.__name__}, got {value!r}")
    if kind is int and isinstance(value, bool):
        raise SettingsError(f"{where}: expected int, got {value!r}")
    return value


def _build(cls: type, table: dict[str, Any], where: str) -> Any:
    """Build a settings dataclass from a TOML table, rejecting unknown keys and wrong types."""
    if not isinstance(table, dict):
        raise SettingsError(f"{where}: expected a table, got {table!r}")
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in dataclasses.fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        if f"{where}.{key}" in RETIRED:
            log.info("settings: %s.%s is no longer used; ignored", where, key)
            continue
        if key not in known:
            raise SettingsError(f"{where}: unknown setting {key!r} (known: {', '.join(known)})")
        kind = hints[key]
        if dataclasses.is_dataclass(kind):
            kwargs[key] = _build(kind, value, f"{where}.{key}" if where else key)
        else:
            kwargs[key] = _coerce(value, kind, f"{where}.{key}" if where else key)
    return cls(**kwargs)


def load_settings(path: Path | None) -> Settings:
    """Read settings.toml; a missing file means defaults, a broken one is a SettingsError."""
    if path is None or not path.exists():
        return Settings()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read settings: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from exc
    try:
        return _build(Settings, table, "")
    except SettingsError as exc:
        raise SettingsError(f"{path}: {exc}") from exc


def with_overrides(settings: Settings, overrides: dict[str, Any]) -> Settings:
    """Apply dotted overrides such as {"whisper.model": "base.en"} (from CLI flags)."""
    for dotted, value in overrides.items():
        if value is None:
            continue
        section, _, key = dotted.partition(".")
        current = getattr(settings, section)
        if key not in {f.name for f in dataclasses.fields(current)}:
            raise SettingsError(f"unknown setting {dotted!r}")
        kind = typing.get_type_hints(type(current))[key]
        current = dataclasses.replace(current, **{key: _coerce(value, kind, dotted)})
        settings = dataclasses.replace(settings, **{section: current})
    return settings


def save_settings(settings: Settings, path: Path) -> None:
    """Write settings atomically (temp file + rename) so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(tomli_w.dumps(dataclasses.asdict(settings)), encoding="utf-8")
    tmp.replace(path)


__all__ = [
    "AudioSettings",
    "CameraSettings",
    "InterviewSettings",
    "LlmSettings",
    "Settings",
    "VoiceSettings",
    "WhisperSettings",
    "load_settings",
    "save_settings",
    "with_overrides",
]

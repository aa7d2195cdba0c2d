"""`mockinterview doctor`: its JSON shape with and without devices, and that it never crashes."""

from __future__ import annotations

import json

import pytest

from mockinterview.cli import main
from mockinterview.core import platforms


def _doctor_json(capsys: pytest.CaptureFixture[str]) -> dict:
    assert main(["doctor", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_doctor_reports_every_section_and_loads_models(capsys) -> None:
    report = _doctor_json(capsys)
    for key in ("versions", "data_dir", "cameras", "microphones", "speakers", "tts", "models"):
        assert key in report
    names = [m["name"] for m in report["models"]]
    assert any("whisper" in n for n in names)
    assert any("pose" in n for n in names)
    assert any("face" in n for n in names)
    assert all(m["ok"] and m["detail"] == "loaded" for m in report["models"]), report["models"]
    assert report["versions"]["mediapipe"].startswith("1.2.")
    assert report["versions"]["opencv"].endswith("(opencv-contrib-python)")  # mediapipe's cv2
    backend = platforms.camera_backend()
    assert report["camera_backend"] == {"ok": True, "detail": f"{backend.label} (OpenCV)"}
    assert report["ok"] is True


def test_doctor_names_a_cv2_that_cannot_capture(capsys, monkeypatch) -> None:
    """A cv2 built without this OS's capture API (the bundle builds its own) opens no camera:
    doctor says so, where the camera list would only say none could be opened."""
    import cv2

    monkeypatch.setattr(cv2.videoio_registry, "hasBackend", lambda _api: False)
    report = _doctor_json(capsys)
    label = platforms.camera_backend().label
    assert report["camera_backend"] == {
        "ok": False,
        "detail": f"this OpenCV cannot capture through {label}",
    }
    assert main(["doctor"]) == 0
    line = f"-- {'camera capture':<22} this OpenCV cannot capture through {label}"
    assert line in capsys.readouterr().out.splitlines()


def test_doctor_without_any_device_or_display(capsys, monkeypatch) -> None:
    import glob

    import sounddevice

    def no_audio(*_args, **_kwargs):
        raise sounddevice.PortAudioError("Error querying device -1")

    monkeypatch.setattr(sounddevice, "query_devices", no_audio)
    monkeypatch.setattr(glob, "glob", lambda _pattern: [])  # Linux: no /dev/video*
    monkeypatch.setattr(platforms, "_cv2_enumerate_cameras", lambda _api: [])  # Windows, macOS
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    report = _doctor_json(capsys)
    no_camera = {
        "linux": "no /dev/video* device: no camera is connected",
        "windows": "Windows lists no camera: no camera is connected",
        "macos": "macOS lists no camera: no camera is connected",
    }
    assert report["cameras"] == {
        "ok": False,
        "devices": [],
        "detail": no_camera[platforms.host_os()],
        "hint": platforms.camera_missing_hint(),
    }
    assert report["microphones"]["ok"] is False
    assert "Error querying device" in report["microphones"]["detail"]
    assert report["microphones"]["hint"] == platforms.audio_system_hint()
    assert report["speakers"]["ok"] is False
    assert report["display"]["ok"] is (platforms.host_os() != "linux")  # only Linux lacks one
    assert report["ok"] is True  # models still fine: devices are reported, not fatal


def test_doctor_without_tts_engine(capsys, monkeypatch) -> None:
    import pyttsx3

    from mockinterview.core.speech import tts

    def broken_init(*_args, **_kwargs):
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    monkeypatch.setattr(pyttsx3, "init", broken_init)
    monkeypatch.setattr(tts, "installed_models", lambda: [])  # and no bundled neural voice
    report = _doctor_json(capsys)
    assert report["tts"]["ok"] is False
    assert "espeak-ng" in report["tts"]["detail"]
    assert report["tts"]["hint"] == platforms.speech_engine_hint()


def test_doctor_text_output(capsys) -> None:
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "ok whisper tiny.en" in out
    assert "ok mediapipe pose" in out

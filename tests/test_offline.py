"""Nothing opens a network socket unless the user asks to download a model."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from mockinterview.cli import main
from tests.conftest import synthesize


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(*args, **_kwargs):
        attempts.append(repr(args))
        raise OSError("network access attempted during an offline test")

    for name in ("getaddrinfo", "create_connection"):
        monkeypatch.setattr(socket, name, refuse)
    monkeypatch.setattr(socket.socket, "connect", lambda self, *a: refuse(*a))
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, *a: refuse(*a))
    return attempts


def test_doctor_is_offline(no_network: list[str], capsys) -> None:
    assert main(["doctor", "--json"]) == 0
    assert '"ok": true' in capsys.readouterr().out
    assert no_network == []


def test_transcribing_with_the_default_model_is_offline(no_network: list[str], tmp_path: Path):
    from mockinterview.core.models import load_whisper
    from mockinterview.core.settings import WhisperSettings

    clip = synthesize("Offline transcription works.", tmp_path / "offline.wav")
    model = load_whisper(WhisperSettings())
    segments, _ = model.transcribe(str(clip), beam_size=1, language="en")
    assert "offline" in " ".join(s.text for s in segments).lower()
    assert no_network == []

"""Text-to-speech voices (pyttsx3: espeak-ng on Linux, SAPI5 on Windows, NSSpeech on macOS)."""

from __future__ import annotations

from dataclasses import dataclass

from mockinterview.core.errors import DeviceError


@dataclass(frozen=True)
class Voice:
    id: str
    name: str
    languages: list[str]


def list_voices() -> list[Voice]:
    """All installed voices; a missing TTS engine is a DeviceError that says what to install."""
    try:
        import pyttsx3

        engine = pyttsx3.init()
        voices = engine.getProperty("voices") or []
    except Exception as exc:  # pyttsx3 raises OSError/RuntimeError/ImportError per platform
        raise DeviceError(
            f"No text-to-speech engine ({exc}). On Debian/Ubuntu install espeak-ng "
            "(apt install libespeak-ng1); questions will be shown as text only."
        ) from exc
    return [
        Voice(
            str(v.id),
            str(v.name),
            [lang.decode() if isinstance(lang, bytes) else str(lang) for lang in v.languages or []],
        )
        for v in voices
    ]

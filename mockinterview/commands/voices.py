"""`mockinterview voices [--json]`: the voices the interviewer can speak with, neural ones first."""

from __future__ import annotations

import argparse
import dataclasses
import json

from mockinterview.core.settings import Settings
from mockinterview.core.speech.tts import list_voices, voice_note, wanted_model


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("voices", help="list the interviewer's text-to-speech voices")
    parser.add_argument("--json", action="store_true", help="print one JSON array")
    parser.add_argument("--language", help="only voices for this language prefix, e.g. en")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    voices = list_voices()
    if args.language:
        voices = [v for v in voices if any(lang.startswith(args.language) for lang in v.languages)]
    if args.json:
        print(json.dumps([dataclasses.asdict(v) for v in voices], indent=2))
        return 0
    chosen = wanted_model(settings.voice.voice)
    current = chosen.id if chosen is not None else settings.voice.voice
    for voice in voices:
        mark = " (current)" if current in (voice.id, voice.name) else ""
        languages = ",".join(voice.languages)
        print(f"{voice.id:<28} {voice.name:<28} {voice.engine:<7} {languages}{mark}")
    print(f'{len(voices)} voices. Pick one with voice.voice = "<id>" in settings.toml.')
    note = voice_note(settings.voice)
    if note:
        print(note)
    return 0

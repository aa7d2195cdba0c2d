"""Two voices told apart with no downloaded model: real Whisper words on speech from two
different synthesizers and on real recorded voices; one voice is left as one.

These are unit tests on voices made for them; how well the split does on real recordings it was
not tuned on is benchmarks/bench_speaker_split.py's evaluation set."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mockinterview.core.audio_file import decode_audio
from mockinterview.core.session.import_recording import find_answers, interviewer_words
from mockinterview.core.speech.speakers import stretches, two_voices
from mockinterview.core.speech.transcript import Word
from tests.speech.conftest import festival_speech, silence, speech

QUESTIONS = ("Why do you want to work for this company?", "What is your greatest weakness?")
ANSWERS = (
    "I like the product and I have used it for years. I want to help the team make it faster, "
    "because I worked on performance at my last job.",
    "I used to say yes to every request. Now I write down what I already promised before I "
    "take on anything new.",
)
REAL = Path(__file__).resolve().parent.parent / "data" / "speech"


def _interview(folder: Path, ask, answer) -> np.ndarray:
    pieces = [silence(0.5)]
    for n, (question, reply) in enumerate(zip(QUESTIONS, ANSWERS, strict=True)):
        pieces += [ask(question, folder / f"q{n}.wav"), silence(0.8)]
        pieces += [answer(reply, folder / f"a{n}.wav"), silence(1.0)]
    return np.concatenate(pieces)


def _said(words: list[Word], chosen: list[bool]) -> str:
    return " ".join(w.text for w, c in zip(words, chosen, strict=True) if c).lower()


def test_stretches_break_at_pauses_and_sentence_ends() -> None:
    words = [
        Word("Why", 0.0, 0.3), Word("here?", 0.3, 0.9), Word("I", 0.95, 1.0),
        Word("like", 1.0, 1.3), Word("it", 1.35, 1.5), Word("and", 2.5, 2.7),
    ]  # fmt: skip
    assert stretches(words, gap_s=0.3) == [[0, 1], [2, 3, 4], [5]]


def test_festival_interviewer_and_espeak_candidate_are_two_voices(
    tmp_path: Path, transcriber
) -> None:
    samples = _interview(tmp_path, lambda text, path: festival_speech(text, path, "kal"), speech)
    words = list(transcriber.transcribe(samples).words)
    voices = two_voices(samples, words)
    assert voices is not None and len(voices.speakers) == len(words)
    asked = interviewer_words(words, voices.speakers)
    interviewer = _said(words, asked)
    candidate = _said(words, [not a for a in asked])
    assert "company" in interviewer and "weakness" in interviewer
    assert "product" in candidate and "promised" in candidate
    assert "product" not in interviewer and "company" not in candidate
    spans = find_answers(samples, words, len(samples) / 16000)
    assert len(spans) == 2
    assert "weakness" in (spans[1].question or "").lower()


def test_real_voices_two_people(transcriber) -> None:
    """Two real men (tests/data/speech, NOTICE.md): a man recorded for the CMU Sphinx tests
    speaks twice, a LibriVox reader answers with sentences of Sense and Sensibility. The package
    has no woman's voice: these two differ in timbre and recording, not in pitch range."""
    samples = np.concatenate(
        [
            _real("goforward"), silence(0.8), _real("austen-0870"), silence(1.0),
            _real("something"), silence(0.8), _real("austen-0920"),
        ]
    )  # fmt: skip
    words = list(transcriber.transcribe(samples).words)
    voices = two_voices(samples, words)
    assert voices is not None
    asked = interviewer_words(words, voices.speakers)
    interviewer, reader = _said(words, asked), _said(words, [not a for a in asked])
    assert "forward" in interviewer and "dashwood" in reader and "amiable" in reader
    assert "dashwood" not in interviewer and "forward" not in reader


def _real(name: str) -> np.ndarray:
    return decode_audio(REAL / f"{name}.flac")


def test_one_voice_asking_and_answering_is_one_voice(tmp_path: Path, transcriber) -> None:
    """Someone practising alone reads each question aloud, then answers: one person."""
    samples = _interview(tmp_path, speech, speech)
    words = list(transcriber.transcribe(samples).words)
    assert two_voices(samples, words) is None
    # the question words still split it
    assert len(find_answers(samples, words, len(samples) / 16000)) == 2

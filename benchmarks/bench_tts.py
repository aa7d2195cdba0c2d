"""Interviewer voice benchmark: time to first audio, real-time factor and WER, for each engine.

    .venv/bin/python -m benchmarks.bench_tts            # prints one JSON object
    .venv/bin/python -m benchmarks.bench_tts --no-speaker   # skip the virtual-speaker WER

Evaluation set: the 8 questions of the `general` bank and the first 4 of `ml-engineer`, as the app
asks them. None of them was used to tune anything: the neural voice's natural pace
(neural_voice.BUNDLED_MODELS) and the playback latency (tts.PLAYBACK_LATENCY_S) were set on
other sentences (the tests' "disagreed with your manager" question). Both engines speak at the
app's default rate (settings.voice.rate) and volume.

Engines: "neural" is the bundled Piper voice (Joe), "system" is pyttsx3 with its default voice
(espeak-ng here). Figures per engine:
- first_audio_cold_s: QuestionVoice.synthesize() wall time for a question not rendered before,
  i.e. how long the person would wait before the question starts without rendering ahead.
- first_audio_prepared_s: the same call when the flow asked for the question ahead (it does so
  while the previous answer is given): the wait left is writing the WAV.
- first_sentence_s (neural): time until Piper's first sentence is rendered, what a streaming
  player would wait.
- rtf: render wall time / spoken duration (below 1 is faster than real time).
- spoken_wpm_median: words / rendered duration (pauses included), to compare the engines' pace at
  the same `rate` setting.
- wer: each question is played with tts.Speaker to a private PulseAudio null sink, recorded from
  its monitor with parec, transcribed with Whisper tiny.en; word edit distance over reference
  words, summed over the set ("wer_file" transcribes the rendered file directly, no speaker).
  The virtual-audio lock (tests/conftest.py) is held while playing. Skipped (null) without
  PulseAudio.
The machine is shared and noisy: compare the engines within one run; load average is recorded.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from benchmarks.bench_speech import alignment_errors, tokens
from benchmarks.virtual_audio import AudioTurn, null_sink
from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio
from mockinterview.core.questions import load_bank
from mockinterview.core.settings import Settings
from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.speech.neural_voice import BUNDLED_MODELS, NeuralVoice, installed_models
from mockinterview.core.speech.tts import PLAYBACK_LATENCY_S, QuestionVoice, Speaker


def evaluation_questions() -> list[str]:
    return [q.text for q in load_bank("general").regular[:8]] + [
        q.text for q in load_bank("ml-engineer").regular[:4]
    ]


@contextlib.contextmanager
def private_sink() -> Iterator[str | None]:
    """A PulseAudio null sink of this run's own (nobody else's sound mixes in); None without
    PulseAudio."""
    if shutil.which("pactl") is None or shutil.which("parec") is None:
        yield None
        return
    if subprocess.run(["pactl", "info"], capture_output=True, check=False).returncode != 0:
        yield None
        return
    with null_sink("mi_bench_tts") as name:
        yield name


def heard_through_speaker(wav: Path, sink: str, folder: Path) -> np.ndarray:
    """Play `wav` with the app's Speaker into `sink` and return what its monitor recorded,
    taking turns with the tests on the shared PulseAudio daemon."""
    captured = folder / f"{wav.stem}-heard.wav"
    os.environ["PULSE_SINK"] = sink
    with AudioTurn():  # the lock tests/conftest.py takes
        monitor = subprocess.Popen(
            ["parec", "-d", f"{sink}.monitor", "--file-format=wav", "--channels=1", captured]
        )
        try:
            Speaker("").play(np.zeros(22050, np.float32), 22050)  # wakes the suspended sink
            Speaker("").play_file(wav)
            time.sleep(0.3)
        finally:
            monitor.terminate()
            monitor.wait(timeout=5)
    return decode_audio(captured)


def errors(reference: str, heard: str) -> tuple[int, int]:
    words = tokens(reference)
    return alignment_errors(words, tokens(heard))[0], len(words)


def rate(pairs: list[tuple[int, int]]) -> float:
    return round(sum(e for e, _ in pairs) / sum(n for _, n in pairs), 3)


def measure(
    engine: str,
    voice: QuestionVoice,
    questions: list[str],
    transcriber: Transcriber,
    sink: str | None,
    folder: Path,
) -> dict:
    """One engine over the evaluation set (see the module docstring for each figure)."""
    sentences = NeuralVoice(BUNDLED_MODELS[0], voice.settings) if engine == "neural" else None
    cold, prepared, rtfs, first_sentence, wpm = [], [], [], [], []
    file_errors, speaker_errors = [], []
    heard_examples = []
    for n, text in enumerate(questions):
        started = time.perf_counter()
        wav = voice.synthesize(text, folder / f"{engine}-{n}.wav")
        render_s = time.perf_counter() - started
        spoken_s = len(decode_audio(wav)) / SAMPLE_RATE
        cold.append(render_s)
        rtfs.append(render_s / spoken_s)
        wpm.append(len(text.split()) / spoken_s * 60)
        if engine == "neural":
            again = f"{text} "  # a new text: the first one is cached
            voice.prepare(again)
            time.sleep(render_s * 2 + 0.5)  # the previous answer, during which it renders
            started = time.perf_counter()
            voice.synthesize(again, folder / f"{engine}-{n}-prepared.wav")
            prepared.append(time.perf_counter() - started)
            started = time.perf_counter()
            next(sentences.sentences(text))
            first_sentence.append(time.perf_counter() - started)
        file_errors.append(errors(text, transcriber.transcribe(decode_audio(wav)).text))
        if sink is not None:
            heard = transcriber.transcribe(heard_through_speaker(wav, sink, folder)).text
            speaker_errors.append(errors(text, heard))
            if speaker_errors[-1][0]:
                heard_examples.append({"asked": text, "heard": heard.strip()})

    def summary(values: list[float]) -> dict:
        return {"median": round(statistics.median(values), 3), "max": round(max(values), 3)}

    return {
        "first_audio_cold_s": summary(cold),
        "first_audio_prepared_s": summary(prepared) if prepared else None,
        "first_sentence_s": summary(first_sentence) if first_sentence else None,
        "rtf": summary(rtfs),
        "spoken_wpm_median": round(statistics.median(wpm)),
        "wer": rate(speaker_errors) if speaker_errors else None,
        "wer_file": rate(file_errors),
        "misheard": heard_examples,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-speaker", action="store_true", help="skip the virtual speaker")
    args = parser.parse_args()
    settings = Settings()
    questions = evaluation_questions()
    transcriber = Transcriber.from_settings(settings)
    engines = {"system": "English (America)"}  # espeak-ng's en-us, by its pyttsx3 name
    if installed_models():
        engines = {"neural": BUNDLED_MODELS[0].id, **engines}
    results = {}
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        sink = None if args.no_speaker else stack.enter_context(private_sink())
        for engine, voice_id in engines.items():
            started = time.perf_counter()
            voice = QuestionVoice(dataclasses.replace(settings.voice, voice=voice_id))
            open_s = time.perf_counter() - started
            try:
                result = measure(engine, voice, questions, transcriber, sink, Path(tmp))
            finally:
                voice.close()
            results[engine] = {**result, "open_s": round(open_s, 2), "note": voice.note}
    print(
        json.dumps(
            {
                "benchmark": "tts",
                "questions": len(questions),
                "rate_wpm": settings.voice.rate,
                "playback_latency_s": PLAYBACK_LATENCY_S,
                "speaker": None if args.no_speaker else "private null sink + parec",
                "engines": results,
                "cpu_count": os.cpu_count(),
                "load_average_1min": round(os.getloadavg()[0], 2),
                "targets": {"first_audio_s": 0.5, "rtf": 1.0, "neural_wer": 0.1},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()

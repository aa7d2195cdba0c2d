"""Speech pipeline benchmark: per set of clips, how much of what was said the transcript keeps.

    .venv/bin/python -m benchmarks.bench_speech            # prints one JSON object
    .venv/bin/python -m benchmarks.bench_speech --details  # with every clip's transcript and
                                                           # its reference

Sets (benchmarks/speech_sets.py says which are for tuning and which only for evaluation):
synthetic_tuning, synthetic_evaluation (espeak-ng and festival voices), real_tuning (clips in
tests/data/speech), real_evaluation (../shared/evaluation/speech; skipped when absent). Each
clip goes through asr.Transcriber.transcribe, the path of `analyze`, reviews and re-analysis.

How each figure is computed:
- wer: word edit distance over the reference's word count with fillers excluded on both sides
  (reference: the `{...}` markup; transcript: what delivery.content_words leaves), after
  lower-casing, removing punctuation and splitting hyphens.
- filler_recall / filler_precision: per clip, filler sounds (um/uh/er/hmm, any spelling) and
  worded fillers ("like", "you know", "I mean", "so"; labelled by the rule written in
  tests/data/README.md, "Filler labels") counted in the reference and in what
  delivery.find_fillers finds; matches are the smaller of the two counts per kind. The real
  evaluation references mark only um/uh (CHAT `&-um`, CrisperWhisper `[UH]`), so there only
  filler sounds are scored ("fillers_scored": "sounds").
- stretches_lost / words_lost: runs of >= 3 consecutive reference words that the alignment
  deletes (a skipped sentence, not a misheard word); inaudible_gaps: "[inaudible]" gaps shown.
- Latency: a 60 s answer is fed to StreamingTranscriber at real-time speed in 100 ms blocks;
  latency is the time finish() takes after the last block, "after_stop" (the feed ends with the
  last word: Stop pressed at once, the worst case) and "after_silence_end" (the feed goes on for
  settings.audio.silence_end_s of silence). It is measured twice in one run: as the machine is
  ("load_1" on an idle machine), and with busy processes added until the 1-minute load average
  is about 4 ("load_4"; none are added when other work already loads the machine more). The JSON
  records the load average after each run: read the figures at the load they were taken at.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

from benchmarks.machine_load import with_load_at_least
from benchmarks.speech_sets import (
    EVAL_ANSWERS,
    LONG_ANSWER,
    REAL_TUNING,
    TUNING_ANSWERS,
    Answer,
    Recording,
    real_evaluation,
)
from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio
from mockinterview.core.settings import Settings, VoiceSettings
from mockinterview.core.speech import asr
from mockinterview.core.speech.asr import StreamingTranscriber, Transcriber
from mockinterview.core.speech.delivery import FILLER_FORMS, content_words, find_fillers, plain
from mockinterview.core.speech.neural_voice import NeuralVoice, installed_models
from mockinterview.core.speech.transcript import Transcript

FILLER_SOUNDS = frozenset(FILLER_FORMS.values())
FESTIVAL_VOICES = {
    "slt": "(voice_cmu_us_slt_arctic_hts)",
    "kal": "(voice_kal_diphone)",
    "ked": "(voice_ked_diphone)",
}
FESTIVAL_VOICE_DIRS = {"slt": "cmu_us_slt_arctic_hts", "kal": "kal_diphone", "ked": "ked_diphone"}
SYNTHETIC_SETS = {
    "synthetic_tuning": (
        TUNING_ANSWERS,
        ("espeak:en-us", "festival:slt", "piper:joe", "festival:ked"),
    ),
    "synthetic_evaluation": (EVAL_ANSWERS, ("festival:kal", "festival:slt", "espeak:en-gb-x-rp")),
}
PIPER_VOICES: dict[int, NeuralVoice] = {}
LOST_RUN = 3  # consecutive deleted reference words that make a lost stretch
TARGET_LOAD = 4.0  # 1-minute load average the "load_4" latency run tops the machine up to
PAUSE = re.compile(r"\[(\d+(?:\.\d+)?)\]")
MARKED = re.compile(r"\{([^}]*)\}")


def spoken_text(text: str) -> str:
    return text.replace("{", "").replace("}", "")


def tokens(text: str) -> list[str]:
    words = [plain(t) for t in text.replace("-", " ").split()]
    return [w for w in words if w]


def reference_content(text: str) -> list[str]:
    """Reference words with pauses and `{fillers}` removed."""
    return tokens(MARKED.sub(" ", PAUSE.sub(" ", text)))


def reference_fillers(text: str) -> Counter[str]:
    kinds: Counter[str] = Counter()
    for marked in MARKED.findall(text):
        name = " ".join(plain(t) for t in marked.split())
        kinds["sound" if name in FILLER_FORMS else name] += 1
    return kinds


def found_fillers(transcript: Transcript) -> Counter[str]:
    return Counter(
        "sound" if f.text in FILLER_SOUNDS else f.text for f in find_fillers(transcript.words)
    )


def alignment_deletions(reference: list[str], hypothesis: list[str]) -> tuple[int, list[int]]:
    """Edit distance and the lengths of the runs of reference words the alignment deletes."""
    n, m = len(reference), len(hypothesis)
    cost = np.zeros((n + 1, m + 1), dtype=np.int32)
    cost[:, 0] = np.arange(n + 1)
    cost[0, :] = np.arange(m + 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost[i, j] = min(
                cost[i - 1, j] + 1,
                cost[i, j - 1] + 1,
                cost[i - 1, j - 1] + (reference[i - 1] != hypothesis[j - 1]),
            )
    runs, run, i, j = [], 0, n, m
    while i > 0 or j > 0:
        if i and j and cost[i, j] == cost[i - 1, j - 1] + (reference[i - 1] != hypothesis[j - 1]):
            i, j = i - 1, j - 1
            runs.append(run)
            run = 0
        elif i and cost[i, j] == cost[i - 1, j] + 1:
            i -= 1
            run += 1
        else:
            j -= 1
    runs.append(run)
    return int(cost[n, m]), [r for r in runs if r]


def festival_voice_installed(name: str) -> bool:
    """Whether Debian's festvox package for this voice is installed (scripts/setup.sh --test)."""
    return shutil.which("text2wave") is not None and any(
        Path("/usr/share/festival/voices").glob(f"*/{FESTIVAL_VOICE_DIRS[name]}")
    )


def piper_voice(rate: int) -> NeuralVoice:
    """The bundled Piper voice (Joe) at `rate` words per minute, loaded once per rate."""
    if rate not in PIPER_VOICES:
        PIPER_VOICES[rate] = NeuralVoice(installed_models()[0], VoiceSettings(rate=rate))
    return PIPER_VOICES[rate]


def speak(text: str, voice: str, rate: int, wav: Path) -> np.ndarray:
    engine, name = voice.split(":")
    if engine == "piper":
        return decode_audio(piper_voice(rate).synthesize(text, wav))
    if engine == "espeak":
        command = ["espeak-ng", "-v", name, "-s", str(rate), "-w", str(wav), text]
    else:
        wav.with_suffix(".txt").write_text(text)
        command = ["text2wave", "-eval", FESTIVAL_VOICES[name], str(wav.with_suffix(".txt"))]
        command += ["-o", str(wav)]
    subprocess.run(command, check=True, capture_output=True)
    return decode_audio(wav)


def synthesize(answer: Answer, voice: str, folder: Path) -> np.ndarray:
    """Speak each stretch between pauses and join them with real silence."""
    pieces = []
    for i, part in enumerate(PAUSE.split(answer.text)):
        if i % 2 == 1:
            pieces.append(np.zeros(int(float(part) * SAMPLE_RATE), dtype=np.float32))
        elif part.strip():
            wav = folder / f"{answer.name}-{voice.replace(':', '-')}-{i}.wav"
            pieces.append(speak(spoken_text(part), voice, answer.rate, wav))
    return np.concatenate(pieces)


def score(
    clips: list[tuple[str, str, np.ndarray]], transcriber: Transcriber, sounds_only: bool = False
) -> dict:
    """Figures for (name, reference text, samples) clips; see the module docstring.
    `sounds_only` scores filler sounds alone, for references that mark no worded fillers."""
    errors = reference_total = 0
    filler_matched = filler_reference = filler_found = 0
    stretches = words_lost = gaps = 0
    audio_s = transcribe_s = 0.0
    rows = []
    for name, reference_text, samples in clips:
        started = time.perf_counter()
        transcript = transcriber.transcribe(samples)
        transcribe_s += time.perf_counter() - started
        audio_s += len(samples) / SAMPLE_RATE
        reference = reference_content(reference_text)
        hypothesis = tokens(" ".join(w.text for w in content_words(transcript.words)))
        distance, runs = alignment_deletions(reference, hypothesis)
        lost = [r for r in runs if r >= LOST_RUN]
        errors += distance
        reference_total += len(reference)
        stretches += len(lost)
        words_lost += sum(lost)
        gaps += len(transcript.gaps)
        expected, found = reference_fillers(reference_text), found_fillers(transcript)
        if sounds_only:
            found = Counter({"sound": found["sound"]})
        filler_matched += sum(min(expected[k], found[k]) for k in expected)
        filler_reference += sum(expected.values())
        filler_found += sum(found.values())
        rows.append(
            {
                "clip": name,
                "wer": round(distance / len(reference), 3),
                "fillers_expected": dict(expected),
                "fillers_found": dict(found),
                "words_lost": sum(lost),
                "reference": reference_text,
                "transcript": transcript.text,
            }
        )
    return {
        "clips": len(clips),
        "audio_s": round(audio_s, 1),
        "wer": round(errors / reference_total, 4) if reference_total else None,
        "filler_recall": round(filler_matched / filler_reference, 3) if filler_reference else None,
        "filler_precision": round(filler_matched / filler_found, 3) if filler_found else None,
        "fillers_expected": filler_reference,
        "stretches_lost": stretches,
        "words_lost": words_lost,
        "inaudible_gaps": gaps,
        "real_time_factor": round(transcribe_s / audio_s, 3) if audio_s else None,
        "answers": rows,
    }


def streaming_latency(transcriber: Transcriber, samples: np.ndarray, reference: str) -> dict:
    """Feed `samples` in real time (100 ms blocks) and time finish() after the last block."""
    live = StreamingTranscriber(transcriber)
    live.start()
    block = SAMPLE_RATE // 10
    started = time.monotonic()
    for i, start in enumerate(range(0, len(samples), block)):
        live.feed(samples[start : start + block])
        time.sleep(max(0.0, started + (i + 1) * 0.1 - time.monotonic()))
    ended = time.monotonic()
    transcript = live.finish()
    latency = time.monotonic() - ended
    expected = reference_content(reference)
    distance, _ = alignment_deletions(
        expected, tokens(" ".join(w.text for w in content_words(transcript.words)))
    )
    return {
        "answer_s": round(len(samples) / SAMPLE_RATE, 1),
        "latency_s": round(latency, 3),
        "words": len(transcript.words),
        "wer": round(distance / len(expected), 4),
    }


def latency_runs(transcriber: Transcriber, samples: np.ndarray, silence_end_s: float) -> dict:
    with_silence = np.concatenate([samples, np.zeros(int(silence_end_s * SAMPLE_RATE))])
    return {
        "after_stop": streaming_latency(transcriber, samples, LONG_ANSWER.text),
        "after_silence_end": streaming_latency(
            transcriber, with_silence.astype(np.float32), LONG_ANSWER.text
        ),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true", help="include per-clip rows")
    parser.add_argument("--sets", help="comma-separated subset of the sets")
    parser.add_argument("--no-latency", action="store_true", help="skip the latency runs")
    parser.add_argument(
        "--no-filler-prompt",
        action="store_true",
        help="decode without asr.FILLER_PROMPT, to see whether the prompt still pays",
    )
    parser.add_argument("--filler-prompt", help="try another prompt in place of asr.FILLER_PROMPT")
    args = parser.parse_args()
    if shutil.which("espeak-ng") is None:
        raise SystemExit("espeak-ng is needed: scripts/setup.sh --test installs it")
    piper = bool(installed_models())

    if args.no_filler_prompt or args.filler_prompt:
        asr.FILLER_PROMPT = args.filler_prompt
    settings = Settings()
    load_started = time.perf_counter()
    transcriber = Transcriber.from_settings(settings)
    load_s = time.perf_counter() - load_started
    wanted = set(args.sets.split(",")) if args.sets else None
    sets: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, (answers, voices) in SYNTHETIC_SETS.items():
            if wanted and name not in wanted:
                continue
            usable = [
                v
                for v in voices
                if (not v.startswith("festival") or festival_voice_installed(v.split(":")[1]))
                and (piper or not v.startswith("piper"))
            ]
            clips = [
                (f"{a.name}@{v}", a.text, synthesize(a, v, folder)) for a in answers for v in usable
            ]
            sets[name] = {"voices": usable, **score(clips, transcriber)}
        real = {"real_tuning": REAL_TUNING, "real_evaluation": real_evaluation()}
        for name, recordings in real.items():
            if wanted and name not in wanted:
                continue
            present: list[Recording] = [r for r in recordings if r.path.exists()]
            if not present:
                sets[name] = {"skipped": "recordings absent"}
                continue
            clips = [(r.name, r.text, decode_audio(r.path)) for r in present]
            sounds_only = not all(r.worded_fillers_marked for r in present)
            sets[name] = {"fillers_scored": "sounds" if sounds_only else "all"}
            corrections = {r.name: r.correction for r in present if r.correction}
            if corrections:
                sets[name]["reference_corrections"] = corrections
            sets[name] |= score(clips, transcriber, sounds_only)
        for result in sets.values():
            if not args.details:
                result.pop("answers", None)
        streaming = {}
        if not args.no_latency:
            long_samples = synthesize(LONG_ANSWER, "espeak:en-us", folder)
            silence_end_s = settings.audio.silence_end_s
            streaming = {
                "load_1": latency_runs(transcriber, long_samples, silence_end_s),
                "load_4": with_load_at_least(
                    TARGET_LOAD, lambda: latency_runs(transcriber, long_samples, silence_end_s)
                ),
            }
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "benchmark": "speech",
                "model": settings.whisper.model,
                "model_load_s": round(load_s, 2),
                "filler_prompt": asr.FILLER_PROMPT,
                "sets": sets,
                "streaming": streaming,
                "peak_rss_mb": round(peak_rss_mb, 1),
                "cpu_count": os.cpu_count(),
                "targets": {
                    "stretches_lost": 0,
                    "wer_synthetic": 0.15,
                    "wer_real": 0.12,
                    "filler_recall": 0.9,
                    "filler_precision": 0.9,
                    "latency_s_load_4": 1.5,
                    "peak_rss_mb": 600,
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()

"""Speech pipeline benchmark: accuracy, speed, latency and memory on synthesized answers.

    .venv/bin/python -m benchmarks.bench_speech            # prints one JSON object
    .venv/bin/python -m benchmarks.bench_speech --voices en-us,en-gb-x-rp --rates 130,160,200

The answers are texts written for this benchmark (fillers, hedges, long pauses, slow and fast
speakers), spoken by espeak-ng and transcribed by the real pipeline (asr.Transcriber, delivery).
Markup in the texts: `{um}` is a filler in the ground truth (braces are dropped before speaking),
`[3]` is 3 s of silence. Targets (issue 3, this 2-core machine, tiny.en): WER <= 12 %, filler
recall and precision >= 0.85, wpm within 10 %, final-transcript latency <= 1.5 s after a 60 s answer
fed in real time, peak RSS <= 600 MB.

How each figure is computed:
- WER: word edit distance over the reference word count, after lower-casing, removing
  punctuation and folding filler spellings ("Umm" -> "um").
- Filler recall/precision: per answer, filler sounds (um/uh/er/hmm, any spelling: tiny.en often
  writes "hmm" as "um") and "like"/"you know" fillers are counted in the reference and in what
  delivery.find_fillers finds; matches are the smaller of the two counts per kind.
- wpm error: delivery's wpm against the reference's non-filler word count over the spoken time
  (first to last voiced 100 ms block), which is what wpm means.
- Latency: a 60 s answer is fed to StreamingTranscriber at real-time speed in 100 ms blocks;
  latency is the time finish() takes after the last block. "after_stop": the feed ends with the
  last word (the user presses Stop at once, the worst case); "after_silence_end": the feed goes on
  for settings.audio.silence_end_s of silence, which is how the app ends an answer by itself.
  Both depend on the machine's load: the JSON records the 1-minute load average.
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
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio
from mockinterview.core.settings import Settings
from mockinterview.core.speech.asr import StreamingTranscriber, Transcriber
from mockinterview.core.speech.capture import block_level_dbfs
from mockinterview.core.speech.delivery import FILLER_FORMS, analyze_delivery, find_fillers, plain

DEFAULT_VOICE = "en-us"  # measured best for tiny.en among en-us, en-us+m3, en-gb-x-rp, en


@dataclass(frozen=True)
class Answer:
    name: str
    rate: int  # espeak-ng words per minute
    text: str


ANSWERS = (
    Answer(
        "tell-me-about-yourself",
        150,
        "{Um,} so I'm a backend engineer with six years of experience. I started in payments, "
        "where I built the fraud checks for card transactions. [2.5] {Uh,} after that I moved to "
        "a data team and I think that's where I learned the most. Today I lead a group of four "
        "people and we own the search service.",
    ),
    Answer(
        "conflict-slow",
        115,
        "{Hmm,} there was a time when my manager wanted to ship a feature before it was tested. "
        "I was, {like,} really worried about it. [3] So I wrote down the risks, {you know,} and we "
        "agreed to release it to a small group of users first.",
    ),
    Answer(
        "failure-fast",
        195,
        "My biggest failure was a database migration that took the site down for an hour. {Um,} "
        "I had tested it on a copy that was much smaller than production. I guess the lesson "
        "was, {like,} to test with real sizes. Now we always rehearse migrations on a full "
        "snapshot, and we keep a rollback plan written down before we start.",
    ),
    Answer(
        "strengths-hedging",
        160,
        "I would say my main strength is maybe patience. I kind of like debugging hard problems, "
        "and I sort of enjoy teaching juniors how to read logs. {Uh,} I think people would "
        "describe me as calm. [2.2] {Um,} probably a bit too careful sometimes.",
    ),
    Answer(
        "why-this-company",
        170,
        "I like your product and I would like to work on tools that people use every day. "
        "{Uh,} your team writes about its engineering work in public, and that tells me you "
        "care about quality. {You know,} it looks like a place where I can grow.",
    ),
    Answer(
        "project-pauses",
        140,
        "The project I am proudest of is an offline sync engine for a mobile app. [2.5] {Hmm,} "
        "the hard part was resolving conflicts when two people edited the same record. [3] We "
        "used version vectors, and {um,} we wrote a simulator that replayed a week of real edits "
        "in a few minutes.",
    ),
    Answer(
        "teamwork-grammar-like",
        150,
        "I like working with people who ask questions early. Do you know why? Because it feels "
        "like a real team when everyone shares what they are stuck on. {Er,} on my last team we "
        "had a short call every morning, and {um,} it looked like a small thing, but it saved "
        "us days.",
    ),
    Answer(
        "weakness-fast-fillers",
        185,
        "{Uh,} my weakness is that I say yes to too many things. {Um,} last year I was on, "
        "{like,} four projects at once, and the quality of my reviews dropped. {Hmm,} now I "
        "keep a list of what I have promised, and I ask my manager to help me choose.",
    ),
    Answer(
        "question-for-them",
        135,
        "I would like to know how you measure success in the first six months. [2.4] {You know,} "
        "what would make you say that hiring me was a good decision? {Um,} and who would I "
        "work with most closely?",
    ),
)

# About 60 s of speech for the latency run: a long answer with a few natural breaks.
LONG_ANSWER = Answer(
    "long-answer-60s",
    155,
    "{Um,} let me walk you through the biggest project of my last job. We had a monolith that "
    "took forty minutes to build and deploy, and every team was waiting on every other team. "
    "[1] I proposed splitting the build by service, and I wrote a plan with three phases. "
    "{Uh,} in the first phase we measured where the time went, and it turned out that most of "
    "it was tests that nobody owned. [1] In the second phase we gave every test an owner and "
    "deleted the ones that were broken for more than a month. {Like,} hundreds of them. [1] In "
    "the third phase we moved each service to its own pipeline. By the end the average deploy "
    "took six minutes, and teams shipped twice as often. {You know,} the part I am most proud "
    "of is that we did it without stopping feature work. [1] If I did it again, I would talk "
    "to the teams earlier, because the first month was mostly convincing people.",
)

FILLER_SOUNDS = frozenset(FILLER_FORMS.values())
PAUSE = re.compile(r"\[(\d+(?:\.\d+)?)\]")


def spoken_text(text: str) -> str:
    return text.replace("{", "").replace("}", "")


def reference_fillers(text: str) -> Counter[str]:
    kinds: Counter[str] = Counter()
    for marked in re.findall(r"\{([^}]*)\}", text):
        name = " ".join(plain(t) for t in marked.split())
        kinds["sound" if name in FILLER_FORMS else name] += 1
    return kinds


def found_fillers(words) -> Counter[str]:
    return Counter("sound" if f.text in FILLER_SOUNDS else f.text for f in find_fillers(words))


def normalized_words(text: str) -> list[str]:
    words = [plain(t) for t in PAUSE.sub(" ", spoken_text(text)).replace("-", " ").split()]
    return [FILLER_FORMS.get(w, w) for w in words if w]


def edit_distance(reference: list[str], hypothesis: list[str]) -> int:
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, 1):
        current = [i]
        for j, hyp in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp)))
        previous = current
    return previous[-1]


def synthesize(answer: Answer, folder: Path, voice: str) -> np.ndarray:
    """Speak each stretch between pauses with espeak-ng and join them with real silence."""
    pieces = []
    for i, part in enumerate(PAUSE.split(answer.text)):
        if i % 2 == 1:
            pieces.append(np.zeros(int(float(part) * SAMPLE_RATE), dtype=np.float32))
            continue
        if not part.strip():
            continue
        wav = folder / f"{answer.name}-{i}.wav"
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(answer.rate), "-w", str(wav), spoken_text(part)],
            check=True,
            capture_output=True,
        )
        pieces.append(decode_audio(wav))
    return np.concatenate(pieces)


def score(answers, voice: str, transcriber: Transcriber, settings: Settings, folder: Path) -> dict:
    errors = reference_total = 0
    filler_matched = filler_reference = filler_found = 0
    wpm_errors = []
    audio_s = transcribe_s = 0.0
    rows = []
    for answer in answers:
        samples = synthesize(answer, folder, voice)
        started = time.perf_counter()
        transcript = transcriber.transcribe(samples)
        transcribe_s += time.perf_counter() - started
        audio_s += len(samples) / SAMPLE_RATE
        reference = normalized_words(answer.text)
        hypothesis = normalized_words(transcript.text)
        distance = edit_distance(reference, hypothesis)
        errors += distance
        reference_total += len(reference)
        expected, found = reference_fillers(answer.text), found_fillers(transcript.words)
        matched = sum(min(expected[k], found[k]) for k in expected)
        filler_matched += matched
        filler_reference += sum(expected.values())
        filler_found += sum(found.values())
        metrics = analyze_delivery(transcript.words, samples, settings.delivery)
        levels = [block_level_dbfs(samples[i : i + 1600]) for i in range(0, len(samples), 1600)]
        voiced = np.nonzero(np.array(levels) > settings.delivery.speech_level_dbfs)[0]
        spoken_s = (voiced[-1] - voiced[0] + 1) * 0.1 if len(voiced) else 0.0
        content_words = len(reference) - sum(len(k.split()) for k in expected.elements())
        true_wpm = content_words / spoken_s * 60 if spoken_s else 0.0
        wpm_error = abs((metrics.wpm or 0.0) - true_wpm) / true_wpm if true_wpm else 1.0
        wpm_errors.append(wpm_error)
        rows.append(
            {
                "answer": answer.name,
                "rate": answer.rate,
                "wer": round(distance / len(reference), 3),
                "fillers_expected": sum(expected.values()),
                "fillers_found": sum(found.values()),
                "wpm": metrics.wpm,
                "wpm_true": round(true_wpm, 1),
                "transcript": transcript.text,
            }
        )
    return {
        "voice": voice,
        "wer": round(errors / reference_total, 4),
        "filler_recall": round(filler_matched / filler_reference, 3) if filler_reference else None,
        "filler_precision": round(filler_matched / filler_found, 3) if filler_found else None,
        "wpm_error_max": round(max(wpm_errors), 3),
        "wpm_error_mean": round(float(np.mean(wpm_errors)), 3),
        "real_time_factor": round(transcribe_s / audio_s, 3),
        "audio_s": round(audio_s, 1),
        "answers": rows,
    }


def streaming_latency(transcriber: Transcriber, samples: np.ndarray) -> dict:
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
    return {
        "answer_s": round(len(samples) / SAMPLE_RATE, 1),
        "latency_s": round(latency, 3),
        "words": len(transcript.words),
        "wer": round(
            edit_distance(normalized_words(LONG_ANSWER.text), normalized_words(transcript.text))
            / len(normalized_words(LONG_ANSWER.text)),
            4,
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--voices", default=DEFAULT_VOICE, help="espeak-ng voices, comma separated")
    parser.add_argument("--rates", help="override every answer's rate, e.g. 130,160,200")
    parser.add_argument("--details", action="store_true", help="include per-answer rows")
    args = parser.parse_args()
    if shutil.which("espeak-ng") is None:
        raise SystemExit("espeak-ng is needed: scripts/setup.sh --test installs it")

    settings = Settings()
    load_started = time.perf_counter()
    transcriber = Transcriber.from_settings(settings)
    load_s = time.perf_counter() - load_started
    rates = [int(r) for r in args.rates.split(",")] if args.rates else [None]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for voice in args.voices.split(","):
            for rate in rates:
                answers = [Answer(a.name, rate or a.rate, a.text) for a in ANSWERS]
                result = score(answers, voice, transcriber, settings, folder)
                result["rate"] = rate or "per answer"
                if not args.details:
                    result.pop("answers")
                results.append(result)
        long_samples = synthesize(LONG_ANSWER, folder, args.voices.split(",")[0])
        latency = {
            "after_stop": streaming_latency(transcriber, long_samples),
            "after_silence_end": streaming_latency(
                transcriber,
                np.concatenate(
                    [long_samples, np.zeros(int(settings.audio.silence_end_s * SAMPLE_RATE))]
                ).astype(np.float32),
            ),
        }
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "benchmark": "speech",
                "model": settings.whisper.model,
                "model_load_s": round(load_s, 2),
                "accuracy": results,
                "streaming": latency,
                "peak_rss_mb": round(peak_rss_mb, 1),
                "cpu_count": os.cpu_count(),
                "load_average_1min": round(os.getloadavg()[0], 2),
                "targets": {
                    "wer": 0.12,
                    "filler_recall": 0.85,
                    "filler_precision": 0.85,
                    "wpm_error": 0.10,
                    "latency_s": 1.5,
                    "peak_rss_mb": 600,
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()

"""Speech pipeline benchmark: per set of clips, how much of what was said the transcript keeps.

    .venv/bin/python -m benchmarks.bench_speech            # prints one JSON object
    .venv/bin/python -m benchmarks.bench_speech --details  # with every clip's transcript and
                                                           # its reference
    .venv/bin/python -m benchmarks.bench_speech --sets synthetic_evaluation_2 --no-latency

Sets (benchmarks/speech_sets.py says which are for tuning and which only for evaluation):
synthetic_tuning, synthetic_evaluation (espeak-ng and festival voices), synthetic_evaluation_2
(held-out texts of session 9 in espeak-ng variants no other set uses),
synthetic_evaluation_2_known_voices (the same texts in the first evaluation set's festival
voices; both set-2 sets are tuning data since session 10), synthetic_evaluation_3 (held-out
texts of session 10 in flite and espeak-ng voices no other set uses), real_tuning (clips in
tests/data/speech), real_evaluation (../shared/evaluation/speech; skipped when absent). Each
clip goes through asr.Transcriber.transcribe, the path of `analyze`, reviews and re-analysis.
Synthetic sets also print their figures per voice ("per_voice").

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
- Audible labels (synthetic sets; `render`): a worded filler whose stretch the voice renders
  byte-identical with and without the comma that marks its break is not a filler in the audio,
  so it is scored as a plain word. wer, filler_recall and filler_precision (the headline, and
  the figures make bench checks) use these labels; wer_as_written, filler_recall_as_written,
  filler_precision_as_written and fillers_expected_as_written use the references as the sets
  write them; labels_made_plain counts the labels that differ (per clip with --details).
  Real recordings keep their references: both versions are the same there.
- stretches_lost / words_lost: runs of >= 3 consecutive reference words that the alignment
  deletes (a skipped sentence, not a misheard word); inaudible_gaps: "[inaudible]" gaps shown.
- long_pauses: the silences of 2 s or more said between two words (the report's "long
  pauses"; synthetic sets: runs of 10 ms frames under RENDER_SILENCE_DBFS in the clean render;
  real_evaluation: gaps between the reference's word times) against delivery.find_pauses on
  the transcript: said, found, recall and precision by overlap, and length_error_s, the mean
  difference in length of each pause found from the one said.
- words_inserted: transcript words (fillers excluded) the alignment matches to no reference word:
  words invented, e.g. in a pause.
- "live" in each set: the same figures for the transcript the app stores for an answer given
  live (`live_transcript`: StreamingTranscriber decoding VAD chunks in the app's chunk process
  while the person speaks, and regrouping them, then finish() after Stop), where the set's own
  figures are whole-file transcription.
  The audio is fed on a speaker's clock without waiting for it, each decoding counted at the
  time it took, so the chunks are those a real-time feed cuts on this machine at its load (they
  depend on that: a busy worker cuts longer chunks). "live" ends the answer with Stop at its
  last word; "live_silence_end" lets it end as the app does by default, after
  settings.audio.silence_end_s of silence. A decoding still running at the end is given up, as
  the app gives it up. `--no-live` skips both.
- Latency: a 60 s answer is fed to StreamingTranscriber at real-time speed in 100 ms blocks;
  latency is the time finish() takes after the last block, "after_stop" (the feed ends with the
  last word: Stop pressed at once, the worst case), "after_stop_1s" (1 s of silence after the last
  word, then Stop: a person pressing Space once they have finished, whose last sentence the
  worker may still be decoding) and "after_silence_end" (the feed goes on for
  settings.audio.silence_end_s of silence). Beside it, where it went: "waited_for_worker_s" (the
  chunk the worker was still decoding at Stop), "audio_left_s" and "decoding_left_s" (what was
  left after the worker's last cut, decoded after it). It is measured twice in one run: as the
  machine is ("load_1" on an idle machine), and with busy processes added until the 1-minute load
  average is about 4 ("load_4"; none are added when other work already loads the machine more).
  The JSON records the load average after each run: read the figures at the load they were
  taken at.
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
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.machine_load import with_load_at_least
from benchmarks.speech_sets import (
    EVAL2_ANSWERS,
    EVAL2_KNOWN_VOICES,
    EVAL2_VOICES,
    EVAL3_ANSWERS,
    EVAL3_VOICES,
    EVAL_ANSWERS,
    LONG_ANSWER,
    PAUSE_MIN_S,
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
from mockinterview.core.speech.chunk_process import Abandoned, ChunkProcess
from mockinterview.core.speech.delivery import (
    FILLER_FORMS,
    Pause,
    content_words,
    find_fillers,
    find_pauses,
    plain,
)
from mockinterview.core.speech.neural_voice import NeuralVoice, installed_models
from mockinterview.core.speech.room import FRAME_S, frame_levels_dbfs
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
    "synthetic_evaluation_2": (EVAL2_ANSWERS, EVAL2_VOICES),
    "synthetic_evaluation_2_known_voices": (EVAL2_ANSWERS, EVAL2_KNOWN_VOICES),
    "synthetic_evaluation_3": (EVAL3_ANSWERS, EVAL3_VOICES),
}
PIPER_VOICES: dict[int, NeuralVoice] = {}
LOST_RUN = 3  # consecutive deleted reference words that make a lost stretch
# dBFS under which a 10 ms frame of a clean synthetic render is silence (rendered_pauses): the
# voices' words sit at -15 to -30 dBFS, the festival voices' soft tails at -45 to -60
RENDER_SILENCE_DBFS = -45.0
PROCESS_START_S = 3.0  # a question being asked: the app starts the chunk process meanwhile
TARGET_LOAD = 4.0  # 1-minute load average the "load_4" latency run tops the machine up to
PAUSE = re.compile(r"\[(\d+(?:\.\d+)?)\]")
MARKED = re.compile(r"\{([^}]*)\}")
# Worded fillers that a break before them sets apart as well as one after (tests/data/README.md,
# "Filler labels"): for these `unbroken` also takes away a comma just before the filler.
BREAK_BEFORE_COUNTS = frozenset({"like"})


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


def alignment_errors(reference: list[str], hypothesis: list[str]) -> tuple[int, list[int], int]:
    """Edit distance, the lengths of the runs of reference words the alignment deletes, and the
    number of hypothesis words it inserts (words with no reference word: invented)."""
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
    runs, run, inserted, i, j = [], 0, 0, n, m
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
            inserted += 1
    runs.append(run)
    return int(cost[n, m]), [r for r in runs if r], inserted


def festival_voice_installed(name: str) -> bool:
    """Whether Debian's festvox package for this voice is installed (scripts/setup.sh --test)."""
    return shutil.which("text2wave") is not None and any(
        Path("/usr/share/festival/voices").glob(f"*/{FESTIVAL_VOICE_DIRS[name]}")
    )


def voice_usable(voice: str, piper: bool) -> bool:
    """Whether `voice` ("engine:name") can speak here: festival needs its voice's package,
    flite its binary (scripts/setup.sh --test installs both), piper a bundled model."""
    engine, name = voice.split(":")
    if engine == "festival":
        return festival_voice_installed(name)
    if engine == "flite":
        return shutil.which("flite") is not None
    return piper or engine != "piper"


def piper_voice(rate: int) -> NeuralVoice:
    """The bundled Piper voice (Joe) at `rate` words per minute, loaded once per rate; steady
    (without Piper's random noise) since session 30, so its clips are the same on every run."""
    if rate not in PIPER_VOICES:
        PIPER_VOICES[rate] = NeuralVoice(
            installed_models()[0], VoiceSettings(rate=rate), steady=True
        )
    return PIPER_VOICES[rate]


def speak(text: str, voice: str, rate: int, wav: Path) -> np.ndarray:
    engine, name = voice.split(":")
    if engine == "piper":
        return decode_audio(piper_voice(rate).synthesize(text, wav))
    if engine == "espeak":
        command = ["espeak-ng", "-v", name, "-s", str(rate), "-w", str(wav), text]
    elif engine == "flite":  # speaks at its own rate, like festival
        command = ["flite", "-voice", name, "-t", text, "-o", str(wav)]
    else:
        wav.with_suffix(".txt").write_text(text)
        command = ["text2wave", "-eval", FESTIVAL_VOICES[name], str(wav.with_suffix(".txt"))]
        command += ["-o", str(wav)]
    subprocess.run(command, check=True, capture_output=True)
    return decode_audio(wav)


@dataclass(frozen=True)
class Clip:
    """A clip to transcribe and the references it is scored against."""

    name: str
    samples: np.ndarray
    reference: str  # audible labels (see `render`); the headline figures use it
    as_written: str  # the reference as the set writes it
    made_plain: tuple[str, ...] = ()  # `{filler}` labels `reference` holds as plain words
    pauses: tuple[tuple[float, float], ...] | None = None  # the long pauses said (None: unknown)


def unbroken(part: str, filler: re.Match[str]) -> str | None:
    """`part` with the punctuation that marks the worded filler `filler` as set apart taken
    away (`{So,} I` -> `{So} I`; for "like", whose break may come before it, also a comma just
    before it: `was, {like,} four` -> `was {like} four`), or None where no such mark can be taken
    away: a filler sound (a filler by its sound, whatever the break), a "like" opening a
    sentence or a stretch (the break before it is the sentence's own, which stays), a filler
    with no mark."""
    word = filler.group(1).rstrip(",;:.!?- ")
    if " ".join(plain(t) for t in word.split()) in FILLER_FORMS:
        return None
    before = part[: filler.start()]
    if plain(word) in BREAK_BEFORE_COUNTS:
        if not before.strip() or before.rstrip().endswith((".", "?", "!", ";", ":")):
            return None
        before = re.sub(r",(\s*)$", r"\1", before)
    unmarked = f"{before}{{{word}}}{part[filler.end() :]}"
    return None if unmarked == part else unmarked


def audible_labels(part: str, said: Path, voice: str, rate: int) -> tuple[str, list[str]]:
    """`part` (said by `voice` into the WAV `said`) with each worded filler that the voice says
    byte-identical without its break written as a plain word, and those fillers."""
    labelled, made_plain, last = [], [], 0
    for n, filler in enumerate(MARKED.finditer(part)):
        unmarked = unbroken(part, filler)
        if unmarked is None:
            continue
        without = said.with_name(f"{said.stem}-unbroken-{n}.wav")
        speak(spoken_text(unmarked), voice, rate, without)
        if without.read_bytes() == said.read_bytes():
            labelled += [part[last : filler.start()], filler.group(1)]
            made_plain.append(filler.group(1))
            last = filler.end()
    return "".join([*labelled, part[last:]]), made_plain


def render(answer: Answer, voice: str, folder: Path) -> Clip:
    """Speak each stretch between pauses, join them with real silence, and label the fillers as
    the audio holds them.

    A worded filler ("so", "like", "you know", "I mean") is a filler only by the break that sets
    it apart (tests/data/README.md, "Filler labels"); the reference marks the break with a comma
    and the voice is meant to say it. Festival often does not: slt and ked render "So, I made a
    list" byte-identical to "So I made a list", the connective. Such a label describes nothing in
    the audio; no listener and no model could hear a filler there. So each worded filler's
    stretch is rendered again, by the same voice, with the punctuation that marks it taken away
    (`unbroken`); where the two renders are byte-identical, the label becomes a plain word (still
    a word for WER). This is decided from the reference text and the synthesizer alone, never
    from a transcript. A voice whose renders differ from one render to the next (Piper samples
    noise) never shows identity, so its labels stay as written. The benchmark prints the figures
    against the labels as written beside these."""
    pieces, parts, made_plain = [], PAUSE.split(answer.text), []
    for i, part in enumerate(parts):
        if i % 2 == 1:
            pieces.append(np.zeros(int(float(part) * SAMPLE_RATE), dtype=np.float32))
            parts[i] = f"[{part}]"
        elif part.strip():
            said = folder / f"{answer.name}-{voice.replace(':', '-')}-{i}.wav"
            pieces.append(speak(spoken_text(part), voice, answer.rate, said))
            parts[i], plain_here = audible_labels(part, said, voice, answer.rate)
            made_plain += plain_here
    samples = np.concatenate(pieces)
    return Clip(
        f"{answer.name}@{voice}",
        samples,
        "".join(parts),
        answer.text,
        tuple(made_plain),
        rendered_pauses(samples),
    )


def rendered_pauses(samples: np.ndarray) -> tuple[tuple[float, float], ...]:
    """The long pauses of a clean render: runs of PAUSE_MIN_S or more of 10 ms frames under
    RENDER_SILENCE_DBFS between two sounds. The synthesizers speak at -15 to -30 dBFS and leave
    digital silence between stretches, so this is what was said, whatever the transcript."""
    quiet = frame_levels_dbfs(samples) < RENDER_SILENCE_DBFS
    pauses, start = [], None
    for k in range(1, len(quiet)):
        if quiet[k] and not quiet[k - 1]:
            start = k
        elif not quiet[k] and quiet[k - 1] and start is not None:
            if (k - start) * FRAME_S >= PAUSE_MIN_S:
                pauses.append((round(start * FRAME_S, 2), round(k * FRAME_S, 2)))
            start = None
    return tuple(pauses)


def pause_counts(found: list[Pause], said: tuple[tuple[float, float], ...]) -> Counter[str]:
    """Long pauses said and found (by overlap), and how far off the found ones' lengths are."""

    def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
        return min(a[1], b[1]) > max(a[0], b[0])

    spans = [(p.start, p.end) for p in found]
    counts: Counter[str] = Counter(
        pauses_said=len(said),
        pauses_found=len(spans),
        pauses_found_true=sum(any(overlap(f, t) for t in said) for f in spans),
    )
    for true in said:
        lengths = [f[1] - f[0] for f in spans if overlap(f, true)]
        if lengths:
            counts["pauses_matched"] += 1
            counts["pause_error_ms"] += round(1000 * abs(max(lengths) - (true[1] - true[0])))
    return counts


def ratio(part: float, whole: float, digits: int = 3) -> float | None:
    return round(part / whole, digits) if whole else None


def compared(labels: str, hypothesis: list[str], found: Counter[str]) -> Counter[str]:
    """One clip's counts against one reference: word errors and words, deleted words in lost
    stretches, fillers expected, found and matched (the smaller of the two counts per kind)."""
    reference = reference_content(labels)
    distance, runs, inserted = alignment_errors(reference, hypothesis)
    expected = reference_fillers(labels)
    lost = [r for r in runs if r >= LOST_RUN]
    return Counter(
        errors=distance,
        words=len(reference),
        stretches=len(lost),
        words_lost=sum(lost),
        inserted=inserted,
        expected=sum(expected.values()),
        found=sum(found.values()),
        matched=sum(min(expected[k], found[k]) for k in expected),
    )


def totals(audible: Counter[str], written: Counter[str]) -> dict:
    """WER, filler recall and precision and lost words from summed counts (see `compared`)."""
    return {
        "wer": ratio(audible["errors"], audible["words"], 4),
        "filler_recall": ratio(audible["matched"], audible["expected"]),
        "filler_precision": ratio(audible["matched"], audible["found"]),
        "fillers_expected": audible["expected"],
        "fillers_found": audible["found"],
        "wer_as_written": ratio(written["errors"], written["words"], 4),
        "filler_recall_as_written": ratio(written["matched"], written["expected"]),
        "filler_precision_as_written": ratio(written["matched"], written["found"]),
        "fillers_expected_as_written": written["expected"],
        "stretches_lost": audible["stretches"],
        "words_lost": audible["words_lost"],
        "words_inserted": audible["inserted"],
    }


def score(
    clips: list[Clip], transcribe: Callable[[np.ndarray], Transcript], sounds_only: bool = False
) -> dict:
    """Figures for `clips` as `transcribe` writes them, against their audible labels and
    (`*_as_written`) against their references as written; see the module docstring.
    `sounds_only` scores filler sounds alone, for references that mark no worded fillers. Clips
    named `answer@voice` are also summed per voice ("per_voice")."""
    audible: Counter[str] = Counter()
    written: Counter[str] = Counter()
    by_voice: dict[str, tuple[Counter[str], Counter[str]]] = {}
    gaps = 0
    audio_s = transcribe_s = 0.0
    rows = []
    pauses: Counter[str] = Counter()
    for clip in clips:
        started = time.perf_counter()
        transcript = transcribe(clip.samples)
        transcribe_s += time.perf_counter() - started
        audio_s += len(clip.samples) / SAMPLE_RATE
        hypothesis = tokens(" ".join(w.text for w in content_words(transcript.words)))
        found = found_fillers(transcript)
        if sounds_only:
            found = Counter({"sound": found["sound"]})
        gaps += len(transcript.gaps)
        if clip.pauses is not None:
            pauses += pause_counts(find_pauses(transcript.words, PAUSE_MIN_S), clip.pauses)
        here = compared(clip.reference, hypothesis, found)
        there = compared(clip.as_written, hypothesis, found)
        audible += here
        written += there
        if "@" in clip.name:
            voice = by_voice.setdefault(clip.name.split("@")[1], (Counter(), Counter()))
            voice[0].update(here)
            voice[1].update(there)
        rows.append(
            {
                "clip": clip.name,
                "wer": ratio(here["errors"], here["words"]),
                "fillers_expected": dict(reference_fillers(clip.reference)),
                "fillers_found": dict(found),
                "labels_made_plain": list(clip.made_plain),
                "words_lost": here["words_lost"],
                "words_inserted": here["inserted"],
                "reference": clip.reference,
                "transcript": transcript.text,
            }
        )
    result = {
        "clips": len(clips),
        "audio_s": round(audio_s, 1),
        **totals(audible, written),
        "labels_made_plain": sum(len(clip.made_plain) for clip in clips),
        "inaudible_gaps": gaps,
        "real_time_factor": ratio(transcribe_s, audio_s),
    }
    if any(clip.pauses is not None for clip in clips):
        result["long_pauses"] = {
            "said": pauses["pauses_said"],
            "found": pauses["pauses_found"],
            "recall": ratio(pauses["pauses_matched"], pauses["pauses_said"]),
            "precision": ratio(pauses["pauses_found_true"], pauses["pauses_found"]),
            "length_error_s": ratio(pauses["pause_error_ms"] / 1000, pauses["pauses_matched"]),
        }
    if by_voice:
        result["per_voice"] = {name: totals(*counts) for name, counts in by_voice.items()}
    return result | {"answers": rows}


def followed_by_silence(samples: np.ndarray, seconds: float) -> np.ndarray:
    """`samples` and then `seconds` of digital silence: the person has stopped speaking."""
    return np.concatenate([samples, np.zeros(int(seconds * SAMPLE_RATE), np.float32)])


def question_asked(process: ChunkProcess) -> None:
    """As the app does while a question is asked: start the chunk process (anew, when one was
    given up at the end of the last answer) and let it load its model meanwhile."""
    process.start()
    time.sleep(PROCESS_START_S)


def live_transcript(
    transcriber: Transcriber,
    samples: np.ndarray,
    decoding_counts: bool = True,
    process: ChunkProcess | None = None,
    then_silence_s: float = 0.0,
) -> Transcript:
    """What the app stores for an answer spoken as `samples`: StreamingTranscriber fed in 100 ms
    blocks (the recorder's), its worker's look taken every `poll_s`, then finish(). With the
    app's `process`, the chunks are decoded there and regrouped as the app's are. The answer
    ends with Stop at its last sample, or, with `then_silence_s`, after that much silence (the
    app ends an answer after settings.audio.silence_end_s of it).

    The chunks depend on the pacing: a look cuts at the last stretch of speech that silence has
    closed in the audio that has arrived, so a worker that was busy decoding meets more audio at
    its next look and cuts a longer chunk (on the synthetic tuning set, a loaded machine cut
    "conflict-slow" in 3 chunks where an idle worker cut 6). So the clock here is a speaker's:
    each look sees the audio said by then, and a decoding moves the clock on by the time it
    took, as it does live; only the waits for audio are left out. A decoding in the process
    still running when the clock reaches the answer's end is given up there, as the app gives
    it up at the end of an answer. The figure is this machine's at its load, like a real-time
    feed, in the time the decoding takes. `decoding_counts=False` counts each decoding as
    instant: the chunks of a worker that keeps up, the same on any machine (what a test
    needs)."""
    samples = followed_by_silence(samples, then_silence_s)
    end_s = len(samples) / SAMPLE_RATE
    live = StreamingTranscriber(transcriber, process=process)
    block = SAMPLE_RATE // 10
    fed, clock_s = 0, 0.0
    abandoned = False
    while fed < len(samples) and clock_s < end_s:
        clock_s += live.poll_s
        while fed < len(samples) and fed + block <= clock_s * SAMPLE_RATE + 1:
            live.feed(samples[fed : fed + block])
            fed += block
        ending = None
        if decoding_counts and process is not None:
            ending = threading.Timer(max(end_s - clock_s, 0.0), process.give_up)
            ending.start()
        started = time.perf_counter()
        try:
            changed = live.step()
        except Abandoned:  # the answer ended while it was decoded: finish() decodes it
            abandoned = True
            break
        finally:
            if ending is not None:
                ending.cancel()
        if changed and decoding_counts:
            clock_s += time.perf_counter() - started
    live.feed(samples[fed:])  # said while the last decoding ran
    transcript = live.finish()
    if abandoned and process is not None:
        question_asked(process)  # before the next answer
    return transcript


def streaming_latency(
    transcriber: Transcriber, process: ChunkProcess, samples: np.ndarray, reference: str
) -> dict:
    """Feed `samples` in real time (100 ms blocks) and time finish() after the last block. The
    worker's chunks are decoded in `process`, as the app's live answers are."""
    live = StreamingTranscriber(transcriber, process=process)
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
    distance, _, _ = alignment_errors(
        expected, tokens(" ".join(w.text for w in content_words(transcript.words)))
    )
    timing = live.finish_timing
    assert timing is not None
    return {
        "answer_s": round(len(samples) / SAMPLE_RATE, 1),
        "latency_s": round(latency, 3),
        "waited_for_worker_s": timing.waited_s,
        "audio_left_s": timing.left_s,
        "decoding_left_s": timing.decode_s,
        "gave_up_chunk_in_flight": timing.gave_up,
        "words": len(transcript.words),
        "wer": round(distance / len(expected), 4),
    }


def latency_runs(
    transcriber: Transcriber, process: ChunkProcess, samples: np.ndarray, silence_end_s: float
) -> dict:
    def run(answer: np.ndarray) -> dict:
        question_asked(process)
        return streaming_latency(transcriber, process, answer, LONG_ANSWER.text)

    return {
        "after_stop": run(samples),
        "after_stop_1s": run(followed_by_silence(samples, 1.0)),
        "after_silence_end": run(followed_by_silence(samples, silence_end_s)),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true", help="include per-clip rows")
    parser.add_argument("--sets", help="comma-separated subset of the sets")
    parser.add_argument("--no-latency", action="store_true", help="skip the latency runs")
    parser.add_argument(
        "--no-live", action="store_true", help="skip the live path's figures (each set's 'live')"
    )
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

    live_process = ChunkProcess(settings)  # the app's live answers decode their chunks there

    def live(samples: np.ndarray) -> Transcript:
        return live_transcript(transcriber, samples, process=live_process)

    def live_silence_end(samples: np.ndarray) -> Transcript:
        return live_transcript(
            transcriber, samples, process=live_process, then_silence_s=settings.audio.silence_end_s
        )

    def both_lives(clips: list[Clip], sounds_only: bool = False) -> dict:
        return {
            "live": score(clips, live, sounds_only),
            "live_silence_end": score(clips, live_silence_end, sounds_only),
        }

    wanted = set(args.sets.split(",")) if args.sets else None
    sets: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, (answers, voices) in SYNTHETIC_SETS.items():
            if wanted and name not in wanted:
                continue
            usable = [v for v in voices if voice_usable(v, piper)]
            clips = [render(a, v, folder) for a in answers for v in usable]
            sets[name] = {"voices": usable, **score(clips, transcriber.transcribe)}
            if not args.no_live:
                sets[name] |= both_lives(clips)
        real = {"real_tuning": REAL_TUNING, "real_evaluation": real_evaluation()}
        for name, recordings in real.items():
            if wanted and name not in wanted:
                continue
            present: list[Recording] = [r for r in recordings if r.path.exists()]
            if not present:
                sets[name] = {"skipped": "recordings absent"}
                continue
            clips = [
                Clip(r.name, decode_audio(r.path), r.text, r.text, pauses=r.pauses) for r in present
            ]
            sounds_only = not all(r.worded_fillers_marked for r in present)
            sets[name] = {"fillers_scored": "sounds" if sounds_only else "all"}
            corrections = {r.name: r.correction for r in present if r.correction}
            if corrections:
                sets[name]["reference_corrections"] = corrections
            sets[name] |= score(clips, transcriber.transcribe, sounds_only)
            if not args.no_live:
                sets[name] |= both_lives(clips, sounds_only)
        for result in sets.values():
            if not args.details:
                result.pop("answers", None)
                for live_result in ("live", "live_silence_end"):
                    result.get(live_result, {}).pop("answers", None)
        streaming = {}
        if not args.no_latency:
            long_samples = render(LONG_ANSWER, "espeak:en-us", folder).samples
            silence_end_s = settings.audio.silence_end_s
            process = ChunkProcess(settings)
            try:
                streaming = {
                    "load_1": latency_runs(transcriber, process, long_samples, silence_end_s),
                    "load_4": with_load_at_least(
                        TARGET_LOAD,
                        lambda: latency_runs(transcriber, process, long_samples, silence_end_s),
                    ),
                }
            finally:
                process.close()
    live_process.close()
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

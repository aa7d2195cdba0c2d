"""Which stretches of speech a transcript's words account for, judged by voice activity detection.

Whisper can return a transcript that silently skips most of an answer (issue 11: a 31 s answer
came back as its first and last sentences) while every word it did write looks confident. The only
outside witness is the audio itself: silero VAD (bundled with faster-whisper) says where someone
spoke, and a voiced stretch that no word lies near was lost. These pure functions find such
stretches, and voice inside one word beyond what a word holds (`overheld`: Whisper can stretch a
word's time over the words it skipped), and cut the voiced audio into chunks that can be decoded
one by one.

Whisper also drops an answer's last words on their own (set 2, en-029: "they knew why", 0.65 s of
voice, missing with no gap shown): what that leaves after the last word is under LOST_STRETCH_S
once the word margin is taken off, so the voiced tail after the last word (`lost_tail`) is judged
with the lower TAIL_LOST_S.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mockinterview.core.audio_file import SAMPLE_RATE
from mockinterview.core.speech.delivery import is_filler_sound
from mockinterview.core.speech.transcript import Word

Span = tuple[float, float]  # (start, end) in seconds

VAD_MIN_SILENCE_MS = 300  # a breath between sentences splits spans (same as the live stream)
VAD_PAD_MS = 100  # ms of context kept around each span
VAD_MAX_SPAN_S = 15.0  # longer run-on speech is split so every chunk fits one Whisper window
WORD_MARGIN_S = 0.3  # s around a word that still counts as covered (Whisper's word times drift)
LOST_STRETCH_S = 1.0  # s of voiced audio with no word near: about 2-3 words, never a lone "uh"
TAIL_LOST_S = 0.4  # s of the same after the last word: the answer's end, where a retry looks from
# s of voice one word holds at most; more is speech Whisper skipped and stretched the word over
# (`overheld`). Tuning sets, whole-file, 4,900 words: at most 1.15 s (a drawn-out "and,"), then
# 1.06 s and under 0.93 s; the bound keeps a third more than that.
WORD_VOICE_MAX_S = 1.5
CHUNK_MAX_S = 12.0  # s per chunk when decoding chunk by chunk: short enough that nothing is skipped
# What Whisper is given of the audio: faster-whisper's own VAD filter with its default VadOptions
# (the options every figure of the speech benchmark was taken with) drops silences of at least
# 2 s and keeps 0.4 s of audio on either side of speech.
WHISPER_MIN_SILENCE_S = 2.0
WHISPER_SPEECH_PAD_S = 0.4


def speech_spans(samples: np.ndarray, sample_rate: int = SAMPLE_RATE) -> list[Span]:
    """Where VAD hears speech, in seconds."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    if len(samples) < sample_rate // 10:
        return []
    options = VadOptions(
        min_silence_duration_ms=VAD_MIN_SILENCE_MS,
        speech_pad_ms=VAD_PAD_MS,
        max_speech_duration_s=VAD_MAX_SPAN_S,
    )
    return [
        (float(s["start"]) / sample_rate, float(s["end"]) / sample_rate)
        for s in get_speech_timestamps(np.asarray(samples, dtype=np.float32), options, sample_rate)
    ]


def spans_within(spans: Sequence[Span], start_s: float, end_s: float) -> list[Span]:
    """The parts of `spans` between `start_s` and `end_s`, in seconds from `start_s`: what VAD
    heard in one window of the audio, without running it on that window again."""
    return [
        (max(a, start_s) - start_s, min(b, end_s) - start_s)
        for a, b in spans
        if b > start_s and a < end_s
    ]


def whisper_clips(spans: Sequence[Span], duration_s: float, pad_s: float = 0.0) -> list[Span]:
    """The stretches of the audio Whisper is given, from `spans` (speech_spans of audio
    `duration_s` long with `pad_s` of silence added on both sides, in seconds of the unpadded
    audio; a span cut by spans_within at 0.0 or `duration_s` has no padding of its own there).

    faster-whisper's `vad_filter` runs the same VAD model again with other options and keeps
    the speech with WHISPER_SPEECH_PAD_S around it, joining stretches less than
    WHISPER_MIN_SILENCE_S apart; speech that less than that much silence follows before the
    end of the padded audio is kept to that end (the VAD never saw it close). The same cut is
    made from `spans`, whose own VAD_PAD_MS of padding is counted in each figure.
    """
    pad = VAD_PAD_MS / 1000  # the spans' own padding, but where a window's edge cut them
    voiced = [(a + pad if a != 0.0 else a, b - pad if b != duration_s else b) for a, b in spans]
    joined: list[Span] = []
    for start, end in voiced:
        if joined and start - joined[-1][1] < WHISPER_MIN_SILENCE_S:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    clips = [
        (max(a - WHISPER_SPEECH_PAD_S, -pad_s), min(b + WHISPER_SPEECH_PAD_S, duration_s + pad_s))
        for a, b in joined
    ]
    if clips and duration_s + pad_s - joined[-1][1] < WHISPER_MIN_SILENCE_S:
        clips[-1] = (clips[-1][0], duration_s + pad_s)
    return clips


def lost_stretches(
    spans: Sequence[Span], words: Sequence[Word], min_s: float = LOST_STRETCH_S
) -> list[Span]:
    """Parts of `spans` at least `min_s` long that no word (widened by WORD_MARGIN_S) overlaps."""
    covered = sorted((w.start - WORD_MARGIN_S, w.end + WORD_MARGIN_S) for w in words)
    lost: list[Span] = []
    for start, end in spans:
        cursor = start
        for a, b in covered:
            if b <= cursor:
                continue
            if a >= end:
                break
            if a - cursor >= min_s:
                lost.append((cursor, a))
            cursor = max(cursor, b)
        if end - cursor >= min_s:
            lost.append((cursor, end))
    return lost


def overheld(
    spans: Sequence[Span], words: Sequence[Word], max_s: float = WORD_VOICE_MAX_S
) -> list[Span]:
    """The voiced parts of `spans` inside a word after the first `max_s` of voice it holds:
    speech Whisper skipped and stretched a word's time over. No coverage rule sees that, since
    the stretched word covers it (set 3's lost stretch, tests/data/README.md session 19). Filler
    sounds are left out: a drawn-out "ummm" is one word."""
    excess: list[Span] = []
    for w in words:
        if is_filler_sound(w.text):
            continue
        held = 0.0
        for a, b in spans:
            start, end = max(a, w.start), min(b, w.end)
            if end <= start:
                continue
            if held + (end - start) > max_s:
                excess.append((max(start, start + max_s - held), end))
            held += end - start
    return excess


def skipped(
    spans: Sequence[Span], words: Sequence[Word], min_s: float = LOST_STRETCH_S
) -> list[Span]:
    """The speech of `spans` that `words` skipped, in time order: wordless stretches of at least
    `min_s` (lost_stretches) and the voice a stretched word was laid over (overheld)."""
    return sorted([*lost_stretches(spans, words, min_s), *overheld(spans, words)])


def lost_tail(spans: Sequence[Span], words: Sequence[Word]) -> list[Span]:
    """The parts of `spans` after the last of `words` that no word covers and that are at least
    TAIL_LOST_S long: where an answer's last words were dropped. Empty without words (a short
    voiced blip alone is judged by LOST_STRETCH_S, like any stretch)."""
    if not words:
        return []
    last_end = max(w.end for w in words)
    return [(a, b) for a, b in lost_stretches(spans, words, TAIL_LOST_S) if a >= last_end]


def chunks(spans: Sequence[Span], max_s: float = CHUNK_MAX_S) -> list[Span]:
    """Consecutive spans grouped into chunks of at most `max_s` (a longer span is its own chunk),
    cut only in the silences between spans so no word is split."""
    grouped: list[Span] = []
    for start, end in spans:
        if grouped and end - grouped[-1][0] <= max_s:
            grouped[-1] = (grouped[-1][0], end)
        else:
            grouped.append((start, end))
    return grouped

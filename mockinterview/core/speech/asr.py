"""Verbatim transcription with faster-whisper: fillers kept, word timestamps on, no invented ending.

    transcriber = Transcriber.from_settings(settings)          # loads the model once (~1 s)
    transcript = transcriber.transcribe(samples)               # 16 kHz mono float32 -> Transcript

    live = StreamingTranscriber(transcriber)                   # while the person speaks
    live.start(); live.feed(block); ...; transcript = live.finish()

Why each choice:
- Whisper drops "um"/"uh" unless the prompt itself contains fillers (architecture page, section 4:
  0 of 6 kept without it, 5 of 6 with it), so every call passes FILLER_PROMPT. The page's prompt
  ends in "um.", after which tiny.en dropped a filler that opens the answer (kept 5 of 8 opening
  fillers on espeak-ng clips); this one ends in a plain sentence and kept 8 of 8, and lifted filler
  recall on benchmarks/bench_speech.py from 0.85 to 0.9-1.0 with precision unchanged at 1.0.
  Re-checked after the skip recovery (issue 11) on the synthetic tuning set (espeak-ng en-us and
  festival slt): filler recall 0.48 without the prompt, 0.81 with it (three variants: 0.79-0.83),
  WER 0.046 vs 0.042, precision 1.0 both: the prompt still pays, so it stays.
  Session 6 added festival ked (a diphone voice whose short "Uh" tiny.en hears as a word) and
  five answers to the tuning set; that prompt ("So, um, let me think, like, hmm... Okay, uh,
  here's what I'm, like, thinking.") found 0.824 of its fillers (precision 0.991, WER 0.0517).
  Three prompts with more fillers, at sentence openings and after "and" / "so", all did better
  (recall 0.868 / 0.882 / 0.890, precision 0.983 / 0.992 / 0.992, WER 0.0507 / 0.0497 / 0.0472,
  0 stretches lost, real tuning clips WER 0.0): the best of them is FILLER_PROMPT now.
- The prompt is also what made tiny.en skip most of an answer (issue 11), so a skipped voiced
  stretch is re-decoded chunk by chunk, and without the prompt if it still skips (coverage.py).
- tiny.en can also drop an answer's last words and leave under 1 s of voice after the last word
  it wrote (set 2, en-029: "they knew why" lost, no gap shown), so the voiced tail after the last
  word is judged from 0.4 s on (coverage.lost_tail), decoded again with a few seconds of the
  audio before it, and shown as a gap when that finds no words either (_with_tail_retried).
- tiny.en also drops a filler that opens a sentence after a pause ("Uh, after that" written as
  "After that"); decoded alone, such an opening usually keeps it, so each opening without a
  filler is decoded on its own too (Transcriber._with_opening_fillers; whole-file passes only).
  When that decoding starts with a word Whisper is very unsure of ("And your team" for "Uh, your
  team") and the whole-audio pass wrote nothing there, or a word it was just as unsure of, the
  word is written as the filler it was (_filler_heard_as_word). A first word timed with no
  duration (SOUNDLESS_S) is not taken: it is the filler prompt's echo, not a sound.
- Whether a sentence-opening "So" or a "you know" is a filler depends on a break after it
  (delivery.py), and Whisper's word times smear pauses: the silence after those words, and any
  long pause, is measured in the audio and their times set to it (_with_breaks_measured; every
  pass).
- ~1 s of silence is padded on both sides: without the tail Whisper sometimes drops the last words.
- Decoding options of the whole-file pass, tried in session 4 (WER, fillers excluded, on the
  festival slt tuning clips / the real evaluation recordings as published): beam 5 as here
  0.019 / 0.126; beam 8 with patience 1.5 0.021 / 0.137; condition_on_previous_text 0.019 /
  0.126 (no change); VAD min silence 500 ms and 200 ms padding 0.025 / 0.137. The real tuning
  clips scored 0.0 under all four.
- No temperature fallback: faster-whisper re-decodes a repetitive or unsure segment by sampling
  at rising temperatures, and CTranslate2's sampler cannot be seeded per call (its generator is
  per worker thread, seeded once), so the same answer could come back in other words on another
  run: set 2's en-029 tail read "they knew why" mostly and "I'm going to do it right" once in CI.
  Decoding at temperature 0 only keeps the beam's reading. On the tuning sets (session 30,
  `bench_speech --sets synthetic_tuning,synthetic_evaluation_2,real_tuning`) it changed no
  transcript but the Piper clips' (then rendered anew each run) and three live ones: espeak-ng en-us
  WER 0.271 -> 0.333 on one, en-gb-scotland 0.256 -> 0.186 with a lost stretch recovered, and one
  festival ked filler fewer; set figures within a word of each other. The same audio now gives
  the same transcript, so a report re-analysed says what it said.
- Trailing silence makes Whisper invent a polite ending ("Thank you.", "Umm..."). faster-whisper's
  own `hallucination_silence_threshold` catches most of it; a last segment that is one of those
  stock phrases and was either unsure or starts after the last speech VAD hears is dropped.
- Where the speech is, VAD (coverage.speech_spans) judges once per transcribe(); that one result
  finds skipped stretches, the sentence openings, what audio Whisper is given (in place of
  faster-whisper's own VAD pass) and where decoding may stop (Transcriber._decode).
- The streaming wrapper transcribes each finished stretch of speech (silero VAD, bundled with
  faster-whisper) in a worker thread while the person goes on talking, so `finish()` only has the
  last sentence left to do: the transcript is ready about a second after they stop.
- The chunks decoded while the person is still speaking get the whole-file pass's five beams
  (not its openings pass); only what is left at Stop is decoded greedily, because someone waits
  on it. All-greedy chunks made the live transcript much worse than the whole-file one on hard
  voices (bench_speech's "live" figure, tuning sets, chunks cut as by an idle worker): espeak-ng
  variants of set 2 WER 0.314 -> 0.269, words lost in stretches 17 -> 3, words inserted 80 ->
  71; espeak-ng en-us and festival slt WER 0.0768 -> 0.0761, filler recall 0.846 -> 0.938,
  precision 0.982 -> 1.0. The greedy decoding of each chunk was what set 2's losses came from:
  the same chunks decoded with five beams kept the words.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from mockinterview.core.audio_file import SAMPLE_RATE
from mockinterview.core.errors import SettingsError
from mockinterview.core.speech.chunk_process import Abandoned, ChunkProcess, ChunkProcessFailed
from mockinterview.core.speech.coverage import (
    LOST_STRETCH_S,
    TAIL_LOST_S,
    Span,
    chunks,
    lost_stretches,
    lost_tail,
    skipped,
    spans_within,
    speech_spans,
    whisper_clips,
)
from mockinterview.core.speech.delivery import (
    breaks_to_measure,
    is_filler_sound,
    pauses_to_measure,
    plain,
)
from mockinterview.core.speech.room import (
    frame_levels_dbfs,
    pause_between,
    silence_level_dbfs,
)
from mockinterview.core.speech.transcript import Gap, Transcript, Word
from mockinterview.core.thresholds import DeliveryThresholds

if TYPE_CHECKING:
    from faster_whisper.transcribe import Segment
    from faster_whisper.transcribe import Word as WhisperWord

    from mockinterview.core.settings import Settings
    from mockinterview.core.speech.encoder_window import WindowedWhisper

log = logging.getLogger(__name__)

FILLER_PROMPT = "Uh, well, um, so I, uh, think that, um, it was, like, fine. Um, and, uh, yeah."
BEAM_SIZE = 5  # faster-whisper's default beam search, for every pass nobody is waiting on
PAD_S = 1.0  # s of silence added before and after the audio (see module docstring)
LAST_SPEECH_MARGIN_S = 0.5  # s before VAD's end of speech where a segment that ends has reached
# it (VAD pads 0.1 s; tuning clips: the last segment ended -0.08 to 0.45 s before VAD's end)
SHORTEST_WORD_S = 0.1  # s of the next word a break is not looked for in (_with_breaks_measured)
UNPLACED_WORD_S = 0.02  # s, a word this short was not found in the audio by the timestamp pass
WORD_GAP_MS = 100  # ms of silence between two words where a run-on stretch may be cut
# s of audio since the last cut under which the chunks before it may be regrouped: the next
# sentence has begun, and has seconds to go before it closes (StreamingTranscriber._regroup).
REGROUP_PENDING_S = 2.0
CHUNK_CONTEXT_S = 0.2  # s of audio kept around a chunk decoded on its own (VAD cuts close)
TAIL_CONTEXT_S = 4.0  # s of audio before a lost tail decoded with it (_with_tail_retried)
SEAM_S = 0.5  # s within which a word decoded again is the transcript's last word (_after_seam)
OPENING_LOOKBACK_S = 0.3  # s before a sentence's first word where a dropped "uh" may sit
OPENING_S = 1.3  # s of audio decoded alone at a sentence opening: a filler and a word or two
UNSURE_WORD_P = 0.3  # Whisper's word probability under which an opening word may be a filler
# sound it heard as a word (_filler_heard_as_word; tuning clips: 0.04-0.25 such words, >= 0.35
# first words that were said)
# A word Whisper times shorter than this at an opening decoded alone holds no sound: with the
# filler prompt before it, a Piper answer's "I set up" decoded alone began "Uh," timed 0.0 s at
# the clip's first instant (probability 0.0), and "which, you know, says" began "It" (0.0 s,
# 0.074): two fillers nobody said. On the tuning sets 1 opening of 20 was so timed.
SOUNDLESS_S = 0.01
# An article the whole-audio pass wrote, however unsure, is not replaced by a filler: "a" and
# "an" said reduced are the sound of "uh", and an article opens sentences far more often than a
# filler does. espeak-ng's "A customer once called" became "Uh, customer once called" (set 2,
# tuning). Where that pass wrote nothing, an unsure "A" decoded alone is still the filler sound:
# festival ked's "{Uh,} after that" came back "after that" whole and "A after that" alone. Not
# caught: festival slt's "An elderly lady", which the whole pass wrote "And" (p 0.18), the way
# it writes a real "uh" too ("And your team writes").
ARTICLES = frozenset({"a", "an", "the"})
STOCK_ENDINGS = frozenset(
    {
        "thank you",
        "thank you very much",
        "thanks for watching",
        "thanks for listening",
        "thank you for watching",
        "bye",
        "you",
        "um",
        "umm",
        "uh",
        "hmm",
        "so",
        "okay",
    }
)


def _plain(text: str) -> str:
    return " ".join("".join(c for c in text.lower() if c.isalnum() or c in " '").split())


def without_stock_ending(segments: list[Segment], voiced_until_s: float) -> list[Segment]:
    """Drop trailing segments that are a stock phrase ("Thank you.") and either unsure or
    starting at or after `voiced_until_s`, the end of the last speech VAD hears: Whisper
    invents those in trailing silence."""
    segments = list(segments)
    while segments and _plain(segments[-1].text) in STOCK_ENDINGS:
        last = segments[-1]
        unsure = last.no_speech_prob > 0.4 or last.avg_logprob < -0.8
        if not (unsure or last.start >= voiced_until_s):
            break
        log.debug("dropped a likely hallucinated ending: %r", last.text)
        segments.pop()
    return segments


def placed_in_audio(segment: Segment) -> bool:
    """False for a segment whose words Whisper could not place in the audio: most of them squeezed
    into an instant (under UNPLACED_WORD_S each). Invented endings ("We'll see you in the next
    video") come out that way, while spoken words each take their own stretch of time."""
    words = segment.words or []
    unplaced = sum(1 for w in words if w.end - w.start < UNPLACED_WORD_S)
    return len(words) < 3 or unplaced < 0.5 * len(words)


class Cancelled(Exception):
    """The caller gave the transcription up (`Transcriber.cancelled`); nothing of it is kept."""


def _never() -> bool:
    return False


class Transcriber:
    """One loaded Whisper model and the options that make it verbatim. Not thread-safe: one caller
    at a time (StreamingTranscriber serialises its own calls).

    `cancelled` is asked before each Whisper pass and between its segments, and a True answer
    raises Cancelled: a transcription in the background (core/session/refine.py) then gives the
    cores back to a rehearsal within about one segment's decoding, where finishing the answer
    first took up to 20 s for 2 minutes of speech on 2 cores."""

    def __init__(
        self, model: WindowedWhisper, language: str = "en", voice_level_dbfs: float = -55.0
    ) -> None:
        if language != "en" and not model.model.is_multilingual:
            raise SettingsError(
                f"This Whisper model understands English only, but whisper.language is "
                f"{language!r}. Set whisper.model to a multilingual size (tiny, base, small) or "
                "whisper.language to 'en'."
            )
        self.model = model
        self.language = language
        self.thresholds = replace(DeliveryThresholds(), speech_level_dbfs=voice_level_dbfs)
        self.cancelled: Callable[[], bool] = _never

    @classmethod
    def from_settings(cls, settings: Settings, model: WindowedWhisper | None = None) -> Transcriber:
        """The Transcriber `settings` ask for; `model` reuses one already loaded for them (the
        GUI loads Whisper once, in the background after its window shows, and every rehearsal
        shares it)."""
        from mockinterview.core.models import load_whisper

        return cls(
            model or load_whisper(settings.whisper),
            settings.whisper.language,
            settings.delivery.speech_level_dbfs,
        )

    def transcribe(
        self,
        samples: np.ndarray,
        offset_s: float = 0.0,
        greedy: bool = False,
        openings: bool = True,
    ) -> Transcript:
        """Transcribe 16 kHz mono float32 audio; word times are seconds + `offset_s`.

        One pass over the whole audio first (best context, best fillers). If VAD hears a voiced
        stretch that none of its words covers, or one word holds more voice than a word can,
        that pass skipped speech (coverage.skipped): the audio is decoded
        again chunk by chunk (coverage.chunks), each chunk retried without the filler prompt when
        it still skips, and whatever no retry recovers becomes a Gap ("[inaudible 4.2 s]").
        The voiced tail after the last word is held to a lower bar (coverage.lost_tail): it is
        decoded again with the seconds before it, and a Gap too if it stays wordless
        (_with_tail_retried; every pass, live chunks included).
        Then each sentence opening is decoded alone for a filler sound the first pass dropped
        (_with_opening_fillers).
        `greedy` decodes with one beam instead of five, faster on 2 cores, and skips the
        openings pass: for live answers (StreamingTranscriber), where the person is waiting on
        the transcript after Stop, and whose chunks already start at the pauses that open
        sentences, so Whisper meets each opening without the sentence before it.
        `openings=False` skips that pass but keeps the five beams: the live chunks decoded
        while the person is still speaking.
        """
        samples = np.asarray(samples, dtype=np.float32).reshape(-1)
        if len(samples) == 0:
            return Transcript("", ())
        heard = speech_heard(samples)
        duration = len(samples) / SAMPLE_RATE
        spans = [(max(a, 0.0), min(b, duration)) for a, b in heard if b > 0.0 and a < duration]
        beams = 1 if greedy else BEAM_SIZE
        # The greedy pass is the one someone waits on (after Stop): its encoder reads the audio
        # and 1 s past it, not 30 s (encoder_window). Its retries keep the 30 s window: in a
        # short one, the tail retry stretched the last word over a hum after it, and the gap
        # that shows the hum was lost (tests/speech/test_coverage.py).
        with self.model.short_windows(greedy):
            pieces = self._decode(samples, heard, FILLER_PROMPT, beams)
        gaps: list[Gap] = []
        lost = skipped(spans, _words(pieces))
        if lost:
            log.info(
                "whole-audio decoding skipped %.1f s of speech; decoding chunk by chunk",
                sum(b - a for a, b in lost),
            )
            pieces, gaps = self._decode_by_chunks(samples, spans, beams)
        pieces, lost_at_end = self._with_tail_retried(samples, pieces, spans, gaps, beams)
        if openings and not greedy:
            pieces = self._with_opening_fillers(samples, pieces, spans, beams)
            # A filler sound that pass put back where the tail opens fills it: a short hum after
            # a pause came back "Uh," there, and was shown as "[inaudible 1.0 s]" as well.
            lost_at_end = [
                g
                for g in lost_at_end
                if lost_stretches([(g.start, g.end)], _words(pieces), TAIL_LOST_S)
            ]
        gaps += lost_at_end
        pieces = _with_breaks_measured(samples, pieces, self.thresholds)
        return _assemble(pieces, gaps, offset_s)

    def _with_opening_fillers(
        self, samples: np.ndarray, pieces: list[_Piece], spans: list[Span], beams: int
    ) -> list[_Piece]:
        """Put back a filler sound that opens a sentence and that the whole-audio pass dropped.

        tiny.en writes "Uh, after that" as "After that" (or "Of your team") when the "uh" opens
        a sentence in a run of speech: the sentence before gives it a context in which a filler
        is unlikely. Decoded alone, the opening's first 1.3 s usually come back as "Uh, after":
        each opening that holds no filler yet (a sentence start in the transcript, or a start of
        speech after a pause) is decoded on its own, and a filler sound that begins that
        decoding goes into the transcript before the opening's first word.
        """
        words = _words(pieces)
        # Where speech resumes after a pause (VAD's onset is the sharper cue: Whisper's word
        # times drift into the filler), and where the transcript starts a sentence without one.
        after_pause = [a for a, _ in spans]
        sentence_starts = [
            max(w.start - OPENING_LOOKBACK_S, before.end if before else 0.0)
            for before, w in zip([None, *words], words, strict=False)
            if before is None or before.text.rstrip().endswith((".", "?", "!"))
        ]
        openings = sorted(
            after_pause
            + [t for t in sentence_starts if all(abs(t - a) >= OPENING_S / 2 for a in after_pause)]
        )
        found: list[Word] = []
        for at in openings:
            if any(
                is_filler_sound(w.text) and at - OPENING_LOOKBACK_S <= w.start <= at + OPENING_S
                for w in [*words, *found]
            ):
                continue
            first = int(at * SAMPLE_RATE)
            opening = samples[first : first + int(OPENING_S * SAMPLE_RATE)]
            heard = spans_within(spans, first / SAMPLE_RATE, (first + len(opening)) / SAMPLE_RATE)
            alone = _words(_shifted(self._decode(opening, heard, FILLER_PROMPT, beams), at))
            if (
                alone
                and is_filler_sound(alone[0].text)
                and _holds_sound(alone[0])
                and not _beside_a_filler(words, alone[0])
                and not _said_as_a_word(words, alone)
            ):
                found.append(alone[0])
            elif (heard := _filler_heard_as_word(words, alone, at)) is not None:
                misheard, filler = heard
                if misheard is not None:
                    log.debug("an unsure %s is a filler sound: %s", misheard, filler)
                    pieces = _replaced(pieces, misheard, filler)
                elif not _beside_a_filler(words, filler):
                    found.append(filler)
        for filler in found:
            log.debug("put back an opening filler the whole-audio pass dropped: %s", filler)
            pieces = _inserted(pieces, filler)
        return pieces

    def _decode_by_chunks(
        self, samples: np.ndarray, spans: list[Span], beams: int
    ) -> tuple[list[_Piece], list[Gap]]:
        pieces: list[_Piece] = []
        gaps: list[Gap] = []
        for start_s, end_s in chunks(spans):
            inside = [
                (max(a, start_s), min(b, end_s)) for a, b in spans if b > start_s and a < end_s
            ]
            found, lost = self._retried(
                samples, spans, (start_s, end_s), CHUNK_CONTEXT_S, inside, LOST_STRETCH_S, beams
            )
            pieces += found
            gaps += [Gap(round(a, 2), round(b, 2)) for a, b in lost]
        if gaps:
            log.warning("%d stretch(es) of speech stayed wordless: %s", len(gaps), gaps)
        return pieces, gaps

    def _with_tail_retried(
        self,
        samples: np.ndarray,
        pieces: list[_Piece],
        spans: list[Span],
        gaps: list[Gap],
        beams: int,
    ) -> tuple[list[_Piece], list[Gap]]:
        """`pieces` with the last words Whisper dropped put back, and a Gap where they stay lost.

        Whisper can end its transcript a few words before the answer ends (set 2, en-029:
        "...once" for "...once they knew why", 0.65 s of voice) and leave less voiced audio
        after the last word than a lost stretch needs; coverage.lost_tail holds that tail to a
        lower bar. It is decoded again with TAIL_CONTEXT_S of the audio before it (decoded
        from 25.4 s, 0.5 s before, the same tail came back "Once they knew right"; from 22.0 s
        "once they knew why"), and only the words after the last word already written are kept
        (_after_seam), so the context's words are not written twice.
        """
        words = _words(pieces)
        tail = [
            (a, b)
            for a, b in lost_tail(spans, words)
            if not any(g.start < b and a < g.end for g in gaps)
        ]
        if not tail:
            return pieces, []
        last = max(words, key=lambda w: w.end)
        # The decoding starts at a word (not inside one) about TAIL_CONTEXT_S before the tail.
        start_s = min(
            (w.start for w in words if w.start >= tail[0][0] - TAIL_CONTEXT_S), default=last.start
        )
        found, lost = self._retried(
            samples, spans, (start_s, tail[-1][1]), CHUNK_CONTEXT_S, tail, TAIL_LOST_S, beams, last
        )
        log.info(
            "the last word (%r) left %.1f s of speech; decoded again: %r, %d gap(s)",
            last.text,
            sum(b - a for a, b in tail),
            " ".join(w.text for w in _words(found)),
            len(lost),
        )
        return pieces + found, [Gap(round(a, 2), round(b, 2)) for a, b in lost]

    def _retried(
        self,
        samples: np.ndarray,
        spans: list[Span],
        window: Span,
        context_s: float,
        judged: list[Span],
        min_lost_s: float,
        beams: int,
        after: Word | None = None,
    ) -> tuple[list[_Piece], list[Span]]:
        """`window` of the audio (seconds, with `context_s` more on either side) decoded on its
        own, with FILLER_PROMPT and then without it if that still leaves a stretch of `judged`
        of at least `min_lost_s` wordless, or a word holding more of it than a word can
        (coverage.skipped; the prompt is what made tiny.en skip, issue 11): the
        pieces of the try that leaves least, in seconds of `samples`, and the stretches it
        leaves. With `after`, only the words after that word (already in the transcript) are
        kept (_after_seam); what is left is still judged by all the words decoded, so a last
        word that Whisper, decoding again, hears lasting into the tail is not taken for a loss."""
        margin = int(context_s * SAMPLE_RATE)
        first = max(int(window[0] * SAMPLE_RATE) - margin, 0)
        audio = samples[first : int(window[1] * SAMPLE_RATE) + margin]
        heard = spans_within(spans, first / SAMPLE_RATE, (first + len(audio)) / SAMPLE_RATE)
        best: tuple[float, list[_Piece], list[Span]] | None = None
        for prompt in (FILLER_PROMPT, None):
            found = _shifted(self._decode(audio, heard, prompt, beams), first / SAMPLE_RATE)
            lost = skipped(judged, _words(found), min_lost_s)
            if after is not None:
                found = _after_seam(found, after)
            lost_s = sum(b - a for a, b in lost)
            if best is None or lost_s < best[0]:
                best = (lost_s, found, lost)
            if not lost:
                break
        assert best is not None
        return best[1], best[2]

    def _decode(
        self, samples: np.ndarray, spans: list[Span], prompt: str | None, beams: int = BEAM_SIZE
    ) -> list[_Piece]:
        """One Whisper pass; segment texts and words with times in seconds of `samples`.

        `spans` is where VAD hears speech in `samples` (coverage.speech_spans, run once per
        transcribe() and cut to the window decoded here): the one judgement of where speech is
        serves every use in the pass. Whisper is given only the audio around it
        (coverage.whisper_clips: what faster-whisper's own `vad_filter` would keep, without
        running the VAD model a second time), decoding stops at the segment that reaches its
        end (_until_speech_ends), and a stock ending that starts after it is dropped
        (without_stock_ending).
        """
        if not spans:
            return []  # nothing VAD calls speech: faster-whisper's own VAD kept nothing either
        if self.cancelled():
            raise Cancelled
        from faster_whisper.transcribe import restore_speech_timestamps
        from faster_whisper.vad import collect_chunks

        padded = _padded(samples)
        clips = [
            {"start": round((a + PAD_S) * SAMPLE_RATE), "end": round((b + PAD_S) * SAMPLE_RATE)}
            for a, b in whisper_clips(spans, len(samples) / SAMPLE_RATE, PAD_S)
        ]
        kept, _ = collect_chunks(padded, clips)
        segments, _info = self.model.transcribe(
            np.concatenate(kept),
            language=self.language,
            initial_prompt=prompt,
            beam_size=beams,
            word_timestamps=True,
            temperature=0.0,  # no sampled fallback: the same audio, the same words (see above)
            vad_filter=False,
            condition_on_previous_text=False,
            hallucination_silence_threshold=2.0,
        )
        segments = restore_speech_timestamps(self._unless_cancelled(segments), clips, SAMPLE_RATE)
        segments = _until_speech_ends(segments, spans)
        segments = [s for s in segments if s.words and placed_in_audio(s)]
        segments = without_stock_ending(segments, spans[-1][1] + PAD_S)
        duration = len(samples) / SAMPLE_RATE

        def clamp(t: float) -> float:
            return min(max(t - PAD_S, 0.0), duration)

        return [
            _Piece(
                s.text.strip(),
                tuple(
                    Word(w.text, clamp(w.start), clamp(w.end), round(w.probability, 3))
                    for w in whole_words(s.words)
                ),
            )
            for s in segments
        ]

    def _unless_cancelled(self, segments: Iterable[Segment]) -> Iterator[Segment]:
        """Whisper's segments, each decoded only when asked for: `cancelled` is asked between."""
        for segment in segments:
            if self.cancelled():
                raise Cancelled
            yield segment


def whole_words(found: Iterable[WhisperWord]) -> list[Word]:
    """Whisper's words, times as it gave them, with the pieces it split at punctuation put back
    together. faster-whisper starts a new word at a punctuation token, so "£40,000" came as "£40"
    and ",000", and "fold-out" as "fold" and "-out"; every text built from the words then read
    "£40 ,000". Such a piece has no leading space and opens on punctuation (a word of a language
    written without spaces has neither a space nor, past merged punctuation, that opening)."""
    words: list[Word] = []
    for w in found:
        text = w.word.strip()
        if not text:
            continue
        if words and not w.word[0].isspace() and unicodedata.category(text[0])[0] == "P":
            last = words[-1]
            chance = min(last.probability, float(w.probability))
            words[-1] = Word(last.text + text, last.start, w.end, chance)
        else:
            words.append(Word(text, w.start, w.end, float(w.probability)))
    return words


def speech_heard(samples: np.ndarray) -> list[Span]:
    """Where VAD hears speech, judged once per transcription on the audio as Whisper is given it
    (PAD_S of silence on both sides), in seconds of `samples`: a span may reach into the
    padding; Transcriber.transcribe cuts the spans to the samples for every use but the cut of
    the audio Whisper is given (coverage.whisper_clips), which needs them as VAD found them."""
    return [(a - PAD_S, b - PAD_S) for a, b in speech_spans(_padded(samples))]


def _padded(samples: np.ndarray) -> np.ndarray:
    pad = np.zeros(int(PAD_S * SAMPLE_RATE), dtype=np.float32)
    return np.concatenate([pad, samples, pad])


def _until_speech_ends(segments: Iterable[Segment], spans: list[Span]) -> list[Segment]:
    """Whisper's segments up to the one that reaches the end of the last speech VAD hears.

    Whisper reads audio in 30 s windows, and when a window's text ends on a timestamp it starts
    the next window there: a short clip's first window usually stops a moment before the
    padding, so a second window was encoded and decoded for 1-2 s of trailing silence: every
    synthetic tuning clip did, and it was about half of the time of each live chunk and of the
    wait after Stop (issue 11). faster-whisper encodes each window only when its segments
    are asked for, so no later window is touched once a segment ends within
    LAST_SPEECH_MARGIN_S of the last speech. Speech a segment has not reached yet still gets
    its window: nothing VAD hears is left undecoded.
    """
    speech_end = (spans[-1][1] if spans else 0.0) + PAD_S - LAST_SPEECH_MARGIN_S
    taken = []
    for segment in segments:
        taken.append(segment)
        if segment.end >= speech_end:
            break
    return taken


@dataclass(frozen=True)
class _Piece:
    """One Whisper segment: its text as written and its words (seconds from the audio's start)."""

    text: str
    words: tuple[Word, ...]

    @property
    def start(self) -> float:
        return self.words[0].start if self.words else 0.0


def _words(pieces: list[_Piece]) -> list[Word]:
    return [w for p in pieces for w in p.words]


def _after_seam(pieces: list[_Piece], last: Word) -> list[_Piece]:
    """The words of `pieces` (audio decoded again from before `last`, the transcript's last word)
    that come after `last`, their pieces' texts rewritten from them.

    Found again (same word, starting within SEAM_S of it), `last` is where the new words start.
    Otherwise a word is new when its middle is after `last` ends: Whisper stretches the last word
    before a pause, so the same word decoded again can start a little after it."""
    words = _words(pieces)
    again = [
        i
        for i, w in enumerate(words)
        if plain(w.text) == plain(last.text) and abs(w.start - last.start) <= SEAM_S
    ]
    if again:
        seam = min(again, key=lambda i: abs(words[i].start - last.start))
        new = set(range(seam + 1, len(words)))
    else:
        new = {i for i, w in enumerate(words) if (w.start + w.end) / 2 > last.end}
    kept: list[_Piece] = []
    used = 0
    for piece in pieces:
        here = tuple(w for k, w in enumerate(piece.words, start=used) if k in new)
        used += len(piece.words)
        if here == piece.words:
            kept.append(piece)
        elif here:
            kept.append(_Piece(" ".join(w.text for w in here), here))
    return kept


def _filler_heard_as_word(
    words: list[Word], alone: list[Word], at: float
) -> tuple[Word | None, Word] | None:
    """A filler sound Whisper wrote as a word at a sentence opening, or None.

    tiny.en hears "Uh, your team writes" as "And your team writes" or "Of your team writes", and
    it is unsure of that word (probability 0.04-0.25 on the tuning clips, where a first word that
    was said scored 0.35 or more). So when the opening decoded alone (`alone`, starting at `at`)
    begins with a word below UNSURE_WORD_P and then goes on as the whole-audio transcript
    (`words`) does, that word was a filler sound. Returns the whole-audio word it stands for
    (None where that pass wrote nothing there; otherwise only a word that pass was unsure of
    too, so a word it heard clearly stays) and the filler to write in its place.
    """
    if len(alone) < 2 or is_filler_sound(alone[0].text) or alone[0].probability >= UNSURE_WORD_P:
        return None
    later = [w for w in words if w.end > at][:2]
    earlier = [w for w in words if w.end <= at]
    opens = not earlier or earlier[-1].text.rstrip().endswith((".", "?", "!"))
    filler = replace(alone[0], text="Uh," if opens else "uh,")
    if later and plain(later[0].text) == plain(alone[1].text):
        # where the whole-audio pass wrote nothing, the opening's word must hold some sound
        return (None, filler) if _holds_sound(filler) else None
    if (
        len(later) == 2
        and plain(later[1].text) == plain(alone[1].text)
        and later[0].probability < UNSURE_WORD_P
        and plain(later[0].text) not in ARTICLES
    ):
        return later[0], replace(filler, start=later[0].start, end=later[0].end)
    return None


def _holds_sound(word: Word) -> bool:
    """False for a word Whisper timed with no duration (SOUNDLESS_S): the filler prompt's echo
    at the start of an opening decoded alone, not something said."""
    return word.end - word.start >= SOUNDLESS_S


def _replaced(pieces: list[_Piece], old: Word, new: Word) -> list[_Piece]:
    """`pieces` with the word `old` written as `new` (its piece's text rewritten from its words)."""
    rebuilt = []
    for piece in pieces:
        if old in piece.words:
            words = tuple(new if w == old else w for w in piece.words)
            piece = _Piece(" ".join(w.text for w in words), words)
        rebuilt.append(piece)
    return rebuilt


def _said_as_a_word(words: list[Word], alone: list[Word]) -> bool:
    """True when the sound the opening decoded as a filler (`alone[0]`) is already in the
    transcript as a word Whisper was sure of, other than the one the opening decoded next: the
    same sound read twice, not a dropped filler. A real recording's first breath came back "And"
    (probability 0.6) from the whole audio and "Um" (0.001) alone, and "And Um, Mr. John" counted
    a filler nobody said. A dropped filler leaves no word of its own over it; where Whisper's
    time for the next word drifted into it, that word is the opening's next one."""
    filler = alone[0]
    following = plain(alone[1].text) if len(alone) > 1 else None
    half = (filler.end - filler.start) / 2
    return any(
        min(w.end, filler.end) - max(w.start, filler.start) >= half
        and w.probability >= UNSURE_WORD_P
        and plain(w.text) != following
        for w in words
    )


def _beside_a_filler(words: list[Word], filler: Word) -> bool:
    """True when the word the filler would go before, or the one after which it would go, is a
    filler sound already: the same "um" heard twice (Whisper's time for it drifted earlier)."""
    k = next((i for i, w in enumerate(words) if w.start >= filler.start), len(words))
    return any(is_filler_sound(w.text) for w in words[max(k - 1, 0) : k + 1])


def _inserted(pieces: list[_Piece], filler: Word) -> list[_Piece]:
    """`pieces` with `filler` before the first word that starts after it (its piece's text
    rewritten from its words), ending where that word starts."""
    for i, piece in enumerate(pieces):
        later = [k for k, w in enumerate(piece.words) if w.start >= filler.start]
        if later:
            k = later[0]
            word = replace(filler, end=min(filler.end, piece.words[k].start))
            words = (*piece.words[:k], word, *piece.words[k:])
            return [*pieces[:i], _Piece(" ".join(w.text for w in words), words), *pieces[i + 1 :]]
    return [*pieces, _Piece(filler.text, (filler,))]


def _with_breaks_measured(
    samples: np.ndarray, pieces: list[_Piece], thresholds: DeliveryThresholds
) -> list[_Piece]:
    """`pieces` with the silence after each word of delivery.breaks_to_measure, and each long
    pause (delivery.pauses_to_measure), measured in the audio.

    Whether "So" or "you know" is a filler depends on a break after it (delivery._filler_spans),
    but Whisper's word times stretch a word over the pause after it, or leave a gap the audio
    does not hold ("So,[14.53-14.81] I[14.97-14.97]" said run-on). So the word ends where the
    longest silence between it and the end of the next word starts, and the next word starts
    where that silence ends; with no silence there, the two words meet. The search stops
    SHORTEST_WORD_S before the next word's end (but not before its start), because Whisper
    also stretches that word over the pause after it: "I mean that. When" said run-on had the
    sentence's pause measured after "mean", leaving "that" 0.05 s long (held-out set 2).

    A long pause (the report's "long pauses") is smeared the same way: a 2.2 s silence came
    back as a 1.4 s gap on a real recording, and tuning clips' pauses read 0.74 s short at the
    10th percentile. Where one could hide, the audio's longest silence is looked for up to the
    next word's end, and taken when it is a pause there (_pause_of); else Whisper's times
    stand (a gap of Whisper's the audio does not hold is left as it is: no evidence here of
    one). In a room as loud as the voice the room's noise breaks a silence into pieces shorter
    than a pause (silence_level_dbfs is 15 dB under the voice), so there too Whisper's times
    stand.
    """
    words = _words(pieces)
    words = _measured(samples, words, set(breaks_to_measure(words)), thresholds)
    rebuilt, used = [], 0
    for piece in pieces:
        rebuilt.append(_Piece(piece.text, tuple(words[used : used + len(piece.words)])))
        used += len(piece.words)
    return rebuilt


def with_pauses_measured(
    transcript: Transcript,
    samples: np.ndarray,
    thresholds: DeliveryThresholds,
    breaks_after: Collection[int] = (),
) -> Transcript:
    """`transcript` with its long pauses measured in `samples` (16 kHz, the transcript's time
    0 at their start), as _with_breaks_measured measures them inside one decoding. A live
    answer is decoded in chunks cut in its pauses, so a pause between two chunks lies between
    two decodings, each of which stretched its edge word into it: the live transcript found
    half the held-out sets' long pauses where the whole-file pass found all. The break after
    each word of `breaks_after` is measured too (where an imported recording's sentences end)."""
    words = _measured(samples, list(transcript.words), set(breaks_after), thresholds)
    rounded = tuple(replace(w, start=round(w.start, 3), end=round(w.end, 3)) for w in words)
    return replace(transcript, words=rounded)


def _measured(
    samples: np.ndarray, words: list[Word], targets: set[int], thresholds: DeliveryThresholds
) -> list[Word]:
    """`words` with the breaks after `targets` and every long pause set to the audio's."""
    pause_min_s = thresholds.pause_min_s
    pauses = set(pauses_to_measure(words, pause_min_s))
    if not targets | pauses:
        return words
    frames = frame_levels_dbfs(samples)
    silence = silence_level_dbfs(samples, frames, thresholds)
    for i in sorted(targets | pauses):
        word, after = words[i], words[i + 1]
        pause = None
        if i in pauses:  # to the next word's end, which may be a short "Uh" after the pause
            pause = pause_between(frames, silence, word.start, after.end)
            if pause is not None and not _pause_of(pause, word, after, pause_min_s):
                pause = None
        if pause is None:
            if i not in targets:
                continue  # the audio holds no long pause here: Whisper's times stand
            search_end = max(after.start, after.end - SHORTEST_WORD_S)
            pause = pause_between(frames, silence, word.start, search_end)
        end, start = pause if pause else (after.start, after.start)
        words[i] = replace(word, end=max(word.start, end))
        words[i + 1] = replace(after, start=min(max(start, words[i].end), after.end))
    return words


def _pause_of(silence: tuple[float, float], word: Word, after: Word, min_s: float) -> bool:
    """Whether a silence found between `word`'s start and `after`'s end is a long pause between
    the two: long enough, and touching the gap Whisper left between them (or the instant where
    they meet). A silence wholly inside `after` is the pause after it, which Whisper stretched
    `after` over ("was, like, [2 s] long"): it belongs to the next pair."""
    start, end = silence
    return end - start >= min_s and start <= after.start and end >= word.end


def _shifted(pieces: list[_Piece], by_s: float) -> list[_Piece]:
    return [
        _Piece(p.text, tuple(replace(w, start=w.start + by_s, end=w.end + by_s) for w in p.words))
        for p in pieces
    ]


def _split_at_gaps(piece: _Piece, gaps: list[Gap]) -> list[_Piece]:
    """`piece` cut where a gap falls between its words, so the gap's label lands in its place.

    Whisper can write one segment across a wordless stretch (on one CPU a hum read "Mm" and
    the segment ran from the sentence before it to the sentence after): ordered by the
    segment's start, "[inaudible 2.1 s]" would follow the whole segment, after words spoken
    later than the gap.
    """
    first, last = piece.words[0].start, piece.words[-1].end
    cuts = sorted(g.start for g in gaps if first < g.start < last)
    if not cuts:
        return [piece]
    groups: list[list[Word]] = [[] for _ in range(len(cuts) + 1)]
    for word in piece.words:
        groups[sum(word.start >= cut for cut in cuts)].append(word)
    return [_Piece(" ".join(w.text for w in group), tuple(group)) for group in groups if group]


def _assemble(pieces: list[_Piece], gaps: list[Gap], offset_s: float) -> Transcript:
    """Pieces and gaps in time order as one Transcript, times moved by `offset_s` and rounded."""
    pieces = sorted(
        (part for p in pieces if p.words for part in _split_at_gaps(p, gaps)),
        key=lambda p: p.start,
    )
    gaps = [Gap(round(g.start + offset_s, 3), round(g.end + offset_s, 3)) for g in gaps]
    timed = [(p.start + offset_s, p.text) for p in pieces] + [(g.start, g.label) for g in gaps]
    words = tuple(
        replace(w, start=round(w.start + offset_s, 3), end=round(w.end + offset_s, 3))
        for p in pieces
        for w in p.words
    )
    text = " ".join(t for _, t in sorted(timed, key=lambda item: item[0]) if t)
    return Transcript(text, words, tuple(gaps))


@dataclass(frozen=True)
class FinishTiming:
    """Where the wait after Stop went (StreamingTranscriber.finish): the worker's decoding still
    running at Stop, then the audio left after its last cut. bench_speech prints it beside the
    latency, since the two call for different cures (issue 11)."""

    waited_s: float  # for the worker's chunk in flight
    left_s: float  # seconds of audio left to decode
    decode_s: float  # decoding them
    gave_up: bool = False  # the chunk (or group) in flight was given up, not waited for


class StreamingTranscriber:
    """Transcribes finished stretches of speech in a worker thread while audio keeps arriving.

    A stretch is finished when VAD sees `min_silence_s` of silence after it (a breath between
    sentences) and it is at least `chunk_s` long, or when a pause of `pause_s` follows it and it
    is at least `min_chunk_s` long, lengths counted from its first speech. Short chunks lose
    Whisper's context: each is decoded alone, and the words of a 2-3 s chunk were the ones
    misheard (tests/data/README.md, session 17);
    a real pause still ends a chunk early, so the silence that ends an answer is spent decoding
    its last sentence, not waiting for Stop.
    Speech that runs on past `eager_chunk_s` is cut in its widest pause between words, so Stop
    leaves only the last seconds to decode, and only those are decoded greedily: the chunks the
    worker decodes while the person speaks get five beams, as whole-file transcription does
    (greedy chunks lost and invented words; module docstring).

    `feed()` is cheap and safe to call from an audio thread; `partial()` gives what is done so far
    (live captions); `finish()` transcribes only what is left and returns the whole transcript.
    `on_part`, when given, is called on the worker thread with the transcript so far after each
    stretch is transcribed (the flow embeds its finished sentences then, so the content analysis
    after Stop has only the last one left); it must not raise.
    With a `process` (chunk_process.ChunkProcess), the worker's chunks are decoded there, and a
    chunk still being decoded at Stop is given up and decoded again with the rest, greedily:
    Stop then never waits for a five-beam decoding it cannot interrupt.

    With a process, the chunks are also decoded again in groups of at least `regroup_s` seconds,
    as the whole-file pass decodes an answer (one decoding, the openings pass included), each
    group just after a chunk was cut, while the person's next sentence has a few seconds to go
    before it closes. A chunk decoded alone lacks the words around it, so the live transcript
    read worse than the whole-file one shown once the session is refined (tests/data/README.md,
    session 32). A regrouping still running at Stop is given up like a chunk (the chunks' own
    words stand), and one with an inaudible gap its chunks did not have is not taken.
    """

    def __init__(
        self,
        transcriber: Transcriber,
        min_silence_s: float = 0.3,
        min_chunk_s: float = 2.0,
        chunk_s: float = 4.0,
        pause_s: float = 1.0,
        eager_chunk_s: float = 6.0,
        max_chunk_s: float = 20.0,
        poll_s: float = 0.25,
        on_part: Callable[[Transcript], None] | None = None,
        process: ChunkProcess | None = None,
        regroup_s: float | None = 10.0,
    ) -> None:
        self.transcriber = transcriber
        self.process = process
        self.on_part = on_part
        self.min_silence_s = min_silence_s
        self.min_chunk_s = min_chunk_s
        self.chunk_s = chunk_s
        self.pause_s = pause_s
        self.eager_chunk_s = eager_chunk_s
        self.max_chunk_s = max_chunk_s
        self.poll_s = poll_s
        self.regroup_s = regroup_s
        self._blocks: list[np.ndarray] = []
        self._audio = np.zeros(0, dtype=np.float32)
        self._committed = 0  # samples already transcribed
        self._looked_at = -1  # pending samples at the last look, when it found nothing to cut
        self._parts: list[Transcript] = []
        # The chunks cut since the last regrouping: where they start (a sample), how many, and
        # from which of _parts their words are.
        self._group_start = 0
        self._group_chunks = 0
        self._group_part = 0
        self.regroupings = 0  # groups whose one decoding replaced their chunks' words
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._worker: threading.Thread | None = None
        self._error: BaseException | None = None
        self.finish_timing: FinishTiming | None = None  # set by finish()

    def start(self) -> None:
        if self.process is not None:
            self.process.start()
        self._worker = threading.Thread(target=self._run, name="asr-stream", daemon=True)
        self._worker.start()

    def feed(self, samples: np.ndarray) -> None:
        with self._lock:
            self._blocks.append(np.asarray(samples, dtype=np.float32).reshape(-1))

    def partial(self) -> Transcript:
        with self._lock:
            return Transcript.join(list(self._parts))

    def finish(self) -> Transcript:
        """Stop the worker, transcribe the remainder, return everything in time order, with the
        long pauses between chunks measured in the answer's audio (with_pauses_measured)."""
        started = time.monotonic()
        gave_up = self._stop_worker()
        if self._error is not None:
            raise self._error
        waited = time.monotonic() - started
        audio = self._pending_audio()
        if len(audio) > 0:
            self._transcribe_chunk(audio, len(audio), greedy=True)
        self.finish_timing = FinishTiming(
            round(waited, 3),
            round(len(audio) / SAMPLE_RATE, 2),
            round(time.monotonic() - started - waited, 3),
            gave_up,
        )
        log.debug("finish: %s", self.finish_timing)
        joined = Transcript.join(self._parts)
        return with_pauses_measured(joined, self._audio, self.transcriber.thresholds)

    def cancel(self) -> None:
        """Stop the worker without transcribing what is left (the answer was dropped). Returns
        once the worker has stopped, so the Transcriber is free for its next caller."""
        self._stop_worker()

    def _stop_worker(self) -> bool:
        """Stop the worker, giving up its chunk in flight where a process decodes it (the chunk
        stays uncommitted: its audio is still pending). Says whether one was given up."""
        self._stop.set()
        gave_up = self.process is not None and self.process.give_up()
        if self._worker is not None:
            self._worker.join()
        return gave_up

    def _pending_audio(self) -> np.ndarray:
        with self._lock:
            if self._blocks:
                self._audio = np.concatenate([self._audio, *self._blocks])
                self._blocks.clear()
            return self._audio[self._committed :]

    def _transcribe_chunk(self, audio: np.ndarray, cut: int, greedy: bool) -> None:
        offset_s = self._committed / SAMPLE_RATE
        part = None if greedy else self._in_process(audio[:cut], offset_s, openings=False)
        if part is None:
            part = self.transcriber.transcribe(
                audio[:cut], offset_s=offset_s, greedy=greedy, openings=False
            )
        with self._lock:
            if part.words:
                self._parts.append(part)
            self._committed += cut
            self._group_chunks += 1

    def _in_process(self, audio: np.ndarray, offset_s: float, openings: bool) -> Transcript | None:
        """`audio` decoded in the chunk process; None without one, or when it failed, after
        which everything is decoded in this process (Abandoned, the given-up decoding, rises)."""
        if self.process is None:
            return None
        try:
            return self.process.transcribe(audio, offset_s, openings=openings)
        except ChunkProcessFailed as exc:
            log.warning("live chunks decoded in this process from now on: %s", exc)
            self.process = None
            return None

    def _finished_speech_end(self, audio: np.ndarray) -> int | None:
        """Sample index just after the last stretch of speech that silence has already closed."""
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        silence = int(self.min_silence_s * SAMPLE_RATE)
        spans = get_speech_timestamps(
            audio,
            VadOptions(min_silence_duration_ms=int(self.min_silence_s * 1000), speech_pad_ms=100),
        )
        starts = [s["start"] for s in spans[1:]] + [len(audio)]  # where the silence after ends
        # The chunk's length counts from its first speech: the silence before an answer's first
        # words (the person thinking) made a 4 s "chunk" of 1.5 s of speech, cut mid-sentence.
        onset = spans[0]["start"] if spans else 0
        closed = [
            s["end"]
            for s, after in zip(spans, starts, strict=False)
            if s["end"] + silence <= len(audio)
            and (
                s["end"] - onset >= self.chunk_s * SAMPLE_RATE
                or (
                    s["end"] - onset >= self.min_chunk_s * SAMPLE_RATE
                    and after - s["end"] >= self.pause_s * SAMPLE_RATE
                )
            )
        ]
        if closed:
            return closed[-1] + silence // 2
        if not spans and len(audio) > 3 * SAMPLE_RATE:
            return len(audio) - SAMPLE_RATE  # only silence so far: skip it, keep a second
        if len(audio) - onset > self.eager_chunk_s * SAMPLE_RATE:
            # A run-on stretch the person is still speaking: cut in the widest pause between two
            # words, so that Stop leaves only the last few seconds to decode (issue 11: the
            # transcript within 1.5 s of Stop on a loaded machine).
            fine = get_speech_timestamps(
                audio, VadOptions(min_silence_duration_ms=WORD_GAP_MS, speech_pad_ms=30)
            )
            gaps = [
                (b["start"] - a["end"], (a["end"] + b["start"]) // 2)
                for a, b in itertools.pairwise(fine)
                if a["end"] - onset >= self.chunk_s * SAMPLE_RATE
            ]
            if gaps:
                return max(gaps)[1]
        if len(audio) > self.max_chunk_s * SAMPLE_RATE:
            return len(audio)
        return None

    def step(self) -> bool:
        """One look at the audio so far, as the worker takes every `poll_s`: transcribe the
        stretch that is finished, if any, or else regroup the chunks before it when they are due
        (_regroup), and say whether the transcript changed. A benchmark calls it on its own clock
        (bench_speech's live figure) to cut exactly the chunks the worker cuts."""
        audio = self._pending_audio()
        if len(audio) < SAMPLE_RATE or len(audio) == self._looked_at:
            return False  # nothing new since (the answer is paused): still nothing to cut
        cut = self._finished_speech_end(audio)
        self._looked_at = -1 if cut else len(audio)
        if self._stop.is_set():  # after Stop, finish() decodes it
            return False
        if not cut:
            return self._regroup(len(audio))
        started = time.monotonic()
        self._transcribe_chunk(audio, cut, greedy=False)
        log.debug(
            "streamed %.1f s of audio in %.2f s", cut / SAMPLE_RATE, time.monotonic() - started
        )
        return True

    def _regroup(self, pending: int) -> bool:
        """Decode the chunks cut since the last regrouping again as one, when they hold at least
        `regroup_s` of audio and one was just cut (`pending`, the samples since, is under
        REGROUP_PENDING_S); say whether the transcript changed."""
        if (
            self.process is None
            or self.regroup_s is None
            or self._group_chunks < 2
            or self._committed - self._group_start < self.regroup_s * SAMPLE_RATE
            or pending > REGROUP_PENDING_S * SAMPLE_RATE
        ):
            return False
        start, end = self._group_start, self._committed
        with self._lock:
            audio = self._audio[start:end]
        group = self._in_process(audio, start / SAMPLE_RATE, openings=True)
        if group is None:
            return False
        with self._lock:
            chunks = Transcript.join(self._parts[self._group_part :])
            taken = len(group.gaps) <= len(chunks.gaps)
            if taken:
                self._parts[self._group_part :] = [group] if group.words else []
                self.regroupings += 1
            self._group_start, self._group_chunks = end, 0
            self._group_part = len(self._parts)
        log.debug("regrouped %.1f s of chunks: %s", (end - start) / SAMPLE_RATE, taken)
        return taken

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.poll_s):
                if self.step() and self.on_part is not None:
                    self.on_part(self.partial())
        except Abandoned:  # given up at Stop: finish() decodes that chunk with the rest
            pass
        except BaseException as exc:  # re-raised in finish() on the caller's thread
            self._error = exc

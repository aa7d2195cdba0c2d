"""No word lost: voiced stretches that a transcript skipped are found, re-decoded, or shown."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.audio_file import SAMPLE_RATE, decode_audio
from mockinterview.core.speech.asr import (
    FILLER_PROMPT,
    Transcriber,
    _after_seam,
    _assemble,
    _Piece,
    speech_heard,
)
from mockinterview.core.speech.coverage import (
    chunks,
    lost_stretches,
    lost_tail,
    overheld,
    spans_within,
    speech_spans,
    whisper_clips,
)
from mockinterview.core.speech.delivery import analyze_delivery, plain
from mockinterview.core.speech.transcript import Gap, Word
from mockinterview.core.thresholds import DeliveryThresholds
from tests.conftest import DATA
from tests.speech.conftest import festival_speech, silence

# Issue 11's failure, rebuilt with a voice the prompt was never tuned on: one sentence, a 1 s
# breath, then five more with two fillers. With FILLER_PROMPT and the 1 s padding, tiny.en writes
# only the first and the last sentence of it as one 30 s segment.
OPENING = "Thanks for asking about my background."
REST = (
    "Um, I studied physics and then moved into data engineering at a logistics company. We "
    "tracked thousands of parcels every hour across three countries. Uh, my job was to make the "
    "pipeline fast enough for live dashboards. I rewrote the slowest step and cut the delay from "
    "ten minutes to thirty seconds. That project taught me to measure before I change anything."
)


def word(text: str, start: float, end: float) -> Word:
    return Word(text, start, end)


def test_a_voiced_stretch_without_words_is_lost() -> None:
    spans = [(0.0, 3.0), (4.0, 10.0)]
    words = [word("a", 0.2, 0.6), word("b", 0.7, 2.8), word("c", 4.1, 4.5), word("d", 9.0, 9.8)]
    assert lost_stretches(spans, words) == [(pytest.approx(4.8), pytest.approx(8.7))]


def test_short_holes_and_fully_covered_spans_are_not_lost() -> None:
    spans = [(0.0, 2.0), (3.0, 4.0)]
    words = [word("a", 0.1, 0.9), word("b", 1.5, 1.9), word("c", 3.2, 3.9)]
    assert lost_stretches(spans, words) == []
    assert lost_stretches([(0.0, 2.0)], []) == [(0.0, 2.0)]


def test_a_short_voiced_tail_after_the_last_word_is_lost_but_not_a_short_hole() -> None:
    """At the answer's end 0.4 s of voice with no word is lost (Whisper dropped "they knew why",
    0.49 s once the word margin is off); the same inside the answer is a pause or a long word."""
    spans = [(0.0, 3.0), (3.6, 5.0)]
    words = [word("a", 0.1, 1.2), word("b", 2.0, 2.6), word("c", 3.7, 4.2)]
    assert lost_tail(spans, words) == [(pytest.approx(4.5), 5.0)]
    assert lost_stretches(spans, words) == []  # under LOST_STRETCH_S: the old rule saw nothing
    assert lost_tail(spans, [*words, word("d", 4.3, 4.8)]) == []
    assert lost_tail([(0.0, 3.0), (3.6, 4.8)], words) == []  # 0.3 s: the last word's own end
    holes = [word("a", 0.1, 0.6), word("b", 1.7, 2.9)]  # 0.5 s wordless between them
    assert lost_tail([(0.0, 3.0)], holes) == []
    assert lost_tail([(0.0, 0.8)], []) == []


def test_voice_a_word_holds_beyond_what_a_word_can_is_overheld() -> None:
    """Whisper can stretch a word's time over the words it skipped (set 3: "I'm" held 2.3 s of
    them). The voice past WORD_VOICE_MAX_S inside one word is found; silence inside the word
    does not count, and a drawn-out filler sound is one word."""
    spans = [(0.0, 2.0), (2.4, 5.0)]
    words = [word("So", 0.0, 0.9), word("I'm", 1.0, 3.5), word("done.", 3.6, 4.2)]
    # "I'm" holds 1.5 s of voice at 2.9 s (1.0-2.0 and 2.4-2.9): the rest of it is overheld.
    assert overheld(spans, words) == [(pytest.approx(2.9), 3.5)]
    assert overheld(spans, [word("So", 0.0, 0.4), word("done.", 3.6, 4.2)]) == []
    assert overheld(spans, [word("Ummm,", 0.0, 3.0)]) == []
    assert overheld(spans, [word("and,", 0.0, 1.2)]) == []  # the tuning sets' longest word


def test_only_words_after_the_transcripts_last_word_are_kept_from_a_tail_decoded_again() -> None:
    last = word("once", 25.6, 25.89)
    again = [
        _Piece(
            "a later demo once they",
            (
                word("a", 24.6, 24.7),
                word("later", 24.7, 25.0),
                word("demo", 25.0, 25.4),
                word("once", 25.55, 26.0),
                word("they", 26.0, 26.2),
            ),
        ),
        _Piece("knew why.", (word("knew", 26.2, 26.4), word("why.", 26.4, 26.6))),
    ]
    kept = _after_seam(again, last)
    assert [p.text for p in kept] == ["they", "knew why."]
    # Not found again (misheard): the words whose middle is after the last word's end.
    misheard = [_Piece("ones they", (word("ones", 25.7, 26.0), word("they", 26.0, 26.2)))]
    assert [p.text for p in _after_seam(misheard, last)] == ["they"]
    assert _after_seam(again[:1], word("they", 26.0, 26.2)) == []


def test_a_gap_inside_one_whisper_segment_is_placed_between_its_words() -> None:
    """On one CPU Whisper wrote a single segment from the sentence before a hum to the sentence
    after it; the gap's label must still sit where the hum was, not after the whole segment."""
    words = (word("We", 0.0, 0.3), word("shipped.", 0.3, 0.9), word("Mm", 2.0, 2.2))
    later = (word("Again.", 6.0, 6.5),)
    segment = _Piece("We shipped. Mm Again.", words + later)
    transcript = _assemble([segment], [Gap(2.2, 5.0)], offset_s=10.0)
    assert transcript.text == "We shipped. Mm [inaudible 2.8 s] Again."
    assert [w.start for w in transcript.words] == [10.0, 10.3, 12.0, 16.0]


def test_chunks_group_spans_and_cut_only_between_them() -> None:
    spans = [(0.0, 4.0), (4.5, 9.0), (9.5, 14.0), (20.0, 40.0)]
    assert chunks(spans, max_s=10.0) == [(0.0, 9.0), (9.5, 14.0), (20.0, 40.0)]


def test_spans_within_a_window_are_cut_to_it_and_counted_from_its_start() -> None:
    spans = [(0.5, 2.0), (3.0, 6.0), (8.0, 9.0)]
    assert spans_within(spans, 1.0, 4.0) == [(0.0, 1.0), (2.0, 3.0)]
    assert spans_within(spans, 6.5, 7.5) == []


def test_whisper_is_given_speech_with_its_context_and_no_long_silence() -> None:
    """The cut faster-whisper's own VAD filter made (0.4 s around speech, silences under 2 s
    kept), from the spans speech_spans found (0.1 s of padding in them), in seconds of the
    unpadded audio; the padded audio runs from -1.0 to 31.0."""
    spans = [(0.0, 4.1), (5.5, 10.1), (14.9, 20.1), (25.9, 27.1)]
    assert whisper_clips(spans, 30.0, pad_s=1.0) == [
        pytest.approx((-0.4, 10.4)),  # speech from 0.0 (the edge cut its padding), 1.6 s break
        pytest.approx((14.6, 20.4)),
        pytest.approx((25.6, 27.4)),
    ]
    # Speech followed by less than 2 s of silence to the padded end: kept to that end.
    assert whisper_clips([(1.9, 29.2)], 30.0, pad_s=1.0) == [pytest.approx((1.6, 31.0))]
    assert whisper_clips([], 30.0, pad_s=1.0) == []


@pytest.mark.slow
def test_one_vad_pass_serves_a_whole_transcription(
    transcriber: Transcriber, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where speech is, VAD judges once per transcribe(): the skip check, the openings, what
    Whisper is given and where its decoding stops all use that one result (faster-whisper's
    own VAD filter used to run it again on every decode, and the decode once more)."""
    import faster_whisper.transcribe
    import faster_whisper.vad

    samples = decode_audio(DATA / "speech" / "austen-0870.flac")
    runs: list[int] = []
    vad = faster_whisper.vad.get_speech_timestamps

    def counted(*args, **kwargs):
        runs.append(len(args[0]))
        return vad(*args, **kwargs)

    monkeypatch.setattr(faster_whisper.vad, "get_speech_timestamps", counted)
    monkeypatch.setattr(faster_whisper.transcribe, "get_speech_timestamps", counted)
    for greedy in (True, False):
        runs.clear()
        transcript = transcriber.transcribe(samples, greedy=greedy)
        assert "had then leisure to consider how much" in _plain_text(transcript.text)
        assert len(runs) == 1


def _plain_text(text: str) -> str:
    return " ".join(plain(t) for t in text.split())


@pytest.mark.slow
def test_skipped_sentences_are_recovered(tmp_path: Path, transcriber: Transcriber) -> None:
    samples = np.concatenate(
        [
            festival_speech(OPENING, tmp_path / "a.wav", "kal"),
            silence(1.0),
            festival_speech(REST, tmp_path / "b.wav", "kal"),
        ]
    )
    reference = len(f"{OPENING} {REST}".split())
    one_pass = transcriber._decode(samples, speech_heard(samples), FILLER_PROMPT)
    skipped = sum(len(p.words) for p in one_pass)
    assert skipped < reference / 2, "the one-pass failure no longer reproduces here"
    assert lost_stretches(speech_spans(samples), [w for p in one_pass for w in p.words])

    transcript = transcriber.transcribe(samples)
    assert len(transcript.words) >= 0.9 * reference
    assert not transcript.gaps
    text = " ".join(plain(w.text) for w in transcript.words)
    for phrase in ("thousands of", "pipeline fast enough", "measure before"):
        assert phrase in text
    starts = [w.start for w in transcript.words]
    assert starts == sorted(starts)
    assert transcript.words[0].start < 1.0  # the opening sentence is back at the start


@pytest.mark.slow
def test_a_word_stretched_over_skipped_words_sends_the_audio_back_to_be_decoded(
    tmp_path: Path, transcriber: Transcriber, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole-audio pass writes a sentence as its first word stretched over the rest (what
    tiny.en did to set 3's "so I'm a [team of six sounds right to me]", rebuilt here from its
    own decoding of a tuning voice): no voiced stretch is wordless, yet the audio is decoded
    again chunk by chunk and the sentence comes back."""
    samples = np.concatenate(
        [
            festival_speech(OPENING, tmp_path / "a.wav"),
            silence(1.0),
            festival_speech("A team of six sounds right to me.", tmp_path / "b.wav"),
        ]
    )
    heard = speech_heard(samples)
    real = transcriber._decode(samples, heard, FILLER_PROMPT)
    words = [w for p in real for w in p.words]
    second = [w for w in words if w.start > heard[0][1]]
    assert "six" in _plain_text(" ".join(w.text for w in second))
    # Its first word stretched to the sentence's end, the words after it gone.
    stretched = Word(second[0].text, second[0].start, second[-1].end, second[0].probability)
    first_pass = [
        _Piece(" ".join(w.text for w in words[: -len(second)]), tuple(words[: -len(second)])),
        _Piece(stretched.text, (stretched,)),
    ]
    assert not lost_stretches(speech_spans(samples), [*first_pass[0].words, stretched])
    assert overheld(speech_spans(samples), [*first_pass[0].words, stretched])

    decodings: list[int] = []

    def once_stretched(audio, spans, prompt, beams=5):
        decodings.append(len(audio))
        return first_pass if len(decodings) == 1 else real_decode(audio, spans, prompt, beams)

    real_decode = transcriber._decode
    monkeypatch.setattr(transcriber, "_decode", once_stretched)
    transcript = transcriber.transcribe(samples)
    assert len(decodings) > 1
    assert "team of six sounds right to me" in _plain_text(transcript.text)
    assert not transcript.gaps


@pytest.mark.slow
def test_an_unrecoverable_stretch_is_kept_as_a_visible_gap(
    tmp_path: Path, transcriber: Transcriber
) -> None:
    """A voiced stretch no pass can put into words (a wavering hum that VAD takes for a voice,
    like a mumble) stays in the transcript as "[inaudible ...]" and is counted."""
    sentence = festival_speech(
        "We shipped the new billing system two months early.", tmp_path / "s.wav"
    )
    t = np.arange(3 * SAMPLE_RATE) / SAMPLE_RATE
    hum = (0.2 * np.sin(2 * np.pi * 150 * t) * (0.5 + 0.5 * np.sin(2 * np.pi * 3 * t))).astype(
        np.float32
    )
    samples = np.concatenate([sentence, silence(1.0), hum, silence(1.0), sentence])
    hum_start = (len(sentence) + SAMPLE_RATE) / SAMPLE_RATE

    transcript = transcriber.transcribe(samples, offset_s=10.0)
    assert len(transcript.gaps) == 1
    gap = transcript.gaps[0]
    assert 10.0 + hum_start - 0.5 < gap.start < gap.end <= 10.0 + hum_start + 3.2
    assert gap.seconds >= 2.0
    assert gap.label in transcript.text
    first, _, second = transcript.text.partition(gap.label)
    assert "early" in first.lower() and "early" in second.lower()

    speech = analyze_delivery(
        transcript.words, samples, DeliveryThresholds(), inaudible=transcript.gaps
    ).to_dict()
    assert speech["inaudible"] == [gap.to_dict()]
    assert speech["inaudible_s"] == pytest.approx(gap.end - gap.start, abs=0.06)


@pytest.mark.slow
def test_a_wordless_tail_after_the_last_word_is_kept_as_a_visible_gap(
    tmp_path: Path, transcriber: Transcriber
) -> None:
    """A voiced tail too short for a lost stretch (0.8 s of the wavering hum above, 0.1 s after
    the answer's last word) that decoding it again puts into no words is shown, not dropped:
    without the tail's own bar the transcript ended on "early." with no gap, whole-file and live."""
    sentence = festival_speech(
        "We shipped the new billing system two months early.", tmp_path / "s.wav"
    )
    sentence = sentence[: np.nonzero(np.abs(sentence) > 0.01)[0][-1] + 1]
    t = np.arange(int(0.8 * SAMPLE_RATE)) / SAMPLE_RATE
    hum = (0.2 * np.sin(2 * np.pi * 150 * t) * (0.5 + 0.5 * np.sin(2 * np.pi * 3 * t))).astype(
        np.float32
    )
    samples = np.concatenate([sentence, silence(0.1), hum, silence(1.0)])
    hum_start = len(sentence) / SAMPLE_RATE + 0.1

    for greedy in (False, True):  # whole-file, and the live decoding after Stop
        transcript = transcriber.transcribe(samples, greedy=greedy)
        assert plain(transcript.words[-1].text) == "early", transcript.text
        assert len(transcript.gaps) == 1, transcript.text
        gap = transcript.gaps[0]
        assert hum_start - 0.3 < gap.start < gap.end <= hum_start + 1.0
        assert gap.seconds >= 0.4
        assert transcript.text.endswith(gap.label)


@pytest.mark.slow
def test_a_short_phrase_at_the_very_end_of_the_file_is_kept(
    tmp_path: Path, transcriber: Transcriber
) -> None:
    """A recording stopped the instant the speaker finished: the closing "I don't know." runs
    up to the last sample, with no silence after it for VAD to close its span on."""
    body = festival_speech(
        "We tried three designs, and the last one worked best.", tmp_path / "a.wav"
    )
    closing = festival_speech("I don't know.", tmp_path / "b.wav")
    voiced = np.nonzero(np.abs(closing) > 0.01)[0]
    closing = closing[: voiced[-1] + 1]  # ends on its last audible sample
    samples = np.concatenate([body, silence(0.3), closing])
    transcript = transcriber.transcribe(samples)
    said = [plain(w.text) for w in transcript.words]
    assert said[-3:] == ["i", "don't", "know"], transcript.text
    assert transcript.gaps == ()


def _priorities_in_en029(folder: Path) -> np.ndarray:
    """Set 2's eval2-priorities (tuning data) in espeak-ng en-029, its two halves 2 s apart."""
    from tests.conftest import synthesize

    parts = (
        "When everything is urgent, I ask what breaks first if we wait. Um, last quarter I had a "
        "security fix, a sales demo and a migration in the same week. I mean, all three mattered.",
        "So I went to my manager with a short list and we agreed on an order. The security fix "
        "went first, uh, because a customer could be hurt by it. Do you know what surprised me? "
        "The sales team was fine with a later demo once they knew why.",
    )
    said = [
        decode_audio(synthesize(text, folder / f"{n}.wav", 175, "en-029"))
        for n, text in enumerate(parts)
    ]
    return np.concatenate([said[0], silence(2.0), said[1]])


@pytest.mark.slow
def test_the_same_audio_gives_the_same_transcript(
    tmp_path: Path, transcriber: Transcriber, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The decoding of this answer's tail is one Whisper finds unsure (average log probability
    -1.26), where faster-whisper's fallback would sample at a random temperature: CI once read
    "I'm going to do it right" for "they knew why". Decoded at temperature 0 only, three runs
    give one transcript."""
    samples = _priorities_in_en029(tmp_path)
    asked: list[object] = []
    decode = transcriber.model.transcribe

    def recorded(*args, **options):
        asked.append(options.get("temperature"))
        return decode(*args, **options)

    monkeypatch.setattr(transcriber.model, "transcribe", recorded)
    texts = {transcriber.transcribe(samples).text for _ in range(3)}
    assert len(texts) == 1, texts
    assert asked and set(asked) == {0.0}  # faster-whisper's default falls back to 0.2 ... 1.0


@pytest.mark.slow
def test_an_answers_last_words_whisper_dropped_are_decoded_again(
    tmp_path: Path, transcriber: Transcriber
) -> None:
    """Set 2's eval2-priorities in espeak-ng en-029 (tuning data): the whole-audio pass ends on
    "once" and drops "they knew why", leaving 0.49 s of voice after the last word once the word
    margin is off, under LOST_STRETCH_S, so no retry ran and no gap was shown. The voiced tail
    after the last word is decoded again with the seconds before it."""
    samples = _priorities_in_en029(tmp_path)
    duration = len(samples) / SAMPLE_RATE
    spans = [(max(a, 0.0), min(b, duration)) for a, b in speech_heard(samples)]
    one_pass = [
        w
        for p in transcriber._decode(samples, speech_heard(samples), FILLER_PROMPT)
        for w in p.words
    ]
    if plain(one_pass[-1].text) != "once":
        # Whisper's words on a borderline ending differ between machines (session 16, an
        # AVX-512 CPU: the one pass ended on "letter"; with oneDNN capped at AVX2, on "way"):
        # where this ending is not dropped, there is nothing for the retry to recover here.
        pytest.skip(f"the dropped ending does not reproduce on this CPU ({one_pass[-1].text!r})")
    assert not lost_stretches(spans, one_pass)  # what the mid-answer rule saw: nothing lost

    transcript = transcriber.transcribe(samples)
    said_words = [plain(w.text) for w in transcript.words]
    assert said_words[-5:] == ["demo", "once", "they", "knew", "why"], transcript.text
    assert transcript.gaps == ()
    starts = [w.start for w in transcript.words]
    assert starts == sorted(starts)

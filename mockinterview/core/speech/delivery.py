"""How an answer was said: pace, fillers, pauses, hedges, repeats, length, loudness, pitch.

Pure functions from timed words (asr.Transcript) and the answer's samples to the `speech` block of
docs/contracts.md; no I/O, so the live view and the report compute the same numbers.

    metrics = analyze_delivery(transcript.words, samples, settings.delivery, duration_s=63.2)
    metrics.to_dict()   # {"transcript", "words", "wpm", "fillers", ..., "flags"}

Definitions (docs/contracts.md, issue 3):
- word_count counts every word Whisper wrote; wpm counts words that are not fillers, over first
  word start to last word end, because fillers are not content and leading silence is not pace.
- Worded fillers count only in filler position: set apart from their clause by a break in the
  voice (tests/data/README.md, "Filler labels"), measured in the audio, never taken from
  Whisper's punctuation alone. Whisper writes commas the voice did not pause for ("I mean it"
  as "I mean, it", "You know the answer" as "You know, the answer", "I like that" as "I, like,
  that"; held-out set 2 lost most of its filler precision to them, session 9), and writes
  "So," at a sentence opening whether or not the voice stops. asr.Transcriber sets the times
  of the words around each such break to the silence measured in the audio (breaks_to_measure),
  and a break is a silence of at least filler_break_s, or of filler_break_after_comma_s after a
  word Whisper wrote a comma after (a voice may mark the comma by drawing the word out more than
  by pausing) unless the next word opens with a stop consonant, whose closure is a silence too:
  - "so": after a filler sound ("So, um, ..."), or opening a sentence or set apart by a comma
    inside one ("and then, so, we ...") with a break after it; never after "and", "I think"
    and the like (SO_IS_GRAMMAR_AFTER). "So, I made a list" said with a break is a filler,
    "So I asked both managers" run on is a connective. A pause before "So" does not set it
    apart ("[3 s] So I wrote down the risks" is a connective): counting it cost precision on the
    tuning set (tests/data/README.md, "Filler labels", has the figures of the rules measured
    and not kept).
  - "you know" / "I mean": a break after them, or ending a sentence ("it was hard, you
    know."); not "do you know why", "that's what I mean" (YOU_KNOW_IS_GRAMMAR_AFTER,
    I_MEAN_IS_GRAMMAR_AFTER), nor "I mean it" / "You know the answer" run on, whatever comma
    Whisper put after them.
  - "like": after a filler sound ("Umm, like, tomorrow"), or with Whisper's comma after it and a
    break right before or right after it ("I was, like, nervous"), and not after a word that
    makes it grammar ("I like", "looks like", "I'd like"; LIKE_IS_GRAMMAR_AFTER), commas or not.
    A comma before it alone is not enough ("years, like most startups." is Whisper joining
    "years. Like most startups,").
- Pitch variation is the standard deviation of the voice's pitch in semitones around its own median
  (Praat's autocorrelation tracker, via parselmouth), so it means the same for low and high voices.
  Praat runs in a worker process (speech/pitch.py), where its hold on the GIL stops no thread of
  the app's.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from mockinterview.core.audio_file import SAMPLE_RATE
from mockinterview.core.speech.pitch import voiced_pitch_hz
from mockinterview.core.speech.room import hard_to_hear, read_room
from mockinterview.core.speech.transcript import Gap, Transcript, Word
from mockinterview.core.thresholds import DeliveryThresholds, length_flags

DEFAULT_THRESHOLDS = DeliveryThresholds()
FILLER_FORMS = {
    "um": "um",
    "umm": "um",
    "ummm": "um",
    "uhm": "um",
    "erm": "er",
    "er": "er",
    "uh": "uh",
    "uhh": "uh",
    "hmm": "hmm",
    "hm": "hmm",
    "hmmm": "hmm",
    "mm": "hmm",
}
# "like" after these words is grammar, not a filler ("I'd like", "looks like", "things like").
LIKE_IS_GRAMMAR_AFTER = frozenset(
    [
        "would",
        "i'd",
        "i",
        "you",
        "we",
        "they",
        "he",
        "she",
        "don't",
        "didn't",
        "doesn't",
        "really",
        "look",
        "looks",
        "looked",
        "feel",
        "feels",
        "felt",
        "seem",
        "seems",
        "seemed",
        "sound",
        "sounds",
        "sounded",
        "something",
        "things",
        "just",
        "more",
        "much",
        "exactly",
        "nothing",
        "anything",
        "everything",
        "lot",
        "what",
    ]
)
# "I mean" after these is the verb ("what I mean", "do you mean"), not a filler.
I_MEAN_IS_GRAMMAR_AFTER = frozenset(["what", "that's", "if", "do", "did", "don't", "you"])
# "so" after these is grammar or a connective ("and so", "I think so", "not so").
SO_IS_GRAMMAR_AFTER = frozenset(
    [
        "and",
        "or",
        "but",
        "think",
        "hope",
        "guess",
        "believe",
        "said",
        "say",
        "not",
        "even",
        "just",
        "ever",
        "do",
        "did",
        "is",
        "was",
        "be",
        "why",
        "more",
    ]
)
# "you know" after these is a question or a statement of knowledge ("do you know", "let you know").
YOU_KNOW_IS_GRAMMAR_AFTER = frozenset(
    [
        "do",
        "did",
        "don't",
        "didn't",
        "if",
        "as",
        "would",
        "will",
        "you'd",
        "let",
        "let's",
        "whether",
    ]
)
# Words whose filler reading depends on a break after them ("so", "you know", "I mean", "like")
# or, for "like", before them: asr.Transcriber measures those silences in the audio and sets the
# word times to them (`breaks_to_measure`).
BREAK_DECIDES = frozenset({"so", "know", "mean", "like"})
BREAK_BEFORE_DECIDES = frozenset({"like"})
# Two-word fillers: filler only when the second word ends a clause or a break follows it, and not
# after these words.
TWO_WORD_FILLERS = {
    ("you", "know"): YOU_KNOW_IS_GRAMMAR_AFTER,
    ("i", "mean"): I_MEAN_IS_GRAMMAR_AFTER,
}
HEDGES = (
    ("i", "think"),
    ("i", "guess"),
    ("i", "suppose"),
    ("i", "believe"),
    ("i", "feel", "like"),
    ("kind", "of"),
    ("sort", "of"),
    ("kinda",),
    ("sorta",),
    ("maybe",),
    ("perhaps",),
    ("probably",),
    ("possibly",),
    ("somewhat",),
    ("a", "little", "bit"),
    ("more", "or", "less"),
    ("not", "sure"),
)
# "what kind of project" is a question about kinds, not a hedge.
KIND_OF_IS_GRAMMAR_AFTER = frozenset(
    ["what", "this", "that", "the", "a", "any", "every", "some", "which", "same", "each"]
)
# "I believe in open feedback" states a value and "I think about the user first" says what one
# does: a hedge is the same words softening a claim ("I think it works").
HEDGE_IS_GRAMMAR_BEFORE = {
    ("i", "believe"): frozenset({"in"}),
    ("i", "think"): frozenset({"about", "of"}),
}
# Doubled words that are grammar or emphasis, not a stumble.
REPEAT_IS_FINE = frozenset({"had", "that", "very", "no", "really"})
RESTART_MAX_WORDS = 3  # the longest restart looked for: "I think we, I think we can"
# The words a stumble says again on their own ("I, I think", "moved to the, the office"). Any other
# single word that ends a clause and is said again opens the next clause: "I like beans, beans are
# fun" is two statements (the talkbank reference writes two utterances; Whisper, one sentence).
STUMBLE_WORDS = frozenset(
    word
    for kind in (
        "i me my we us our you your he him his she her it its they them their",
        "i'm i've i'd i'll we're we've we'd we'll you're it's that's there's they're he's she's",
        "a an the this that these those some any each every no all",
        "to in on at of for with from by about into over after before as",
        "and but or so because if when while then than",
        "am is are was were be been do does did have has had will would can could should might",
        "must don't didn't can't wasn't isn't won't",
        "what which who how where why there here not just",
    )
    for word in kind.split()
)


@dataclass(frozen=True)
class Moment:
    """A filler, hedge or repeated word and when it started (s from the answer's start)."""

    text: str
    start: float


@dataclass(frozen=True)
class Pause:
    start: float
    end: float


@dataclass(frozen=True)
class DeliveryMetrics:
    """The contract's speech block as typed fields; `to_dict()` gives the JSON shape."""

    transcript: str
    words: tuple[Word, ...]
    word_count: int
    wpm: float | None
    fillers: tuple[Moment, ...]
    fillers_per_100_words: float
    pauses: tuple[Pause, ...]
    hedges: tuple[Moment, ...]
    repeated_words: tuple[Moment, ...]
    answer_seconds: float
    answer_verdict: str  # ok | short | long
    target_s: tuple[float, float]
    loudness_dbfs: float | None
    noise_floor_dbfs: float | None  # the room: 10th percentile of 100 ms block levels
    speech_to_noise_db: float | None  # voice over the room's floor (room.speech_to_noise_db)
    pitch_variation_st: float | None
    monotone: bool | None
    flags: tuple[str, ...]
    inaudible: tuple[Gap, ...] = ()  # voiced stretches no transcription pass put into words

    def to_dict(self) -> dict[str, Any]:
        def moments(items: tuple[Moment, ...]) -> list[dict[str, Any]]:
            return [{"text": m.text, "start": round(m.start, 2)} for m in items]

        return {
            "transcript": self.transcript,
            "words": [w.to_dict() for w in self.words],
            "word_count": self.word_count,
            "wpm": self.wpm,
            "fillers": moments(self.fillers),
            "filler_count": len(self.fillers),
            "fillers_per_100_words": self.fillers_per_100_words,
            "pauses": [{"start": round(p.start, 2), "end": round(p.end, 2)} for p in self.pauses],
            "hedges": moments(self.hedges),
            "repeated_words": moments(self.repeated_words),
            "answer_length": {
                "seconds": round(self.answer_seconds, 2),
                "verdict": self.answer_verdict,
                "target_s": list(self.target_s),
            },
            "loudness_dbfs": self.loudness_dbfs,
            "noise_floor_dbfs": self.noise_floor_dbfs,
            "speech_to_noise_db": self.speech_to_noise_db,
            "pitch_variation_st": self.pitch_variation_st,
            "monotone": self.monotone,
            "flags": list(self.flags),
            "inaudible": [g.to_dict() for g in self.inaudible],
            "inaudible_s": round(sum(g.end - g.start for g in self.inaudible), 1),
        }


def plain(text: str) -> str:
    """A word as compared: lower case, punctuation gone, apostrophes kept ("Don't," -> "don't")."""
    return "".join(c for c in text.lower() if c.isalnum() or c == "'").strip("'")


def as_written(phrase: str) -> str:
    """A filler, hedge or restart as a reader expects it: the analysis keeps its words lower-case
    ("i think"), and the report's “i think” x1 read as a typo."""
    return re.sub(r"\bi\b", "I", phrase.lower())


def moment_name(text: str) -> str:
    """The name a filler or hedge moment gives the word `text` ("Umm," -> "um", "Like" ->
    "like"), so a moment can be told from a word that starts at the same time."""
    name = plain(text)
    return FILLER_FORMS.get(name, name)


def is_filler_sound(text: str) -> bool:
    """Whether Whisper wrote the word `text` as a filler sound ("Um,", "uh", "Hmm...")."""
    return plain(text) in FILLER_FORMS


def _ends_clause(text: str) -> bool:
    return text.rstrip().endswith((",", ".", "?", "!", ";", ":", "..."))


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "?", "!"))


def _opens_with_stop(text: str) -> bool:
    """Whether a word opens with a stop consonant (by its spelling: "t" in "to", not in "the"),
    whose closure before the burst is a silence of its own, 50-100 ms in running speech."""
    name = plain(text)
    if name.startswith(("th", "ph", "kn", "gn", "ce", "ci", "cy")):
        return False
    return name[:1] in ("p", "b", "t", "d", "k", "g", "c", "q")


def _break_after(words: Sequence[Word], i: int, thresholds: DeliveryThresholds) -> bool:
    """A silence after word i that sets it apart: filler_break_s; or, where Whisper wrote a comma
    after it (it heard the boundary: a voice may mark it by drawing the word out more than by
    pausing), filler_break_after_comma_s, unless the next word's stop closure could be that
    silence."""
    if i + 1 >= len(words):
        return False
    need = thresholds.filler_break_s
    if words[i].text.rstrip().endswith(",") and not _opens_with_stop(words[i + 1].text):
        need = min(need, thresholds.filler_break_after_comma_s)
    return words[i + 1].start - words[i].end >= need


def _like_is_filler(
    words: Sequence[Word], names: list[str], i: int, thresholds: DeliveryThresholds
) -> bool:
    """A "like" after a filler sound ("Umm, like, tomorrow"); or set apart by Whisper's comma after
    it, not after a word that makes it grammar ("I, like, that" is "I like that"), with a break
    measured right before or right after it. A comma before it alone is not enough: Whisper
    joins "years. Like most startups," into "years, like most startups"."""
    before = names[i - 1] if i else ""
    if before in FILLER_FORMS:
        return True
    if before in LIKE_IS_GRAMMAR_AFTER or not _ends_clause(words[i].text):
        return False
    return (i > 0 and _break_after(words, i - 1, thresholds)) or _break_after(words, i, thresholds)


def breaks_to_measure(words: Sequence[Word]) -> list[int]:
    """Indices of the words whose silence after them a filler reading depends on: each word in
    BREAK_DECIDES, and the word before each in BREAK_BEFORE_DECIDES (not the last word)."""
    names = [plain(w.text) for w in words]
    return [
        i
        for i in range(len(words) - 1)
        if names[i] in BREAK_DECIDES or names[i + 1] in BREAK_BEFORE_DECIDES
    ]


def pauses_to_measure(words: Sequence[Word], min_s: float) -> list[int]:
    """Indices of the words after which a pause of `min_s` could hide: from the word's start
    to the next word's end there is room for one. Whisper's word times smear a pause (it
    stretches the word before it over the silence, or starts the next word early), so such a
    pause is measured in the audio (asr._with_breaks_measured), not read off the word times."""
    return [i for i in range(len(words) - 1) if words[i + 1].end - words[i].start >= min_s]


def _filler_spans(
    words: Sequence[Word], thresholds: DeliveryThresholds = DEFAULT_THRESHOLDS
) -> list[tuple[int, int, str]]:
    """(first word index, number of words, filler name) for each filler, in order."""
    names = [plain(w.text) for w in words]
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(words):
        name = names[i]
        before = names[i - 1] if i else ""
        if name in FILLER_FORMS:
            spans.append((i, 1, FILLER_FORMS[name]))
        elif name == "like":
            if _like_is_filler(words, names, i, thresholds):
                spans.append((i, 1, "like"))
        elif (
            (name, names[i + 1] if i + 1 < len(words) else "") in TWO_WORD_FILLERS
            and (_ends_sentence(words[i + 1].text) or _break_after(words, i + 1, thresholds))
            and before not in TWO_WORD_FILLERS[(name, names[i + 1])]
        ):
            spans.append((i, 2, f"{name} {names[i + 1]}"))
            i += 1
        elif name == "so" and before not in SO_IS_GRAMMAR_AFTER:
            after = names[i + 1] if i + 1 < len(words) else ""
            opens_sentence = i == 0 or _ends_sentence(words[i - 1].text)
            set_apart = words[i].text.rstrip().endswith((",", "..."))
            if after in FILLER_FORMS or (
                (set_apart or opens_sentence) and _break_after(words, i, thresholds)
            ):
                spans.append((i, 1, "so"))
        i += 1
    return spans


def find_fillers(
    words: Sequence[Word], thresholds: DeliveryThresholds = DEFAULT_THRESHOLDS
) -> list[Moment]:
    """Filler sounds always; "like", "you know", "I mean" and "so" only in filler position."""
    return [Moment(name, words[i].start) for i, _, name in _filler_spans(words, thresholds)]


def content_words(
    words: Sequence[Word], thresholds: DeliveryThresholds = DEFAULT_THRESHOLDS
) -> list[Word]:
    """The words that are not fillers: what was said, as pace and word error rate count it."""
    in_filler = {i + k for i, count, _ in _filler_spans(words, thresholds) for k in range(count)}
    return [w for i, w in enumerate(words) if i not in in_filler]


def speaking_span_s(words: Sequence[Word]) -> float:
    """From the first word's start to the last one's end: the speech pace is measured over and
    pace and pitch need enough of to be judged (the silence before the first word is thinking
    time, after the last one the answer's end)."""
    return words[-1].end - words[0].start if words else 0.0


def words_per_minute(
    words: Sequence[Word], thresholds: DeliveryThresholds = DEFAULT_THRESHOLDS
) -> float | None:
    """Non-filler words over first word start to last word end; None under one second of speech."""
    span = speaking_span_s(words)
    if span < 1.0:
        return None
    filler_words = sum(count for _, count, _ in _filler_spans(words, thresholds))
    return round((len(words) - filler_words) / span * 60.0, 1)


def find_pauses(words: Sequence[Word], min_s: float) -> list[Pause]:
    """Silences of at least `min_s` between two words (silence before the first word is thinking
    time, not a pause inside the answer)."""
    return [Pause(a.end, b.start) for a, b in itertools.pairwise(words) if b.start - a.end >= min_s]


def find_hedges(words: Sequence[Word]) -> list[Moment]:
    names = [plain(w.text) for w in words]
    found = []
    for i in range(len(names)):
        for phrase in HEDGES:
            if tuple(names[i : i + len(phrase)]) != phrase:
                continue
            if phrase[1:] == ("of",) and i and names[i - 1] in KIND_OF_IS_GRAMMAR_AFTER:
                continue
            after = names[i + len(phrase)] if i + len(phrase) < len(names) else ""
            if after in HEDGE_IS_GRAMMAR_BEFORE.get(phrase, ()):
                continue
            found.append(Moment(" ".join(phrase), words[i].start))
            break
    return found


def find_repeats(
    words: Sequence[Word], thresholds: DeliveryThresholds = DEFAULT_THRESHOLDS
) -> list[Moment]:
    """A restart: a word or a phrase of up to RESTART_MAX_WORDS said again at once ("I, I
    think", "I like, I like, I like beans": two), looking past fillers between the two. The
    longest repeated phrase counts, once, from where it is said again. A new sentence or clause
    that opens with the last one's closing word ("... beans. Beans are fun.", "... beans, beans
    are fun") is no restart."""
    kept = [w for w in content_words(words, thresholds) if plain(w.text)]
    names = [plain(w.text) for w in kept]
    found = []
    i = 1
    while i < len(kept):
        for n in range(min(RESTART_MAX_WORDS, i, len(kept) - i), 0, -1):
            phrase = names[i : i + n]
            fine = n == 1 and phrase[0] in REPEAT_IS_FINE
            fine = fine or (
                n == 1 and phrase[0] not in STUMBLE_WORDS and kept[i - 1].text.endswith(",")
            )
            if phrase == names[i - n : i] and not fine and not _ends_sentence(kept[i - 1].text):
                found.append(Moment(" ".join(phrase), kept[i].start))
                i += n
                break
        else:
            i += 1
    return found


def answer_verdict(
    seconds: float, thresholds: DeliveryThresholds, target_s: tuple[float, float] | None = None
) -> str:
    short, long = length_flags(thresholds, target_s)
    if seconds < short:
        return "short"
    if seconds > long:
        return "long"
    return "ok"


def speech_loudness_dbfs(
    samples: np.ndarray, words: Sequence[Word], sample_rate: int = SAMPLE_RATE
) -> float | None:
    """RMS level of the audio while words are being said, in dB relative to full scale."""
    spans = [samples[int(w.start * sample_rate) : int(w.end * sample_rate)] for w in words]
    voiced = np.concatenate(spans) if spans else np.zeros(0, dtype=np.float32)
    if len(voiced) < sample_rate // 10:
        return None
    rms = float(np.sqrt(np.mean(np.square(voiced, dtype=np.float64))))
    return round(20.0 * np.log10(max(rms, 1e-10)), 1)


def pitch_variation_semitones(
    samples: np.ndarray, thresholds: DeliveryThresholds, sample_rate: int = SAMPLE_RATE
) -> float | None:
    """Std-dev of voiced pitch in semitones around its median; None with under 0.5 s voiced."""
    if len(samples) < sample_rate // 2:
        return None
    voiced = voiced_pitch_hz(
        samples, sample_rate, thresholds.pitch_floor_hz, thresholds.pitch_ceiling_hz
    )
    if len(voiced) < 50:  # 50 frames of 10 ms
        return None
    semitones = 12.0 * np.log2(voiced / np.median(voiced))
    return round(float(np.std(semitones)), 2)


def analyze_delivery(
    words: Sequence[Word],
    samples: np.ndarray,
    thresholds: DeliveryThresholds,
    duration_s: float | None = None,
    target_s: tuple[float, float] | None = None,
    transcript: str | None = None,
    sample_rate: int = SAMPLE_RATE,
    inaudible: Sequence[Gap] = (),
) -> DeliveryMetrics:
    """Every delivery metric of one answer, and the flags the report and live view show."""
    words = tuple(words)
    seconds = duration_s if duration_s is not None else len(samples) / sample_rate
    fillers = find_fillers(words, thresholds)
    wpm = words_per_minute(words, thresholds)
    loudness = speech_loudness_dbfs(samples, words, sample_rate)
    room = read_room(samples, thresholds, sample_rate)
    snr = room.speech_to_noise_db if words else None
    pitch = pitch_variation_semitones(samples, thresholds, sample_rate) if words else None
    per_100 = round(100.0 * len(fillers) / len(words), 1) if words else 0.0
    verdict = answer_verdict(seconds, thresholds, target_s)
    speaking_s = speaking_span_s(words)
    sustained = speaking_s >= thresholds.pitch_min_speech_s  # one sentence's spread says little
    monotone = pitch < thresholds.monotone_pitch_st if pitch is not None and sustained else None

    flags = []
    if not words:
        flags.append("no_speech")
    if wpm is not None and speaking_s >= thresholds.pace_min_speech_s:
        if wpm < thresholds.wpm_flag_low:
            flags.append("slow")
        elif wpm > thresholds.wpm_flag_high:
            flags.append("fast")
    if per_100 > thresholds.fillers_per_100_ok:
        flags.append("many_fillers")
    if words and verdict != "ok":
        flags.append(verdict)
    if hard_to_hear(snr, thresholds):
        flags.append("quiet")  # hard to hear over the room, whatever the microphone's gain
    if monotone:
        flags.append("monotone")

    return DeliveryMetrics(
        transcript=transcript if transcript is not None else " ".join(w.text for w in words),
        words=words,
        word_count=len(words),
        wpm=wpm,
        fillers=tuple(fillers),
        fillers_per_100_words=per_100,
        pauses=tuple(find_pauses(words, thresholds.pause_min_s)),
        hedges=tuple(find_hedges(words)),
        repeated_words=tuple(find_repeats(words, thresholds)),
        answer_seconds=seconds,
        answer_verdict=verdict,
        target_s=target_s or (thresholds.answer_target_low_s, thresholds.answer_target_high_s),
        loudness_dbfs=loudness,
        noise_floor_dbfs=None if room.floor_dbfs is None else round(room.floor_dbfs, 1),
        speech_to_noise_db=snr,
        pitch_variation_st=pitch,
        monotone=monotone,
        flags=tuple(flags),
        inaudible=tuple(inaudible),
    )


def analyze_transcript(
    transcript: Transcript,
    samples: np.ndarray,
    thresholds: DeliveryThresholds,
    target_s: tuple[float, float] | None = None,
) -> DeliveryMetrics:
    """`analyze_delivery` for one whole recorded answer (16 kHz samples) and its transcript:
    the words, the text and the stretches no word was put into. A file analysed with
    `mockinterview analyze` and an answer stored in a session are measured by this one call."""
    return analyze_delivery(
        transcript.words,
        samples,
        thresholds,
        duration_s=len(samples) / SAMPLE_RATE,
        target_s=target_s,
        transcript=transcript.text,
        inaudible=transcript.gaps,
    )

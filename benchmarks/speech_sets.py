"""The speech benchmark's clips: which are for tuning and which only for evaluation.

Tuning (options, prompts and thresholds may be tried on these):
- TUNING_ANSWERS spoken by espeak-ng en-us (the voice the filler prompt was first tuned on),
  festival slt (issue 11's skip failure was found with festival voices), since session 4 the
  bundled Piper neural voice Joe (the most human-like prosody the project has; no evaluation
  clip uses it) and, since session 6, festival ked (a diphone voice like the evaluation's kal,
  whose short "Uh" Whisper hears as a word; no evaluation clip uses it).
- REAL_TUNING: short real recordings committed in tests/data/speech (a LibriVox reader and a man
  recorded for the CMU Sphinx tests, from the Debian package pocketsphinx-testdata; see NOTICE.md
  there).
- EVAL2_ANSWERS, tuning data since session 10 (the worded-filler rule was changed after looking
  at its transcripts; tests/data/README.md, "Session 10"). Written in session 9
  as held-out evaluation and committed before any transcript of it was seen: seven answers with
  filler sounds, worded fillers in filler position and the same words as grammar ("I like
  working", "I mean it", "so that we could", "You know the answer", "Like most startups,"),
  spoken by EVAL2_VOICES, espeak-ng variants (bench_speech set "synthetic_evaluation_2"), and,
  as a separate set ("synthetic_evaluation_2_known_voices"), by the festival voices of the
  first evaluation set.

Evaluation (never tuned on; a change is judged here):
- EVAL_ANSWERS, texts written for evaluation only, spoken by festival kal (a diphone voice),
  festival slt and espeak-ng en-gb-x-rp.
- real_evaluation(): the two real recordings of ../shared/evaluation/speech (absent in a fresh
  clone: the set is then skipped, never faked).
- EVAL3_ANSWERS (held-out, evaluation only; written in session 10 and committed before any
  transcript of it was seen): six new answers of the same make as set 2, spoken by
  EVAL3_VOICES, voices no other set uses: flite awb and rms, espeak-ng en-us-nyc and
  en-gb-x-gbclan (bench_speech set "synthetic_evaluation_3"). Never tune on it.

Markup in texts: `{um}` is a filler in the ground truth (braces are dropped before speaking),
`[3]` is 3 s of silence. A worded filler that a voice says byte-identical without the comma
marking its break is scored as a plain word (bench_speech.render; the figures against the texts
as written are printed beside).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from mockinterview.core.thresholds import DeliveryThresholds

REPO = Path(__file__).resolve().parent.parent
REAL_TUNING_DIR = REPO / "tests" / "data" / "speech"
# ../shared beside the repository (the developers' machines; a fresh clone has none)
REAL_EVALUATION_DIR = REPO.parent / "shared" / "evaluation" / "speech"
SHARED_EVALUATION_DIR = Path("/work/shared/evaluation/speech")


@dataclass(frozen=True)
class Answer:
    name: str
    rate: int  # espeak-ng words per minute (festival speaks at its own rate)
    text: str


@dataclass(frozen=True)
class Recording:
    name: str
    path: Path
    text: str  # verbatim reference with {filler} markup
    worded_fillers_marked: bool = True  # False: the reference marks only um/uh sounds
    correction: str = ""  # what was changed in a published reference, and why
    # (start, end) s of each silence of PAUSE_MIN_S or more between two reference words, from
    # the reference's word times; None where the reference has no times
    pauses: tuple[tuple[float, float], ...] | None = None


PAUSE_MIN_S = DeliveryThresholds.pause_min_s  # s, the report's "long pauses"


def pauses_between(spans: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """The silences of PAUSE_MIN_S or more between consecutive (start, end) word spans."""
    ordered = sorted(spans)
    return tuple(
        (end, start)
        for (_, end), (start, _) in itertools.pairwise(ordered)
        if start - end >= PAUSE_MIN_S
    )


TUNING_ANSWERS = (
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
    # Added in session 4 to tune the break rule of tests/data/README.md ("Filler labels"): a
    # sentence-opening "So" / "You know" said with a break after it (a filler) beside the same
    # words run straight into their clause (a connective, a question).
    Answer(
        "choosing-offers-so",
        150,
        "I had two offers last year and I had to choose one. [1.5] {So,} I made a list of what "
        "mattered to me. One team was small and the other was large. So I asked both managers "
        "how they review code. [1.5] {So,} the small team won, because they answered with real "
        "examples.",
    ),
    Answer(
        "friday-release-you-know",
        165,
        "You know the feeling when a release breaks on a Friday evening? It happened to us "
        "twice in one month. {You know,} the fix was simple. We added a check that runs before "
        "every merge, and so far it has stopped four bad releases. [1.2] {So,} I think the "
        "lesson is to automate the boring parts. So we did.",
    ),
    # Added in session 6 to study the filler sounds that diphone voices say short, like a word
    # ("Uh, most of it" heard as "The most of it"), and sentence-opening "So," beside the
    # connective and the adverb "so".
    Answer(
        "onboarding-uh",
        150,
        "When I joined my last company, the onboarding took three weeks. [1.5] {Uh,} most of it "
        "was reading old design documents. I asked for a small bug to fix on the second day. "
        "{Uh,} that helped me learn the code much faster than the documents did.",
    ),
    Answer(
        "deadline-um",
        150,
        "We had a hard deadline for a customer demo. {Um,} the backend was ready but the mobile "
        "app was not. [2] {Uh,} so I paired with the mobile developer for two days, and we "
        "finished the screens the night before.",
    ),
    Answer(
        "mentor-so",
        150,
        "I mentor two junior developers at the moment. [1.5] {So,} every Friday we review one "
        "pull request together. They pick it, and I ask questions. So they learn to explain "
        "their choices, and I learn how they think.",
    ),
    Answer(
        "outage-uh-mid",
        160,
        "The worst outage I handled started at two in the morning. I was on call, and, {uh,} the "
        "alerts did not say much. [1.2] {Um,} I rolled back the last release first. That fixed "
        "it, and the next day we wrote a better alert.",
    ),
    Answer(
        "remote-so-grammar",
        150,
        "I have worked remotely for three years, so I know how easy it is to feel alone. [1.5] "
        "{So,} we started a short video call every morning. It was so simple, and people liked "
        "it. [1] {Uh,} we still do it today.",
    ),
)

# Written for evaluation only: a long opening sentence, a breath, then a run of sentences (the
# shape that made tiny.en skip in issue 11), grammar uses of like / you know / I mean / so.
EVAL_ANSWERS = (
    Answer(
        "eval-background",
        155,
        "Thank you, I am happy to walk you through my background. [1] {Um,} I started as a "
        "support engineer at a small hosting company, where I answered tickets at night. I "
        "learned how servers fail and how customers feel when they do. {Uh,} after two years I "
        "moved into the platform team and wrote our first deployment scripts. Those scripts "
        "later became the tool every team in the company used to release software.",
    ),
    Answer(
        "eval-disagreement",
        150,
        "I mean the plan itself was fine. {Um,} the problem was the date. My lead wanted to "
        "launch in two weeks and I thought we needed four. [2] {So,} I wrote down what could "
        "break and how long each fix would take. We agreed on three weeks, and I like that we "
        "settled it with numbers instead of opinions.",
    ),
    Answer(
        "eval-learning",
        165,
        "Last spring I had to learn a new database in a month. {You know,} there was no one on "
        "the team who knew it. I read the manual, built a small copy of our system, and broke "
        "it on purpose every day. {Like,} I would pull the power on a node and watch what "
        "happened. By the end I could explain every failure to the rest of the team.",
    ),
    Answer(
        "eval-questions",
        140,
        "I would like to ask about the team. How many people would I work with every day? "
        "[2] {Uh,} and do you know yet what the first project would be? {I mean,} I want to be "
        "useful quickly, so it helps to know where to start.",
    ),
)

# Set 2 (session 9; tuning data since session 10): written for evaluation, before any run. Each
# answer mixes filler sounds, worded fillers set apart by a break (the comma in the markup) and
# the same words as grammar, which must not count, so that both recall and precision are tested.
EVAL2_ANSWERS = (
    Answer(
        "eval2-career-change",
        150,
        "Before I wrote software I taught chemistry at a high school for five years. {Um,} I "
        "loved the students, but I spent my evenings writing small scripts to grade lab "
        "reports. [2] {So,} I took a night course, and then a second one. {You know,} it was "
        "hard to study after a full day of teaching. I mean it when I say the first year was "
        "tiring. {Uh,} but I think the classroom taught me to explain things simply, and I use "
        "that every day.",
    ),
    Answer(
        "eval2-angry-customer",
        165,
        "A customer once called us because their invoices had been wrong for three months. "
        "{Hmm,} they were angry, and honestly they had every right to be. I listened first and "
        "wrote down each invoice they mentioned, so that we could check them one by one. [2] "
        "{Uh,} it turned out a tax rule had changed and our code had not. We fixed it that "
        "week, and I called them back myself. They were, {like,} surprised that an engineer "
        "called. I like closing the loop like that, because people remember it.",
    ),
    Answer(
        "eval2-priorities",
        175,
        "When everything is urgent, I ask what breaks first if we wait. {Um,} last quarter I "
        "had a security fix, a sales demo and a migration in the same week. {I mean,} all "
        "three mattered. [2] So I went to my manager with a short list and we agreed on an "
        "order. The security fix went first, {uh,} because a customer could be hurt by it. Do "
        "you know what surprised me? The sales team was fine with a later demo once they knew "
        "why.",
    ),
    Answer(
        "eval2-hard-feedback",
        140,
        "The hardest feedback I got was on a design review. My lead said the document was, "
        "{like,} three times too long. [2] {Hmm,} I was a bit hurt at first. {You know,} you "
        "spend weeks on something and you want people to read all of it. But she was right. I "
        "cut it to two pages and the review took twenty minutes instead of two hours. Now I "
        "write the summary first. {So,} {um,} that one comment changed how I write.",
    ),
    Answer(
        "eval2-accessibility",
        160,
        "I led the work to make our booking app usable with a screen reader. {Uh,} a blind user "
        "wrote to us and said she could not pick a date. {I mean,} she could not book anything "
        "at all. [2] We tested every screen with the screen reader turned on, and, {like,} half "
        "the buttons had no names. It looks like a small fix, but it took a month. {Um,} now "
        "every pull request is checked for labels, so we do not slide back.",
    ),
    Answer(
        "eval2-five-years",
        185,
        "In five years I would like to be the person new engineers ask when they are stuck. "
        "{Um,} not a manager, I think, or not yet. I like building things too much. {You know,} "
        "the best day at work for me is when a bug I have chased for a week finally makes "
        "sense. [2] {Uh,} I also want to get better at writing, so that my designs are easier "
        "to review. You know the answer to this question depends on the team, so I would love "
        "to hear how people grow here.",
    ),
    Answer(
        "eval2-why-leaving",
        155,
        "I have been at a startup for four years. Like most startups, we moved fast, and I "
        "learned a lot there. [2] {Um,} but after four years the company was bought, and the "
        "work changed. {I mean,} we now spend more time on reports than on the product. {Uh,} I "
        "am not leaving because of the people, and I mean that. When I saw this role, with a "
        "small team that owns its product, I thought, {like,} this is exactly the next step. "
        "[1.5] {So,} that is why I applied.",
    ),
)
# Voices of set 2: espeak-ng variants that no other speech set used (tuning since session 10).
EVAL2_VOICES = ("espeak:en-029", "espeak:en-gb-scotland", "espeak:en-us+f4")
# The same texts in the first evaluation set's festival voices: new texts, voices already measured.
EVAL2_KNOWN_VOICES = ("festival:kal", "festival:slt")

# Held-out evaluation set 3 (session 10): written for evaluation only and committed before any
# transcript of it was seen, to judge the filler rule changed after set 2 (set 2 is tuning data
# from then on). Like set 2, each answer mixes filler sounds, worded fillers set apart by a break
# and the same words as grammar: "I like the team", "I like that", "I mean it", "I mean to",
# "You know the answer", "so that", "so the database could", a connective "so I started" after a
# filler sound and a sentence-opening "Like I said" (grammar the "like" rule is known to be weak
# on). Per voice: 30 fillers (14 sounds, 5 like, 4 you know, 3 I mean, 4 so).
EVAL3_ANSWERS = (
    Answer(
        "eval3-billing-move",
        160,
        "I led the move of our billing system to a new cloud provider last year. {Um,} it took "
        "nine months, and I like the way the team handled it. [2] {So,} the first step was a "
        "list of every service and who owned it. {You know,} nobody had written that down "
        "before. I mean it when I say the list was half the work. {Uh,} after that we moved one "
        "service a week, so that a failure would stay small.",
    ),
    Answer(
        "eval3-code-review",
        150,
        "When I review code, I try to ask questions instead of giving orders. {Hmm,} a junior "
        "once told me my comments felt, {like,} a list of complaints. I like that she said it to "
        "me directly. [2] {I mean,} it was not easy to hear. {Um,} so I started every review "
        "with one thing the author did well. You know the answer already. It worked, and the "
        "same junior now reviews my code, and, {you know,} she is very thorough.",
    ),
    Answer(
        "eval3-full-disk",
        170,
        "{Uh,} the worst night I had on call was a full disk on our main database. The alerts "
        "were, {like,} ten minutes late. [2] {So,} I stopped the batch jobs first, so the "
        "database could breathe. {Er,} then I moved old logs to cheap storage. {I mean,} it was "
        "not elegant, but it worked. The next morning I wrote an alert that fires at eighty "
        "percent, so that nobody gets that call again.",
    ),
    Answer(
        "eval3-team-size",
        145,
        "I like the team you described, because it is small and owns its product. [1.5] {Um,} "
        "at my last job we were, {like,} forty people on one codebase. {You know,} every change "
        "needed three approvals. I mean that as a fact, not a complaint. {Uh,} people were kind, "
        "but we were slow. {So,} {um,} a team of six sounds right to me.",
    ),
    Answer(
        "eval3-learning-go",
        175,
        "Last year I had to learn Go for a new service. {Hmm,} I had only written Python before. "
        "I read the tour in a weekend, and then I, {um,} rewrote a small tool of ours in it. [2] "
        "Like I said earlier, I learn best by building. {You know,} the compiler catches a lot "
        "for you. {Uh,} the hard part was, {like,} thinking in goroutines instead of threads. Now "
        "I mean to write a short guide for the next person, so that they start faster.",
    ),
    Answer(
        "eval3-salary",
        155,
        "{Um,} I would like a salary in the range you posted. I know the answer depends on the "
        "level, so I am open. [2] {I mean,} the work matters more to me than a small difference. "
        "{Uh,} what I care about is learning, and, {like,} having time to do things well. {So,} "
        "could you tell me how the levels are set? You know the answer better than I do.",
    ),
)
# Voices of set 3, none used by any other set or by any tuning: flite (CMU's Festival-Lite, a
# third synthesizer; Debian package `flite`) with its awb (Scottish male) and rms (US male)
# voices, and espeak-ng's New York City and Lancaster variants.
EVAL3_VOICES = ("flite:awb", "flite:rms", "espeak:en-us-nyc", "espeak:en-gb-x-gbclan")

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

# The real tuning clips (tests/data/speech/NOTICE.md): one LibriVox reader, five sentences of
# Sense and Sensibility, and a man recorded for the CMU Sphinx tests, two short commands.
READER_CLIPS = tuple(
    REAL_TUNING_DIR / f"austen-{n}.flac" for n in ("0870", "0880", "0890", "0920", "0930")
)
OTHER_VOICE_CLIPS = (REAL_TUNING_DIR / "goforward.flac", REAL_TUNING_DIR / "something.flac")
REAL_TUNING = (
    Recording(
        "austen-0870",
        READER_CLIPS[0],
        "And Mr. John Dashwood had then leisure to consider how much there might be prudently "
        "in his power to do for them.",
    ),
    Recording("austen-0880", READER_CLIPS[1], "He was not an ill-disposed young man,"),
    Recording(
        "austen-0890",
        READER_CLIPS[2],
        "unless to be rather cold-hearted and rather selfish is to be ill-disposed.",
    ),
    Recording(
        "austen-0920",
        READER_CLIPS[3],
        # "a more, a amiable": the reader's own restart, kept verbatim
        "Had he married a more, a amiable woman, he might have been made still more respectable "
        "than he was.",
    ),
    Recording("austen-0930", READER_CLIPS[4], "he might even have been made amiable himself."),
    Recording("goforward", OTHER_VOICE_CLIPS[0], "Go forward ten meters."),
    Recording("something", OTHER_VOICE_CLIPS[1], "Go somewhere and do something."),
)

FILLER_TOKENS = {"um": "{um}", "uh": "{uh}", "[um]": "{um}", "[uh]": "{uh}"}
# Cues (by start time) of crisper_sample.vtt that its recording does not hold. The .vtt is
# CrisperWhisper's own output for a longer take (subtitles.vtt), not a hand label: it ends with
# "I don't know." at 12.96-13.12 s, three words in 0.16 s, where the 13.14 s file holds only
# room noise (-56 to -74 dBFS in 10 ms frames, against -15 to -25 dBFS for every other word and a
# -67 dBFS floor). Whisper hears nothing there even with 40 dB of gain. A synthetic answer that
# does end with a short phrase at the file end keeps it (tests/speech/test_coverage.py).
CRISPER_NOT_IN_RECORDING = frozenset({"0:00:12.960", "0:00:13.020", "0:00:13.080"})
CRISPER_CORRECTION = (
    "last 3 cues ('I don't know.', 12.96-13.12 s) dropped: past the end of the speech, the "
    "recording is at its noise floor there (speech_sets.CRISPER_NOT_IN_RECORDING)"
)


def chat_reference(path: Path) -> str:
    """The spoken words of a CHAT file: each utterance's %wor tier (times dropped), or its main
    tier without CHAT codes where it has none; `&-um` / `um` are fillers."""
    lines = path.read_text(encoding="utf-8").replace("\x15", " ").splitlines()
    words: list[str] = []
    for i, line in enumerate(lines):
        if not line.startswith("*"):
            continue
        wor = next(
            (x for x in lines[i + 1 : i + 4] if x.startswith("%wor:")),
            None,
        )
        if wor is not None:
            tokens = [t for t in wor.split()[1:] if not re.fullmatch(r"\d+_\d+|[.?!]", t)]
        else:
            main = re.sub(r"\[[^\]]*\]|<|>|\d+_\d+|&-", " ", line.split(":", 1)[1])
            tokens = [t for t in main.split() if t not in {".", "?", "!"}]
        words += [FILLER_TOKENS.get(t.lower(), t) for t in tokens]
    return " ".join(words)


def chat_word_spans(path: Path) -> list[tuple[float, float]]:
    """(start, end) s of each word of a CHAT file's %wor tiers (`word 125_475`), or of a whole
    utterance by its bullet where it has no %wor tier."""
    lines = path.read_text(encoding="utf-8").replace("\x15", " ").splitlines()
    spans = []
    for i, line in enumerate(lines):
        if not line.startswith("*"):
            continue
        wor = next((x for x in lines[i + 1 : i + 4] if x.startswith("%wor:")), line)
        spans += [(int(a) / 1000, int(b) / 1000) for a, b in re.findall(r"(\d+)_(\d+)", wor)]
    return spans


def vtt_word_spans(
    path: Path, not_spoken: frozenset[str] = frozenset()
) -> list[tuple[float, float]]:
    """(start, end) s of each cue of a word-level WebVTT file, but for cues starting in
    `not_spoken`."""

    def seconds(stamp: str) -> float:
        hours, minutes, rest = stamp.split(":")
        return int(hours) * 3600 + int(minutes) * 60 + float(rest)

    spans = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "-->" in line:
            start, end = (part.strip() for part in line.split("-->"))
            if start not in not_spoken:
                spans.append((seconds(start), seconds(end)))
    return spans


def vtt_reference(path: Path, not_spoken: frozenset[str] = frozenset()) -> str:
    """The cue texts of a word-level WebVTT file, but for cues starting at a time in
    `not_spoken`; `[UH]` / `[UM]` are fillers."""
    words, start = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if "-->" in line:
            start = line.split("-->")[0].strip()
        elif line and line != "WEBVTT" and start not in not_spoken:
            words.append(FILLER_TOKENS.get(line.lower(), line))
    return " ".join(words)


def real_evaluation() -> tuple[Recording, ...]:
    """The evaluation-only real recordings, or () when ../shared/evaluation/speech is absent."""
    folder = next((d for d in (REAL_EVALUATION_DIR, SHARED_EVALUATION_DIR) if d.is_dir()), None)
    if folder is None:
        return ()
    found = []
    if (folder / "talkbank_test.mp3").exists() and (folder / "talkbank_test.cha").exists():
        found.append(
            Recording(
                "talkbank",
                folder / "talkbank_test.mp3",
                chat_reference(folder / "talkbank_test.cha"),
                worded_fillers_marked=False,
                pauses=pauses_between(chat_word_spans(folder / "talkbank_test.cha")),
            )
        )
    if (folder / "crisper_sample.wav").exists() and (folder / "crisper_sample.vtt").exists():
        found.append(
            Recording(
                "crisper",
                folder / "crisper_sample.wav",
                vtt_reference(folder / "crisper_sample.vtt", CRISPER_NOT_IN_RECORDING),
                worded_fillers_marked=False,
                correction=CRISPER_CORRECTION,
                pauses=pauses_between(
                    vtt_word_spans(folder / "crisper_sample.vtt", CRISPER_NOT_IN_RECORDING)
                ),
            )
        )
    return tuple(found)

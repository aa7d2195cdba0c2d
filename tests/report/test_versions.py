"""Versions of an answer: every attempt at a question, its words compared, the best marked."""

from __future__ import annotations

import json

from mockinterview.core.report.compare import question_versions, word_diff
from mockinterview.core.report.model import build_report
from mockinterview.core.report.render_html import render_html
from mockinterview.core.report.render_json import render_json
from mockinterview.core.thresholds import DeliveryThresholds, ReportThresholds
from tests.gui.conftest import contract_answer


def _session(day: str, transcript: str, fillers: int, coverage: float) -> dict:
    answer = {**contract_answer(0, 0.0), "index": 0, "question_id": "conflict-story"}
    answer["transcript"] = transcript
    answer["speech"] = {
        **answer["speech"],
        "transcript": transcript,
        "filler_count": fillers,
        "fillers_per_100_words": 100.0 * fillers / 7,
    }
    answer["content"] = {**answer["content"], "coverage_pct": coverage}
    return {
        "session_id": f"{day}-s",
        "bank": "general",
        "started_at": f"{day}T10:00:00+00:00",
        "status": "finished",
        "answers": [answer],
    }


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
        _session("2026-11-20", "Um, I think I led the team.", fillers=3, coverage=50.0),
        _session("2026-11-25", "I led the team and we shipped.", fillers=0, coverage=100.0),
        _session("2026-11-29", "Um, um, we kind of shipped.", fillers=2, coverage=0.0),
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
    second = versions.versions[1]
    assert second.check("fillers").value == 0 and second.check("coverage").value == 100
    assert second.added == 3 and second.dropped == 3  # "and we shipped." / "Um, I think"
    assert versions.versions[0].diff == ()


def test_report_and_its_exports_carry_the_versions() -> None:
    earlier = _session("2026-11-20", "Um, I think I led the team.", fillers=3, coverage=50.0)
    now = _session("2026-11-25", "I led the team and we shipped.", fillers=0, coverage=100.0)
    report = build_report(now, [earlier])
    (question,) = report.comparison.versions
    assert len(question.versions) == 2 and question.best.session_id == now["session_id"]
    page = render_html(report)
    assert "Versions of your answers" in page and "★ Attempt 2" in page
    data = json.loads(render_json(report))
    assert len(data["comparison"]["versions"][0]["versions"]) == 2
    alone = build_report(earlier, [])
    assert alone.comparison.versions == ()

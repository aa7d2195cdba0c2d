"""Better or worse than last time, judged by the distance from the band."""

from __future__ import annotations

from mockinterview.core.report.compare import change, compare, trend_rows
from mockinterview.core.report.model import build_report
from mockinterview.core.report.render_html import render_html
from mockinterview.core.report.scoring import Band
from mockinterview.core.thresholds import DeliveryThresholds, ReportThresholds
from tests.report.conftest import CLIP_DELIVERY, answer, body_block, session, speech

# Real clips by measured pace (tests/data/report/speech.json): pace_200 264 wpm and pace_150 199
# (flag), clean 166 (watch), pace_110 148 and lively 135 (comfortable).
PACE = Band(130, 160, 110, 180)


def test_verdicts_follow_band_distance_not_raw_numbers() -> None:
    assert change("pace", 175, 150, PACE, 0.05).verdict == "better"
    assert change("pace", 150, 175, PACE, 0.05).verdict == "worse"
    assert change("pace", 135, 155, PACE, 0.05).verdict == "same"  # both comfortable
    slower = change("pace", 100, 120, PACE, 0.05)
    assert (slower.verdict, slower.change) == ("better", 20)
    assert slower.explanation == (
        "Pace: 100 -> 120 wpm (+20): better, but still near the edge (130-160 wpm)."
    )
    assert change("pace", 175, 150, PACE, 0.05).explanation.endswith(
        ": better, now inside the band (130-160 wpm)."
    )
    assert change("pace", 150, 190, PACE, 0.05).explanation.endswith(
        ": worse, now well outside (130-160 wpm)."
    )
    assert change("pace", 135, 155, PACE, 0.05).explanation.endswith(
        ": about the same, inside the band (130-160 wpm)."
    )


def test_a_change_is_the_difference_of_the_numbers_shown() -> None:
    """10.84 -> 13.96 s read "10.8 -> 14 s (+3.1)": the sum a reader checks is +3.2."""
    length = Band(45, 90, 20, 180)
    moved = change("length", 10.84, 13.96, length, 0.05)
    assert moved.change == 3.2
    assert moved.explanation.startswith("Answer length: 10.8 -> 14 s (+3.2): ")


def _at(day: int, clip: str, eye: float, bank: str = "general", qid: str = "why-us") -> dict:
    return session(
        [answer(0, speech(clip), body_block(eye_contact_pct=eye), qid)],
        session_id=f"202611{day:02d}-090000-0000",
        started_at=f"2026-11-{day:02d}T09:00:00+00:00",
        bank=bank,
    )


def test_compares_with_the_latest_earlier_session_on_the_same_bank() -> None:
    history = [
        _at(10, "pace_200", 30),
        _at(12, "clean", 40),
        _at(20, "lively", 90),
        _at(11, "lively", 80, "ml"),
    ]
    result = compare(_at(15, "pace_110", 70), history, CLIP_DELIVERY, ReportThresholds())
    assert result.previous_session_id == "20261112-090000-0000"  # not the later one, not ml
    assert result.earlier_sessions == 2
    verdicts = {c.key: c.verdict for c in result.by_metric}
    assert verdicts["pace"] == "better" and verdicts["eye_contact"] == "better"
    assert "fillers" in verdicts and "coverage" not in verdicts  # never measured: left out
    assert [p.session_id for p in result.trend] == ["20261110-090000-0000", "20261112-090000-0000"]


def test_same_question_is_found_in_any_bank() -> None:
    result = compare(
        _at(15, "pace_110", 70, qid="q1"),
        [_at(11, "pace_200", 80, "ml", qid="q1")],
        DeliveryThresholds(),
        ReportThresholds(),
    )
    assert result.previous_session_id is None and result.by_metric == ()
    (question,) = result.by_question
    assert question.previous_session_id == "20261111-090000-0000"
    assert next(c for c in question.changes if c.key == "pace").verdict == "better"


def test_trend_rows_keep_only_metrics_that_were_ever_off_band() -> None:
    paces = ((10, "pace_200"), (11, "pace_150"), (12, "clean"), (13, "lively"))
    history = [_at(day, clip, 85) for day, clip in paces]
    current = _at(15, "pace_110", 85)
    report = build_report(current, history, CLIP_DELIVERY)
    started, rows = trend_rows(report.comparison, report.overall)
    assert started == tuple(f"2026-11-{d}T09:00:00+00:00" for d in (10, 11, 12, 13))
    pace = next(r for r in rows if r.key == "pace")
    assert [c.status for c in pace.checks] == ["flag", "flag", "watch", "good", "good"]
    assert "eye_contact" not in {r.key for r in rows}  # comfortable every time
    assert "Scores over your recent sessions on this bank" in render_html(report)
    first = build_report(history[0])
    assert trend_rows(first.comparison, first.overall) == ((), ())


def test_an_answer_nobody_heard_is_no_attempt_to_compare_with() -> None:
    """A muted microphone's answer read as a version with every word of the one before dropped,
    then the next as all of them added; and "key points: worse" against it."""
    import numpy as np

    from mockinterview.core.audio_file import SAMPLE_RATE
    from mockinterview.core.report.question_progress import question_progress
    from mockinterview.core.speech.delivery import analyze_delivery

    samples = np.zeros(12 * SAMPLE_RATE, np.float32)
    unheard = analyze_delivery([], samples, DeliveryThresholds(), duration_s=12.0).to_dict()
    first, later = _at(10, "pace_200", 30), _at(14, "pace_110", 70)
    silent = _at(12, "clean", 40)
    silent["answers"] = [answer(0, unheard, body_block(), "why-us")]
    now = compare(silent, [first], DeliveryThresholds(), ReportThresholds())
    assert now.by_question == () and now.versions == ()  # nothing said to set beside the first
    after = compare(later, [first, silent], DeliveryThresholds(), ReportThresholds())
    (question,) = after.by_question
    assert question.previous_session_id == first["session_id"]  # the last answer heard
    (versions,) = after.versions
    assert [v.session_id for v in versions.versions] == [first["session_id"], later["session_id"]]
    (progress,) = question_progress([first, silent, later])
    assert len(progress.attempts) == 2

"""The three things to practise: furthest from the band, most often, each with a concrete tip."""

from __future__ import annotations

import json
from dataclasses import replace

from mockinterview.core.report.model import Report, build_report
from mockinterview.core.report.render_html import render_html
from mockinterview.core.report.render_json import render_json
from mockinterview.core.report.render_pdf import render_pdf
from mockinterview.core.report.scoring import display_value
from tests.report.conftest import CLIP_DELIVERY, answer, body_block, session, speech


def _keys(report: Report) -> list[str]:
    return [s.key for s in report.suggestions]


def test_the_three_suggestions_change_when_the_metrics_do() -> None:
    # Real clips: "rushed_fillers" is 165 wpm with 10 fillers in 36 words; "slow_hedges" is
    # 97 wpm with 9 hedges in 27 words (tests/data/report/speech.json).
    fast_and_filled = session(
        [answer(i, speech("rushed_fillers"), body_block(eye_contact_pct=35)) for i in range(3)]
    )
    report = build_report(fast_and_filled, delivery=CLIP_DELIVERY)
    assert _keys(report) == ["fillers", "eye_contact", "pace"]  # pace only just above the band
    assert report.suggestions[2].direction == "high"

    slow_and_slouched = session(
        [
            answer(i, speech("slow_hedges"), body_block(slouch_pct=70, crossed_arms_pct=12))
            for i in range(3)
        ]
    )
    slow = build_report(slow_and_slouched, delivery=CLIP_DELIVERY)
    assert _keys(slow) == ["hedges", "slouch", "pace"]
    assert slow.suggestions[2].direction == "low"


def test_a_habit_outranks_a_one_off_of_the_same_size() -> None:
    answers = [
        answer(i, speech("lively"), body_block(eye_contact_pct=45, fidget_pct=0)) for i in range(3)
    ]
    answers[0]["body"]["fidget_pct"] = 35.0  # 1 flag in 3 answers: 1.0 * 1/3
    report = build_report(session(answers))  # eye contact 0.5 in 3 of 3: 0.5 * 3/3
    assert _keys(report)[:2] == ["eye_contact", "fidget"]
    top = report.suggestions[0]
    assert (top.answers_out, top.answers_measured) == (3, 3)
    assert "Below the band in 3 of 3 answers (average 45 % of judged time" in top.evidence
    assert "camera" in top.tip
    # One answer of three: its own figure, never an "average" that reads as the session's.
    assert "Above the band in 1 of 3 answers (35 % of judged time" in report.suggestions[1].evidence


def test_the_figure_of_some_answers_says_whose_average_it_is() -> None:
    answers = [answer(i, speech("lively"), body_block(eye_contact_pct=45)) for i in range(3)]
    answers[2]["body"]["eye_contact_pct"] = 90.0  # inside the band
    top = build_report(session(answers)).suggestions[0]
    assert top.key == "eye_contact"
    assert "Below the band in 2 of 3 answers (those 2 average 45 % of judged time" in top.evidence


def test_nothing_to_practise_gives_an_empty_list_not_padding() -> None:
    report = build_report(session([answer(0, speech("lively"), body_block())]))
    assert report.suggestions == ()


def test_suggestion_points_at_the_moments_and_names_the_fillers() -> None:
    report = build_report(session([answer(0, speech("rushed_fillers"))]))
    fillers = next(s for s in report.suggestions if s.key == "fillers")
    assert "“um” x5, “like” x3, “so” x1" in fillers.evidence
    assert fillers.moments[0].text == "um" and fillers.moments[0].answer_index == 0
    assert [m.text for m in fillers.moments] == ["um", "so", "like", "uh", "um"]  # a few, not 10


def test_an_empty_session_says_so_instead_of_praising_it() -> None:
    report = build_report(session([]))
    assert report.suggestions == () and report.overall_check("pace").status == "n/a"
    html = render_html(report)
    assert "No answer was recorded in this session" in html and "Every measured" not in html
    assert render_pdf(report).startswith(b"%PDF-")
    assert json.loads(render_json(report))["answers"] == []


def test_every_side_a_metric_can_leave_its_band_on_has_a_tip_and_a_title() -> None:
    """A metric that can be off its band must have advice, or a report with it would fail."""
    from mockinterview.core.report.scoring import METRICS, bands
    from mockinterview.core.report.suggestions import TIPS, TITLES
    from mockinterview.core.thresholds import DeliveryThresholds, ReportThresholds

    all_bands = bands(DeliveryThresholds(), ReportThresholds())
    for metric in METRICS:
        band = all_bands[metric.key]
        for side, edge in (("low", band.low), ("high", band.high)):
            if edge is not None:
                assert (metric.key, side) in TIPS and (metric.key, side) in TITLES, metric.key


def test_a_face_touching_habit_is_suggested() -> None:
    answers = [answer(i, speech("lively"), body_block(face_touch_pct=25.0)) for i in range(2)]
    report = build_report(session(answers))
    assert "face_touch" in _keys(report)
    assert render_html(report)  # the whole report renders with it


def test_answers_with_their_own_length_targets_are_each_judged_by_theirs_and_named() -> None:
    short = [answer(i, speech("lively"), target_s=(60.0, 120.0)) for i in range(2)]
    short[1]["target_s"] = [45.0, 90.0]  # a question with its own target length
    length = next(s for s in build_report(session(short)).suggestions if s.key == "length")
    assert "bands 60-120 s and 45-90 s)" in length.evidence


def test_a_suggestion_about_every_answer_quotes_the_session_figure_beside_it() -> None:
    """Pace is weighed by each answer's length in the session's figure: a plain mean of the
    same answers' paces read "average 172.5 wpm" under a session pace of 171.8 wpm."""
    answers = [answer(0, speech("clean")), answer(1, speech("austen"))]  # 165.7 and 187 wpm
    report = build_report(session(answers), delivery=CLIP_DELIVERY)
    pace = next(s for s in report.suggestions if s.key == "pace")
    shown = display_value(report.overall_check("pace"))
    plain_mean = (answers[0]["speech"]["wpm"] + answers[1]["speech"]["wpm"]) / 2
    assert shown != display_value(replace(report.overall_check("pace"), value=plain_mean))
    assert f"(average {shown};" in pace.evidence, (shown, pace.evidence)


def test_hedges_are_quoted_as_written() -> None:
    """The analysis keeps a hedge lower-case; the tip read "Most often: “i think” x2" and its
    moments "Q1 0:00 “i think”", which looked like a typo in the report."""
    report = build_report(session([answer(0, speech("slow_hedges"))]))
    (hedges,) = [s for s in report.suggestions if s.key == "hedges"]
    assert "Most often: “I think” x2, “maybe” x2, “sort of” x2." in hedges.evidence
    assert [m.text for m in hedges.moments[:3]] == ["I think", "maybe", "sort of"]


def test_a_single_slip_is_no_habit_to_practise() -> None:
    """One "I think" in a 23-word answer (a real clip) is 4.3 per 100 words, over the band of 2:
    the tip "Fewer hedges, more ownership ... Most often: 'I think' x1" made a habit of it. The
    answer's table still shows the rate above its band; a second one in the session is a tip."""
    once = build_report(session([answer(0, speech("paused"))]))
    assert once.answers[0].check("hedges").direction == "high"
    assert "hedges" not in _keys(once)
    twice = build_report(session([answer(i, speech("paused")) for i in range(2)]))
    (hedges,) = [s for s in twice.suggestions if s.key == "hedges"]
    assert "Most often: “I think” x2." in hedges.evidence

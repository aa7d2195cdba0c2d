"""Scores are plain functions of the metrics: 100 in the band, 0 at the flag value, linear."""

from __future__ import annotations

import pytest

from mockinterview.core.report.scoring import (
    Band,
    answer_values,
    band_distance,
    bands,
    check,
    session_values,
)
from mockinterview.core.thresholds import DeliveryThresholds, ReportThresholds
from tests.report.conftest import answer, body_block, speech_block, timed

PACE = Band(130, 160, 110, 180)


@pytest.mark.parametrize(
    ("wpm", "distance", "direction", "score", "status"),
    [
        (145, 0.0, "", 100, "good"),
        (160, 0.0, "", 100, "good"),
        (170, 0.5, "high", 50, "watch"),
        (179.9, 0.995, "high", 1, "watch"),  # score and status never disagree
        (180, 1.0, "high", 0, "flag"),
        (200, 2.0, "high", 0, "flag"),
        (120, 0.5, "low", 50, "watch"),
    ],
)
def test_pace_scores_fall_linearly_from_band_to_flag(
    wpm: float, distance: float, direction: str, score: int, status: str
) -> None:
    assert band_distance(wpm, PACE) == (pytest.approx(distance), direction)
    result = check("pace", wpm, PACE)
    assert (result.score, result.status, result.direction) == (score, status, direction)


def test_explanation_says_value_band_and_gap() -> None:
    result = check("pace", 172, PACE)
    assert result.gap == "12 above"
    assert result.explanation == "172 wpm is 12 above the band (130-160 wpm)."
    assert check("eye_contact", 40, Band(60, None, 30, None)).gap == "20 below"


def test_unmeasured_metric_is_not_scored() -> None:
    result = check("eye_contact", None, Band(60, None, 30, None))
    assert (result.score, result.status, result.distance) == (None, "n/a", None)


def test_answer_target_replaces_the_default_length_band() -> None:
    default = bands(DeliveryThresholds(), ReportThresholds())["length"]
    short_question = bands(DeliveryThresholds(), ReportThresholds(), (30, 60))["length"]
    assert (default.low, default.high) == (60, 120)
    assert (short_question.low, short_question.high) == (30, 60)
    assert check("length", 75, default).status == "good"
    assert check("length", 75, short_question).status == "watch"


def test_answer_values_come_from_the_contract_blocks() -> None:
    speech = speech_block(timed("um I think we shipped it on time " * 5, 150), pauses=[(3.0, 6.0)])
    values = answer_values(answer(0, speech))
    assert values["pace"] == speech["wpm"]
    assert values["fillers"] == pytest.approx(100 * 5 / 40, abs=0.1)
    assert values["hedges"] == pytest.approx(100 * 5 / 40)
    assert values["pauses"] == pytest.approx(100 * 3.0 / speech["answer_length"]["seconds"])
    assert values["eye_contact"] is None  # no camera: not measured, not zero


def test_session_rates_pool_words_so_short_answers_do_not_dominate() -> None:
    short = answer(0, speech_block(timed("um yes", 120)))  # 1 filler in 2 words
    long = answer(1, speech_block(timed("we measured the latency every week " * 14, 140)))
    values = session_values([short, long])
    assert values["fillers"] == pytest.approx(100 * 1 / 86)  # 1 filler in 2 + 84 words


def test_a_camera_that_saw_no_frames_is_not_zero_eye_contact() -> None:
    body = {**body_block(eye_contact_pct=0.0, face_visible_pct=0.0), "frames_analyzed": 0}
    values = answer_values(answer(0, speech_block(timed("we shipped it", 140)), body))
    assert values["eye_contact"] is None and values["framing"] is None


def test_a_partial_answer_is_not_judged_on_its_length_or_what_it_left_out() -> None:
    """A crash cut it off mid-speech: being short, or missing key points, is not the person's."""
    speech = speech_block(timed("we shipped it on time", 140))
    whole = answer_values(answer(0, speech))
    cut = answer_values({**answer(0, speech), "partial": True})
    assert whole["length"] is not None and cut["length"] is None
    assert cut["coverage"] is None
    assert cut["pace"] == whole["pace"]  # how it was said still counts


@pytest.mark.parametrize(
    ("loudness_dbfs", "snr_db", "status"),
    [
        (-42.0, 32.0, "good"),  # a quiet but clean microphone: low gain, quiet room
        (-18.0, 3.0, "flag"),  # loud in absolute terms, yet barely above a noisy room
    ],
)
def test_loudness_is_judged_over_the_room_not_in_dbfs(
    loudness_dbfs: float, snr_db: float, status: str
) -> None:
    speech = speech_block(
        timed("I led the migration and we cut costs", 140),
        loudness_dbfs=loudness_dbfs,
        speech_to_noise_db=snr_db,
    )
    value = answer_values(answer(0, speech))["loudness"]
    band = bands(DeliveryThresholds(), ReportThresholds())["loudness"]
    assert check("loudness", value, band).status == status

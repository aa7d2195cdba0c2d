"""A tip's moment plays from a few seconds before it, never from before its answer."""

from __future__ import annotations

from mockinterview.core.report.model import build_report
from mockinterview.core.report.practice_now import PLAY_BEFORE_S, moment_position_s
from mockinterview.core.report.suggestions import SessionMoment
from tests.report.conftest import answer, body_block, session, speech


def test_a_moment_plays_from_a_few_seconds_before_never_before_its_answer() -> None:
    stored = session([answer(0, speech("rushed_fillers"), body_block())])
    stored["answers"][0]["recording_offset_s"] = 12.0
    report = build_report(stored)
    assert moment_position_s(report, SessionMoment(0, 10.0, 10.3, "um")) == 22.0 - PLAY_BEFORE_S
    assert moment_position_s(report, SessionMoment(0, 1.0, 1.3, "um")) == 12.0

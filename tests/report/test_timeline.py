"""The timeline puts speech and body cues on one axis and says when they coincide."""

from __future__ import annotations

from mockinterview.core.report.charts import lane_moments
from mockinterview.core.report.timeline import build_timeline, speech_stretches
from tests.report.conftest import answer, body_block, speech


def test_words_merge_into_stretches_split_at_pauses() -> None:
    words = [
        {"text": "we", "start": 0.0, "end": 0.2},
        {"text": "shipped", "start": 0.3, "end": 0.7},
        {"text": "it", "start": 3.0, "end": 3.2},
    ]
    stretches = speech_stretches(words)
    assert [(m.start, m.end) for m in stretches] == [(0.0, 0.7), (3.0, 3.2)]


def test_eye_contact_lost_while_saying_um_is_called_out() -> None:
    said = speech("rushed_fillers")  # fillers at 0.0, 0.31, 0.57, 2.13 and 2.99 s, among others
    events = [("eye_contact_lost", 0.2, 2.5), ("smile", 0.0, 4.0)]
    timeline = build_timeline(answer(0, said, body_block(events=events)))
    (coincidence,) = timeline.coincidences  # the smile is not held against the speaker
    assert coincidence.cue == "eye_contact_lost"
    assert [m.text for m in coincidence.said] == ["so", "like", "uh"]
    assert coincidence.sentence.startswith("Eye contact lost 0.2-2.5 s while you said “so” at")
    assert [lane.key for lane in timeline.lanes] == [
        "speaking",
        "fillers",
        "hedges",
        "pauses",
        "eye_contact_lost",
        "smile",
    ]
    assert timeline.marks_for_metric("eye_contact")[0].start == 0.2


def test_unknown_cue_still_gets_a_lane_and_the_axis_covers_every_mark() -> None:
    said = speech("um_yes")
    timeline = build_timeline(answer(0, said, body_block(events=[("new_cue_name", 1.0, 9.0)])))
    lane = timeline.lane("new_cue_name")
    assert lane is not None and lane.label == "New cue name" and lane.metric == ""
    assert timeline.duration_s == 9.0


def test_cue_moments_read_as_clock_spans() -> None:
    events = [("fidgeting", 5.0 + 10 * i, 7.0 + 10 * i) for i in range(8)]
    said = speech("clean")
    timeline = build_timeline(answer(0, said, body_block(events=events)))
    text = lane_moments(timeline.lane("fidgeting"))
    assert text == "0:05-0:07, 0:15-0:17, 0:25-0:27, 0:35-0:37, 0:45-0:47, 0:55-0:57 and 2 more"
    short = build_timeline(answer(0, said, body_block(events=[("smile", 7.0, 7.4)])))
    assert lane_moments(short.lane("smile")) == "0:07"


def test_restarts_get_a_lane_only_when_there_are_some() -> None:
    """The speech block's restarts ("I like, I like") are drawn between the hedges and the
    pauses; an answer without any keeps the lanes it always had."""
    said = dict(speech("clean"))
    assert build_timeline(answer(0, said)).lane("restarts") is None
    said["repeated_words"] = [{"text": "i like", "start": 1.2}, {"text": "we", "start": 4.0}]
    timeline = build_timeline(answer(0, said))
    keys = [lane.key for lane in timeline.lanes]
    assert keys[keys.index("hedges") + 1 : keys.index("pauses")] == ["restarts"]
    lane = timeline.lane("restarts")
    assert [(m.start, m.text) for m in lane.marks] == [(1.2, "I like"), (4.0, "we")]  # as written

"""One gentle nudge at a time: the most important cue, held long enough to read, then quiet."""

from __future__ import annotations

from mockinterview.gui.nudges import NUDGES, QUIET_S, SHOULDERS_MISSING_S, SHOW_S, NudgePicker


def test_one_nudge_at_a_time_most_important_first() -> None:
    picker = NudgePicker()
    assert picker.feed(set(), 0.0) is None
    shown = picker.feed({"fidgeting", "slouching", "smile"}, 1.0)
    assert shown == NUDGES["slouching"]  # posture outranks fidgeting; a smile is never nagged
    # It stays up, even if another cue starts, until it has been readable for SHOW_S.
    assert picker.feed({"eye_contact_lost"}, 1.0 + SHOW_S - 0.1) == shown


def test_quiet_spell_after_a_nudge() -> None:
    picker = NudgePicker()
    picker.feed({"slouching"}, 0.0)
    assert picker.feed({"slouching"}, SHOW_S + 0.1) is None
    assert picker.feed({"slouching"}, SHOW_S + QUIET_S - 0.1) is None
    assert picker.feed({"eye_contact_lost"}, SHOW_S + QUIET_S + 0.2) == NUDGES["eye_contact_lost"]


def test_cues_without_a_nudge_are_ignored() -> None:
    picker = NudgePicker()
    assert picker.feed({"smile", "head_tilt"}, 5.0) is None


def test_shoulders_out_of_view_are_asked_for_once() -> None:
    """A face without its shoulders for a while leaves posture, crossed arms and fidgeting
    unjudged: the person is asked to sit back, once; a brief lean is not a framing problem."""
    picker = NudgePicker()
    assert picker.feed(set(), 0.0, shoulders_missing=True) is None
    assert picker.feed(set(), SHOULDERS_MISSING_S - 0.5, shoulders_missing=True) is None
    assert picker.feed(set(), SHOULDERS_MISSING_S - 0.2, shoulders_missing=False) is None
    at = SHOULDERS_MISSING_S
    assert picker.feed(set(), at, shoulders_missing=True) is None  # the lean reset the clock
    at += SHOULDERS_MISSING_S
    asked = picker.feed(set(), at, shoulders_missing=True)
    assert asked == NUDGES["shoulders_out_of_view"]
    # Still out of view after the quiet spell: not asked again, other nudges still come.
    later = at + SHOW_S + QUIET_S + 1.0
    assert picker.feed(set(), at + SHOW_S + 0.1, shoulders_missing=True) is None
    assert picker.feed(set(), later, shoulders_missing=True) is None
    assert picker.feed({"eye_contact_lost"}, later + 0.1, True) == NUDGES["eye_contact_lost"]


def test_no_face_in_the_dark_asks_for_light_not_to_move_back() -> None:
    """A closed privacy shutter hides a face that is there (tests/vision/test_body.py: the
    real photo behind one raises both cues): "Move back into the picture" sent the person
    looking for a framing problem."""
    assert "privacy shutter" in NudgePicker().feed({"face_not_visible", "too_dark"}, 0.0)
    assert NudgePicker().feed({"face_not_visible"}, 0.0) == NUDGES["face_not_visible"]

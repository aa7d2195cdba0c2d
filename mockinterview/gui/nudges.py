"""At most one gentle live nudge at a time, and not often.

Research on interview training favours a delayed report over a busy live dashboard, so the live
view shows one short sentence for the most important cue that has been on for a while, keeps it
up long enough to read, and then stays quiet for a spell before the next one.
"""

from __future__ import annotations

from collections.abc import Iterable

# Most important first: framing problems make every other cue unreliable.
NUDGES = {
    # before "move back": a closed privacy shutter or a dark room hides a face that is there
    "too_dark": "It is too dark to see you: add some light, or open the camera's privacy shutter.",
    "face_not_visible": "Move back into the picture.",
    "recalibrate": "The camera or your seat moved: sit upright facing the camera and press "
    "Recalibrate (C).",
    "shoulders_out_of_view": "Sit back a little so your shoulders show: posture, crossed arms "
    "and fidgeting need them.",
    "slouching": "Sit up a little.",
    "eye_contact_lost": "Look toward the camera.",
    "crossed_arms": "Try uncrossing your arms.",
    "face_touch": "Hands away from your face.",
    "fidgeting": "Keep your hands still.",
    "too_close": "Sit a little further from the camera.",
    "too_far": "Come a little closer to the camera.",
}
SHOW_S = 5.0  # s a nudge stays up, long enough to read a short sentence at a glance
QUIET_S = 20.0  # s of silence after a nudge, so nudges never become a running commentary
# s of a face in view without its shoulders before asking for them: a lean toward the screen is
# no framing problem, a whole answer of it leaves the report with no posture at all.
SHOULDERS_MISSING_S = 8.0


class NudgePicker:
    """Feed the active cues each frame; `current` is the one nudge to show, or None."""

    def __init__(self) -> None:
        self.current: str | None = None
        self._shown_at = -1e9
        self._quiet_until = -1e9
        self._shoulders_missing_since: float | None = None
        self._asked_for_shoulders = False  # once a rehearsal: the report says the rest

    def feed(
        self, active: Iterable[str], at_s: float, shoulders_missing: bool = False
    ) -> str | None:
        """`shoulders_missing`: the face is in view and its shoulders are not (the cues that
        need them are not judged meanwhile; cues.CueTracker's `judged`)."""
        on = set(active)
        if not shoulders_missing:
            self._shoulders_missing_since = None
        elif self._shoulders_missing_since is None:
            self._shoulders_missing_since = at_s
        elif (
            at_s - self._shoulders_missing_since >= SHOULDERS_MISSING_S
            and not self._asked_for_shoulders
        ):
            on.add("shoulders_out_of_view")
        if self.current is not None:
            if at_s - self._shown_at < SHOW_S:
                return self.current
            self.current = None
            self._quiet_until = at_s + QUIET_S
        if at_s < self._quiet_until:
            return None
        for cue, text in NUDGES.items():
            if cue in on:
                self.current = text
                self._shown_at = at_s
                self._asked_for_shoulders |= cue == "shoulders_out_of_view"
                return text
        return None

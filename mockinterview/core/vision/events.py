"""A flagged moment (`CueEvent`) and the gate that turns noisy per-frame conditions into them.

Every cue first has a per-frame raw condition (predicates.py, gaze.py); a `Debounce` then gives it
a minimum duration before it turns on (backdated to when the condition began, so the event covers
the whole moment) and an off-delay before it turns off, so one noisy frame neither starts nor ends
a flag.

Usage::

    gate = Debounce("slouching", min_on_s=2.0, off_s=0.5)
    event = gate.update(t, raw)      # the event that just ended, or None
    gate.active                      # on now (after the minimum duration)
    gate.close(t)                    # end of stream: the open event, if any
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CueEvent:
    """One flagged moment, in seconds on the frames' clock."""

    cue: str
    start: float
    end: float

    def as_dict(self) -> dict[str, float | str]:
        return {"cue": self.cue, "start": round(self.start, 2), "end": round(self.end, 2)}


class Debounce:
    """Minimum duration on, hysteresis off, for one cue. Backdates the start to the raw onset."""

    def __init__(self, cue: str, min_on_s: float, off_s: float) -> None:
        self.cue = cue
        self.min_on_s = min_on_s
        self.off_s = off_s
        self.active = False
        self._raw_since: float | None = None
        self._false_since: float | None = None

    def update(self, t: float, raw: bool) -> CueEvent | None:
        """Feed one frame; returns the event that just ended, if any."""
        if raw:
            self._false_since = None
            if self._raw_since is None:
                self._raw_since = t
            if not self.active and t - self._raw_since >= self.min_on_s:
                self.active = True
            return None
        if self._raw_since is None:
            return None
        if self._false_since is None:
            self._false_since = t
        if t - self._false_since < self.off_s:
            return None
        event = CueEvent(self.cue, self._raw_since, self._false_since) if self.active else None
        self.active = False
        self._raw_since = self._false_since = None
        return event

    def close(self, t: float) -> CueEvent | None:
        """End the cue now (end of stream or recalibration), returning its event if it was on."""
        event = None
        if self.active and self._raw_since is not None:
            event = CueEvent(self.cue, self._raw_since, self._false_since or t)
        self.active = False
        self._raw_since = self._false_since = None
        return event

    def open_event(self, t: float) -> CueEvent | None:
        """The event so far if the cue is on (for a report read mid-stream)."""
        if not self.active or self._raw_since is None:
            return None
        return CueEvent(self.cue, self._raw_since, self._false_since or t)

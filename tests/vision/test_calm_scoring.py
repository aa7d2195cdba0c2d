"""The vision benchmark's calm false time: a cue on where the labeller said "unsure" is not a
false alarm (issue 12's "no cue above 10 % false time on a calm clip" is judged on it)."""

from benchmarks.vision_cues import score_clip
from mockinterview.core.vision.calibration import BodyMeasures
from mockinterview.core.vision.cues import CueState

FPS = 15


def smiling_frames(seconds: float) -> list[CueState]:
    return [
        CueState(
            timestamp_s=i / FPS,
            calibrating=False,
            active=frozenset({"smile"}),
            raw=frozenset({"smile"}),
            face_visible=True,
            eye_contact=True,
            judged=frozenset({"smile"}),
            motion_energy=0.0,
            measures=BodyMeasures(timestamp_s=i / FPS),
            gaze="camera",
        )
        for i in range(int(seconds * FPS))
    ]


def calm_clip(smile_label: str) -> dict:
    return {
        "name": "calm",
        "set": "evaluation",
        "start": 0.0,
        "end": 4.0,
        "calm": [[0.0, 4.0]],
        "smile": [{"start": 0.0, "end": 4.0, "value": smile_label}],
    }


def test_a_smile_on_a_calm_stretch_labelled_no_smile_is_a_false_alarm() -> None:
    scored = score_clip(calm_clip("no"), smiling_frames(4.0), {"events": []}, tolerance=0.0)
    assert scored["calm_false_time_pct"] == {"smile": 100.0}


def test_a_smile_the_labeller_could_not_call_is_no_false_alarm() -> None:
    scored = score_clip(calm_clip("unsure"), smiling_frames(4.0), {"events": []}, tolerance=0.0)
    assert scored["calm_false_time_pct"] == {}

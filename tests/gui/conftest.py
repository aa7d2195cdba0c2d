"""GUI fixtures: the main window without background model loading, and a stored session with a
real A/V recording (frames of the committed astronaut photo, espeak-ng speech as its sound)."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import DATA, synthesize

RECORDING_FPS = 10
# A step of a live rehearsal (the models loading, the flow reaching a phase) took over a minute at
# load 35-40 on a shared 2-core machine. These waits end when the step happens, or at once when it
# no longer can (the models failed, the rehearsal ended); what bounds them otherwise is the
# test's own limit (pytest-timeout, pyproject.toml), not a minute of their own.
STEP_MS = 540_000


def wait_for_models(qtbot, window) -> None:
    """Until the window's background models are loaded; fails with the loader's error."""
    models = window.models
    qtbot.waitUntil(lambda: models.is_ready or models.error is not None, timeout=STEP_MS)
    assert models.error is None, models.error


def wait_for_phase(qtbot, page, phase: str) -> None:
    """Until the rehearsal page is in `phase`; fails at once when the rehearsal ended first."""
    qtbot.waitUntil(lambda: page._phase == phase or page.run is None, timeout=STEP_MS)
    assert page._phase == phase, (
        f"the rehearsal ended before {phase!r}: {page.question_label.text()}"
    )


def write_recording(
    path: Path, seconds: float, speech_wav: Path | None = None, fps: int = RECORDING_FPS
) -> Path:
    """An MKV (H.264 + AAC) of the astronaut photo swaying slightly, with speech if given."""
    import av
    import cv2

    photo = cv2.cvtColor(cv2.imread(str(DATA / "astronaut.png")), cv2.COLOR_BGR2RGB)
    photo = cv2.resize(photo, (320, 320))
    container = av.open(str(path), "w")
    video = container.add_stream("libx264", rate=fps)
    video.width, video.height, video.pix_fmt = 320, 320, "yuv420p"
    audio = container.add_stream("aac", rate=16000)
    audio.layout = "mono"
    for index in range(int(seconds * fps)):
        shift = np.float32([[1, 0, 3 * np.sin(index * RECORDING_FPS / fps / 5)], [0, 1, 0]])
        frame = cv2.warpAffine(photo, shift, (320, 320), borderMode=cv2.BORDER_REFLECT)
        for packet in video.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
            container.mux(packet)
    for packet in video.encode():
        container.mux(packet)
    if speech_wav is not None:
        with wave.open(str(speech_wav)) as source:
            rate = source.getframerate()
            samples = np.frombuffer(source.readframes(source.getnframes()), dtype=np.int16)
        resampler = av.AudioResampler(format="fltp", layout="mono", rate=16000)
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = rate
        for resampled in resampler.resample(frame):
            for start in range(0, resampled.samples, 1024):
                chunk = resampled.to_ndarray()[:, start : start + 1024]
                piece = av.AudioFrame.from_ndarray(
                    np.ascontiguousarray(chunk), format="fltp", layout="mono"
                )
                piece.sample_rate = 16000
                piece.pts = None
                for packet in audio.encode(piece):
                    container.mux(packet)
        for packet in audio.encode():
            container.mux(packet)
    container.close()
    return path


@pytest.fixture
def window(qtbot):
    from mockinterview.core.settings import Settings
    from mockinterview.gui.main_window import MainWindow

    win = MainWindow(Settings(), load_models=False)
    qtbot.addWidget(win)
    win.show()
    return win


def contract_answer(index: int, offset: float) -> dict:
    """One answer in the stored-session contract shape, for driving the report widgets.

    The numbers are set here on purpose (these tests check that widgets show and seek to what a
    session holds); tests/gui/test_rehearsal.py produces sessions with the real pipeline.
    """
    words = [
        {"text": "Um,", "start": 0.5, "end": 0.8},
        {"text": "I", "start": 0.9, "end": 1.0},
        {"text": "think", "start": 1.0, "end": 1.3},
        {"text": "I", "start": 1.3, "end": 1.4},
        {"text": "led", "start": 1.4, "end": 1.7},
        {"text": "the", "start": 1.7, "end": 1.8},
        {"text": "team.", "start": 1.8, "end": 2.2},
    ]
    return {
        "question_id": f"q{index}",
        "question": f"Question number {index + 1}?",
        "category": "behavioural",
        "target_s": (60.0, 120.0),
        "recording_offset_s": offset,
        "duration_s": 3.0,
        "transcript": "Um, I think I led the team.",
        "speech": {
            "transcript": "Um, I think I led the team.",
            "words": words,
            "word_count": 7,
            "wpm": 140.0 + index,
            "fillers": [{"text": "um", "start": 0.5}],
            "filler_count": 1,
            "fillers_per_100_words": 14.3,
            "pauses": [],
            "hedges": [{"text": "i think", "start": 0.9}],
            "repeated_words": [],
            "answer_length": {"seconds": 3.0, "verdict": "short"},
            "loudness_dbfs": -20.0,
            "speech_to_noise_db": 30.0,
            "pitch_variation_st": 3.0,
            "monotone": False,
            "flags": ["short", "many_fillers"],
        },
        "body": {
            "frames_analyzed": 30,
            "fps_analyzed": 10.0,
            "face_visible_pct": 100.0,
            "eye_contact_pct": 80.0 - 10 * index,
            "smile_pct": 50.0,
            "slouch_pct": 5.0,
            "crossed_arms_pct": 0.0,
            "fidget_pct": 0.0,
            "events": [{"cue": "eye_contact_lost", "start": 1.5, "end": 2.5}],
        },
        "content": {
            "covered": [{"point": "your role", "matched": "led", "start": 1.4}],
            "missed": ["a concrete result"],
            "coverage_pct": 50.0,
            "model_answer": None,
        },
    }


def comfortable_answer(index: int, offset: float = 0.0) -> dict:
    """contract_answer with every measured metric inside its band: 90 s of a 60-120 s target,
    210 words with one filler and no hedge, every key point covered."""
    answer = contract_answer(index, offset)
    answer["duration_s"] = 90.0
    answer["target_s"] = (60.0, 120.0)
    answer["speech"] = {
        **answer["speech"],
        "word_count": 210,
        "filler_count": 1,
        "fillers_per_100_words": 0.5,
        "hedges": [],
        "answer_length": {"seconds": 90.0, "verdict": "ok"},
    }
    answer["content"] = {**answer["content"], "coverage_pct": 100.0}
    return answer


@pytest.fixture
def stored_session(tmp_path: Path) -> str:
    """A finished session of two answers whose recording is a real, playable 8 s MKV."""
    return store_session(tmp_path)


def store_session(folder: Path) -> str:
    """Store a finished session of two answers with a real 8 s MKV; its id (`folder`: scratch)."""
    from mockinterview.core.session.store import SessionStore, StoredAnswer

    store = SessionStore()
    session_id = store.create_session("general")
    speech = synthesize("I think I led the team to a good result.", folder / "speech.wav")
    recording = write_recording(store.media_dir(session_id) / "recording.mkv", 8.0, speech)
    store.set_recording(session_id, recording)
    for index, offset in enumerate((1.0, 5.0)):
        store.add_answer(session_id, StoredAnswer(**contract_answer(index, offset)))
    store.finish_session(session_id)
    return session_id


def audio_only_window(qtbot, tmp_path: Path, wavs: list[Path]):
    """The main window loading the real models, with no camera (audio-only rehearsals) and a
    microphone that hears `wavs[answer index]` as fast as it can be read; questions silent."""
    import dataclasses

    from mockinterview.core.settings import Settings
    from mockinterview.core.speech.capture import FileSource
    from mockinterview.gui.main_window import MainWindow

    settings = Settings()
    settings = dataclasses.replace(
        settings,
        camera=dataclasses.replace(settings.camera, camera=str(tmp_path / "no-camera.mkv")),
        interview=dataclasses.replace(settings.interview, greeting=False),
    )
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.rehearsal.audio_source = lambda index: FileSource(wavs[index], realtime=False)
    window.rehearsal.speak_questions = False
    return window

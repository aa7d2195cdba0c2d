"""Recover a session a crash interrupted: every answer whose audio exists is kept and analysed.

The answers committed before the crash are already in the store. The answer in progress left a
journal (core/session/answer_journal.py) with its question, its start on the session clock and
its audio: the whole answer when the crash came while it was transcribed or saved, or the parts
recorded so far when it came while the person spoke (then the answer is kept as `partial`). Each
is analysed by `analyze_answer`, as the flow would have: transcript, delivery and content against
its question, and body cues from the session recording's frames over the answer's time range.
A recovered session therefore has the same report as one that ended normally.

Recovery can itself be cut off and run again: an answer is committed before its journal goes,
and a journal whose answer is already stored is only cleared.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mockinterview.core.audio_file import SAMPLE_RATE, write_wav
from mockinterview.core.session import answer_journal
from mockinterview.core.session.answer_analysis import analyze_answer
from mockinterview.core.session.recording import first_video_time_s
from mockinterview.core.session.store import SessionStore
from mockinterview.core.settings import Settings
from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.thresholds import BodyThresholds
from mockinterview.core.vision.landmarks import LandmarkDetector

log = logging.getLogger(__name__)

# Live, the body baseline is taken in the first seconds of the session and kept. Recovery does not
# replay the whole session to get it: it calibrates on the seconds just before the answer (the
# person listening to the question), which is the same upright, facing-the-camera pose.
CALIBRATION_MARGIN_S = 1.0  # s of frames before the calibration window, for the face to settle


def recover_session(
    store: SessionStore,
    session_id: str,
    settings: Settings,
    transcriber: Callable[[], Transcriber] | None = None,
) -> dict[str, Any]:
    """Analyse and store every answer the crash cut off, then mark the session recovered.

    Returns the stored session (docs/contracts.md). `transcriber()` gives the Transcriber (by
    default the Whisper model is loaded), asked only when there is an answer to transcribe, so a
    caller that refines the session after can share one model with it.
    """
    store.check_recoverable(session_id)
    model = functools.cache(transcriber or (lambda: Transcriber.from_settings(settings)))
    folder = store.media_dir(session_id)
    data = store.session_dict(session_id)
    stored_audio = {answer["audio"] for answer in data["answers"]}
    recording = Path(data["recording"]) if data["recording"] else None
    if recording is not None and not recording.is_file():
        recording = None
    for pending in answer_journal.pending(folder):
        whole = answer_journal.answer_wav(folder, pending.index)
        if str(whole) in stored_audio:  # the crash came after its row was committed
            answer_journal.clear(folder, pending.index)
            continue
        samples = pending.samples()
        if len(samples) == 0:  # cut off before a word was recorded
            answer_journal.clear(folder, pending.index)
            continue
        if pending.partial:
            write_wav(whole, samples)
        end_s = pending.start_s + len(samples) / SAMPLE_RATE
        body = None
        if recording is not None:
            body = body_from_recording(recording, pending.start_s, end_s, settings.body)
        stored = analyze_answer(
            pending.question,
            samples,
            settings,
            model(),
            body=body,
            recording_offset_s=pending.start_s if recording is not None else None,
            audio=whole,
            partial=pending.partial,
            parent_index=pending.parent,
        )
        store.add_answer(session_id, stored)
        answer_journal.clear(folder, pending.index)
        log.info(
            "recovered answer %d of %s (partial: %s)",
            pending.index + 1,
            session_id,
            pending.partial,
        )
    return store.recover_session(session_id)


def body_from_recording(
    path: Path, start_s: float, end_s: float, thresholds: BodyThresholds
) -> dict[str, Any] | None:
    """The body block of one answer, from the recording's frames between `start_s` and `end_s`
    (session clock). None when the recording has no video (no camera, or video not kept).

    The recording is entered at the keyframe before the calibration window, not decoded from
    its start: the last answer of an hour-long session costs no more than the first.
    """
    from mockinterview.core.vision.body import (
        FILE_ANALYSIS_FPS,
        BodyRecorder,
        empty_body_block,
        fit_width,
    )
    from mockinterview.core.vision.frames import Frame, VideoFileSource

    first = first_video_time_s(path)
    if first is None:
        return None
    recorder = BodyRecorder(thresholds)
    from_s = max(0.0, start_s - thresholds.calibration_s - CALIBRATION_MARGIN_S)
    answering = False
    video = VideoFileSource(path, max_fps=FILE_ANALYSIS_FPS, start_s=max(0.0, from_s - first))
    with LandmarkDetector() as detector, video:
        for frame in video:
            at = frame.timestamp_s + first
            if at < from_s:
                continue
            if at > end_s:
                break
            if not answering and at >= start_s:
                recorder.start_answer()
                answering = True
            recorder.feed(detector.detect(fit_width(Frame(frame.image, at))))
    if not answering:
        return empty_body_block("The recording stopped before this answer, so no body feedback.")
    return recorder.finish_answer(end_s)

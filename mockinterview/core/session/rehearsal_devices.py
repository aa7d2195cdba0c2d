"""The hardware (or files standing in for it) a rehearsal uses, built in one place for CLI and GUI.

`build_devices` takes what differs between callers (where answers come from, which Whisper model
is loaded, whether a camera is the flow's own or a GUI worker's) and does the rest the same way:
the interviewer's voice, the speaker when questions should be heard, the camera, the landmark
detector. Anything that is missing becomes a warning and the rehearsal goes on without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mockinterview.core.errors import DeviceError
from mockinterview.core.settings import Settings
from mockinterview.core.speech.asr import Transcriber
from mockinterview.core.speech.capture import AudioSource
from mockinterview.core.speech.chunk_process import ChunkProcess
from mockinterview.core.vision.frames import FrameSource
from mockinterview.core.vision.landmarks import LandmarkDetector


@dataclass
class FlowDevices:
    """The hardware (or files standing in for it) a flow uses; anything may be None.

    - `answer_source(n)`: the AudioSource for the n-th answer (a microphone, or the n-th file).
    - `voice`: has `synthesize(text, path) -> Path` (speech.tts.QuestionVoice); None: text only.
      Optional: `prepare(texts)` renders ahead (asked for the next question while the person
      answers), `note` says why the chosen voice is not the one speaking.
    - `speaker`: has `play_file(path) -> bool` and `cancel()`; None: questions are not played
      aloud (from files they still go into the recording).
    - `camera`: a FrameSource the flow reads itself; None when there is no camera, or when a
      GUI camera worker hands frames in with `observe_frame`.
    - `detector`: the LandmarkDetector for body cues; None: no body feedback.
    - `follow_ups`: ask the follow-up question an answer leads to (interview.follow_up); only
      where the person can answer it (a microphone), not from a fixed list of answer files.
    - `follow_up_writer`: has `write(question, answer, follow_up, on_text) -> Outcome` and
      `close()` (core.llm.live_follow_up.FollowUpWriter); None: the follow-up is asked as the
      deterministic analysis phrased it.
    - `chunk_process`: decodes a live answer's chunks while the person speaks, so that Stop
      need not wait for one (speech.chunk_process); started as each question is asked in a live
      rehearsal (from files the whole answer is transcribed afterwards, and it never starts).
    - `closers`: called when the flow ends (the detector is not among them when its owner
      closes it, e.g. a GUI camera worker that may still deliver a late frame).
    """

    answer_source: Callable[[int], AudioSource]
    transcriber: Transcriber
    voice: Any = None
    speaker: Any = None
    camera: FrameSource | None = None
    detector: LandmarkDetector | None = None
    follow_ups: bool = False
    follow_up_writer: Any = None
    chunk_process: ChunkProcess | None = None
    closers: list[Callable[[], None]] = field(default_factory=list)

    def decode_live_chunks_apart(self, settings: Settings) -> None:
        """Give the live answers a chunk process (closed with the flow)."""
        self.chunk_process = ChunkProcess(settings)
        self.closers.append(self.chunk_process.close)


def build_devices(
    settings: Settings,
    answer_source: Callable[[int], AudioSource],
    transcriber: Transcriber,
    *,
    speak: bool,
    warn: Callable[[str], None],
    camera: str | None = None,
    realtime: bool = True,
    watch_body: bool = False,
    follow_ups: bool = False,
) -> FlowDevices:
    """A rehearsal's devices. `speak`: play questions aloud (if the settings let them be heard);
    `camera`: a camera setting (webcam index or video file) the flow reads itself;
    `watch_body`: a detector for frames a caller hands in (the GUI's camera worker), which that
    caller then closes; with `follow_ups` and a language model set (llm.model), the model
    phrases the follow-ups. Each problem goes to `warn` and the device is left out."""
    from mockinterview.core.speech.tts import QuestionVoice, Speaker, silence_reason

    devices = FlowDevices(answer_source, transcriber, follow_ups=follow_ups)
    devices.decode_live_chunks_apart(settings)
    try:
        devices.voice = QuestionVoice(settings.voice)
        devices.closers.append(devices.voice.close)
        if settings.interview.greeting:
            from mockinterview.core.session.flow import GREETING

            devices.voice.prepare(GREETING)  # renders while the camera and pose model open
    except DeviceError as exc:
        warn(f"{exc} Questions are shown as text only.")
    if speak and devices.voice is not None:
        reason = silence_reason(settings)
        if reason is None:
            devices.speaker = Speaker(settings.audio.speaker)
        else:
            warn(f"Questions will not be heard: {reason}")
    if camera is not None:
        from mockinterview.core.vision.frames import open_camera

        try:
            devices.camera = open_camera(camera, realtime=realtime)
            devices.closers.append(devices.camera.close)
        except DeviceError as exc:
            warn(f"{exc}; going on without a camera")
    if devices.camera is not None or watch_body:
        from mockinterview.core.models import native_stderr_to_log

        with native_stderr_to_log():
            devices.detector = LandmarkDetector()
        if devices.camera is not None:
            devices.closers.append(devices.detector.close)
    if follow_ups and settings.interview.follow_up != "off" and settings.llm.model.strip():
        from mockinterview.core.llm.live_follow_up import FollowUpWriter

        devices.follow_up_writer = FollowUpWriter(settings.llm, warn)  # loads meanwhile
        devices.closers.append(devices.follow_up_writer.close)
    return devices

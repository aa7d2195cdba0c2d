"""A live two-question rehearsal whose first answer is paused and resumed, for the kill tests.

    python -m tests.session.paused_rehearsal CAMERA PART1 PART2 ANSWER2 PAUSE_S

Run in a child process that a test kills (SIGKILL) at one of the lines it prints on stdout
("<phase> <question index>", one per flow event). The camera is a video file played in real
time, read by the flow itself; each microphone part is a file paced in real time: the first
answer hears PART1 until it is paused 2.5 s in, then PART2 after the Resume that comes PAUSE_S
later; the second answer hears ANSWER2. Questions are not spoken aloud (no greeting), but they
are synthesised into the recording as in any session.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import replace

PAUSE_AFTER_S = 2.5  # s into the first answer


def main(camera: str, part1: str, part2: str, answer2: str, pause_s: str) -> None:
    from mockinterview.core.questions import load_bank
    from mockinterview.core.session.flow import FlowEvent, InterviewFlow, Phase
    from mockinterview.core.session.plan import plan_interview
    from mockinterview.core.session.rehearsal_devices import build_devices
    from mockinterview.core.session.store import SessionStore
    from mockinterview.core.settings import Settings
    from mockinterview.core.speech.asr import Transcriber
    from mockinterview.core.speech.capture import FileSource

    settings = Settings()
    settings = replace(settings, interview=replace(settings.interview, greeting=False))
    plan = plan_interview(load_bank("ml-engineer"), 2, closing=False)
    sources = {0: iter([part1, part2]), 1: iter([answer2])}
    devices = build_devices(
        settings,
        lambda n: FileSource(next(sources[n]), realtime=True),
        Transcriber.from_settings(settings),
        speak=False,
        warn=lambda message: print(f"warning: {message}", file=sys.stderr),
        camera=camera,
    )
    paused = threading.Event()

    def on_event(event: FlowEvent) -> None:
        print(event.phase.value, event.index, flush=True)
        if event.phase is Phase.LISTENING and event.index == 0 and not paused.is_set():
            paused.set()
            threading.Timer(PAUSE_AFTER_S, flow.pause).start()
        elif event.phase is Phase.PAUSED:
            threading.Timer(float(pause_s), flow.resume).start()

    flow = InterviewFlow(plan, SessionStore(), settings, devices, on_event, realtime=True)
    flow.run()


if __name__ == "__main__":
    main(*sys.argv[1:])

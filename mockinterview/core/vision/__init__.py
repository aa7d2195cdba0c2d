"""The camera half of a rehearsal: frames, MediaPipe landmarks, calibrated body-language cues.

Data flows one way, each step a small module with its own docstring:

    frames.py       WebcamSource / VideoFileSource -> Frame(image BGR, timestamp_s);
                    LatestFrameGrabber keeps only the newest frame on the live path
    landmarks.py    LandmarkDetector (pose + face + hands, VIDEO mode) -> LandmarkFrame (numpy)
    calibration.py  BodyMeasures per frame; Calibrator -> the person's own upright Baseline
    gaze.py         gaze direction (camera / down / side / up) from head pose + eyes, with a
                    camera-facing prior refined by a checked look-at-the-lens calibration
    predicates.py   per-frame raw conditions: crossed arms, slouch, hand on face, smile, framing
    events.py       CueEvent and the Debounce that turns raw conditions into events
    motion.py       MotionEnergy: hand and head restlessness relative to the shoulders
    cues.py         CueTracker.feed(LandmarkFrame) -> CueState; finish() -> [CueEvent]
    overlay.py      draw_overlay(image, LandmarkFrame, CueState) -> annotated copy
    body.py         BodyRecorder (live, per answer) and analyze_video_body (a file) -> the
                    `body` block of docs/contracts.md
    selfcheck.py    the guided body-language self-check and the personal thresholds it sets

A live rehearsal, in a worker thread (the GUI only ever gets the finished image)::

    grabber = LatestFrameGrabber(WebcamSource(0)).start()   # DeviceError: go on audio-only
    detector, recorder = LandmarkDetector(), BodyRecorder(settings.body)
    frame = grabber.latest()
    marks = detector.detect(fit_width(frame))
    state = recorder.feed(marks)              # state.needs_recalibration: ask, then
    preview = draw_overlay(frame.image, marks, state)       #   recorder.recalibrate()
    recorder.start_answer(); ...; body_block = recorder.finish_answer()

Nothing here imports Qt; thresholds come from settings.body (core/thresholds.py BodyThresholds).
"""

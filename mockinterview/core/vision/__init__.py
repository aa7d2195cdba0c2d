"""The camera half of a rehearsal: frames, MediaPipe landmarks, calibrated body-language cues.

Data flows one way, each step a small module with its own docstring:

    frames.py       WebcamSource / VideoFileSource -> Frame(image BGR, timestamp_s);
                    LatestFrameGrabber keeps only the newest frame on the live path
    landmarks.py    LandmarkDetector (pose + face, VIDEO mode) -> LandmarkFrame (numpy, floats)
    calibration.py  BodyMeasures per frame; Calibrator -> the person's own upright Baseline
    cues.py         CueTracker.feed(LandmarkFrame) -> CueState; finish() -> [CueEvent]
    overlay.py      draw_overlay(image, LandmarkFrame, CueState) -> annotated copy
    body.py         BodyRecorder (live, per answer) and analyze_video_body (a file) -> the
                    `body` block of docs/contracts.md

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

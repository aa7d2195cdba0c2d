"""The voice half of a rehearsal: speak questions, capture answers, transcribe, measure delivery.

One module per job, each usable headless (CLI, tests) and from the GUI's worker threads:

- tts: `QuestionVoice(settings.voice).synthesize(text, wav)` renders a question with the bundled
  neural voice (neural_voice: Piper) or, as the fall-back and on request, pyttsx3 on its own
  engine thread; `Speaker(device).play_file(wav)` plays it (blocking, `cancel()`);
  `silence_reason(settings)` says why questions would be text only; `list_voices()`.
- capture: `AudioSource` protocol with `MicrophoneSource(device)` and `FileSource(path, realtime)`;
  `AnswerRecorder(source, wav, settings.audio, settings.delivery, on_level, on_audio).record()`
  returns a `RecordedAnswer` (wav_path, samples, duration_s, ended_by, error); `stop()` drains.
- asr: `Transcriber.from_settings(settings).transcribe(samples) -> Transcript`;
  `StreamingTranscriber(transcriber)` with start/feed/partial/finish for live transcription.
- chunk_process: `ChunkProcess(settings)` decodes the live chunks in a process
  of their own, which Stop ends instead of waiting for (`StreamingTranscriber(..., process=)`),
  and decodes them again in groups of 10 s or more while the person goes on.
- coverage: which voiced stretches (VAD) a transcript's words account for; the Transcriber uses
  it to find skipped speech, re-decode it chunk by chunk, and keep what stays wordless as a Gap.
- transcript: `Word`, `Gap` and `Transcript`, the timed words every other part reads.
- room: the room's noise floor and `VoiceGate`, which tells voice from room for the recorder, the
  Whisper ending guard and the speech-to-noise loudness judgement.
- mic_check: `check_microphone(source, thresholds, transcribe)` (record, transcribe, then
  `assess_microphone`), the check before the first question (doctor --mic-check, the Home panel).
- delivery: `analyze_delivery(words, samples, settings.delivery) -> DeliveryMetrics`, whose
  `to_dict()` is the `speech` block of docs/contracts.md.

All audio is 16 kHz mono float32 (`mockinterview.core.audio_file`, which also decodes any file).
"""

"""What the microphone check asks of the user, and when: its sentence and its two stretches.

Apart from the check itself (core/speech/mic_check.py, which needs numpy) because Home shows
these words before anything is measured: the window's first paint imports only this.
"""

from __future__ import annotations

CHECK_SENTENCE = "I am ready to practise my interview answers today."
QUIET_S = 2.0  # s of room before the sentence ("stay quiet")
SPEAK_S = 6.0  # s to read the sentence

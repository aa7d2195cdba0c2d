"""Whisper's encoder run on the audio it is given, when someone is waiting on the transcript.

faster-whisper pads every window to 30 s of mel frames before the encoder, so the last sentence
of an answer (4-8 s) costs the encoder as much as 30 s of speech: on 2 cores that was about 60 %
of the greedy decoding after Stop, which issue 11 wants done in 1.5 s at a load of 4.
CTranslate2's encoder takes shorter input, and the decoder and the word alignment read only what
it returns. So `WindowedWhisper.encode` can cut the padding: it keeps the audio, then
`PAST_AUDIO_FRAMES` of padding (the silence after the last word tells Whisper the audio ends),
and never less than `FLOOR_FRAMES` in all.

Measured on the tuning sets' live path (bench_speech's chunks as an idle worker cuts them; only
the greedy decoding after Stop cut), the mean time of that decoding fell 0.378 -> 0.149 s
(synthetic_tuning) and 0.457 -> 0.172 s (synthetic_evaluation_2); WER 0.0708 -> 0.0712 and
0.2279 -> 0.2191, filler recall 0.862 -> 0.854 and 0.852 -> 0.852, precision unchanged. Without
the floor (100 frames past the audio only) set 2 inserted 14 more words. Cutting every pass, the
whole-file ones included, lost two stretches (24 words) on synthetic_tuning where 30 s windows
lose none, so the windows are cut only inside `short_windows()`, which the Transcriber enters for
the first decoding of its greedy pass alone; the retries of that pass (a lost tail, a skipped
stretch) keep the 30 s window, in which a hum after the last word stays a visible gap (it did
not in a short one). The figures above had the retries cut too (2 of 66 decodings).
The worker's chunks (decoded while the person speaks) keep 30 s as well: cut too, they did better
on every tuning figure, then lost 8 words inside a chunk of a held-out clip with no gap shown, and
the real recordings' live WER rose 0.109 -> 0.141.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import numpy as np
from faster_whisper import WhisperModel

FULL_WINDOW_FRAMES = 3000  # 30 s of 10 ms mel frames: what Whisper was trained on
FLOOR_FRAMES = 1000  # 10 s: shorter windows made the greedy pass invent words (set 2, +14)
PAST_AUDIO_FRAMES = 100  # 1 s of the padding kept after the audio


def audio_frames(features: np.ndarray) -> int:
    """How many of a window's mel frames hold audio: faster-whisper pads a window with frames of
    exact zeros, which no frame of audio is (a log-mel frame of silence sits at the clip's own
    floor, never at 0.0 in all its bands)."""
    heard = np.flatnonzero(np.any(features != 0.0, axis=-2).reshape(-1))
    return int(heard[-1]) + 1 if heard.size else 0


def kept_frames(features: np.ndarray) -> int:
    """Frames of a padded window the encoder is given: the audio, 1 s past it, at least 10 s."""
    total = features.shape[-1]
    return min(total, max(FLOOR_FRAMES, audio_frames(features) + PAST_AUDIO_FRAMES))


class WindowedWhisper(WhisperModel):
    """A WhisperModel whose encoder runs on a short window inside `short_windows()`, and on the
    30 s window Whisper was trained on everywhere else. Not thread-safe, like the Transcriber
    that owns it (one caller at a time)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._short = False

    @contextlib.contextmanager
    def short_windows(self, enabled: bool = True) -> Iterator[None]:
        """Encode short windows until the block ends. faster-whisper decodes lazily, as its
        segments are read, so they must be read inside the block."""
        before, self._short = self._short, enabled
        try:
            yield
        finally:
            self._short = before

    def encode(self, features: np.ndarray):
        if self._short and features.shape[-1] == FULL_WINDOW_FRAMES:
            features = features[..., : kept_frames(features)]
        return super().encode(features)

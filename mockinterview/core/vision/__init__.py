"""The camera half of a rehearsal: frames, MediaPipe landmarks, calibrated body-language cues."""

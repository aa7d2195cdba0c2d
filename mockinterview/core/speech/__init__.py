"""The voice half of a rehearsal: speak questions, capture answers, transcribe, measure delivery."""

"""What a crash must not lose: the answer in progress, written down as it happens.

When an answer starts, a small journal (`.answer-NN.json`: the question and where the answer
starts on the session clock) is written beside its audio parts (`.answer-NN-partK.wav`, one per
stretch between pauses, each a crash-safe WAV). Once the whole answer is on disk it becomes
`answer-NN.wav` (written atomically); once its row is committed, the journal and parts go. So at
any moment a kill leaves either a committed answer, or a journal with the audio said so far, and
recovery (core/session/recovery.py) can analyse that audio as the flow would have.

NN is the question's place in the plan (1-based), so it also names the answer's WAV.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np

from mockinterview.core.audio_file import decode_audio
from mockinterview.core.errors import MediaError
from mockinterview.core.questions import KeyPoint, Question
from mockinterview.core.session.store import write_atomic

_JOURNAL = re.compile(r"^\.answer-(\d+)\.json$")


def answer_wav(folder: Path, index: int) -> Path:
    """The whole answer to the plan's `index`-th question (0-based)."""
    return folder / f"answer-{index + 1:02d}.wav"


def part_wav(folder: Path, index: int, part: int) -> Path:
    return folder / f".answer-{index + 1:02d}-part{part}.wav"


def _journal(folder: Path, index: int) -> Path:
    return folder / f".answer-{index + 1:02d}.json"


def _parts(folder: Path, index: int) -> list[Path]:
    found = folder.glob(f".answer-{index + 1:02d}-part*.wav")
    return sorted(found, key=lambda p: int(p.stem.rsplit("part", 1)[1]))


def begin(
    folder: Path, index: int, question: Question, start_s: float, parent: int | None = None
) -> None:
    """An answer starts: write down which question it answers (and, for a follow-up question,
    the stored answer it follows up) and where it starts."""
    entry = {
        "index": index,
        "start_s": round(start_s, 3),
        "question": asdict(question),
        "parent": parent,
    }
    write_atomic(_journal(folder, index), json.dumps(entry).encode())


def clear(folder: Path, index: int) -> None:
    """The answer's row is committed, or the person dropped it (skip, repeat, retake): its
    journal and parts go (`answer-NN.wav`, if written, stays: the stored answer points to it)."""
    for part in _parts(folder, index):
        part.unlink(missing_ok=True)
    _journal(folder, index).unlink(missing_ok=True)


@dataclass(frozen=True)
class PendingAnswer:
    """An answer a crash cut off before its row was committed."""

    index: int
    question: Question
    start_s: float
    whole: Path | None  # answer-NN.wav when the whole answer reached the disk
    parts: tuple[Path, ...]  # otherwise the parts recorded so far
    parent: int | None = None  # a follow-up's answer: the stored answer it follows up

    @property
    def partial(self) -> bool:
        """True when the answer was cut off while the person was still speaking."""
        return self.whole is None

    def samples(self) -> np.ndarray:
        """The answer's audio (16 kHz mono float32), empty when nothing was recorded."""
        if self.whole is not None:
            return decode_audio(self.whole)
        pieces = []
        for part in self.parts:
            try:
                pieces.append(decode_audio(part))
            except MediaError:  # a part killed before its first block holds no samples
                continue
        return np.concatenate(pieces) if pieces else np.zeros(0, np.float32)


def pending(folder: Path) -> list[PendingAnswer]:
    """Every answer in `folder` that has a journal, in plan order."""
    found = []
    for path in sorted(folder.glob(".answer-*.json")):
        match = _JOURNAL.match(path.name)
        if match is None:
            continue
        entry = json.loads(path.read_text())
        index = int(entry["index"])
        whole = answer_wav(folder, index)
        found.append(
            PendingAnswer(
                index,
                question_from_dict(entry["question"]),
                float(entry["start_s"]),
                whole if whole.is_file() else None,
                tuple(_parts(folder, index)),
                entry.get("parent"),
            )
        )
    return found


def question_from_dict(data: dict[str, Any]) -> Question:
    """A Question as `asdict` wrote it (lists back to tuples; fields this version lacks dropped)."""
    point_fields = {f.name for f in fields(KeyPoint)}
    points = tuple(
        KeyPoint(
            **{
                k: tuple(v) if isinstance(v, list) else v
                for k, v in point.items()
                if k in point_fields
            }
        )
        for point in data.get("key_points") or ()
    )
    known = {f.name for f in fields(Question)}
    values = {k: v for k, v in data.items() if k in known}
    values["key_points"] = points
    if values.get("target_s") is not None:
        values["target_s"] = tuple(values["target_s"])
    return Question(**values)

"""Key-point coverage on phrases and word stems, with the time each point was first said."""

from __future__ import annotations

from pathlib import Path

from mockinterview.core.questions import load_bank
from mockinterview.core.session.content import assess_content
from tests.conftest import synthesize


def _question(qid: str):
    return next(q for q in load_bank("ml-engineer").questions if q.id == qid)


def test_stems_and_prefixes_match_and_misses_are_listed() -> None:
    question = _question("imbalanced-datasets")
    feedback = assess_content(
        question,
        "Accuracy lies here. I'd oversample the minority class and move the decision threshold.",
    )
    matched = {c.point: c.matched for c in feedback.covered}
    assert matched[question.key_points[0].point] == "accuracy"
    assert matched[question.key_points[1].point] == "oversampl*"
    assert matched[question.key_points[3].point] == "threshold"
    assert feedback.missed == (question.key_points[2].point, question.key_points[4].point)
    assert feedback.coverage_pct == 60.0
    assert feedback.as_dict()["model_answer"] == question.model_answer


def test_nothing_relevant_covers_nothing() -> None:
    feedback = assess_content(_question("regularization"), "I like turtles and long walks.")
    assert feedback.covered == () and feedback.coverage_pct == 0.0


def test_real_speech_gives_timed_points(tmp_path: Path, whisper_model) -> None:
    """espeak-ng speaks an answer, tiny.en transcribes it, and the points carry their times."""
    wav = synthesize(
        "Regularization helps a model generalize to new data. Dropout switches off units at "
        "random. Early stopping ends training when the validation loss goes up.",
        tmp_path / "answer.wav",
        words_per_minute=150,
    )
    segments, _ = whisper_model.transcribe(str(wav), word_timestamps=True, language="en")
    words = [{"text": w.word, "start": w.start} for s in segments for w in s.words]
    transcript = "".join(w["text"] for w in words)
    feedback = assess_content(_question("regularization"), transcript, words)
    points = {c.point: c for c in feedback.covered}
    assert set(points) == {
        "purpose: reduce overfitting and improve generalization by limiting complexity",
        "dropout",
        "early stopping",
    }, transcript
    assert (
        points[
            "purpose: reduce overfitting and improve generalization by limiting complexity"
        ].start
        < points["dropout"].start
        < points["early stopping"].start
    )

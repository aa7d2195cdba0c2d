"""Counts read as a person says them, wherever the app prints one."""

from __future__ import annotations

from mockinterview.core.counting import counted, noun_for


def test_one_is_singular_and_every_other_count_plural() -> None:
    assert [counted(n, "answer") for n in (0, 1, 2)] == ["0 answers", "1 answer", "2 answers"]
    assert noun_for(1, "answer") == "answer" and noun_for(3, "answer") == "answers"
    assert counted(2, "person", "people") == "2 people"

"""Question banks: the shipped banks load, and malformed banks name the file, line and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockinterview.core.errors import BankError
from mockinterview.core.questions import (
    bank_files,
    builtin_banks_dir,
    load_bank,
    load_bank_file,
    user_banks_dir,
)

GOOD_QUESTION = '[[questions]]\nid = "q1"\ntext = "Why?"\ncategory = "c"\n'


def _bank(tmp_path: Path, text: str, name: str = "bank.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path) -> str:
    with pytest.raises(BankError) as caught:
        load_bank_file(path)
    return str(caught.value)


def test_shipped_banks_are_complete() -> None:
    ml = load_bank("ml-engineer")
    assert len(ml.regular) == 10
    general = load_bank("general")
    ids = {q.id for q in general.questions}
    assert {
        "tell-me-about-yourself",
        "strengths-and-improvements",
        "why-this-company",
        "conflict-story",
        "failure-story",
    } <= ids
    for bank in (ml, general):
        assert bank.closing is not None and bank.closing.text == "Do you have any questions for us?"
    seen: dict[str, str] = {}
    for path in sorted(builtin_banks_dir().glob("*.toml")):
        bank = load_bank_file(path)
        assert len(bank.regular) >= 8, path
        for q in bank.regular:
            # every key point is described by sentences (compared by meaning) and proven by
            # wordings, and the report has a model answer to show
            assert len(q.key_points) >= 2 and q.model_answer, q.id
            assert all(len(p.says) >= 2 and p.phrases for p in q.key_points), q.id
            # and the interviewer has its own question for each point an answer may miss
            assert all(p.ask for p in q.key_points), q.id
            # a job ad's bank takes built-in questions by id: one id, one question
            assert seen.setdefault(q.id, bank.name) == bank.name, (q.id, seen[q.id], bank.name)


def test_toml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    path = _bank(tmp_path, GOOD_QUESTION.replace('category = "c"', "category = c"))
    assert f"{path}:4: not valid TOML" in _problems(path)


def test_several_problems_are_reported_together_with_lines(tmp_path: Path) -> None:
    text = (
        GOOD_QUESTION  # lines 1-4
        + "\n[[questions]]\n"  # line 6
        + 'id = "q1"\n'  # line 7: duplicate
        + 'txt = "typo"\n'  # line 8: unknown key, and text is missing
        + 'category = "c"\n'
        + "target_s = [120, 60]\n"  # line 10: low > high
        + "\n[[questions]]\n"  # line 12
        + 'id = "bad id!"\n'  # line 13
        + 'text = "Q?"\n'
        + 'category = "c"\n'
        + "[[questions.key_points]]\n"  # line 16
        + 'point = "p"\n'
        + "phrases = []\n"
    )
    message = _problems(_bank(tmp_path, text))
    assert "6 problems" in message
    assert ":7: duplicate id 'q1' (first at line 2)" in message
    assert ":8: unknown key `txt` (known: id, text, category, target_s," in message
    assert ":6: missing `text`" in message
    assert ":10: `target_s` must be [low, high]" in message
    assert ":13: id 'bad id!' may hold only" in message
    assert ":16: key point 1: give `phrases` (wordings that prove it) or `says`" in message


def test_a_key_point_s_follow_up_must_be_one_question(tmp_path: Path) -> None:
    point = '[[questions.key_points]]\npoint = "p"\nphrases = ["p"]\nask = "{}"\n'
    good = _bank(tmp_path, GOOD_QUESTION + point.format("And how would you check it?"))
    assert load_bank_file(good).questions[0].key_points[0].ask == "And how would you check it?"
    bad = _bank(tmp_path, GOOD_QUESTION + point.format("Check it. Then what? And why?"))
    assert ":5: key point 1: `ask` must be one question ending with '?'" in _problems(bad)


def test_empty_and_wrong_kind_of_banks(tmp_path: Path) -> None:
    assert "no questions" in _problems(_bank(tmp_path, '[bank]\ntitle = "x"\n'))
    assert "must be .toml, .txt or .csv" in _problems(_bank(tmp_path, "x", "bank.json"))
    assert "no such question bank file" in _problems(tmp_path / "missing.toml")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Pourquoi êtes-vous ici ?".encode("latin-1"))
    assert "not UTF-8" in _problems(latin1)
    two_closings = (
        GOOD_QUESTION
        + "closing = true\n"
        + GOOD_QUESTION.replace("q1", "q2")
        + ("closing = true\n")
    )
    assert "only one question may be `closing = true`" in _problems(_bank(tmp_path, two_closings))


def test_text_and_csv_banks(tmp_path: Path) -> None:
    text = _bank(
        tmp_path,
        "# my list\nWhy this job?\n\nWhat is your biggest win?\nWhy this job?\n",
        "mine.txt",
    )
    assert "mine.txt:5: same question as line 2" in _problems(text)
    text.write_text("Why this job?\nWhat is your biggest win?  # the one I fear\n")
    bank = load_bank_file(text)
    assert [q.text for q in bank.questions] == ["Why this job?", "What is your biggest win?"]
    assert bank.questions[0].id == "why-this-job"

    csv_path = _bank(
        tmp_path,
        'question,category,target_s\n"Walk me through a project.",tech,60-120\nWhy?,,90\n',
        "mine.csv",
    )
    assert "mine.csv:3: target_s '90' must look like 60-120" in _problems(csv_path)
    csv_path.write_text('question,category,target_s\n"Walk me through a project.",tech,60-120\n')
    (question,) = load_bank_file(csv_path).questions
    assert question.category == "tech" and question.target_s == (60.0, 120.0)
    assert "needs a `question` column" in _problems(_bank(tmp_path, "q\nWhy?\n", "bad.csv"))


def test_user_banks_are_found_by_name_and_path(tmp_path: Path) -> None:
    (user_banks_dir() / "startup.txt").write_text("Why a startup?\n")
    assert "startup" in bank_files()
    assert load_bank("startup").questions[0].text == "Why a startup?"
    other = _bank(tmp_path, GOOD_QUESTION, "elsewhere.toml")
    assert load_bank(str(other)).name == "elsewhere"
    with pytest.raises(BankError, match=r"no question bank named 'nope'; available: .*general"):
        load_bank("nope")


def test_a_key_point_s_near_misses_are_a_list_of_text(tmp_path: Path) -> None:
    point = '[[questions.key_points]]\npoint = "p"\nphrases = ["p"]\nnear_misses = {}\n'
    good = _bank(tmp_path, GOOD_QUESTION + point.format('["P matters a lot."]'))
    assert load_bank_file(good).questions[0].key_points[0].near_misses == ("P matters a lot.",)
    bad = _bank(tmp_path, GOOD_QUESTION + point.format('"P matters a lot."'))
    assert ":5: key point 1: `near_misses` must be a list of text" in _problems(bad)

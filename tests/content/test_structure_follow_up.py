"""STAR structure and the follow-up question, on the real embedding model, and `analyze` on a
written answer."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from mockinterview.cli import main
from mockinterview.core.content.answer import judge_answer
from mockinterview.core.content.embeddings import load_embedder
from mockinterview.core.content.follow_up import vague_claims
from mockinterview.core.content.spans import sentences
from mockinterview.core.content.structure import CUES, PAST, analyze_structure, sentence_parts
from mockinterview.core.questions import load_bank


def _question(qid: str):
    return next(q for q in load_bank("general").questions if q.id == qid)


STORY_WITHOUT_RESULT = (
    "At my last job our nightly data pipeline kept failing and nobody owned it. "
    "My task was to make it reliable before the quarterly report. "
    "I added retries, I wrote alerts for the slow steps, "
    "and I moved the biggest job to the morning."
)


def test_a_story_without_a_result_gets_the_follow_up_about_the_result() -> None:
    judged = judge_answer(_question("leadership-story"), STORY_WITHOUT_RESULT, follow_up="weak")
    assert judged.structure is not None
    assert "result" in judged.structure.missing
    assert {"situation", "action"} <= {p.name for p in judged.structure.parts}
    assert judged.structure.ownership == "i"
    assert judged.follow_up is not None and judged.follow_up.reason == "missing_result"
    assert judged.follow_up.text.endswith("?")


def test_a_story_question_answered_with_no_story_is_asked_for_one() -> None:
    """A recording that reads out a software tooltip, judged as an answer to a conflict story:
    "What was the result? What changed because of what you did" was asked after nothing was
    done. The interviewer asks for the story itself."""
    said = (
        "The primary area for recording, editing and arranging audio, MIDI and drummer regions, "
        "divided into different track types. So just for fun, I like beans. Beans are fun."
    )
    judged = judge_answer(_question("conflict-story"), said, follow_up="weak")
    assert judged.structure is not None
    assert {"action", "result"} <= set(judged.structure.missing)
    assert judged.follow_up is not None and judged.follow_up.reason == "missing_story"
    assert judged.follow_up.text == (
        "Can you walk me through one specific time: what happened, and what did you do?"
    )


def test_each_sentence_of_a_story_is_given_its_star_part_in_story_order() -> None:
    story = STORY_WITHOUT_RESULT + " As a result, failures went from four a week to one a month."
    labelled = sentence_parts(story, None, load_embedder())
    assert [part for _, part in labelled] == ["situation", "task", "action", "result"]
    # told forward: once the result is given, a later sentence is not the situation again
    told = sentence_parts(story + " At my last job nobody owned it.", None, load_embedder())
    assert [part for _, part in told][-1] in ("result", None)


@pytest.mark.parametrize(
    "task",
    [
        "My manager asked me to get the backlog under fifty tickets before the audit.",
        "My objective was to get the backlog under fifty tickets before the audit.",
        "As the only analyst left, it fell on me to clear the backlog before the audit.",
        "My brief was to keep that backlog under fifty tickets until the audit.",
    ],
)
def test_a_task_said_as_an_assignment_or_a_responsibility_is_the_task(task: str) -> None:
    """The task is what the teller was asked or trusted to achieve: told as "X asked me to ...",
    "my objective was ..." or "it fell on me ...", it was read as more of the situation, so the
    report said "Task: missing" of a story that had one (tests/data/README.md, session 53)."""
    story = (
        "Last spring our support team lost two people in the same month. "
        f"{task} "
        "I sorted the tickets by age, I closed the duplicates, and I trained a temp on refunds."
    )
    labelled = sentence_parts(story, None, load_embedder())
    assert [part for _, part in labelled] == ["situation", "task", "action"]


@pytest.mark.parametrize(
    "opening",
    [
        "At a garden centre where I managed the plant area, every delivery arrived on a Monday.",
        "I worked as a supervisor at a garden centre, and every delivery arrived on a Monday.",
    ],
)
def test_a_story_opening_on_the_teller_s_role_or_workplace_sets_the_scene(opening: str) -> None:
    """ "I worked as ..." and "At a ... where I managed ..." say where the teller was: the
    situation. Their "I ...ed" read as the first action, so the scene after them was no part and
    the report said "Situation: not found" (tests/data/README.md, session 54)."""
    story = (
        f"{opening} Most of the stock sat in the yard for days, and about a third of the young "
        "plants died before they were sold. I proposed a Friday delivery to my manager, I rebuilt "
        "the watering rota, and I moved the stock into the shade on arrival. By the end of the "
        "summer the losses had fallen from a third to under one in ten."
    )
    labelled = sentence_parts(story, None, load_embedder())
    assert [part for _, part in labelled] == ["situation", "situation", "action", "result"]


@pytest.mark.parametrize(
    "opening",
    [
        "On a stock system rollout I needed the security team to approve the link before launch, "
        "and they did not report to me.",
        "I noticed that one of the patients on my bay had her blood thinner written up for six, "
        "an hour before her epidural was due out.",
        "In Year 3 I taught a boy with dyslexia who was bright and articulate but couldn't get "
        "his ideas onto paper.",
    ],
)
def test_a_story_opening_on_what_the_teller_needed_or_noticed_sets_the_scene(opening: str) -> None:
    """ "I needed ..." and "I noticed ..." tell a state, and "I taught a boy with dyslexia who
    ..." brings someone into the story: read as the first action, they left the story without a
    scene ("Situation: not found"; tests/data/README.md, session 55)."""
    story = (
        f"{opening} So I went to see their lead in person, I explained what was at stake, and I "
        "offered to take the first checks off their hands. Nine days later it was signed off and "
        "we went live on time."
    )
    labelled = sentence_parts(story, None, load_embedder())
    assert [part for _, part in labelled] == ["situation", "action", "result"]


def test_what_the_teller_said_is_an_act_and_what_they_took_from_it_is_the_result() -> None:
    """ "I said no ..." and "I kept chasing" are what the teller did, and "What I took from it
    is ..." the lesson; the first was read as more scene, the last as an act ("I took"), so the
    story had no action or no result (tests/data/README.md, session 55)."""
    story = (
        "At my last company the head of sales wanted a custom dashboard for one prospect, "
        "right in the middle of our billing migration. I said no to the dashboard, and that a "
        "weekly export was something we could do. I kept chasing the prospect's team until they "
        "tried it. What I took from it is that a no lands better with an offer beside it."
    )
    labelled = sentence_parts(story, None, load_embedder())
    assert [part for _, part in labelled] == ["situation", "action", "action", "result"]


@pytest.mark.parametrize(
    "result",
    [
        "We signed off the new rota in March, and the waiting list had gone from forty names "
        "to six.",
        "I handed the new rota over to the night staff, and the ward was a lot calmer after that.",
    ],
)
def test_a_result_told_as_how_things_stood_after_is_the_result(result: str) -> None:
    """ "had gone from ... to ..." and "was a lot calmer after that" end a story on its outcome,
    after a last act ("We signed off ..."): read as one more action, the story had no result and
    the follow-up asked "What was the result?" of a story that had told it."""
    story = (
        "On my first placement the ward's evening medicines round always ran an hour late. "
        "I was asked to find out why. I timed every step for a week, I moved the drug trolley "
        f"next to the bays, and I got the pharmacy to deliver before six. {result}"
    )
    judged = judge_answer(_question("leadership-story"), story, follow_up="weak")
    assert judged.structure is not None and "result" not in judged.structure.missing
    assert judged.structure.part("result").text == result
    assert judged.follow_up is None or judged.follow_up.reason != "missing_result"


@pytest.mark.parametrize(
    "ending",
    [
        "Honestly, that was a long couple of weeks.",  # how it felt
        "In my view, data pipelines are always fragile, however careful you are.",  # an opinion
        "Pipelines like that are always a bit of a gamble.",  # the present tense, nothing now
        "The team lead promised to review the alerts with me the following month.",  # a plan
        "I asked the team to sign off the new schedule by the end of the week.",  # a deadline
    ],
)
def test_a_story_that_stops_before_its_outcome_has_no_result(ending: str) -> None:
    """The closing place alone made each of these endings the result before (session 40)."""
    structure = analyze_structure(STORY_WITHOUT_RESULT + " " + ending, None, load_embedder())
    assert "result" in structure.missing


@pytest.mark.parametrize(
    "ending",
    [
        "The pipeline now runs every night without anyone watching it.",  # what holds now
        "It has not failed once since, and the report goes out on time every quarter.",
        "By the end of the quarter the failures had stopped.",  # where things stood by then
        "The report went out on time for the first time that year.",
    ],
)
def test_a_story_that_tells_its_outcome_has_a_result(ending: str) -> None:
    structure = analyze_structure(STORY_WITHOUT_RESULT + " " + ending, None, load_embedder())
    assert "result" not in structure.missing


def _labelled_stories(kind: str) -> list[dict]:
    """Behavioural answers of the tuning split with their hand STAR labels, one per sentence."""
    answers = Path(__file__).resolve().parent.parent / "data" / "content" / "answers.toml"
    data = tomllib.loads(answers.read_text())
    return [a for a in data["answers"] if "star" in a and a["kind"] == kind]


def test_a_scene_set_in_two_sentences_before_anyone_acts_is_all_situation() -> None:
    """Two labelled partial stories stop after the scene ('It was years out of date and new hires
    kept asking ...'): their closing sentence was taken for the result although nobody had acted.
    Both keep these labels with part_min, cue_bonus, place_bonus or habit_penalty moved 0.03."""
    scenes = [a for a in _labelled_stories("partial") if a["star"] == ["situation"] * 2]
    assert len(scenes) == 2
    for scene in scenes:
        labelled = sentence_parts(scene["text"], None, load_embedder())
        assert [part for _, part in labelled] == ["situation", "situation"], scene["text"]


def test_past_and_habit_in_the_labelled_stories() -> None:
    """The teller acts in "I'd tried" and "I had skipped" (labelled action); "I'd say I'm a natural
    leader" holds no past form at all (a vague answer, no part of a story)."""
    sentences = {
        s.strip() + "."
        for kind in ("complete", "vague")
        for a in _labelled_stories(kind)
        for s in a["text"].split(".")
    }
    acted = [s for s in sentences if s.startswith(("Honestly I'd tried", "I had skipped"))]
    assert len(acted) == 2 and all(CUES["action"].search(s) for s in acted)
    habit = next(s for s in sentences if s.startswith("I'd say I'm a natural leader"))
    assert not PAST.search(habit) and not CUES["action"].search(habit)
    assert all(PAST.search(s) for s in acted)


def test_a_concrete_result_and_the_follow_up_settings() -> None:
    story = STORY_WITHOUT_RESULT + " As a result, failures went from four a week to one a month."
    question = _question("leadership-story")
    judged = judge_answer(question, story, follow_up="weak")
    assert judged.structure.missing == () and judged.structure.result_concrete is True
    assert judge_answer(question, story, follow_up="off").follow_up is None
    assert judge_answer(question, STORY_WITHOUT_RESULT, follow_up="off").follow_up is None


def test_a_vague_claim_is_probed_for_a_measure() -> None:
    answer = (
        "In my current job I lead the payments team. Before that I was a backend developer. "
        "I'm proud that we improved the checkout a lot. "
        "This role is the next step for me."
    )
    judged = judge_answer(_question("tell-me-about-yourself"), answer, follow_up="always")
    assert judged.structure is None  # not a story question
    assert judged.follow_up.reason == "vague_claim"
    assert "improved the checkout" in judged.follow_up.text
    assert judged.follow_up.text.endswith("how did you measure it?")


def test_a_wish_or_a_question_is_not_a_claim_to_measure() -> None:
    """The strengths question answered as asked: "areas I want to improve", "get better at" and
    "How would I improve it?" claim nothing done, and were asked "by how much, and how did you
    measure it?" (a session's report of an answer like this one)."""
    answer = (
        "I think my main strength is that I stay calm when things break. "
        "Another strength is writing clear documentation. Uh, areas I want to improve. "
        "First, I want to get better at public speaking. How would I improve it? "
        "I'd practise at team demos. Second, I sometimes take on too much work myself. "
        "And third, I want to learn more about data analysis, so I'm taking a course in SQL."
    )
    judged = judge_answer(_question("strengths-and-improvements"), answer, follow_up="always")
    assert judged.follow_up is not None and judged.follow_up.reason != "vague_claim", judged


@pytest.mark.parametrize(
    ("said", "claimed"),
    [
        ("And honestly the mood in the team was a lot better after that.", True),
        ("Things got a bit better, and my manager noticed.", True),
        ("We improved the onboarding for new starters.", True),
        ("Over the year we improved the yield by eighteen per cent.", False),  # measured
        ("We raised it with the ward manager at the safety huddle.", False),
        ("I set up saved searches so people did not re-enter their filters.", False),
        ("Regularization helps a model do better on data it has never seen.", False),
    ],
)
def test_a_claim_of_a_gain_is_one_told_as_done(said: str, claimed: bool) -> None:
    assert bool(vague_claims(sentences(said))) is claimed


def test_a_missed_key_point_is_asked_with_the_bank_s_own_question() -> None:
    """The follow-up leads back to the point the answer missed without reading it out."""
    question = next(q for q in load_bank("nurse").questions if q.id == "safe-medication")
    answer = (
        "First I check the wristband against the chart, name and date of birth, every time, "
        "so I know I have the right person in front of me."
    )
    judged = judge_answer(question, answer, follow_up="always")
    assert judged.follow_up is not None and judged.follow_up.reason == "missed_key_point"
    missed = next(p for p in question.key_points if p.point == judged.content.missed[0])
    assert missed.ask and judged.follow_up.text == missed.ask
    assert judged.follow_up.point == missed.point
    assert missed.point not in judged.follow_up.text


def test_analyze_a_written_answer(tmp_path: Path, capsys) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(
        "We keep a third slice of the data locked away and look at it a single time, after "
        "every decision is made, to learn how the model will do on data it has never met.",
        encoding="utf-8",
    )
    question = ["--bank", "ml-engineer", "--question", "validation-vs-test-set"]
    code = main(["analyze", str(answer), *question, "--json"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert result["speech"] is None and result["body"] is None and result["duration_s"] is None
    covered = {c["point"]: c for c in result["content"]["covered"]}
    assert "the test set gives an unbiased estimate of performance on unseen data" in covered
    assert all(c["start"] is None and c["evidence"] for c in covered.values())
    assert result["content"]["missed"] and 0 < result["content"]["coverage_pct"] < 100
    assert result["structure"] is None
    assert result["follow_up"]["reason"] == "missed_key_point"


def test_analyze_prints_a_story_s_parts_and_counts_as_said(tmp_path: Path, capsys) -> None:
    answer = tmp_path / "story.txt"
    answer.write_text(
        "Two bakers disagreed about the rota at the shop, and I had to settle it before the "
        "holidays. The three of them sat down with the manager and agreed a new rota. In the "
        "end it worked for both, and complaints went from six a month to one.",
        encoding="utf-8",
    )
    code = main(["analyze", str(answer), "--bank", "general", "--question", "conflict-story"])
    assert code == 0
    out = capsys.readouterr().out
    assert 'result: "In the end it worked for both, and complaints went from six' in out
    assert 'ownership: "I" 1 time, "we" 0 times' in out


def test_analyze_refuses_a_written_answer_without_its_question(tmp_path: Path, capsys) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text("Some answer.", encoding="utf-8")
    assert main(["analyze", str(answer)]) != 0
    assert "--bank NAME --question ID" in capsys.readouterr().err
    assert main(["analyze", str(answer), "--bank", "general", "--question", "nope"]) != 0
    assert "has no question 'nope'" in capsys.readouterr().err


def test_analyze_says_why_a_written_answer_cannot_be_read(tmp_path: Path, capsys) -> None:
    question = ["--bank", "general", "--question", "tell-me-about-yourself"]
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Je suis développeur.".encode("latin-1"))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    for path, why in [
        (tmp_path / "missing.txt", "no such file"),
        (latin1, "not UTF-8 text"),
        (empty, "is empty: write the answer in it first"),
    ]:
        assert main(["analyze", str(path), *question]) != 0
        err = capsys.readouterr().err
        assert why in err and str(path) in err and "Traceback" not in err

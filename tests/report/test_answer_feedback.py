"""Per-answer strengths and things to improve, the STAR structure and the follow-up in every
report format, built from the real content analysis of a story told with and without a result."""

from __future__ import annotations

import json

from mockinterview.core.content.answer import judge_answer
from mockinterview.core.content.keypoints import CoveredPoint
from mockinterview.core.questions import load_bank
from mockinterview.core.report.answer_feedback import answer_feedback
from mockinterview.core.report.model import build_report
from mockinterview.core.report.render_html import render_html
from mockinterview.core.report.render_json import render_json
from mockinterview.core.report.render_pdf import render_pdf
from mockinterview.gui.report_views import answer_html
from tests.report.conftest import CLIP_DELIVERY, answer, speech

# Real clips (tests/data/report/speech.json) of the story told without its result, then the result
# alone; judged on what Whisper heard, as in a session.
STORY, RESULT = speech("story"), speech("result")


def _session() -> dict:
    question = next(q for q in load_bank("general").questions if q.id == "leadership-story")
    answers = []
    for index, (said, parent) in enumerate(((STORY, None), (RESULT, 0))):
        item = answer(index, said, question_id=question.id)
        level = "off" if parent == 0 else "weak"
        judged = judge_answer(question, said["transcript"], said["words"], level)
        item.update(judged.blocks(), parent_index=parent)
        answers.append(item)
    return {
        "session_id": "20261130-101010-abcd",
        "bank": "general",
        "started_at": "2026-11-30T10:10:10+00:00",
        "ended_at": "2026-11-30T10:20:10+00:00",
        "status": "finished",
        "recording": None,
        "answers": answers,
    }


def test_each_answer_says_what_went_well_and_what_to_improve_with_quotes() -> None:
    report = build_report(_session())
    story, follow = report.answers
    assert story.follow_up is not None and story.follow_up.reason == "missing_result"
    assert story.structure is not None and "result" in story.structure.missing
    improvements = [r.text for r in story.feedback.improvements]
    assert improvements[0].startswith("No result was found at the story's end")
    hedge = next(r for r in story.feedback.improvements if "plainly" in r.text)
    assert hedge.quote == "I think" and hedge.start is not None
    assert hedge.text == "Say it plainly, without “I think”."
    assert 1 <= len(story.feedback.strengths) <= 2
    assert all(r.quote and r.quote in STORY["transcript"] for r in story.feedback.strengths)
    assert follow.parent_index == 0 and follow.follow_up is None
    assert follow.feedback.strengths[0].text == "You ended on a concrete result."

    html = render_html(report)
    assert "In a few words" in html and "No result was found at the story" in html
    assert "Follow-up to answer 1" in html and story.follow_up.text in html
    data = json.loads(render_json(report))
    assert data["answers"][0]["feedback"]["improvements"][0]["text"].startswith(
        "No result was found"
    )
    assert data["answers"][1]["parent_index"] == 0
    assert render_pdf(report).startswith(b"%PDF")
    gui = answer_html(story)
    assert "Strengths" in gui and "To improve" in gui and "Story structure" in gui
    # The part not found is said as such, with how to make it plain: "Result: missing" told
    # the person they had left out what the analysis had only not found.
    unfound = "Result: not found. End on what came of it, with a number or a date."
    assert unfound in gui and unfound in html and "missing" not in gui


def test_the_most_convincing_points_are_the_strengths() -> None:
    """Two strengths are shown: a point said in the bank's words and in meaning comes before one
    credited on meaning alone, and the closer in meaning before the farther, whatever the bank's
    order (a sentence that only mentions a point's topic is credited low)."""
    mention = CoveredPoint(
        "checks the simple things first", "the obvious stuff,", 2.0, "meaning", None, 0.41
    )
    close = CoveredPoint(
        "asks what happened", "I ask them when it started", 0.5, "meaning", None, 0.66
    )
    both = CoveredPoint("tests methodically", "I test each circuit", 5.0, "both", "test", 0.52)
    strengths = answer_feedback([mention, close, both], [], None, None, []).strengths
    assert [r.quote for r in strengths] == ["I test each circuit", "I ask them when it started"]


def test_a_vague_result_is_asked_to_be_measured_not_to_be_told() -> None:
    """The story's result is there but has no measure, so its result point is not credited: the
    remark quotes that result and asks for a number, rather than "Cover this point: result"."""
    question = next(q for q in load_bank("general").questions if q.id == "conflict-story")
    said = (
        "A couple of years ago the late shift leader and I kept arguing about who should clear "
        "the returns cage. I asked him for a coffee and just listened to how his night went. It "
        "turned out his team was short of two people most nights, so we agreed that my team "
        "would take the returns on Mondays and Fridays. After that the complaints stopped, and "
        "we still use that rota today."
    )
    judged = judge_answer(question, said, None, "off")
    result_point = "result and what they learned"
    assert result_point in judged.content.missed
    assert judged.structure is not None and judged.structure.result_concrete is False
    result = judged.structure.part("result")
    assert result is not None and result.text.startswith("After that the complaints stopped")
    feedback = answer_feedback(
        judged.content.covered, judged.content.missed, judged.structure, None, []
    )
    texts = [r.text for r in feedback.improvements]
    assert f"Cover this point: {result_point}." not in texts
    measure = next(r for r in feedback.improvements if r.text.startswith("Put a number"))
    assert measure.quote == result.text


def test_an_answer_whose_words_leave_nothing_to_improve_names_its_worst_measure() -> None:
    """ "To improve: none found" stood above a pace and a filler rate outside their bands."""
    from mockinterview.core.report.suggestions import TITLES
    from tests.report.conftest import session

    # 187 wpm over 7 s, no content
    report = build_report(session([answer(0, speech("austen"))]), delivery=CLIP_DELIVERY)
    (only,) = report.answers
    outside = [c for c in only.checks if c.scored and c.distance]
    assert outside, "the clip should leave some band"
    worst = max(outside, key=lambda c: c.distance or 0.0)
    (remark,) = only.feedback.improvements
    assert remark.text == f"{TITLES[(worst.key, worst.direction)]}: {worst.explanation}"
    assert remark.text.startswith("Slow down: 187 wpm"), remark.text
    assert "none found" not in render_html(report).split("To improve")[1][:200]


def test_an_answer_without_a_question_still_hears_what_was_in_its_band() -> None:
    """ "Strengths: none found" stood beside measures scored 100: strengths came from what was
    said about a question only, and an imported answer has none until one is set."""
    from tests.report.conftest import session

    report = build_report(session([answer(0, speech("austen"))]))  # no question, no content
    (only,) = report.answers
    in_band = [c.label.lower() for c in only.checks if c.scored and c.status == "good"]
    assert in_band == ["fillers", "hedges", "long pauses", "answer length"]
    assert [r.text for r in only.feedback.strengths] == [
        "Measures in their band: fillers, hedges, long pauses and answer length."
    ]
    assert "none found" not in render_html(report).split("Strengths")[1][:200]


def test_a_follow_up_answer_lists_the_story_parts_it_told_not_those_it_was_not_asked() -> None:
    """The follow-up "What was the result?" is answered with the result alone, judged as the
    flow judges it (follow_up_question: its structure, no key points). Its story lines said
    "Situation: not found. Set the scene first", "Task: not found" and "Action: not found" under
    an answer that was not asked for them; the story's own answer still lists what it lacks."""
    from mockinterview.core.content.follow_up import follow_up_question

    session = _session()
    story, follow = session["answers"]
    question = next(q for q in load_bank("general").questions if q.id == "leadership-story")
    asked = follow_up_question(question, story["follow_up"])
    follow.update(judge_answer(asked, RESULT["transcript"], RESULT["words"], "off").blocks())
    told, answered = build_report(session).answers
    assert answered.parent_index == 0 and answered.structure is not None
    assert [line.split(":")[0] for line in answered.story_lines] == ["Result"]
    assert any(line.startswith("Result: not found") for line in told.story_lines)
    assert "not found" not in answer_html(answered)
    # Nor is it told to add key points to the bank: the app asked it, about the story.
    assert answered.content is None and "to the bank" not in answer_html(answered)
    assert "Situation: not found" not in render_html(build_report(session))


def test_the_story_lines_count_i_and_we_as_said() -> None:
    from mockinterview.core.content.structure import Part, Structure
    from mockinterview.core.report.answer_feedback import structure_lines

    told = Part("action", "I rang the supplier.", 3.0, 5.0)
    lines = structure_lines(Structure((told,), ("situation", "task", "result"), None, 1, 0))
    assert lines[-1] == "You said “I” 1 time and “we” 0 times."
    lines = structure_lines(Structure((told,), ("situation", "task", "result"), None, 8, 1))
    assert lines[-1] == "You said “I” 8 times and “we” 1 time."

"""The closing question is answered by asking: what a candidate asked is judged by its form, then
its topic, on the real embedding model (mockinterview.core.content.asking, keypoints)."""

from __future__ import annotations

import pytest

from mockinterview.core.content.asking import invites_questions, real_questions
from mockinterview.core.content.assess import assess_content
from mockinterview.core.content.spans import sentences
from mockinterview.core.questions import load_bank

ASKS, ABOUT_THE_WORK = (
    "asks at least one real question",
    "asks about the team, the work or how success is measured",
)


def _closing(bank: str = "general"):
    return load_bank(bank).closing


def _asked(text: str) -> list[str]:
    said = sentences(text)
    return [said[i].text for i in real_questions(said)]


@pytest.mark.parametrize(
    "text",
    [
        "Is there parking on site?",
        "Um, is there parking on site.",  # the rise not heard: no question mark
        "What sort of start date are you looking at.",
        "How big's the team.",
        "I was wondering what the holiday allowance is.",
        "I'd love to hear how the team splits the work.",
        "Could you tell me a bit about the training.",
        "Is it remote, you know?",
    ],
)
def test_a_real_question_is_asked_with_or_without_its_question_mark(text: str) -> None:
    assert len(_asked(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "No, I think you've covered everything, thanks.",
        "It sounds like the kind of place where you learn on the job, right?",
        "Honestly, who wouldn't want to work on a project like this?",
        "Sorry, do you mean questions about the job or about today?",
        "Is it all right if I leave my bike in the corridor?",
        "I'd love to know more about the team at some point.",
        "I'd probably have asked about the team, but the recruiter told me all about it.",
        "What matters to me is the team.",
        "How would I fit in with the team? Well, very well, I think. So no, nothing from me.",
        "Do I have any questions? Hmm. No, I think you've covered everything.",
    ],
)
def test_a_statement_tag_aside_or_retracted_question_asks_nothing(text: str) -> None:
    assert _asked(text) == []


def test_only_a_question_that_invites_questions_is_answered_by_asking() -> None:
    assert invites_questions("Do you have any questions for us?")
    assert invites_questions("Is there anything you would like to ask me?")
    assert not invites_questions("Tell me about a time you asked a difficult question.")
    assert not invites_questions("How do you handle stress and pressure at work?")


def test_questions_on_the_work_cover_both_points() -> None:
    """Found in a rehearsal (session 43): two questions on the work, at 0.44 and 0.43 from the
    points' sentences, were credited with neither, and the interviewer asked for a question."""
    text = (
        "Yes, thank you. What would the first three months look like for the person in this "
        "role? And how do you measure when the training is working?"
    )
    for bank in ("general", "ml-engineer"):
        covered = {c.point: c for c in assess_content(_closing(bank), text).covered}
        assert set(covered) == {ASKS, ABOUT_THE_WORK}, bank
        assert covered[ASKS].by == "asked"


def test_a_practical_question_is_a_real_question_but_not_about_the_work() -> None:
    text = "Just one. What are the hours like, and is there extra pay for working nights?"
    assert [c.point for c in assess_content(_closing(), text).covered] == [ASKS]


def test_saying_what_you_would_have_asked_earns_nothing() -> None:
    text = (
        "I was going to ask about the team structure and how success is measured in the first "
        "six months, but the recruiter went through all of that with me, so I'm fine. Thanks."
    )
    content = assess_content(_closing(), text)
    assert content.covered == () and content.missed == (ASKS, ABOUT_THE_WORK)


def test_a_rhetorical_question_in_a_story_asks_nothing() -> None:
    """A point made by asking, outside the closing question, is covered by a real question too:
    until session 43 any sentence ending in "?" covered it."""
    question = next(
        q for q in load_bank("customer-service").questions if q.id == "too-expensive-objection"
    )
    text = (
        "First I'd stay calm and say I understand, it is a lot of money. Honestly, who doesn't "
        "want a bargain? Then I'd offer the smaller package or the monthly plan."
    )
    covered = [c.point for c in assess_content(question, text).covered]
    assert "asks questions to find the real objection" not in covered
    asked = text.replace("Honestly, who doesn't want a bargain?", "I'd ask, what worries you most?")
    assert "asks questions to find the real objection" in [
        c.point for c in assess_content(question, asked).covered
    ]

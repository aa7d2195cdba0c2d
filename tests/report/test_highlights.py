"""Which transcript words the report highlights as fillers, hedges and restarts
(core/report/model)."""

from __future__ import annotations

from mockinterview.core.report.model import build_report, transcript_words
from mockinterview.core.report.render_html import render_html
from mockinterview.core.report.render_pdf import render_pdf
from mockinterview.core.report.timeline import Mark
from mockinterview.gui.report_views import KIND_STYLE, transcript_html
from tests.report.conftest import answer, session, speech

# Whisper's words of a real recording (the evaluation set's talkbank clip, tiny.en): "but," is
# given no length and the start of the "um" after it.
WORDS = [
    {"text": "say,", "start": 17.41, "end": 17.61},
    {"text": "but,", "start": 18.15, "end": 18.15},
    {"text": "um,", "start": 18.15, "end": 18.53},
    {"text": "here's", "start": 18.53, "end": 18.67},
    {"text": "fun.", "start": 20.05, "end": 20.53},
    {"text": "Umm,", "start": 21.43, "end": 21.43},
    {"text": "I", "start": 21.47, "end": 21.69},
    {"text": "think", "start": 21.69, "end": 21.9},
]


def kinds(
    fillers: list[Mark], hedges: list[Mark] = (), restarts: list[Mark] = ()
) -> dict[str, str]:
    marked = transcript_words(WORDS, fillers, hedges, restarts)
    return {w.text: w.kind for w in marked if w.kind != "word"}


def test_the_filler_is_the_word_it_names_not_one_that_starts_with_it() -> None:
    fillers = [Mark(18.15, 18.15, "um"), Mark(21.43, 21.43, "um")]
    assert kinds(fillers) == {"um,": "filler", "Umm,": "filler"}


def test_a_hedge_marks_its_words_from_the_one_it_starts_on() -> None:
    assert kinds([], [Mark(21.47, 21.47, "i think")]) == {"I": "hedge", "think": "hedge"}


def test_a_moment_with_no_word_at_its_time_marks_nothing() -> None:
    assert kinds([Mark(19.0, 19.0, "uh")]) == {}


def test_a_restart_marks_the_words_said_again() -> None:
    """ "I think" said again is a restart of two words, marked from its first."""
    restarts = [Mark(21.47, 21.47, "i think")]
    assert kinds([], restarts=restarts) == {"I": "restart", "think": "restart"}


def test_every_renderer_shows_a_restart_and_names_it_in_its_legend() -> None:
    """The app's transcript and the HTML mark a restart's words (the PDF renders with it); an
    answer without one keeps the legend it had."""
    said = speech("clean")
    plain = build_report(session([answer(0, said)])).answers[0]
    said["repeated_words"] = [{"text": "i moved", "start": 0.0}]
    report = build_report(session([answer(0, said)]))
    story = report.answers[0]
    assert [w.kind for w in story.words[:3]] == ["restart", "restart", "word"]
    assert "<mark class='restart'" in render_html(report)
    assert render_pdf(report).startswith(b"%PDF")
    gui = transcript_html(story.words, story.transcript, "#000")
    assert gui.count(KIND_STYLE["restart"]) == 3  # two words and the legend
    assert KIND_STYLE["restart"] not in transcript_html(plain.words, plain.transcript, "#000")

"""The runtime on the real packaged model: streaming, cancel, errors, checked fallback."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from mockinterview.core.errors import ModelError
from mockinterview.core.llm.interviewer import FOLLOW_UP_ATTEMPTS, ask, follow_up, rewrite
from mockinterview.core.llm.prompts import Prompt, check_follow_up, check_rewrite
from mockinterview.core.llm.runtime import Cancelled, LocalModel, Message, check_gguf
from tests.llm.conftest import requires_runtime

ANSWER = (
    "At Acme I built a data pipeline in Python that cut the nightly batch from six hours to "
    "forty minutes. I worked with the analytics team to find the slow joins."
)
HELLO = [Message("user", "Say hello to the candidate.")]


def test_a_file_that_is_not_gguf_is_named(tmp_path: Path) -> None:
    fake = tmp_path / "model.gguf"
    fake.write_text("<html>404 Not Found</html>")
    with pytest.raises(ModelError, match="not a GGUF model file"):
        check_gguf(fake)
    with pytest.raises(ModelError, match="does not exist"):
        check_gguf(tmp_path / "missing.gguf")


@requires_runtime
def test_a_truncated_model_is_a_clear_error(tmp_path: Path, small_model: LocalModel) -> None:
    truncated = tmp_path / "cut.gguf"
    truncated.write_bytes(small_model.path.read_bytes()[:200_000])
    with pytest.raises(ModelError, match=r"could not be loaded.*incomplete"):
        LocalModel.load(truncated)


@requires_runtime
def test_tokens_stream_one_callback_each(small_model: LocalModel) -> None:
    pieces: list[str] = []
    generation = small_model.generate(HELLO, max_tokens=8, on_token=pieces.append)
    assert pieces, "no token was streamed"
    assert "".join(pieces) == generation.text
    assert generation.tokens == len(pieces) <= 8
    assert generation.finish in {"stop", "length"}
    assert generation.first_token_s is not None and generation.first_token_s <= generation.seconds


@requires_runtime
def test_same_prompt_same_text(small_model: LocalModel) -> None:
    first = small_model.generate(HELLO, max_tokens=6)
    assert small_model.generate(HELLO, max_tokens=6).text == first.text


@requires_runtime
def test_cancel_stops_between_tokens(small_model: LocalModel) -> None:
    cancel = threading.Event()
    pieces: list[str] = []

    def on_token(piece: str) -> None:
        pieces.append(piece)
        if len(pieces) == 2:
            cancel.set()

    generation = small_model.generate(HELLO, max_tokens=40, on_token=on_token, cancel=cancel)
    assert generation.finish == "cancelled"
    assert 2 <= len(pieces) <= 4
    with pytest.raises(Cancelled):
        follow_up(small_model, "Tell me about a project.", ANSWER, "What next?", cancel=cancel)


@requires_runtime
def test_text_that_fails_its_check_falls_back(small_model: LocalModel) -> None:
    # Three tokens cannot make a finished question: the check must refuse it.
    prompt = Prompt("follow_up", (Message("user", f"Ask about: {ANSWER}"),), max_tokens=3)
    outcome = ask(small_model, prompt, lambda t: check_follow_up(t, ANSWER), "What happened next?")
    assert outcome.source == "fallback"
    assert outcome.text == "What happened next?"
    assert outcome.raw, "the model wrote nothing"
    assert "does not end with a question mark" in outcome.problems


@requires_runtime
def test_a_shown_follow_up_always_passes_its_check(small_model: LocalModel) -> None:
    question = "Tell me about a project you are proud of."
    outcome = follow_up(small_model, question, ANSWER, "What was the hardest part?")
    assert outcome.raw is not None
    if outcome.from_model:
        assert check_follow_up(outcome.text, ANSWER, question).ok
    else:
        assert outcome.problems and outcome.text == "What was the hardest part?"


def test_without_a_model_the_fallback_is_used() -> None:
    outcome = follow_up(None, "Tell me about a project.", ANSWER, "What was the hardest part?")
    assert (outcome.source, outcome.text, outcome.raw) == (
        "fallback",
        "What was the hardest part?",
        None,
    )


@requires_runtime
def test_a_closed_model_says_so(small_model: LocalModel) -> None:
    model = LocalModel.load(small_model.path, context=256)
    model.close()
    with pytest.raises(ModelError, match="closed"):
        model.generate(HELLO, max_tokens=2)


@requires_runtime
def test_the_grammar_holds_every_try_to_one_question(small_model: LocalModel) -> None:
    retries: list[bool] = []
    question = "Tell me about a project you are proud of."
    outcome = follow_up(
        small_model,
        question,
        ANSWER,
        "What was the hardest part?",
        on_retry=lambda: retries.append(True),
    )
    assert outcome.raw is not None, "the model failed (is the grammar valid GBNF?)"
    assert outcome.raw.strip().endswith("?") and "\n" not in outcome.raw.strip()
    assert 1 <= outcome.attempts <= FOLLOW_UP_ATTEMPTS
    assert len(retries) == outcome.attempts - 1
    if outcome.from_model:
        assert check_follow_up(outcome.text, ANSWER, question).ok


@requires_runtime
def test_a_rewrite_is_written_sentence_by_sentence_and_checked(small_model: LocalModel) -> None:
    answer = (
        "So um at Acme I built a data pipeline in Python. It cut the nightly batch from like six "
        "hours to forty minutes. Yeah. I worked with the analytics team to find the slow joins."
    )
    pieces: list[str] = []
    outcome = rewrite(small_model, "Tell me about a project.", answer, pieces.append)
    assert pieces, "nothing streamed"
    assert outcome.raw is not None and outcome.attempts >= 3  # three sentences of 4+ words
    if outcome.from_model:
        assert check_rewrite(outcome.text, answer).ok and outcome.text != answer
    else:
        assert outcome.text == "" and outcome.problems

"""The model's turn: run a prompt, check what it wrote, fall back to the deterministic text.

A caller always gets text it may show: the model's when it passes its check, otherwise the
deterministic `fallback` it passed in, with the reasons the model's text was refused (logged,
and counted by the benchmark). With no model at all the fallback is used as it is.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from mockinterview.core.errors import ModelError
from mockinterview.core.llm.prompts import (
    Check,
    Prompt,
    bank_question_prompt,
    check_bank_question,
    check_follow_up,
    check_rewrite,
    follow_up_prompt,
    rewrite_prompt,
)
from mockinterview.core.llm.runtime import Cancelled, Generation, LocalModel, TokenCallback

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """The text to show and where it came from."""

    text: str
    source: str  # model | fallback
    raw: str | None  # what the model wrote, None when no model ran
    problems: tuple[str, ...]  # why the model's text was refused
    generation: Generation | None

    @property
    def from_model(self) -> bool:
        return self.source == "model"


def ask(
    model: LocalModel | None,
    prompt: Prompt,
    check: Callable[[str], Check],
    fallback: str,
    on_token: TokenCallback | None = None,
    cancel: threading.Event | None = None,
) -> Outcome:
    """Run `prompt`, keep the model's text if `check` passes it, else use `fallback`.

    Raises Cancelled when `cancel` is set (the caller decides what a cancel means); a model that
    fails mid-way is a refusal like any other, so the user still gets the fallback.
    """
    if model is None:
        return Outcome(fallback, "fallback", None, ("no language model",), None)
    try:
        generation = model.generate(list(prompt.messages), prompt.max_tokens, on_token, cancel)
    except ModelError as exc:
        log.warning("%s: the model failed (%s); using the fallback", prompt.task, exc)
        return Outcome(fallback, "fallback", None, (str(exc),), None)
    if generation.finish == "cancelled":
        raise Cancelled
    result = check(generation.text)
    problems = result.problems
    if generation.finish == "length" and result.ok and prompt.task == "rewrite":
        problems = ("cut off at the token limit",)
    if problems:
        log.info("%s refused (%s): %r", prompt.task, "; ".join(problems), generation.text)
        return Outcome(fallback, "fallback", generation.text, problems, generation)
    return Outcome(result.text, "model", generation.text, (), generation)


def follow_up(
    model: LocalModel | None,
    question: str,
    answer: str,
    fallback: str,
    on_token: TokenCallback | None = None,
    cancel: threading.Event | None = None,
    focus: str = "",
) -> Outcome:
    """A follow-up phrased from the answer, or `fallback` (the deterministic follow-up);
    `focus` says what to ask about (prompts.follow_up_focus of the analysis's reason)."""
    return ask(
        model,
        follow_up_prompt(question, answer, focus),
        lambda text: check_follow_up(text, answer, question),
        fallback,
        on_token,
        cancel,
    )


def rewrite(
    model: LocalModel | None,
    question: str,
    answer: str,
    on_token: TokenCallback | None = None,
    cancel: threading.Event | None = None,
) -> Outcome:
    """ "A stronger version of your answer" that keeps the user's facts; '' when refused."""
    return ask(
        model,
        rewrite_prompt(question, answer),
        lambda text: check_rewrite(text, answer, question),
        "",
        on_token,
        cancel,
    )


def bank_question(
    model: LocalModel | None,
    kind: str,
    skill: str,
    job_ad: str,
    cv: str = "",
    earlier: tuple[str, ...] = (),
    on_token: TokenCallback | None = None,
    cancel: threading.Event | None = None,
) -> Outcome:
    """One question for a bank from a job ad; '' when refused (the caller picks a built-in)."""
    return ask(
        model,
        bank_question_prompt(kind, skill, job_ad, cv),
        lambda text: check_bank_question(text, kind, skill, earlier),
        "",
        on_token,
        cancel,
    )

"""The model's turn: run a prompt, check what it wrote, fall back to the deterministic text.

A caller always gets text it may show: the model's when it passes its check, otherwise the
deterministic `fallback` it passed in, with the reasons the model's text was refused (logged,
and counted by the benchmark). With no model at all the fallback is used as it is.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from mockinterview.core.errors import ModelError
from mockinterview.core.llm.prompts import (
    SENTENCE_MIN_WORDS,
    Check,
    Prompt,
    answer_sentences,
    bank_question_prompt,
    check_bank_question,
    check_follow_up,
    check_rewrite,
    check_rewrite_sentence,
    follow_up_prompt,
    rewrite_sentence_prompt,
)
from mockinterview.core.llm.runtime import Cancelled, Generation, LocalModel, TokenCallback

log = logging.getLogger(__name__)


# More than one try: the first is greedy (the same prompt gives the same text); the others sample
# (temperature SAMPLE_TEMPERATURE, a new seed each), so a refused text is followed by a different
# one. The live follow-up's time limit stops the tries early (interviewer.ask's `cancel`).
FOLLOW_UP_ATTEMPTS = 4
SENTENCE_ATTEMPTS = 2
SAMPLE_TEMPERATURE = 0.7
# A rewrite is the model's only if the model rewrote at least this share of its sentences; the
# others keep the candidate's own words (a text that is mostly theirs is not the model's).
REWRITE_MIN_EDITED = 0.5

RetryCallback = Callable[[], None]


@dataclass(frozen=True)
class Outcome:
    """The text to show and where it came from."""

    text: str
    source: str  # model | fallback
    raw: str | None  # what the model wrote (its last try), None when no model ran
    problems: tuple[str, ...]  # why the model's text was refused
    generation: Generation | None  # the first try (speed figures)
    attempts: int = 0  # generations run

    @property
    def from_model(self) -> bool:
        return self.source == "model"


@dataclass(frozen=True)
class _Tries:
    """The first try the check passed (or the last one refused), and every generation run."""

    check: Check | None  # None: the model failed before writing anything
    raw: str | None
    problems: tuple[str, ...]
    generations: tuple[Generation, ...]


def _try(
    model: LocalModel,
    prompt: Prompt,
    check: Callable[[str], Check],
    attempts: int,
    on_token: TokenCallback | None,
    cancel: threading.Event | None,
    on_retry: RetryCallback | None,
) -> _Tries:
    """Generate until `check` passes, at most `attempts` times; raises Cancelled."""
    generations: list[Generation] = []
    result: Check | None = None
    problems: tuple[str, ...] = ()
    raw = None
    for attempt in range(attempts):
        if attempt and on_retry is not None:
            on_retry()
        try:
            generation = model.generate(
                list(prompt.messages),
                prompt.max_tokens,
                on_token,
                cancel,
                temperature=SAMPLE_TEMPERATURE if attempt else 0.0,
                seed=7 + attempt,
                grammar=prompt.grammar,
            )
        except ModelError as exc:
            log.warning("%s: the model failed (%s)", prompt.task, exc)
            return _Tries(result, raw, (str(exc),), tuple(generations))
        if generation.finish == "cancelled":
            raise Cancelled
        generations.append(generation)
        raw = generation.text
        result = check(generation.text)
        problems = result.problems
        if generation.finish == "length" and result.ok and prompt.task.startswith("rewrite"):
            problems = ("cut off at the token limit",)
        if not problems:
            break
        log.info("%s refused (%s): %r", prompt.task, "; ".join(problems), generation.text)
    return _Tries(result, raw, problems, tuple(generations))


def ask(
    model: LocalModel | None,
    prompt: Prompt,
    check: Callable[[str], Check],
    fallback: str,
    on_token: TokenCallback | None = None,
    cancel: threading.Event | None = None,
    attempts: int = 1,
    on_retry: RetryCallback | None = None,
) -> Outcome:
    """Run `prompt` up to `attempts` times, keep the first text `check` passes, else use
    `fallback`. `on_retry` is called before each new try (a streaming view starts afresh).

    Raises Cancelled when `cancel` is set (the caller decides what a cancel means); a model that
    fails mid-way is a refusal like any other, so the user still gets the fallback.
    """
    if model is None:
        return Outcome(fallback, "fallback", None, ("no language model",), None)
    tries = _try(model, prompt, check, attempts, on_token, cancel, on_retry)
    first = tries.generations[0] if tries.generations else None
    count = len(tries.generations)
    if tries.problems or tries.check is None:
        return Outcome(fallback, "fallback", tries.raw, tries.problems, first, count)
    return Outcome(tries.check.text, "model", tries.raw, (), first, count)


def follow_up(
    model: LocalModel | None,
    question: str,
    answer: str,
    fallback: str,
    on_token: TokenCallback | None = None,
    cancel: threading.Event | None = None,
    focus: str = "",
    on_retry: RetryCallback | None = None,
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
        FOLLOW_UP_ATTEMPTS,
        on_retry,
    )


def rewrite(
    model: LocalModel | None,
    question: str,
    answer: str,
    on_token: TokenCallback | None = None,
    cancel: threading.Event | None = None,
) -> Outcome:
    """ "A stronger version of your answer" that keeps the user's facts; '' when refused.

    Written one sentence at a time (prompts.rewrite_sentence_prompt): each sentence the model
    rewrites passes its own check (check_rewrite_sentence) or keeps the candidate's words, and
    the whole is checked as a rewrite of the answer. It is the model's only if the model
    rewrote at least REWRITE_MIN_EDITED of the sentences.
    """
    if model is None:
        return Outcome("", "fallback", None, ("no language model",), None)
    sentences = answer_sentences(answer)
    chosen: list[str] = []
    edited = 0
    generations: list[Generation] = []
    for sentence in sentences:
        if len(sentence.split()) < SENTENCE_MIN_WORDS:
            chosen.append(sentence)
            continue
        if chosen and on_token is not None:
            on_token(" ")
        tries = _try(
            model,
            rewrite_sentence_prompt(sentence),
            lambda text, said=sentence: check_rewrite_sentence(text, said, question),
            SENTENCE_ATTEMPTS,
            on_token,
            cancel,
            None,
        )
        generations += tries.generations
        better = tries.check.text if tries.check is not None and not tries.problems else ""
        if better and _plain(better) != _plain(sentence):
            chosen.append(better)
            edited += 1
        else:
            chosen.append(sentence)
    text = " ".join(chosen)
    first = generations[0] if generations else None
    whole = check_rewrite(text, answer, question)
    problems = whole.problems
    if not problems and edited < REWRITE_MIN_EDITED * len(sentences):
        problems = (f"the model rewrote only {edited} of {len(sentences)} sentences",)
    if problems:
        log.info("rewrite refused (%s): %r", "; ".join(problems), text)
        return Outcome("", "fallback", text, problems, first, len(generations))
    return Outcome(whole.text, "model", text, (), first, len(generations))


def _plain(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


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

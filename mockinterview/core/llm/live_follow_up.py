"""The language model in the live interview: it phrases the follow-up question, within a time limit.

When to ask a follow-up, and about which gap, stays the deterministic analysis's decision
(core/content/follow_up.py); the model only rewords that follow-up from what the person said
(interviewer.follow_up, validated like every model text). The person has just stopped talking,
so the model gets `llm.follow_up_wait_s` seconds in all, loading included: past that the
deterministic follow-up is asked and the generation is stopped. The model is loaded on a
background thread when the session starts, so its load time is spent while the first question is
asked and answered, not after it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from mockinterview.core.errors import ModelError
from mockinterview.core.llm.interviewer import Outcome, follow_up
from mockinterview.core.llm.prompts import follow_up_focus
from mockinterview.core.llm.runtime import Cancelled, LocalModel
from mockinterview.core.settings import LlmSettings

log = logging.getLogger(__name__)


class FollowUpWriter:
    """Loads the configured model in the background; `write` asks it for one follow-up."""

    def __init__(self, llm: LlmSettings, warn: Callable[[str], None]) -> None:
        self.settings = llm
        self.wait_s = llm.follow_up_wait_s
        self._warn = warn
        self._model: LocalModel | None = None
        self._loaded = threading.Event()
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._load, name="llm-load", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        from mockinterview.core.llm.catalog import resolve_llm_model

        try:
            path = resolve_llm_model(self.settings.model)
            model = LocalModel.load(
                path, self.settings.threads, self.settings.context, cancel=self._closed
            )
        except Cancelled:
            return
        except ModelError as exc:
            self._warn(f"{exc} Follow-up questions are the built-in ones.")
            return
        finally:
            self._loaded.set()
        with self._lock:
            if self._closed.is_set():  # the session ended while the model loaded
                model.close()
            else:
                self._model = model

    def write(
        self,
        question: str,
        answer: str,
        chosen: dict[str, Any],
        on_text: Callable[[str], None] | None = None,
    ) -> Outcome:
        """The model's wording of the follow-up the analysis `chosen` (the stored answer's
        `follow_up` block: text, reason, point), or that block's own text when the model's
        fails its check, the model is missing, or it has not finished within `wait_s`
        (loading included). `on_text` gets the text written so far as it streams."""
        deadline = time.monotonic() + self.wait_s
        fallback = str(chosen["text"])
        focus = follow_up_focus(chosen.get("reason"), chosen.get("point"))
        if not self._loaded.wait(max(0.0, deadline - time.monotonic())):
            problem = f"the model was still loading after {self.wait_s:g} s"
            log.info("follow-up: %s; using the built-in one", problem)
            return Outcome(fallback, "fallback", None, (problem,), None)
        with self._lock:
            model = self._model
        written: list[str] = []

        def on_token(piece: str) -> None:
            written.append(piece)
            if on_text is not None:
                on_text("".join(written))

        def on_retry() -> None:  # the last try was refused: the next one streams afresh
            written.clear()
            if on_text is not None:
                on_text("")

        stop = threading.Event()
        timer = threading.Timer(max(0.0, deadline - time.monotonic()), stop.set)
        timer.daemon = True
        timer.start()
        try:
            outcome = follow_up(model, question, answer, fallback, on_token, stop, focus, on_retry)
        except Cancelled:
            problem = f"no follow-up within {self.wait_s:g} s"
            log.info(
                "follow-up: %s (it had written %r); using the built-in one",
                problem,
                "".join(written),
            )
            return Outcome(fallback, "fallback", "".join(written), (problem,), None)
        finally:
            timer.cancel()
        if outcome.from_model:
            log.info("follow-up from the model: %r", outcome.text)
        return outcome

    def close(self) -> None:
        """Free the model; a load still running is freed as soon as it returns."""
        self._closed.set()
        with self._lock:
            model, self._model = self._model, None
        if model is not None:
            model.close()

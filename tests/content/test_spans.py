"""The words quoted as proof of a point open on what was said, not on the hesitation before it."""

from __future__ import annotations

import pytest

from mockinterview.core.content.spans import quoted


@pytest.mark.parametrize(
    ("said", "quote"),
    [
        ("So, um, last spring we moved the launch.", "last spring we moved the launch."),
        ("And, uh, well, the team won.", "well, the team won."),
        ("Like, um, ten people came.", "ten people came."),
        ("Um, so I think.", "so I think."),
        ("So we moved the launch.", "So we moved the launch."),
        ("Right after the launch, um, we met.", "Right after the launch, um, we met."),
        ("Um.", "Um."),
    ],
)
def test_a_quote_opens_after_the_run_up_to_a_filler(said: str, quote: str) -> None:
    assert quoted(said) == quote

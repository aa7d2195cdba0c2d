"""Counts and lists as a person says them: "1 answer", "3 answers", never "1 answers" or
"answer(s)"; "a, b and c".

One rule for every page, export and command, so a report that says "1 moments" in one place and
"1 moment" in another cannot happen.
"""

from __future__ import annotations


def noun_for(count: int, noun: str, plural: str = "") -> str:
    """The noun's form for `count`: singular for exactly one; `plural` where adding "s" is wrong."""
    return noun if count == 1 else plural or noun + "s"


def counted(count: int, noun: str, plural: str = "") -> str:
    """`count` and its noun: "1 answer", "0 answers"."""
    return f"{count} {noun_for(count, noun, plural)}"


def listed(items: list[str]) -> str:
    """Items as a sentence lists them: "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"

"""The transcript as HTML: every word a link to its moment, fillers and hedges highlighted.

Built from the contract's `speech.words` / `fillers` / `hedges` (times relative to the answer), so
the highlight marks exactly the words the analysis counted, not a regex guess made here.
"""

from __future__ import annotations

import html
from typing import Any

FILLER_STYLE = "background-color:#f6c453;color:#1d2330;"
HEDGE_STYLE = "text-decoration:underline;"
TIME_TOLERANCE_S = 0.05  # s, a filler's start matches the word that starts within this


def _starts(items: list[dict[str, Any]] | None) -> list[float]:
    return [float(item["start"]) for item in items or [] if item.get("start") is not None]


def _near(value: float, starts: list[float]) -> bool:
    return any(abs(value - start) <= TIME_TOLERANCE_S for start in starts)


def transcript_html(speech: dict[str, Any], link_color: str) -> str:
    """HTML for QTextBrowser; each word links to `seek:<seconds into the answer>`."""
    words = speech.get("words") or []
    if not words:
        text = speech.get("transcript") or ""
        return f"<p>{html.escape(text) or '<i>Nothing was transcribed.</i>'}</p>"
    fillers = _starts(speech.get("fillers"))
    hedges = _starts(speech.get("hedges"))
    parts = []
    for word in words:
        start = float(word["start"])
        style = f"color:{link_color};text-decoration:none;"
        if _near(start, fillers):
            style += FILLER_STYLE
        elif _near(start, hedges):
            style += HEDGE_STYLE
        text = html.escape(str(word["text"]).strip())
        parts.append(f'<a href="seek:{start:.2f}" style="{style}">{text}</a>')
    return '<p style="line-height:150%">' + " ".join(parts) + "</p>"

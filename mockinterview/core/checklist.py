"""The prep checklist: what to do before, on the day of, and after an interview; ticks per user.

The items follow the advice the app is built on (the issue "Post-session report", item 4). Ticks
are stored by item id in `checklist.json` in the user's data folder, so they survive restarts,
are per user (each OS user has their own data folder), and an item whose text is reworded in a
later release keeps its tick.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mockinterview.core.errors import ChecklistError
from mockinterview.core.paths import data_dir
from mockinterview.core.session.store import write_atomic

Phase = Literal["before", "day", "after"]
CHECKLIST_FILE = "checklist.json"
PHASE_TITLES: dict[Phase, str] = {
    "before": "Before the interview",
    "day": "On the day",
    "after": "After the interview",
}


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    phase: Phase
    text: str


@dataclass(frozen=True)
class ChecklistEntry:
    """An item with whether this user has ticked it."""

    id: str
    phase: Phase
    text: str
    ticked: bool


ITEMS: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "research-company",
        "before",
        "Research the company, its products and services, and the person who will interview you.",
    ),
    ChecklistItem(
        "match-requirements",
        "before",
        "Match the job's requirements to your experience: one example for each requirement.",
    ),
    ChecklistItem(
        "three-improvements",
        "before",
        "Prepare three areas you want to improve, and what you are doing about each.",
    ),
    ChecklistItem(
        "questions-to-ask",
        "before",
        "Prepare questions to ask, including “What are the next steps in the hiring process?”",
    ),
    ChecklistItem("mock-interview", "before", "Do a mock interview (this app counts)."),
    ChecklistItem(
        "documents", "day", "Bring your documents: CV, references, ID, portfolio if asked."
    ),
    ChecklistItem("arrive-early", "day", "Arrive about 10 minutes early (or log in early)."),
    ChecklistItem("phone-off", "day", "Switch your phone off."),
    ChecklistItem(
        "tell-references", "after", "Tell your references they may be contacted, and by whom."
    ),
    ChecklistItem("thank-you-note", "after", "Consider a short thank-you note to the interviewer."),
)
ITEM_IDS = frozenset(item.id for item in ITEMS)


def checklist_path() -> Path:
    return data_dir() / CHECKLIST_FILE


def load_ticks(path: Path | None = None) -> frozenset[str]:
    """The ids this user has ticked; a missing file means none yet, a broken one is an error."""
    path = path or checklist_path()
    if not path.exists():
        return frozenset()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ChecklistError(
            f"cannot read the checklist ticks in {path}: {exc}. Delete the file to start over."
        ) from exc
    ticked = data.get("ticked") if isinstance(data, dict) else None
    if not isinstance(ticked, list) or not all(isinstance(t, str) for t in ticked):
        raise ChecklistError(
            f'{path} is not a checklist file (expected {{"ticked": [ids]}}). '
            "Delete it to start over."
        )
    # Ids of items a later release removed are dropped rather than refused.
    return frozenset(ticked) & ITEM_IDS


def set_ticked(item_id: str, ticked: bool, path: Path | None = None) -> frozenset[str]:
    """Tick or untick one item and save atomically; returns the ticks now saved."""
    if item_id not in ITEM_IDS:
        raise ChecklistError(
            f"no checklist item {item_id!r}; the items are: {', '.join(i.id for i in ITEMS)}"
        )
    path = path or checklist_path()
    ticks = load_ticks(path)
    ticks = ticks | {item_id} if ticked else ticks - {item_id}
    write_atomic(path, json.dumps({"ticked": sorted(ticks)}, indent=2).encode("utf-8"))
    return ticks


def checklist(ticks: frozenset[str]) -> tuple[ChecklistEntry, ...]:
    """Every item in order, each with its tick."""
    return tuple(ChecklistEntry(i.id, i.phase, i.text, i.id in ticks) for i in ITEMS)

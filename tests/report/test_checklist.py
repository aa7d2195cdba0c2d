"""The prep checklist: the advice's items, ticks saved per user, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockinterview.cli import main
from mockinterview.core.checklist import ITEMS, checklist, load_ticks, set_ticked
from mockinterview.core.errors import ChecklistError


def test_items_cover_before_the_day_and_after() -> None:
    texts = " ".join(i.text for i in ITEMS)
    assert "What are the next steps in the hiring process?" in texts
    assert "10 minutes early" in texts and "phone off" in texts and "thank-you note" in texts
    assert {i.phase for i in ITEMS} == {"before", "day", "after"}


def test_ticks_are_saved_in_the_users_data_folder(private_home: Path) -> None:
    assert load_ticks() == frozenset()
    set_ticked("research-company", True)
    set_ticked("phone-off", True)
    set_ticked("phone-off", False)
    assert (private_home / "checklist.json").exists()
    assert load_ticks() == {"research-company"}
    entries = {e.id: e.ticked for e in checklist(load_ticks())}
    assert entries["research-company"] and not entries["phone-off"]


def test_unknown_item_and_broken_file_are_clear_errors(private_home: Path) -> None:
    with pytest.raises(ChecklistError, match="no checklist item 'bogus'; the items are: research"):
        set_ticked("bogus", True)
    (private_home / "checklist.json").write_text("{not json")
    with pytest.raises(ChecklistError, match="Delete the file to start over"):
        load_ticks()


def test_checklist_command_ticks_and_lists(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checklist", "--tick", "mock-interview"]) == 0
    out = capsys.readouterr().out
    assert "[x] Do a mock interview" in out and "[ ] Switch your phone off." in out
    assert main(["checklist", "--tick", "nope"]) == 2
    assert "no checklist item 'nope'" in capsys.readouterr().err

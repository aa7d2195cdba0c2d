"""benchmarks/budget.toml parses, and each figure is judged against its target honestly."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.budget import Target, check_budget, load_targets, lookup, summary_lines


def test_the_committed_budget_loads() -> None:
    targets = load_targets()
    assert targets, "budget.toml holds no target"
    assert all(t.max is not None or t.min is not None for t in targets)


def test_met_missed_and_not_measured() -> None:
    report = {"gui": {"appear": {"median": 1.4}, "fps": 30}, "speech": {"runs": [{"wer": 0.1}]}}
    checks = check_budget(
        report,
        [
            Target("gui.appear.median", "window", max=1.0),
            Target("gui.fps", "preview", min=25),
            Target("speech.runs.0.wer", "wer", max=0.12),
            Target("vision.f1", "absent", min=0.8),
        ],
    )
    assert [c.status for c in checks] == ["missed", "met", "met", "not measured"]


def test_a_skipped_benchmark_says_why_its_figure_is_not_measured() -> None:
    report = {
        "frozen_bundle": {"skipped": "no bundle at dist/mockinterview: run `make package` first"},
        "speech": {"error": ["RuntimeError: no model"], "wall_s": 3.0},
        "gui": {"fps": 30},
    }
    targets = [
        Target("frozen_bundle.bundle_mb", "bundle", max=600),
        Target("speech.wer", "wer", max=0.12),
        Target("gui.fps", "preview", min=25),
        Target("gui.appear", "window", max=1.0),
    ]
    checks = check_budget(report, targets)
    assert [c.status for c in checks] == ["not measured", "not measured", "met", "not measured"]
    assert [c.note for c in checks] == [
        "skipped: no bundle at dist/mockinterview: run `make package` first",
        "error: RuntimeError: no model",
        None,
        None,
    ]
    assert summary_lines(checks)[0].endswith(
        "(skipped: no bundle at dist/mockinterview: run `make package` first)"
    )
    assert checks[0].as_dict()["note"].startswith("skipped")


def test_a_flag_or_text_is_not_a_figure() -> None:
    assert lookup({"a": True, "b": "1.0"}, "a") is None
    assert lookup({"a": True, "b": "1.0"}, "b") is None


def test_a_target_without_a_bound_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "budget.toml"
    bad.write_text('[[target]]\nfigure = "x"\nwhat = "y"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="bad target"):
        load_targets(bad)

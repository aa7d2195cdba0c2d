"""Each performance and accuracy target beside the figure `make bench` measured for it.

The targets live in benchmarks/budget.toml (one `[[target]]` per figure: a dotted path into the
run_all JSON, `max` or `min`, the issue that set it), so a regression shows at a glance and a
target is changed in one place. A figure a run did not produce (a benchmark skipped, or its data
absent) is listed as not measured, never as met, with the reason the benchmark gave.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BUDGET_FILE = Path(__file__).with_name("budget.toml")


@dataclass(frozen=True)
class Target:
    figure: str  # dotted path into the run_all report; integer parts index lists
    what: str
    max: float | None = None
    min: float | None = None


@dataclass(frozen=True)
class Check:
    target: Target
    value: float | None  # None: not measured in this run
    note: str | None = None  # why not: the benchmark's "skipped" or "error" on the figure's path

    @property
    def status(self) -> str:
        if self.value is None:
            return "not measured"
        too_high = self.target.max is not None and self.value > self.target.max
        too_low = self.target.min is not None and self.value < self.target.min
        return "missed" if too_high or too_low else "met"

    def as_dict(self) -> dict[str, Any]:
        bound = {"max": self.target.max} if self.target.max is not None else {}
        if self.target.min is not None:
            bound["min"] = self.target.min
        return {
            "figure": self.target.figure,
            "what": self.target.what,
            "value": self.value,
            **bound,
            "status": self.status,
            **({"note": self.note} if self.note else {}),
        }


def load_targets(path: Path = BUDGET_FILE) -> list[Target]:
    """The targets in `path`; a target without a bound or with an unknown key is an error."""
    with path.open("rb") as handle:
        entries = tomllib.load(handle).get("target", [])
    targets = []
    for entry in entries:
        unknown = set(entry) - {"figure", "what", "max", "min"}
        if unknown or ("max" not in entry and "min" not in entry):
            raise ValueError(f"{path}: bad target {entry!r} (needs figure, what, max and/or min)")
        targets.append(Target(**entry))
    return targets


def lookup(report: Any, figure: str) -> float | None:
    """The number at dotted path `figure` in `report`, or None when the run did not produce it."""
    node = report
    for part in figure.split("."):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    if isinstance(node, bool) or not isinstance(node, int | float):
        return None
    return float(node)


def absence_reason(report: Any, figure: str) -> str | None:
    """The innermost "skipped" or "error" a benchmark left on the way to `figure`, if any."""
    node, reason = report, None
    for part in figure.split("."):
        if not isinstance(node, dict):
            break
        for key in ("skipped", "error"):
            if key in node:
                said = node[key]
                reason = f"{key}: {' '.join(said) if isinstance(said, list) else said}"
        if part not in node:
            break
        node = node[part]
    return reason


def check_budget(report: dict[str, Any], targets: list[Target]) -> list[Check]:
    checks = []
    for target in targets:
        value = lookup(report, target.figure)
        note = absence_reason(report, target.figure) if value is None else None
        checks.append(Check(target, value, note))
    return checks


def summary_lines(checks: list[Check]) -> list[str]:
    """One aligned line per target for the terminal: status, figure, value and bound."""
    lines = []
    for check in checks:
        bound = (f"<= {check.target.max:g}" if check.target.max is not None else "") + (
            f">= {check.target.min:g}" if check.target.min is not None else ""
        )
        value = "-" if check.value is None else f"{check.value:g}"
        note = f" ({check.note})" if check.note else ""
        lines.append(
            f"{check.status:>12}  {check.target.figure:<48} {value:>10}  {bound:<10} "
            f"{check.target.what}{note}"
        )
    return lines

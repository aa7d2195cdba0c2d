"""Question banks: the questions an interview asks, with what a good answer covers.

Banks are TOML files (`assets/questions/*.toml` ship with the app; users drop their own into
`<data dir>/banks/`, where a plain text list or a CSV also works). Every problem in a bank is
reported with the file, the line and what is wrong, all at once, because a person editing a bank
by hand fixes them faster from one complete list than from one error per run.

TOML layout::

    [bank]
    title = "Machine-learning engineer"        # optional; the bank's name is the file stem
    [[questions]]
    id = "validation-vs-test"                   # letters, digits, '-' and '_'; unique
    text = "Why do we need a validation set ..."
    category = "ml-fundamentals"
    target_s = [60, 120]                        # optional time target, seconds
    closing = false                             # optional; the interviewer's last question
    model_answer = "..."                        # optional
    [[questions.key_points]]                    # optional
    point = "the test set is touched once"
    phrases = ["only once", "final estimate"]   # wordings that prove it (stemmed, any case)
    says = ["We look at the test set a single time, at the very end."]  # sentences meaning it
    near_misses = ["The test set matters a lot."]  # optional: on its topic, not making it
    ask = "How often would you look at the test set?"  # optional: the follow-up that probes it
"""

from __future__ import annotations

import csv
import functools
import io
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mockinterview.core.errors import BankError
from mockinterview.core.paths import assets_dir, data_dir
from mockinterview.core.text_file import read_text_file

BANK_SUFFIXES = (".toml", ".txt", ".csv")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
# The keys each table of a bank file may hold, in the order an error message lists them
QUESTION_KEYS = ("id", "text", "category", "target_s", "closing", "model_answer", "key_points")
KEY_POINT_KEYS = ("point", "phrases", "says", "near_misses", "ask")
BANK_KEYS = ("title", "description")
TOP_KEYS = ("bank", "questions")
CSV_COLUMNS = {"question", "id", "category", "target_s", "model_answer"}
CUSTOM_CATEGORY = "custom"
# The category of a question heard in an imported recording that is no bank question: nothing
# to judge its answer on until the person says which bank question it was.
IMPORTED_CATEGORY = "imported"
# An imported answer that no question was heard before is a question of its own, named by its
# session and number ("imported:<session>:<n>"); one the interviewer asked that no bank holds
# is named by its words ("imported:<words>", no second colon).
UNASKED_ID = re.compile(r"imported:[^:]+:\d+")


def unasked_question_id(session_id: str, number: int) -> str:
    return f"imported:{session_id}:{number}"


def asked_nothing(question_id: str) -> bool:
    """An imported answer no question was heard before: the small talk before the first
    question, or a recording that starts mid-answer. How long it should have been is unknown,
    so its length is not judged on an interview answer's 60-120 s."""
    return UNASKED_ID.fullmatch(question_id) is not None


@dataclass(frozen=True)
class KeyPoint:
    """One thing a good answer mentions: wordings that prove it, and sentences that mean it.

    `phrases` are matched word for word (stems); `says` are whole example sentences in a
    candidate's voice, compared by meaning with what was said (mockinterview.core.content).
    `near_misses` are sentences on the point's topic that do not make it ("Allergies are a big
    deal on our ward" for "checks allergies before giving any drug"): sentence vectors cannot
    tell naming a topic from saying what one does about it, so a piece of an answer closer to
    these than to `says` is not credited.
    `ask` is what an interviewer asks when an answer missed the point: a question that leads
    back to it without naming it, since a follow-up that reads the point out ("You did not
    mention checking allergies") hands the candidate the answer it then credits.
    """

    point: str
    phrases: tuple[str, ...] = ()
    says: tuple[str, ...] = ()
    ask: str | None = None
    near_misses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    category: str
    target_s: tuple[float, float] | None = None
    key_points: tuple[KeyPoint, ...] = ()
    model_answer: str | None = None
    closing: bool = False


@dataclass(frozen=True)
class Bank:
    name: str
    title: str
    source: Path
    questions: tuple[Question, ...]

    @property
    def closing(self) -> Question | None:
        return next((q for q in self.questions if q.closing), None)

    @property
    def regular(self) -> tuple[Question, ...]:
        """The questions asked in the body of an interview (everything but the closing one)."""
        return tuple(q for q in self.questions if not q.closing)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(q.category for q in self.questions))


def builtin_banks_dir() -> Path:
    return assets_dir() / "questions"


def user_banks_dir() -> Path:
    """Where users put their own banks; created on first use so they can find it."""
    folder = data_dir() / "banks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def slug(text: str) -> str:
    """An id from question text, for plain-text banks that have no ids."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:8]) or "question"


class _Problems:
    """Collects "file:line: what is wrong" lines so a bank's errors are reported together."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: list[str] = []

    def add(self, line: int | None, message: str) -> None:
        where = f"{self.path}:{line}" if line else str(self.path)
        self.lines.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.lines:
            count = len(self.lines)
            head = f"{count} problem{'s' if count > 1 else ''} in question bank:\n"
            raise BankError(head + "\n".join(self.lines))


class _TomlLines:
    """Finds the source line of the n-th [[questions]] table and of a key inside it.

    tomllib gives values without positions; a scan of the text recovers them well enough to point
    an editor at the right place.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.tables: list[tuple[str, int]] = []
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            if stripped.startswith("["):
                self.tables.append((stripped.split("#")[0].strip(), number))
        self.question_starts = [n for name, n in self.tables if name == "[[questions]]"]

    def _end(self, start: int) -> int:
        after = [n for n in self.question_starts if n > start]
        return after[0] if after else len(self.lines) + 1

    def question(self, index: int) -> int | None:
        return self.question_starts[index] if index < len(self.question_starts) else None

    def key(self, index: int, key: str) -> int | None:
        start = self.question(index)
        if start is None:
            return None
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(start + 1, self._end(start)):
            if pattern.match(self.lines[number - 1]):
                return number
        return start

    def key_point(self, index: int, point_index: int) -> int | None:
        start = self.question(index)
        if start is None:
            return None
        points = [
            n
            for name, n in self.tables
            if name == "[[questions.key_points]]" and start < n < self._end(start)
        ]
        return points[point_index] if point_index < len(points) else start


def _unknown_keys(table: dict[str, Any], known: tuple[str, ...]) -> list[str]:
    return sorted(set(table).difference(known))


def _known(keys: tuple[str, ...]) -> str:
    """What an "unknown key" message adds: the keys that table may hold."""
    return f"(known: {', '.join(keys)})"


def _text_field(
    entry: dict[str, Any], key: str, problems: _Problems, line: int | None, required: bool
) -> str | None:
    value = entry.get(key)
    if value is None:
        if required:
            problems.add(line, f"missing `{key}`")
        return None
    if not isinstance(value, str) or not value.strip():
        problems.add(line, f"`{key}` must be non-empty text, got {value!r}")
        return None
    return value.strip()


def _target(value: Any, problems: _Problems, line: int | None) -> tuple[float, float] | None:
    if value is None:
        return None
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        and 0 < value[0] < value[1]
    )
    if not ok:
        problems.add(
            line, f"`target_s` must be [low, high] seconds with 0 < low < high, got {value!r}"
        )
        return None
    return (float(value[0]), float(value[1]))


def _key_points(
    value: Any, problems: _Problems, lines: _TomlLines, index: int
) -> tuple[KeyPoint, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.add(
            lines.key(index, "key_points"), "`key_points` must be [[questions.key_points]] tables"
        )
        return ()
    points = []
    for n, entry in enumerate(value):
        line = lines.key_point(index, n)
        if not isinstance(entry, dict):
            problems.add(line, f"key point {n + 1} must be a table with `point` and `phrases`")
            continue
        for unknown in _unknown_keys(entry, KEY_POINT_KEYS):
            problems.add(line, f"unknown key `{unknown}` in a key point {_known(KEY_POINT_KEYS)}")
        point = _text_field(entry, "point", problems, line, required=True)
        ask = _text_field(entry, "ask", problems, line, required=False)
        if ask is not None and not (ask.endswith("?") and ask.count("?") == 1):
            problems.add(line, f"key point {n + 1}: `ask` must be one question ending with '?'")
        lists = {}
        for key in ("phrases", "says", "near_misses"):
            items = entry.get(key, [])
            if not isinstance(items, list) or not all(
                isinstance(p, str) and p.strip() for p in items
            ):
                problems.add(line, f"key point {n + 1}: `{key}` must be a list of text")
                items = []
            lists[key] = tuple(p.strip() for p in items)
        if point and not (lists["phrases"] or lists["says"]):
            problems.add(
                line,
                f"key point {n + 1}: give `phrases` (wordings that prove it) or `says` "
                "(example sentences that mean it), or both",
            )
        elif point:
            points.append(
                KeyPoint(point, lists["phrases"], lists["says"], ask, lists["near_misses"])
            )
    return tuple(points)


def _parse_toml(path: Path, text: str) -> Bank:
    problems = _Problems(path)
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib (3.11) puts the position only in its message: "... (at line L, column C)".
        found = re.search(r"at line (\d+)", str(exc))
        problems.add(int(found[1]) if found else None, f"not valid TOML: {exc}")
        problems.raise_if_any()
    lines = _TomlLines(text)
    for unknown in _unknown_keys(table, TOP_KEYS):
        problems.add(None, f"unknown top-level key `{unknown}` {_known(TOP_KEYS)}")
    header = table.get("bank", {})
    title = path.stem
    if not isinstance(header, dict):
        problems.add(None, "`bank` must be a table: [bank]")
    else:
        for unknown in _unknown_keys(header, BANK_KEYS):
            problems.add(None, f"unknown key `{unknown}` in [bank] {_known(BANK_KEYS)}")
        title = _text_field(header, "title", problems, None, required=False) or title
    entries = table.get("questions")
    if not isinstance(entries, list) or not entries:
        problems.add(None, "no questions: add at least one [[questions]] table with id and text")
        problems.raise_if_any()
    questions: list[Question] = []
    seen: dict[str, int | None] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problems.add(None, "`questions` must be [[questions]] tables, not a plain list")
            break
        for unknown in _unknown_keys(entry, QUESTION_KEYS):
            problems.add(
                lines.key(index, unknown), f"unknown key `{unknown}` {_known(QUESTION_KEYS)}"
            )
        qid = _text_field(entry, "id", problems, lines.key(index, "id"), required=True)
        if qid and not ID_PATTERN.match(qid):
            problems.add(
                lines.key(index, "id"),
                f"id {qid!r} may hold only letters, digits, '-' and '_' (it names files)",
            )
        elif qid in seen:
            problems.add(
                lines.key(index, "id"), f"duplicate id {qid!r} (first at line {seen[qid]})"
            )
        elif qid:
            seen[qid] = lines.key(index, "id")
        text_ = _text_field(entry, "text", problems, lines.key(index, "text"), required=True)
        category = _text_field(entry, "category", problems, lines.key(index, "category"), True)
        target = _target(entry.get("target_s"), problems, lines.key(index, "target_s"))
        closing = entry.get("closing", False)
        if not isinstance(closing, bool):
            problems.add(
                lines.key(index, "closing"), f"`closing` must be true or false, got {closing!r}"
            )
            closing = False
        model = _text_field(
            entry, "model_answer", problems, lines.key(index, "model_answer"), required=False
        )
        points = _key_points(entry.get("key_points"), problems, lines, index)
        if qid and text_ and category:
            questions.append(Question(qid, text_, category, target, points, model, closing))
    closings = [q.id for q in questions if q.closing]
    if len(closings) > 1:
        problems.add(None, f"only one question may be `closing = true`, found {closings}")
    problems.raise_if_any()
    return Bank(path.stem, title, path, tuple(questions))


def _parse_text(path: Path, text: str) -> Bank:
    """One question per line; '#' starts a comment. The quickest way to bring your own list."""
    problems = _Problems(path)
    questions = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        qid = slug(line)
        if qid in seen:
            problems.add(number, f"same question as line {seen[qid]}")
            continue
        seen[qid] = number
        questions.append(Question(qid, line, CUSTOM_CATEGORY))
    if not questions and not problems.lines:
        problems.add(None, "no questions: write one question per line")
    problems.raise_if_any()
    return Bank(path.stem, path.stem, path, tuple(questions))


def _parse_csv(path: Path, text: str) -> Bank:
    """A spreadsheet export: a `question` column, optional id, category, target_s ("60-120")."""
    problems = _Problems(path)
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower() for c in reader.fieldnames or []}
    if "question" not in columns:
        problems.add(1, f"the header row needs a `question` column (got {sorted(columns)})")
        problems.raise_if_any()
    for unknown in sorted(columns - CSV_COLUMNS):
        problems.add(1, f"unknown column `{unknown}` (known: {', '.join(sorted(CSV_COLUMNS))})")
    questions = []
    seen: dict[str, int] = {}
    for row in reader:
        number = reader.line_num
        cells = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if not any(cells.values()):
            continue
        text_ = cells.get("question", "")
        if not text_:
            problems.add(number, "empty `question` cell")
            continue
        qid = cells.get("id") or slug(text_)
        if not ID_PATTERN.match(qid):
            problems.add(number, f"id {qid!r} may hold only letters, digits, '-' and '_'")
            continue
        if qid in seen:
            problems.add(number, f"duplicate id {qid!r} (first at line {seen[qid]})")
            continue
        seen[qid] = number
        target = None
        if cells.get("target_s"):
            match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)", cells["target_s"])
            if not match or not 0 < float(match[1]) < float(match[2]):
                problems.add(number, f"target_s {cells['target_s']!r} must look like 60-120")
                continue
            target = (float(match[1]), float(match[2]))
        questions.append(
            Question(
                qid,
                text_,
                cells.get("category") or CUSTOM_CATEGORY,
                target,
                model_answer=cells.get("model_answer") or None,
            )
        )
    if not questions and not problems.lines:
        problems.add(None, "no questions: add rows under the header")
    problems.raise_if_any()
    return Bank(path.stem, path.stem, path, tuple(questions))


def load_bank_file(path: Path) -> Bank:
    """Load and validate one bank file (.toml, .txt or .csv)."""
    path = Path(path)
    if path.suffix.lower() not in BANK_SUFFIXES:
        raise BankError(f"{path}: a question bank must be .toml, .txt or .csv")
    text = read_text_file(path, BankError, "question bank file")
    parser = {".toml": _parse_toml, ".txt": _parse_text, ".csv": _parse_csv}
    return parser[path.suffix.lower()](path, text)


def builtin_banks() -> list[Bank]:
    """The banks that ship with the app, whatever the user's banks replace: what a job ad's bank
    picks from, and what the content benchmark reads."""
    return [load_bank_file(path) for path in sorted(builtin_banks_dir().glob("*.toml"))]


def bank_files() -> dict[str, Path]:
    """Every bank by name; a user bank with a built-in's name replaces it (to customise it)."""
    found: dict[str, Path] = {}
    for folder in (builtin_banks_dir(), user_banks_dir()):
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() in BANK_SUFFIXES and not path.name.startswith("."):
                    found[path.stem] = path
    return found


def bank_title(name: str) -> str:
    """The bank a session was asked from, as people read it ("General and behavioural" for
    `general`); its name when no bank of that name can be read (removed since)."""
    path = bank_files().get(name)
    if path is None:
        return name
    try:
        return _title_of(path, path.stat().st_mtime_ns)
    except (BankError, OSError):
        return name


@functools.lru_cache(maxsize=64)
def _title_of(path: Path, _modified_ns: int) -> str:
    """A bank file's title, read once for each version of the file (History asks per row)."""
    return load_bank_file(path).title


def load_bank(name_or_path: str) -> Bank:
    """`--bank` takes a bank name (built-in or user) or a path to a bank file."""
    candidate = Path(name_or_path).expanduser()
    path_like = "/" in name_or_path or "\\" in name_or_path  # a Windows path too
    if candidate.suffix.lower() in BANK_SUFFIXES or candidate.is_file() or path_like:
        return load_bank_file(candidate)
    files = bank_files()
    if name_or_path not in files:
        raise BankError(
            f"no question bank named {name_or_path!r}; available: {', '.join(sorted(files))} "
            f"(add your own to {user_banks_dir()}, or pass a file path)"
        )
    return load_bank_file(files[name_or_path])

"""Build a stored session's report and write it as HTML, PDF and/or JSON into a folder.

The one entry point the CLI and the GUI share, so both export the same files with the same
errors: an unknown session id is the store's StorageError, a folder that is missing, not a folder
or not writable is a ReportError that names it. Files are written atomically (temp + rename):
an export interrupted half-way never leaves half a report behind.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from mockinterview.core.checklist import checklist, load_ticks
from mockinterview.core.errors import ReportError, StorageError
from mockinterview.core.report.model import Report, build_report
from mockinterview.core.report.render_html import render_html
from mockinterview.core.report.render_json import render_json
from mockinterview.core.report.render_pdf import render_pdf
from mockinterview.core.session.store import SessionStore, write_atomic
from mockinterview.core.settings import Settings

FORMATS = ("html", "pdf", "json")
# Earlier sessions read for the comparison: enough for a long streak of practice, few enough
# that a years-long history does not slow the report down.
HISTORY_LIMIT = 50

Progress = Callable[[str, int, int], None]  # (what is happening, step, steps)


def report_for_session(store: SessionStore, session_id: str, settings: Settings) -> Report:
    """The report of one stored session, compared with the earlier sessions in the same store."""
    session = store.session_dict(session_id)
    earlier = [
        s.session_id
        for s in store.list_sessions()
        if s.session_id != session_id and s.started_at < session["started_at"]
    ][:HISTORY_LIMIT]
    return build_report(
        session,
        [store.session_dict(other) for other in earlier],
        settings.delivery,
        settings.report,
        checklist(load_ticks()),
    )


def report_file(out_dir: Path, report: Report, fmt: str) -> Path:
    return out_dir / f"mockinterview-report-{report.session_id}.{fmt}"


def export_report(
    report: Report,
    formats: Sequence[str],
    out_dir: Path,
    progress: Progress | None = None,
) -> list[Path]:
    """Render each format and write it into `out_dir`; returns the files written, in order."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ReportError(f"unknown report format {unknown[0]!r}; use one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    check_output_dir(out_dir)
    tell = progress or (lambda what, step, steps: None)
    written = []
    wanted = list(dict.fromkeys(formats))  # "--format html --format html" writes it once
    for step, fmt in enumerate(wanted, start=1):
        tell(f"rendering {fmt.upper()}", step, len(wanted))
        data = render(report, fmt)
        path = report_file(out_dir, report, fmt)
        try:
            write_atomic(path, data)
        except (OSError, StorageError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise ReportError(
                f"cannot write the report into {out_dir}: {reason}. "
                "Pick a folder you can write to (--out DIR)."
            ) from exc
        written.append(path)
    return written


def render(report: Report, fmt: str) -> bytes:
    if fmt == "pdf":
        return render_pdf(report)
    if fmt == "html":
        return render_html(report).encode("utf-8")
    return render_json(report).encode("utf-8")


def check_output_dir(out_dir: Path) -> None:
    """Refuse a bad folder before any rendering, with what is wrong and what to do."""
    if not out_dir.exists():
        # `--out reports/` means "put them there": only failing to make the folder is an error.
        try:
            out_dir.mkdir(parents=True)
        except OSError as exc:
            raise ReportError(
                f"cannot create the output folder {out_dir}: {exc.strerror or exc}; "
                "pick another with --out"
            ) from exc
    if not out_dir.is_dir():
        raise ReportError(f"{out_dir} is a file, not a folder; pick a folder with --out")
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise ReportError(
            f"the output folder {out_dir} is not writable; pick a folder you can write to (--out)"
        )

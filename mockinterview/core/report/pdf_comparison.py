"""The PDF report's comparison with earlier sessions: what moved since last time, the trend over
recent sessions and every version of an answer side by side.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

from mockinterview.core.counting import counted
from mockinterview.core.report.charts import STATUS_COLOURS, date_label, score_colour
from mockinterview.core.report.compare import Comparison, MetricChange, QuestionVersions, trend_rows
from mockinterview.core.report.pdf_style import LINE, TEXT_W, TINT, Styles
from mockinterview.core.report.scoring import (
    MetricCheck,
    display_value,
    format_change,
    quantity,
)

VERDICT_SIGNS = {"better": "▲ better", "worse": "▼ worse", "same": "= about the same"}


def comparison_section(
    comparison: Comparison, overall: Sequence[MetricCheck], bank_title: str, styles: Styles
) -> list:
    parts: list = [
        CondPageBreak(60 * mm),
        Paragraph("Compared with earlier sessions", styles["h2"]),
    ]
    if comparison.previous_session_id is None:
        parts.append(
            Paragraph(
                f"This is your first session on <b>{escape(bank_title)}</b>: "
                "nothing to compare with yet. Rehearse again and this section shows what moved.",
                styles["body"],
            )
        )
    else:
        parts.append(
            Paragraph(
                f"Against your last session on <b>{escape(bank_title)}</b> "
                f"({escape(date_label(comparison.previous_started_at or ''))}; "
                f"{counted(comparison.earlier_sessions, 'earlier session')} on this bank in all). "
                "Better or worse is judged by the distance from the comfortable band, so two "
                "values that are both comfortable count as about the same.",
                styles["body"],
            )
        )
        parts += _changes(comparison.by_metric, styles)
        parts += _trend(comparison, overall, styles)
    if comparison.by_question:
        parts.append(Paragraph("The same questions, last time", styles["h3"]))
        for question in comparison.by_question:
            parts.append(
                Paragraph(
                    f"<b>{escape(question.question)}</b> (last answered "
                    f"{escape(date_label(question.previous_started_at))})",
                    styles["body"],
                )
            )
            parts += _changes(question.changes, styles)
    parts += _versions(comparison.versions, styles)
    return parts


def _versions(questions: Sequence[QuestionVersions], styles: Styles) -> list:
    """Every attempt at a question side by side, as in the HTML report (versions_html)."""
    if not questions:
        return []
    cell = styles["cell"]
    parts: list = [
        Paragraph("Versions of your answers", styles["h3"]),
        Paragraph(
            "Every attempt at a question, oldest first. Words are compared with the attempt "
            "before: <font color='#2e7d32'><b>added</b></font>, <strike>dropped</strike>. "
            "★ marks the best attempt: the one whose worst metrics were closest to their band.",
            styles["note"],
        ),
    ]
    added, dropped = "<font color='#2e7d32'><b>{}</b></font>", "<strike>{}</strike>"
    for question in questions:
        versions = question.versions
        rows: list[list] = [
            [
                Paragraph("<b>Metric</b>", cell),
                *(
                    Paragraph(
                        f"<b>{'★ ' if v.best else ''}Attempt {n}</b> "
                        f"({escape(date_label(v.started_at, short=True))})",
                        cell,
                    )
                    for n, v in enumerate(versions, start=1)
                ),
            ]
        ]
        for check in versions[0].checks:
            rows.append(
                [
                    Paragraph(escape(check.label), cell),
                    *(
                        Paragraph(
                            f"<font color='{score_colour(v.check(check.key))}'>"
                            f"{escape(display_value(v.check(check.key)))}</font>",
                            cell,
                        )
                        for v in versions
                    ),
                ]
            )
        rows.append(
            [Paragraph("Key points", cell)]
            + [Paragraph(escape("; ".join(v.covered) or "none"), cell) for v in versions]
        )
        rows.append(
            [Paragraph("Story parts", cell)]
            + [Paragraph(escape(", ".join(v.structure) or "not judged"), cell) for v in versions]
        )
        words = [
            " ".join(
                (added if op == "added" else dropped if op == "dropped" else "{}").format(
                    escape(text)
                )
                for op, text in v.diff
            )
            or escape(v.transcript)
            for v in versions
        ]
        rows.append([Paragraph("Words", cell)] + [Paragraph(w, cell) for w in words])
        label_w = 70
        table = Table(
            rows,
            colWidths=[label_w] + [(TEXT_W - label_w) / len(versions)] * len(versions),
            repeatRows=1,
        )
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(TINT)),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(LINE)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        parts += [Paragraph(f"<b>{escape(question.question)}</b>", styles["body"]), table]
    return parts


def _trend(comparison: Comparison, overall: Sequence[MetricCheck], styles: Styles) -> list:
    started, rows = trend_rows(comparison, overall)
    if not rows:
        return []
    cell, right = styles["cell"], styles["cell_right"]
    table_rows: list[list] = [
        [
            Paragraph("<b>Metric</b>", cell),
            *(Paragraph(f"<b>{escape(date_label(s, short=True))}</b>", right) for s in started),
            Paragraph("<b>This session</b>", right),
        ]
    ]
    for row in rows:
        table_rows.append(
            [
                Paragraph(escape(row.label), cell),
                *(
                    Paragraph(
                        f"{'' if c.score is None else c.score} "
                        f"<font color='{score_colour(c)}'><b>{c.status}</b></font>",
                        right,
                    )
                    for c in row.checks
                ),
            ]
        )
    label_w = 90
    table = Table(
        table_rows,
        colWidths=[label_w] + [(TEXT_W - label_w) / len(rows[0].checks)] * len(rows[0].checks),
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(TINT)),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(LINE)),
            ]
        )
    )
    return [
        Paragraph("Scores over your recent sessions on this bank", styles["h3"]),
        Paragraph("Only the metrics that were outside their band at least once.", styles["note"]),
        table,
    ]


def _changes(changes: Sequence[MetricChange], styles: Styles) -> list:
    moved = [c for c in changes if c.verdict in ("better", "worse")]
    same = [c.label for c in changes if c.verdict == "same"]
    parts: list = []
    if moved:
        cell, right = styles["cell"], styles["cell_right"]
        rows: list[list] = [
            [
                Paragraph(f"<b>{h}</b>", cell if i in (0, 4) else right)
                for i, h in enumerate(("Metric", "Before", "Now", "Change", "Verdict"))
            ]
        ]
        for c in moved:
            colour = STATUS_COLOURS["good" if c.verdict == "better" else "flag"]
            rows.append(
                [
                    Paragraph(escape(c.label), cell),
                    Paragraph(escape(quantity(c.previous, c.unit)), right),
                    Paragraph(escape(quantity(c.current, c.unit)), right),
                    Paragraph(format_change(c.change), right),
                    Paragraph(
                        f"<font color='{colour}'><b>{VERDICT_SIGNS[c.verdict]}</b></font>", cell
                    ),
                ]
            )
        table = Table(rows, colWidths=[110, 110, 110, 60, TEXT_W - 390], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(TINT)),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(LINE)),
                ]
            )
        )
        parts.append(table)
    else:
        parts.append(
            Paragraph(
                "No metric moved noticeably closer to its band or further from it.", styles["body"]
            )
        )
    if same:
        parts.append(Paragraph(f"About the same: {escape(', '.join(same))}.", styles["note"]))
    parts.append(Spacer(1, 4))
    return parts

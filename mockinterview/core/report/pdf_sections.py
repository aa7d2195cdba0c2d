"""The session-wide sections of the PDF report: header, what to practise, the checks table and the
appendix (the comparison with earlier sessions is pdf_comparison).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from mockinterview.core.checklist import PHASE_TITLES, ChecklistEntry
from mockinterview.core.counting import counted, noun_for
from mockinterview.core.report.charts import STATUS_COLOURS, clock, date_label, score_colour
from mockinterview.core.report.model import Report
from mockinterview.core.report.pdf_drawings import band_drawing
from mockinterview.core.report.pdf_style import LINE, TEXT_W, TINT, Styles
from mockinterview.core.report.scoring import HOW_TO_READ_SCORES, MetricCheck, display_value
from mockinterview.core.report.suggestions import Suggestion, empty_list_reason


def header(report: Report, styles: Styles) -> list:
    parts: list = [
        Paragraph("Interview rehearsal report", styles["title"]),
        Paragraph(
            f"{escape(date_label(report.started_at))} · "
            f"question bank <b>{escape(report.bank_title)}</b>"
            f" · {report.answers_label} · session {escape(report.session_id)}",
            styles["meta"],
        ),
    ]
    if report.status in ("interrupted", "recovered"):
        parts.append(
            Paragraph(
                f"This session was {escape(report.status)}: the report covers the "
                f"{counted(report.answer_count, 'answer')} saved before it stopped.",
                styles["notice"],
            )
        )
    if not report.answers:
        parts.append(Paragraph("No answer was recorded in this session.", styles["notice"]))
    return parts


def suggestions_section(
    suggestions: Sequence[Suggestion], answer_count: int, styles: Styles
) -> list:
    parts: list = [Paragraph("What to practise next", styles["h2"])]
    if not suggestions:
        parts.append(Paragraph(escape(empty_list_reason(answer_count)), styles["body"]))
        return parts
    parts.append(
        Paragraph(
            "Ranked by how far each metric was from its comfortable band, times how often it "
            "was outside it.",
            styles["note"],
        )
    )
    for rank, item in enumerate(suggestions, start=1):
        colour = STATUS_COLOURS["flag" if item.mean_distance >= 1 else "watch"]
        cell: list = [
            Paragraph(f"{rank}. {escape(item.title)}", styles["h3"]),
            Paragraph(escape(item.evidence), styles["body"]),
            Paragraph(f"<b>Try this:</b> {escape(item.tip)}", styles["tip"]),
        ]
        if item.moments:
            moments = ", ".join(
                f"answer {m.answer_index + 1} at {clock(m.start)}"
                + (f" “{escape(m.text)}”" if m.text else "")
                for m in item.moments
            )
            cell.append(Paragraph(f"Where: {moments}", styles["note"]))
        elif item.answers:
            answers = ", ".join(str(i + 1) for i in item.answers)
            cell.append(
                Paragraph(f"In {noun_for(len(item.answers), 'answer')} {answers}", styles["note"])
            )
        box = Table([[cell]], colWidths=[TEXT_W])
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor(LINE)),
                    ("LINEBEFORE", (0, 0), (0, -1), 4, colors.HexColor(colour)),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        parts += [KeepTogether(box), Spacer(1, 5)]
    return parts


def _scale(item: MetricCheck, styles: Styles) -> Flowable | str:
    """As the HTML's: why a value was held back from judging or not measured, else its band
    chart; nothing where no single band judges it (a session's mean answer length)."""
    if item.says_why:
        return Paragraph(escape(item.explanation), styles["note"])
    return "" if item.per_answer or item.value is None else band_drawing(item)


def checks_table(checks: Sequence[MetricCheck], styles: Styles) -> Table:
    cell, right = styles["cell"], styles["cell_right"]
    rows: list[list] = [
        [
            Paragraph(f"<b>{h}</b>", right if h in ("Value", "Off by", "Score") else cell)
            for h in ("Metric", "Value", "Comfortable band", "Off by", "Score", "On the scale")
        ]
    ]
    for item in checks:
        value = display_value(item)
        score = "" if item.score is None else f"<b>{item.score}</b> "
        colour = score_colour(item)
        rows.append(
            [
                Paragraph(escape(item.label), cell),
                Paragraph(escape(value), right),
                Paragraph(escape(item.band_text), cell),
                Paragraph(escape(item.gap), right),
                Paragraph(
                    f"<font color='{colour}'>{score}<b>{item.status}</b></font>",
                    right,
                ),
                _scale(item, styles),
            ]
        )
    widths = [68, 74, 84, 74, 62, TEXT_W - 362]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(TINT)),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor(LINE)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def appendix(checklist: Sequence[ChecklistEntry], styles: Styles) -> list:
    parts: list = [
        Paragraph("Appendix: prep checklist", styles["h2"]),
        Paragraph(
            "Ticked items are the ones you marked done in MockInterview (mockinterview checklist).",
            styles["note"],
        ),
    ]
    if not checklist:
        parts.append(
            Paragraph("The prep checklist was not included in this export.", styles["note"])
        )
    for phase, title in PHASE_TITLES.items():
        entries = [e for e in checklist if e.phase == phase]
        if entries:
            parts.append(Paragraph(escape(title), styles["h3"]))
            parts += [
                Paragraph(f"{'☑' if e.ticked else '☐'}  {escape(e.text)}", styles["body"])
                for e in entries
            ]
    parts += [
        Paragraph("How to read the scores", styles["h3"]),
        Paragraph(escape(HOW_TO_READ_SCORES), styles["note"]),
    ]
    return parts

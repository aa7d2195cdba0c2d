"""The report as a paginated PDF (ReportLab), with the same sections and charts as the HTML.

ReportLab is pure Python, works offline, and needs no Qt, so the core can print a report from the
command line on a machine without a display. The text font is DejaVu Sans, taken from the copy
matplotlib ships (matplotlib comes with mediapipe): ReportLab's built-in Helvetica has no glyphs
for the ticked boxes, arrows and much of Unicode a transcript may contain.
"""

from __future__ import annotations

import importlib.util
import io
from collections.abc import Sequence
from html import escape
from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from mockinterview.core.checklist import PHASE_TITLES, ChecklistEntry
from mockinterview.core.errors import ReportError
from mockinterview.core.report.answer_feedback import (
    Remark,
    follow_up_label,
    said_at,
    structure_lines,
)
from mockinterview.core.report.charts import (
    STATUS_COLOURS,
    ZONE_COLOURS,
    band_chart,
    clock,
    date_label,
    lane_colour,
    lane_moments,
    time_ticks,
)
from mockinterview.core.report.compare import (
    Comparison,
    MetricChange,
    QuestionVersions,
    trend_rows,
)
from mockinterview.core.report.model import (
    PARTIAL_NOTE,
    AnswerReport,
    Report,
    TranscriptWord,
    transcript_runs,
)
from mockinterview.core.report.scoring import (
    METRIC_BY_KEY,
    MetricCheck,
    display_value,
    format_change,
    format_number,
)
from mockinterview.core.report.suggestions import Suggestion, empty_list_reason
from mockinterview.core.report.timeline import Timeline

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
MARGIN = 16 * mm
PAGE_W, PAGE_H = A4
FRAME_PADDING = 6  # pt, SimpleDocTemplate's frame padding on each side
TEXT_W = PAGE_W - 2 * MARGIN - 2 * FRAME_PADDING
INK, MUTED, LINE, TINT = "#1f2933", "#5f6b76", "#d9dee3", "#f5f7f9"
HIGHLIGHT = {"filler": "#ffe0b2", "hedge": "#e1bee7"}
BAND_W, BAND_H = 116, 18
LANE_H, LANE_GAP, LABEL_W, AXIS_H = 11, 4, 95, 16
VERDICT_SIGNS = {"better": "▲ better", "worse": "▼ worse", "same": "= about the same"}


def render_pdf(report: Report) -> bytes:
    _register_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=f"Interview rehearsal report, {date_label(report.started_at)}",
        author="MockInterview",
        subject=f"session {report.session_id}",
    )
    story: list = []
    story += _header(report, styles)
    story += _suggestions(report.suggestions, report.answer_count, styles)
    story += [Paragraph("The whole session", styles["h2"])]
    story += [
        Paragraph(
            "Score = 100 inside the comfortable band (green), falling evenly to 0 at the flag "
            "value (amber to red). Each metric stands alone: there is no total.",
            styles["note"],
        ),
        _checks_table(report.overall, styles),
    ]
    story += _comparison(report.comparison, report.overall, styles)
    for answer in report.answers:
        story += [PageBreak(), *_answer(answer, styles)]
    story += [PageBreak(), *_appendix(report.checklist, styles)]

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor(MUTED))
        canvas.drawString(
            MARGIN, MARGIN - 2 * mm, f"MockInterview report · session {report.session_id}"
        )
        canvas.drawRightString(PAGE_W - MARGIN, MARGIN - 2 * mm, f"page {doc.page}")
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    spec = importlib.util.find_spec("matplotlib")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for name, filename in FONT_FILES.items():
        path = next(
            (
                Path(f) / "mpl-data" / "fonts" / "ttf" / filename
                for f in folders
                if (Path(f) / "mpl-data" / "fonts" / "ttf" / filename).is_file()
            ),
            None,
        )
        if path is None:
            raise ReportError(
                f"the PDF font {filename} (shipped with matplotlib) was not found; "
                "reinstall MockInterview, or export HTML or JSON instead"
            )
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13, textColor=INK)
    return {
        "body": base,
        "title": ParagraphStyle("title", base, fontName=FONT_BOLD, fontSize=20, leading=25),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "h3",
            base,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "note": ParagraphStyle("note", base, fontSize=8.5, leading=11, textColor=MUTED),
        "meta": ParagraphStyle("meta", base, textColor=MUTED, spaceAfter=4),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=10.5),
        "cell_right": ParagraphStyle(
            "cell_right", base, fontSize=8.5, leading=10.5, alignment=TA_RIGHT
        ),
        "tip": ParagraphStyle(
            "tip", base, backColor=TINT, borderPadding=(4, 5, 4, 5), spaceBefore=6, spaceAfter=6
        ),
        "transcript": ParagraphStyle(
            "transcript",
            base,
            fontSize=10,
            leading=16,
            backColor=TINT,
            borderPadding=6,
            spaceBefore=10,  # the shaded padding would otherwise cover the line above
        ),
        "notice": ParagraphStyle(
            "notice", base, backColor="#fff8e1", borderPadding=5, spaceBefore=4, spaceAfter=6
        ),
    }


# -- sections -----------------------------------------------------------------------------------


def _header(report: Report, styles: dict[str, ParagraphStyle]) -> list:
    minutes = report.answered_s / 60
    parts: list = [
        Paragraph("Interview rehearsal report", styles["title"]),
        Paragraph(
            f"{escape(date_label(report.started_at))} · question bank <b>{escape(report.bank)}</b>"
            f" · {report.answer_count} answer(s), {minutes:.1f} min of answers · session "
            f"{escape(report.session_id)}",
            styles["meta"],
        ),
    ]
    if report.status in ("interrupted", "recovered"):
        parts.append(
            Paragraph(
                f"This session was {escape(report.status)}: the report covers the "
                f"{report.answer_count} answer(s) saved before it stopped.",
                styles["notice"],
            )
        )
    if not report.answers:
        parts.append(Paragraph("No answer was recorded in this session.", styles["notice"]))
    return parts


def _suggestions(
    suggestions: Sequence[Suggestion], answer_count: int, styles: dict[str, ParagraphStyle]
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
            cell.append(Paragraph(f"In answer(s) {answers}", styles["note"]))
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


def _checks_table(checks: Sequence[MetricCheck], styles: dict[str, ParagraphStyle]) -> Table:
    cell, right = styles["cell"], styles["cell_right"]
    rows: list[list] = [
        [
            Paragraph(f"<b>{h}</b>", right if h in ("Value", "Off by", "Score") else cell)
            for h in ("Metric", "Value", "Comfortable band", "Off by", "Score", "On the scale")
        ]
    ]
    for item in checks:
        value = display_value(item)
        score = "" if item.score is None else f"{item.score} "
        colour = STATUS_COLOURS[item.status]
        rows.append(
            [
                Paragraph(escape(item.label), cell),
                Paragraph(escape(value), right),
                Paragraph(escape(item.band_text), cell),
                Paragraph(escape(item.gap), right),
                Paragraph(f"{score}<font color='{colour}'><b>{item.status}</b></font>", right),
                _band_drawing(item),
            ]
        )
    widths = [68, 86, 90, 56, 62, TEXT_W - 362]
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


def _band_drawing(item: MetricCheck) -> Drawing:
    chart = band_chart(item)
    drawing = Drawing(BAND_W, BAND_H)
    for zone in chart.zones:
        x0, x1 = chart.fraction(zone.start) * BAND_W, chart.fraction(zone.end) * BAND_W
        drawing.add(
            Rect(
                x0,
                8,
                x1 - x0,
                7,
                fillColor=colors.HexColor(ZONE_COLOURS[zone.kind]),
                strokeColor=None,
            )
        )
    if chart.value is not None:
        x = chart.fraction(chart.value) * (BAND_W - 8) + 4
        drawing.add(
            Circle(
                x,
                11.5,
                4,
                fillColor=colors.HexColor(STATUS_COLOURS[item.status]),
                strokeColor=colors.white,
                strokeWidth=1,
            )
        )
    drawing.add(
        String(
            0,
            0,
            format_number(chart.low),
            fontName=FONT,
            fontSize=6,
            fillColor=colors.HexColor(MUTED),
        )
    )
    drawing.add(
        String(
            BAND_W,
            0,
            format_number(chart.high),
            fontName=FONT,
            fontSize=6,
            fillColor=colors.HexColor(MUTED),
            textAnchor="end",
        )
    )
    return drawing


def _comparison(
    comparison: Comparison, overall: Sequence[MetricCheck], styles: dict[str, ParagraphStyle]
) -> list:
    parts: list = [
        CondPageBreak(60 * mm),
        Paragraph("Compared with earlier sessions", styles["h2"]),
    ]
    if comparison.previous_session_id is None:
        parts.append(
            Paragraph(
                f"This is your first session on the <b>{escape(comparison.bank)}</b> bank: "
                "nothing to compare with yet. Rehearse again and this section shows what moved.",
                styles["body"],
            )
        )
    else:
        parts.append(
            Paragraph(
                f"Against your last session on <b>{escape(comparison.bank)}</b> "
                f"({escape(date_label(comparison.previous_started_at or ''))}; "
                f"{comparison.earlier_sessions} earlier session(s) on this bank in all). Better "
                "or worse is judged by the distance from the comfortable band, so two values "
                "that are both comfortable count as about the same.",
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


def _versions(questions: Sequence[QuestionVersions], styles: dict[str, ParagraphStyle]) -> list:
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
                            f"<font color='{STATUS_COLOURS[v.check(check.key).status]}'>"
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


def _trend(
    comparison: Comparison, overall: Sequence[MetricCheck], styles: dict[str, ParagraphStyle]
) -> list:
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
                        f"<font color='{STATUS_COLOURS[c.status]}'><b>{c.status}</b></font>",
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


def _changes(changes: Sequence[MetricChange], styles: dict[str, ParagraphStyle]) -> list:
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
                    Paragraph(f"{format_number(c.previous)} {escape(c.unit)}", right),
                    Paragraph(f"{format_number(c.current)} {escape(c.unit)}", right),
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


def _remarks(remarks: Sequence[Remark]) -> str:
    return "<br/>".join(
        f"• {escape(r.text)}"
        + (
            f" <font color='{MUTED}'>({escape(said_at(r.quote, r.start))})</font>"
            if r.quote
            else ""
        )
        for r in remarks
    )


def _feedback(answer: AnswerReport, styles: dict[str, ParagraphStyle]) -> list:
    """Two strengths and up to three things to improve, side by side."""
    feedback = answer.feedback
    if feedback is None or not (feedback.strengths or feedback.improvements):
        return []
    columns = Table(
        [
            [
                Paragraph("<b>Strengths</b>", styles["body"]),
                Paragraph("<b>To improve</b>", styles["body"]),
            ],
            [
                Paragraph(_remarks(feedback.strengths) or "none found", styles["body"]),
                Paragraph(_remarks(feedback.improvements) or "none found", styles["body"]),
            ],
        ],
        colWidths=[TEXT_W / 2, TEXT_W / 2],
    )
    columns.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    return [Paragraph("In a few words", styles["h3"]), columns]


def _answer(answer: AnswerReport, styles: dict[str, ParagraphStyle]) -> list:
    target = answer.check("length").band_text
    delivery = [c for c in answer.checks if METRIC_BY_KEY[c.key].group == "delivery"]
    body = [c for c in answer.checks if METRIC_BY_KEY[c.key].group == "body"]
    follow = follow_up_label(answer.parent_index)
    parts: list = [
        *([Paragraph(escape(follow), styles["meta"])] if follow else []),
        Paragraph(
            f"<font color='{MUTED}'>Answer {answer.index + 1}.</font> {escape(answer.question)}",
            styles["h2"],
        ),
        Paragraph(
            f"{escape(answer.category)} · {clock(answer.duration_s)} ({answer.duration_s:.0f} s; "
            f"target {escape(target)}) · {answer.word_count} words",
            styles["meta"],
        ),
        *([Paragraph(f"<b>{escape(PARTIAL_NOTE)}</b>", styles["meta"])] if answer.partial else []),
        Paragraph("Timeline", styles["h3"]),
        _timeline_drawing(answer.timeline),
    ]
    if answer.timeline.coincidences:
        parts.append(Paragraph("<b>At the same moment:</b>", styles["body"]))
        parts += [
            Paragraph(f"• {escape(c.sentence)}", styles["body"])
            for c in answer.timeline.coincidences
        ]
    parts += [Paragraph("Delivery", styles["h3"]), _checks_table(delivery, styles)]
    if answer.filler_counts:
        fillers = ", ".join(f"“{escape(w)}” x{n}" for w, n in answer.filler_counts)
        parts += [Spacer(1, 4), Paragraph(f"<b>Fillers:</b> {fillers}", styles["body"])]
    parts.append(Paragraph("Body language", styles["h3"]))
    parts.append(
        _checks_table(body, styles)
        if answer.has_body
        else Paragraph(
            "No camera frames in this answer: body language was not measured.", styles["note"]
        )
    )
    parts += [
        Paragraph(f"<b>{escape(lane.label)}:</b> {lane_moments(lane)}", styles["note"])
        for lane in answer.timeline.lanes
        if lane.kind == "body" and lane.marks
    ]
    parts += [Paragraph(escape(note), styles["note"]) for note in answer.body_notes]
    parts += _feedback(answer, styles)
    if answer.content is not None and answer.content.coverage_pct is None:
        parts += [
            Paragraph(escape(answer.content.title), styles["h3"]),
            Paragraph(escape(answer.content.note), styles["note"]),
        ]
    elif answer.content is not None:
        content = answer.content
        covered = "<br/>".join(
            f"• {escape(p.point)} <font color='{MUTED}'>"
            f"(you said {escape(said_at(p.evidence, p.start))})</font>"
            for p in content.covered
        )
        missed = "<br/>".join(f"• {escape(p)}" for p in content.missed)
        columns = Table(
            [
                [
                    Paragraph("<b>Covered</b>", styles["body"]),
                    Paragraph("<b>Missed</b>", styles["body"]),
                ],
                [
                    Paragraph(covered or "none", styles["body"]),
                    Paragraph(missed or "none", styles["body"]),
                ],
            ],
            colWidths=[TEXT_W / 2, TEXT_W / 2],
        )
        columns.setStyle(
            TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        parts += [
            Paragraph(escape(content.title), styles["h3"]),
            columns,
        ]
        if content.model_answer:
            parts += [
                Paragraph("<b>A model answer:</b>", styles["body"]),
                Paragraph(escape(content.model_answer), styles["tip"]),
            ]
    if answer.structure is not None:
        parts.append(Paragraph("Story structure (situation, task, action, result)", styles["h3"]))
        parts += [
            Paragraph(f"• {escape(line)}", styles["body"])
            for line in structure_lines(answer.structure)
        ]
    if answer.follow_up is not None:
        parts.append(
            Paragraph(f"<b>Follow-up question:</b> {escape(answer.follow_up.text)}", styles["body"])
        )
    parts.append(Paragraph("Transcript", styles["h3"]))
    if answer.words:
        parts.append(
            Paragraph(
                f"<span backColor='{HIGHLIGHT['filler']}'>filler</span> "
                f"<span backColor='{HIGHLIGHT['hedge']}'>hedge</span> as counted by the speech "
                "analysis",
                styles["note"],
            )
        )
        parts.append(Paragraph(_highlighted(answer.words), styles["transcript"]))
    else:
        text = escape(answer.transcript) or "<i>No words were recognised in this answer.</i>"
        parts.append(Paragraph(text, styles["transcript"]))
    return parts


def _timeline_drawing(timeline: Timeline) -> Drawing:
    duration = max(timeline.duration_s, 1.0)
    plot_w = TEXT_W - LABEL_W - 6
    height = len(timeline.lanes) * (LANE_H + LANE_GAP) + AXIS_H
    drawing = Drawing(TEXT_W, height)

    def x(t: float) -> float:
        return LABEL_W + min(max(t, 0.0), duration) / duration * plot_w

    def lane_y(row: int) -> float:  # ReportLab's y grows upwards: first lane on top
        return height - (row + 1) * (LANE_H + LANE_GAP)

    for c in timeline.coincidences:
        drawing.add(
            Rect(
                x(c.start),
                AXIS_H,
                max(x(c.end) - x(c.start), 1.5),
                height - AXIS_H,
                fillColor=colors.Color(0.78, 0.16, 0.16, alpha=0.1),
                strokeColor=None,
            )
        )
    for row, lane in enumerate(timeline.lanes):
        y = lane_y(row)
        colour = colors.HexColor(lane_colour(lane.key, lane.kind))
        label = lane.label if lane.key == "speaking" else f"{lane.label} ({len(lane.marks)})"
        drawing.add(
            String(LABEL_W - 5, y + 2.5, label, fontName=FONT, fontSize=7, textAnchor="end")
        )
        drawing.add(
            Rect(LABEL_W, y, plot_w, LANE_H, fillColor=colors.HexColor(TINT), strokeColor=None)
        )
        for mark in lane.marks:
            if mark.end > mark.start:
                drawing.add(
                    Rect(
                        x(mark.start),
                        y + 1.5,
                        max(x(mark.end) - x(mark.start), 1.5),
                        LANE_H - 3,
                        fillColor=colour,
                        strokeColor=None,
                    )
                )
            else:
                drawing.add(
                    Circle(x(mark.start), y + LANE_H / 2, 3, fillColor=colour, strokeColor=None)
                )
    axis_y = AXIS_H - 4
    drawing.add(Line(LABEL_W, axis_y, LABEL_W + plot_w, axis_y, strokeColor=colors.HexColor(MUTED)))
    for tick in time_ticks(duration):
        drawing.add(Line(x(tick), axis_y, x(tick), axis_y - 3, strokeColor=colors.HexColor(MUTED)))
        drawing.add(
            String(
                x(tick),
                axis_y - 11,
                clock(tick),
                fontName=FONT,
                fontSize=6.5,
                fillColor=colors.HexColor(MUTED),
                textAnchor="middle",
            )
        )
    return drawing


def _highlighted(words: Sequence[TranscriptWord]) -> str:
    return " ".join(
        escape(text)
        if kind == "word"
        else f"<span backColor='{HIGHLIGHT[kind]}'>{escape(text)}</span>"
        for kind, text, _ in transcript_runs(words)
    )


def _appendix(checklist: Sequence[ChecklistEntry], styles: dict[str, ParagraphStyle]) -> list:
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
        Paragraph(
            "Each metric has a comfortable band and a flag value (MockInterview settings, "
            "[delivery] and report thresholds). Inside the band scores 100; between the band and "
            "the flag value the score falls in a straight line to 0. Percentages of an answer "
            "are shares of its video frames; pace is words per minute of the whole answer; "
            "fillers and hedges are counted per 100 words.",
            styles["note"],
        ),
    ]
    return parts

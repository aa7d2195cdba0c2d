"""One answer's page of the PDF report: timeline, delivery and body checks, feedback, content,
story structure, follow-up and the highlighted transcript.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from mockinterview.core.counting import counted
from mockinterview.core.report.answer_feedback import (
    Remark,
    follow_up_label,
    said_at,
)
from mockinterview.core.report.charts import clock, lane_moments
from mockinterview.core.report.model import (
    PARTIAL_NOTE,
    AnswerReport,
    TranscriptWord,
    legend_kinds,
    transcript_runs,
)
from mockinterview.core.report.pdf_drawings import timeline_drawing
from mockinterview.core.report.pdf_sections import checks_table
from mockinterview.core.report.pdf_style import HIGHLIGHT, MUTED, TEXT_W, Styles
from mockinterview.core.report.scoring import METRIC_BY_KEY


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


def _feedback(answer: AnswerReport, styles: Styles) -> list:
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


def answer_page(answer: AnswerReport, styles: Styles) -> list:
    target = answer.check("length").band_text
    delivery = [c for c in answer.checks if METRIC_BY_KEY[c.key].group == "delivery"]
    body = [c for c in answer.checks if METRIC_BY_KEY[c.key].group == "body"]
    follow = follow_up_label(answer.parent_index)
    parts: list = [
        *([Paragraph(escape(follow), styles["meta"])] if follow else []),
        Paragraph(
            f"<font color='{MUTED}'>{answer.number_label}</font> {escape(answer.question)}",
            styles["h2"],
        ),
        Paragraph(
            f"{escape(answer.category)} · {clock(answer.duration_s)} ({answer.duration_s:.0f} s; "
            f"target {escape(target)}) · {counted(answer.word_count, 'word')}",
            styles["meta"],
        ),
        *([Paragraph(f"<b>{escape(PARTIAL_NOTE)}</b>", styles["meta"])] if answer.partial else []),
        Paragraph("Timeline", styles["h3"]),
        timeline_drawing(answer.timeline),
    ]
    if answer.timeline.coincidences:
        parts.append(Paragraph("<b>At the same moment:</b>", styles["body"]))
        parts += [
            Paragraph(f"• {escape(c.sentence)}", styles["body"])
            for c in answer.timeline.coincidences
        ]
    parts += [Paragraph("Delivery", styles["h3"]), checks_table(delivery, styles)]
    if answer.filler_counts:
        fillers = ", ".join(f"“{escape(w)}” x{n}" for w, n in answer.filler_counts)
        parts += [Spacer(1, 4), Paragraph(f"<b>Fillers:</b> {fillers}", styles["body"])]
    parts.append(Paragraph("Body language", styles["h3"]))
    if answer.has_body:
        parts.append(checks_table(body, styles))
    parts += [
        Paragraph(f"<b>{escape(lane.label)}:</b> {lane_moments(lane)}", styles["note"])
        for lane in answer.timeline.lanes
        if lane.kind == "body" and lane.marks
    ]
    parts += [Paragraph(escape(note), styles["note"]) for note in answer.body_lines]
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
    if answer.story_lines:
        parts.append(Paragraph("Story structure (situation, task, action, result)", styles["h3"]))
        parts += [Paragraph(f"• {escape(line)}", styles["body"]) for line in answer.story_lines]
    if answer.follow_up is not None:
        parts.append(
            Paragraph(f"<b>Follow-up question:</b> {escape(answer.follow_up.text)}", styles["body"])
        )
    parts.append(Paragraph("Transcript", styles["h3"]))
    if answer.words:
        marks = "".join(
            f"<span backColor='{HIGHLIGHT[kind]}'>{kind}</span> "
            for kind in legend_kinds(answer.words)
        )
        parts.append(Paragraph(f"{marks}as counted by the speech analysis", styles["note"]))
        parts.append(Paragraph(_highlighted(answer.words), styles["transcript"]))
    else:
        text = escape(answer.transcript) or "<i>No words were recognised in this answer.</i>"
        parts.append(Paragraph(text, styles["transcript"]))
    return parts


def _highlighted(words: Sequence[TranscriptWord]) -> str:
    return " ".join(
        escape(text)
        if kind == "word"
        else f"<span backColor='{HIGHLIGHT[kind]}'>{escape(text)}</span>"
        for kind, text, _ in transcript_runs(words)
    )

"""The report as a paginated PDF (ReportLab), with the same sections and charts as the HTML.

ReportLab is pure Python, works offline, and needs no Qt, so the core can print a report from the
command line on a machine without a display. This module assembles the document; pdf_style holds
fonts and styles, pdf_sections the session-wide sections, pdf_answer an answer's page and
pdf_drawings the charts.
"""

from __future__ import annotations

import io
from html import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from mockinterview.core.report.charts import date_label
from mockinterview.core.report.model import Report
from mockinterview.core.report.pdf_answer import answer_page
from mockinterview.core.report.pdf_comparison import comparison_section
from mockinterview.core.report.pdf_sections import (
    appendix,
    checks_table,
    header,
    suggestions_section,
)
from mockinterview.core.report.pdf_style import (
    FONT,
    MARGIN,
    MUTED,
    PAGE_W,
    paragraph_styles,
    register_fonts,
)


def render_pdf(report: Report) -> bytes:
    register_fonts()
    styles = paragraph_styles()
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
    story += header(report, styles)
    story += suggestions_section(report.suggestions, report.answer_count, styles)
    story += [Paragraph("The whole session", styles["h2"])]
    story += [
        Paragraph(escape(report.overall_intro), styles["note"]),
        checks_table(report.overall, styles),
    ]
    story += comparison_section(report.comparison, report.overall, report.bank_title, styles)
    for answer in report.answers:
        story += [PageBreak(), *answer_page(answer, styles)]
    story += [PageBreak(), *appendix(report.checklist, styles)]

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

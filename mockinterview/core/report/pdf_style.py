"""Fonts, page geometry, colours and paragraph styles shared by every part of the PDF report.

The text font is DejaVu Sans, taken from the copy matplotlib ships (matplotlib comes with
mediapipe): ReportLab's built-in Helvetica has no glyphs for the ticked boxes, arrows and much of
Unicode a transcript may contain.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from mockinterview.core.errors import ReportError

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf"}
MARGIN = 16 * mm
PAGE_W, PAGE_H = A4
FRAME_PADDING = 6  # pt, SimpleDocTemplate's frame padding on each side
TEXT_W = PAGE_W - 2 * MARGIN - 2 * FRAME_PADDING
INK, MUTED, LINE, TINT = "#1f2933", "#5f6b76", "#d9dee3", "#f5f7f9"
HIGHLIGHT = {"filler": "#ffe0b2", "hedge": "#e1bee7", "restart": "#d7ccc8"}

Styles = dict[str, ParagraphStyle]


def register_fonts() -> None:
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


def paragraph_styles() -> dict[str, ParagraphStyle]:
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

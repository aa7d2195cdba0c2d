"""HTML for the report page's text panes, from the core report model (core/report/model.py).

The model already decided what is a filler, which band a metric has and what the sentence says;
these functions only lay that out for QTextBrowser, with each transcript word a `seek:` link to
its moment so a click plays that part of the recording.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mockinterview.core.report.answer_feedback import said_at
from mockinterview.core.report.charts import clock, score_colour
from mockinterview.core.report.headline import HEADLINE_METRICS
from mockinterview.core.report.model import AnswerReport, Report, TranscriptWord, legend_kinds
from mockinterview.core.report.render_html import feedback_html, versions_html
from mockinterview.core.report.scoring import HOW_TO_READ_SCORES, MetricCheck, display_value
from mockinterview.core.report.suggestions import Suggestion

# The exports' highlight tints (assets/report/report.css mark.filler / mark.hedge), so a filler
# looks the same in the app, the HTML and the PDF.
KIND_STYLE = {  # a highlighted transcript word's look, by TranscriptWord.kind
    "filler": "background-color:#ffe0b2;color:#8a3b00;",
    "hedge": "background-color:#e1bee7;color:#4a0f63;text-decoration:underline;",
    "restart": "background-color:#d7ccc8;color:#3e2723;",
}


def checks_html(checks: Iterable[MetricCheck]) -> str:
    """A table of metrics: value, comfortable band, score, and under each the sentence that
    explains it where it says more than the row: how far off, why not judged, each answer's
    own band. "100 % of judged time is inside the band (at least 60 % of judged time)" under
    every green row doubled the table's height with words the row already showed."""
    rows = []
    for check in checks:
        if check.value is None and not check.unmeasured_because:
            continue
        color = score_colour(check)
        score = "" if check.score is None else str(check.score)
        rows.append(
            f"<tr><td><b>{html.escape(check.label)}</b></td>"
            f"<td>{html.escape(display_value(check))}</td>"
            f"<td>{html.escape(check.band_text)}</td>"
            f'<td align="right"><b style="color:{color}">{score}</b></td></tr>'
        )
        if check.status != "good" or check.per_answer:
            rows.append(
                f'<tr><td colspan="4" style="color:#8b92a1;padding-bottom:4px">'
                f"{html.escape(check.explanation)}</td></tr>"
            )
    if not rows:
        return "<p><i>Nothing could be measured.</i></p>"
    head = "<tr><th align=left>Metric</th><th align=left>You</th><th align=left>Aim for</th>"
    head += "<th align=right>Score</th></tr>"
    # 99.9 %, not 100 %: Qt rounds a 100 % table up to a pixel wider than an even-width view,
    # which cut the Score column's last pixel (or, with the bar allowed, scrolled the page by one).
    return f'<table cellspacing="0" cellpadding="2" width="99.9%">{head}{"".join(rows)}</table>'


def content_html(answer: AnswerReport) -> str:
    content = answer.content
    parts = []
    if content is not None:
        parts.append(f"<h4>{html.escape(content.title)}</h4>")
        if content.note:
            parts.append(f"<p><i>{html.escape(content.note)}</i></p>")
        parts.append("<ul>")
        for point in content.covered:
            said = f" <i>({html.escape(said_at(point.evidence, point.start))})</i>"
            parts.append(f"<li>✔ {html.escape(point.point)}{said if point.evidence else ''}</li>")
        for missed in content.missed:
            parts.append(f"<li>✘ {html.escape(missed)}</li>")
        parts.append("</ul>")
        if content.model_answer:
            parts.append(f"<p><b>A strong answer:</b> {html.escape(content.model_answer)}</p>")
    if answer.story_lines:
        lines = "".join(f"<li>{html.escape(line)}</li>" for line in answer.story_lines)
        parts.append(f"<h4>Story structure (situation, task, action, result)</h4><ul>{lines}</ul>")
    if answer.follow_up is not None:
        parts.append(f"<p><b>Follow-up question:</b> {html.escape(answer.follow_up.text)}</p>")
    return "".join(parts)


def answer_html(answer: AnswerReport) -> str:
    notes = "".join(f"<p><i>{html.escape(note)}</i></p>" for note in answer.body_lines)
    return feedback_html(answer) + checks_html(answer.checks) + notes + content_html(answer)


def transcript_html(words: Sequence[TranscriptWord], transcript: str, link_color: str) -> str:
    """Each word links to `seek:<seconds into the answer>`; fillers, hedges and restarts are
    marked (restarts named in the legend only where the answer has one)."""
    if not words:
        return f"<p>{html.escape(transcript) or '<i>Nothing was transcribed.</i>'}</p>"
    parts = []
    for word in words:
        style = f"color:{link_color};text-decoration:none;" + KIND_STYLE.get(word.kind, "")
        text = html.escape(word.text.strip())
        parts.append(f'<a href="seek:{word.start:.2f}" style="{style}">{text}</a>')
    marks = "".join(
        f'<span style="{KIND_STYLE[kind]}">{kind}</span> · ' for kind in legend_kinds(words)
    )
    legend = f'<p style="color:#8b92a1">{marks}click a word to hear it</p>'
    return '<p style="line-height:150%">' + " ".join(parts) + "</p>" + legend


def _moments(number: int, item: Suggestion) -> str:
    """The tip's evidence as links (`moment:<tip>:<moment>`) that play each from just before."""
    if not item.moments:
        return ""
    links = " · ".join(
        f'<a href="moment:{number}:{index}">Q{m.answer_index + 1} {clock(m.start)}'
        f"{' “' + html.escape(m.text) + '”' if m.text else ''}</a>"
        for index, m in enumerate(item.moments)
    )
    return f"<br>When: {links}"


def summary_html(report: Report) -> str:
    """The whole session: the things to practise first, every metric, and the comparison."""
    parts = ["<h3>What to practise next</h3>"]
    if report.suggestions:
        parts.append("<ol>")
        for number, item in enumerate(report.suggestions):
            parts.append(
                f"<li><b>{html.escape(item.title)}</b>: {html.escape(item.evidence)}"
                f"<br><i>{html.escape(item.tip)}</i>{_moments(number, item)}"
                f'<br><a href="practise:{number}">Practise this now</a></li>'
            )
        parts.append("</ol>")
    else:
        parts.append("<p>Every measured metric is inside its comfortable band. Well done.</p>")
    parts.append("<h3>The whole session</h3>")
    if report.overall_note:
        parts.append(f"<p>{html.escape(report.overall_note)}</p>")
    parts.append(checks_html(report.overall))
    comparison = report.comparison
    if comparison.by_metric:
        parts.append(f"<h3>Since your last session on {html.escape(report.bank_title)}</h3><ul>")
        for change in comparison.by_metric:
            parts.append(f"<li>{html.escape(change.explanation)}</li>")
        parts.append("</ul>")
    # As the exports end: the units ("wpm", "semitones", "dB") and what a score means.
    parts.append("<h3>How to read the scores</h3>")
    parts.append(f'<p style="color:#8b92a1">{html.escape(HOW_TO_READ_SCORES)}</p>')
    return "".join(parts)


def score_summary_html(report: Report) -> str:
    """The strip at the top of the report: the headline numbers Home and History show, each in
    its status colour, and how many of the measured metrics sit in their band."""
    chips = []
    for key in HEADLINE_METRICS:
        check = report.overall_check(key)
        if check.value is None:
            continue
        colour = score_colour(check)
        chips.append(
            f'<span style="color:{colour}">●</span> {html.escape(check.label)} '
            f"<b>{html.escape(display_value(check))}</b>"
        )
    scored = [c for c in report.overall if c.scored]
    good = sum(1 for c in scored if c.status == "good")
    if scored:
        chips.append(f"<b>{good}&nbsp;of&nbsp;{len(scored)}</b> measured metrics in their band")
    return " &nbsp;·&nbsp; ".join(chips)


@dataclass(frozen=True)
class ReportPages:
    """A report with the HTML of its whole-session panes, made together on the pool thread.

    For a long session these are large: the hour's soak (192 answers) spent 171 ms of the GUI
    thread in the versions table alone, a freeze the moment the report opened (issue 19)."""

    report: Report
    scores: str
    summary: str
    versions: str  # empty when no question was answered before


def report_pages(report: Report) -> ReportPages:
    return ReportPages(
        report,
        score_summary_html(report),
        summary_html(report),
        versions_html(report.comparison.versions),
    )

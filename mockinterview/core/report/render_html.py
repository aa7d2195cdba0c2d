"""The report as one self-contained HTML file: inline CSS, inline SVG charts, no network at all.

A person may open it years later, offline, or print it: so nothing is fetched (no fonts, scripts,
images or stylesheets by URL), every chart is SVG in the page, and the print stylesheet starts
each answer on a new page. Every piece of user text (transcripts, questions) is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from mockinterview.core.checklist import PHASE_TITLES, ChecklistEntry
from mockinterview.core.counting import counted, noun_for
from mockinterview.core.errors import ReportError
from mockinterview.core.paths import assets_dir
from mockinterview.core.report.answer_feedback import (
    Remark,
    follow_up_label,
    said_at,
)
from mockinterview.core.report.charts import (
    ZONE_COLOURS,
    band_chart,
    clock,
    date_label,
    lane_colour,
    lane_moments,
    score_colour,
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
    legend_kinds,
    transcript_runs,
)
from mockinterview.core.report.scoring import (
    HOW_TO_READ_SCORES,
    METRIC_BY_KEY,
    MetricCheck,
    display_value,
    format_change,
    format_number,
)
from mockinterview.core.report.suggestions import Suggestion, empty_list_reason
from mockinterview.core.report.timeline import Lane, Timeline

CSS_FILE = ("report", "report.css")
BAND_CHART_W, BAND_CHART_H = 240, 26
TIMELINE_W, TIMELINE_LABEL_W, LANE_H, LANE_GAP, AXIS_H = 900, 150, 16, 6, 22
VERDICT_SIGNS = {"better": "▲ better", "worse": "▼ worse", "same": "= about the same"}


def render_html(report: Report) -> str:
    body = "\n".join(
        [
            _header(report),
            _suggestions(report.suggestions, report.answer_count),
            _overall(report),
            _comparison(report.comparison, report.overall, report.bank_title),
            *(_answer(a) for a in report.answers),
            _appendix(report.checklist),
            f"<footer>MockInterview report, schema {escape(report.schema)}. Made on this "
            "computer; nothing was sent anywhere.</footer>",
        ]
    )
    return (
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
        f"<title>Interview rehearsal report: {escape(date_label(report.started_at))}</title>\n"
        f"<style>\n{_css()}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _css() -> str:
    path = assets_dir().joinpath(*CSS_FILE)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReportError(
            f"the report stylesheet {path} is missing ({exc.strerror}); reinstall MockInterview"
        ) from exc


# -- page sections ------------------------------------------------------------------------------


def _header(report: Report) -> str:
    notice = ""
    if report.status in ("interrupted", "recovered"):
        notice = (
            f"<p class='notice'>This session was {escape(report.status)}: the report covers the "
            f"{counted(report.answer_count, 'answer')} saved before it stopped.</p>"
        )
    if not report.answers:
        notice += "<p class='notice'>No answer was recorded in this session.</p>"
    return (
        "<header><h1>Interview rehearsal report</h1>"
        f"<p class='meta'>{escape(date_label(report.started_at))} &middot; question bank "
        f"<b>{escape(report.bank_title)}</b> &middot; {report.answers_label} "
        f"&middot; session {escape(report.session_id)}</p>"
        f"{notice}</header>"
    )


def _suggestions(suggestions: Sequence[Suggestion], answer_count: int) -> str:
    if not suggestions:
        return (
            "<section><h2>What to practise next</h2>"
            f"<p>{escape(empty_list_reason(answer_count))}</p></section>"
        )
    cards = []
    for rank, item in enumerate(suggestions, start=1):
        severity = "flag" if item.mean_distance >= 1 else "watch"
        where = ""
        if item.moments:
            moments = ", ".join(
                f"answer {m.answer_index + 1} at {clock(m.start)}"
                + (f" “{escape(m.text)}”" if m.text else "")
                for m in item.moments
            )
            where = f"<p class='where'>Where: {moments}</p>"
        elif item.answers:
            where = (
                f"<p class='where'>In {noun_for(len(item.answers), 'answer')} "
                + ", ".join(str(i + 1) for i in item.answers)
                + "</p>"
            )
        cards.append(
            f"<div class='suggestion {severity}'><h3><span class='rank'>{rank}.</span> "
            f"{escape(item.title)}</h3><p>{escape(item.evidence)}</p>"
            f"<p class='tip'><b>Try this:</b> {escape(item.tip)}</p>{where}</div>"
        )
    return (
        "<section><h2>What to practise next</h2>"
        "<p class='note'>Ranked by how far each metric was from its comfortable band, times how "
        "often it was outside it.</p>"
        f"<div class='suggestions'>{''.join(cards)}</div></section>"
    )


def _overall(report: Report) -> str:
    return (
        "<section><h2>The whole session</h2>"
        f"<p class='note'>{escape(report.overall_intro)}</p>"
        f"{_checks_table(report.overall)}</section>"
    )


def _checks_table(checks: Iterable[MetricCheck]) -> str:
    rows = []
    for item in checks:
        value = display_value(item)
        score = "" if item.score is None else str(item.score)
        status_class = "na" if item.status == "n/a" else item.status
        colour = score_colour(item)  # the score's and its badge's, one per row
        rows.append(
            f"<tr><td>{escape(item.label)}</td><td class='num'>{escape(value)}</td>"
            f"<td>{escape(item.band_text)}</td><td class='num'>{escape(item.gap)}</td>"
            f"<td class='num'><b style='color:{colour}'>{score}</b> "
            f"<span class='status {status_class}' style='background:{colour}'>"
            f"{escape(item.status)}</span></td>"
            f"<td class='chart'>{_scale(item)}</td></tr>"
        )
    return (
        "<table><thead><tr><th>Metric</th><th class='num'>Value</th><th>Comfortable band</th>"
        "<th class='num'>Off by</th><th class='num'>Score</th><th>On the scale</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _scale(item: MetricCheck) -> str:
    """The row's band chart; for a value held back from judging, why instead (a grey dot on a
    scale read as a verdict in the PDF, where the chart's hover text is lost), and why a value
    was not measured where that is known; nothing for one that no single band judges."""
    if item.says_why:
        return f"<span class='note'>{escape(item.explanation)}</span>"
    return "" if item.per_answer or item.value is None else _band_svg(item)


def _band_svg(item: MetricCheck) -> str:
    chart = band_chart(item)
    w, h = BAND_CHART_W, BAND_CHART_H
    rects = "".join(
        f"<rect x='{chart.fraction(z.start) * w:.1f}' y='6' "
        f"width='{(chart.fraction(z.end) - chart.fraction(z.start)) * w:.1f}' height='10' "
        f"fill='{ZONE_COLOURS[z.kind]}'/>"
        for z in chart.zones
    )
    dot = ""
    if chart.value is not None:
        x = chart.fraction(chart.value) * (w - 10) + 5
        dot = (
            f"<circle cx='{x:.1f}' cy='11' r='5.5' fill='{score_colour(item)}' "
            "stroke='#fff' stroke-width='1.5'/>"
        )
    labels = (
        f"<text x='0' y='25' font-size='8' fill='#5f6b76'>{format_number(chart.low)}</text>"
        f"<text x='{w}' y='25' font-size='8' fill='#5f6b76' text-anchor='end'>"
        f"{format_number(chart.high)}</text>"
    )
    title = escape(item.explanation)
    return (
        f"<svg width='{w}' height='{h}' viewBox='0 0 {w} {h}' role='img' "
        f"aria-label='{title}'><title>{title}</title>{rects}{dot}{labels}</svg>"
    )


def _comparison(comparison: Comparison, overall: Sequence[MetricCheck], bank_title: str) -> str:
    parts = ["<section><h2>Compared with earlier sessions</h2>"]
    if comparison.previous_session_id is None:
        parts.append(
            f"<p>This is your first session on <b>{escape(bank_title)}</b>: "
            "nothing to compare with yet. Rehearse again and this section shows what moved.</p>"
        )
    else:
        parts.append(
            f"<p>Against your last session on <b>{escape(bank_title)}</b> "
            f"({escape(date_label(comparison.previous_started_at or ''))}; "
            f"{counted(comparison.earlier_sessions, 'earlier session')} on this bank in all). "
            "Better or worse is judged by the distance from the comfortable band, so two values "
            "that are both comfortable count as about the same.</p>"
        )
        parts.append(_changes_table(comparison.by_metric))
        parts.append(_trend_table(comparison, overall))
    if comparison.by_question:
        parts.append("<h3>The same questions, last time</h3>")
        for question in comparison.by_question:
            parts.append(
                f"<p><b>{escape(question.question)}</b> <span class='note'>(last answered "
                f"{escape(date_label(question.previous_started_at))})</span></p>"
            )
            parts.append(_changes_table(question.changes))
    parts.append(versions_html(comparison.versions))
    parts.append("</section>")
    return "".join(parts)


ADDED_STYLE = "background-color:#d8f0dc;color:#1d2330;"
DROPPED_STYLE = "text-decoration:line-through;color:#8b92a1;"


def versions_html(questions: Sequence[QuestionVersions]) -> str:
    """Every attempt at each question side by side, the best one marked; inline styles only,
    so the GUI's text browser shows the same table as the exported file."""
    if not questions:
        return ""
    parts = [
        "<h3>Versions of your answers</h3><p class='note'>Every attempt at a question, oldest "
        "first. Words are compared with the attempt before: "
        f"<span style='{ADDED_STYLE}'>added</span>, <span style='{DROPPED_STYLE}'>dropped</span>. "
        "★ marks the best attempt: the one whose worst metrics were closest to their band.</p>"
    ]
    for question in questions:
        versions = question.versions
        head = "".join(
            f"<th align='left'>{'★ ' if v.best else ''}Attempt {n} "
            f"<span class='note'>({escape(date_label(v.started_at, short=True))})</span></th>"
            for n, v in enumerate(versions, start=1)
        )
        rows = []
        for key in (c.key for c in versions[0].checks):
            label = versions[0].check(key).label
            cells = "".join(
                f"<td style='color:{score_colour(v.check(key))}'>"
                f"{escape(display_value(v.check(key)))}</td>"
                for v in versions
            )
            rows.append(f"<tr><td>{escape(label)}</td>{cells}</tr>")
        rows.append(
            "<tr><td>Fillers said</td>"
            + "".join(f"<td>{v.filler_count}</td>" for v in versions)
            + "</tr><tr><td>Key points</td>"
            + "".join(f"<td>{_key_points(v.covered, v.missed)}</td>" for v in versions)
            + "</tr><tr><td>Story parts</td>"
            + "".join(
                f"<td>{escape(', '.join(v.structure) or 'not judged')}</td>" for v in versions
            )
            + "</tr><tr><td>Words</td>"
            + "".join(f"<td>{_diffed(v.diff, v.transcript)}</td>" for v in versions)
            + "</tr>"
        )
        parts.append(
            f"<p><b>{escape(question.question)}</b></p>"
            f"<table><thead><tr><th align='left'>Metric</th>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    return "".join(parts)


def _key_points(covered: Sequence[str], missed: Sequence[str]) -> str:
    said = escape("; ".join(covered) or "none")
    return said + (
        f"<br><span class='note'>missed: {escape('; '.join(missed))}</span>" if missed else ""
    )


def _diffed(diff: Sequence[tuple[str, str]], transcript: str) -> str:
    if not diff:
        return escape(transcript) or "<i>nothing was said</i>"
    styles = {"added": ADDED_STYLE, "dropped": DROPPED_STYLE}
    return " ".join(
        f"<span style='{styles[op]}'>{escape(text)}</span>" if op in styles else escape(text)
        for op, text in diff
    )


def _trend_table(comparison: Comparison, overall: Sequence[MetricCheck]) -> str:
    started, rows = trend_rows(comparison, overall)
    if not rows:
        return ""
    header = "".join(f"<th class='num'>{escape(date_label(s, short=True))}</th>" for s in started)
    body = "".join(
        f"<tr><td>{escape(row.label)}</td>"
        + "".join(
            f"<td class='num'>{'' if c.score is None else c.score} "
            f"<span class='status {'na' if c.status == 'n/a' else c.status}' "
            f"style='background:{score_colour(c)}'>{c.status}</span></td>"
            for c in row.checks
        )
        + "</tr>"
        for row in rows
    )
    return (
        "<h3>Scores over your recent sessions on this bank</h3>"
        "<p class='note'>Only the metrics that were outside their band at least once.</p>"
        f"<table><thead><tr><th>Metric</th>{header}<th class='num'>This session</th></tr>"
        f"</thead><tbody>{body}</tbody></table>"
    )


def _changes_table(changes: Sequence[MetricChange]) -> str:
    """Only what moved gets a row; the metrics that stayed put are named in one line below."""
    moved = [c for c in changes if c.verdict in ("better", "worse")]
    same = [c.label for c in changes if c.verdict == "same"]
    still = f"<p class='note'>About the same: {escape(', '.join(same))}.</p>" if same else ""
    if not moved:
        return f"<p>No metric moved noticeably closer to its band or further from it.</p>{still}"
    rows = "".join(
        f"<tr><td>{escape(c.label)}</td>"
        f"<td class='num'>{format_number(c.previous)} {escape(c.unit)}</td>"
        f"<td class='num'>{format_number(c.current)} {escape(c.unit)}</td>"
        f"<td class='num'>{format_change(c.change)}</td>"
        f"<td class='{c.verdict}'>{VERDICT_SIGNS.get(c.verdict, c.verdict)}</td></tr>"
        for c in moved
    )
    return (
        "<table><thead><tr><th>Metric</th><th class='num'>Before</th><th class='num'>Now</th>"
        f"<th class='num'>Change</th><th>Verdict</th></tr></thead><tbody>{rows}</tbody></table>"
        f"{still}"
    )


def _answer(answer: AnswerReport) -> str:
    target = answer.check("length").band_text
    delivery = [c for c in answer.checks if METRIC_BY_KEY[c.key].group == "delivery"]
    body = [c for c in answer.checks if METRIC_BY_KEY[c.key].group == "body"]
    coincidences = ""
    if answer.timeline.coincidences:
        items = "".join(f"<li>{escape(c.sentence)}</li>" for c in answer.timeline.coincidences)
        coincidences = f"<p><b>At the same moment:</b></p><ul class='coincidences'>{items}</ul>"
    fillers = ""
    if answer.filler_counts:
        fillers = (
            "<p><b>Fillers:</b> "
            + ", ".join(f"“{escape(word)}” x{count}" for word, count in answer.filler_counts)
            + "</p>"
        )
    body_html = _checks_table(body) if answer.has_body else ""
    body_html += "".join(
        f"<p class='note'><b>{escape(lane.label)}:</b> {lane_moments(lane)}</p>"
        for lane in answer.timeline.lanes
        if lane.kind == "body" and lane.marks
    )
    body_html += "".join(f"<p class='note'>{escape(note)}</p>" for note in answer.body_lines)
    follow = follow_up_label(answer.parent_index)
    return (
        f"<section class='answer{' follow-up' if follow else ''}'>"
        + (f"<p class='meta'>{escape(follow)}</p>" if follow else "")
        + f"<h2><span class='index'>{answer.number_label}</span> {escape(answer.question)}</h2>"
        f"<p class='meta'>{escape(answer.category)} &middot; {clock(answer.duration_s)} "
        f"({answer.duration_s:.0f} s; target {escape(target)}) &middot; "
        f"{counted(answer.word_count, 'word')}</p>"
        f"{_partial(answer)}"
        f"<h3>Timeline</h3>{_timeline_svg(answer.timeline)}{coincidences}"
        f"<h3>Delivery</h3>{_checks_table(delivery)}{fillers}"
        f"<h3>Body language</h3>{body_html}"
        f"{feedback_html(answer)}{_content(answer)}{_structure(answer)}"
        f"<h3>Transcript</h3>{_transcript(answer)}</section>"
    )


def _timeline_svg(timeline: Timeline) -> str:
    duration = max(timeline.duration_s, 1.0)
    plot_w = TIMELINE_W - TIMELINE_LABEL_W - 10
    height = len(timeline.lanes) * (LANE_H + LANE_GAP) + AXIS_H + 4

    def x(t: float) -> float:
        return TIMELINE_LABEL_W + min(max(t, 0.0), duration) / duration * plot_w

    shapes = []
    for c in timeline.coincidences:
        shapes.append(
            f"<rect x='{x(c.start):.1f}' y='0' width='{max(x(c.end) - x(c.start), 2):.1f}' "
            f"height='{height - AXIS_H:.0f}' fill='#c62828' opacity='0.08'>"
            f"<title>{escape(c.sentence)}</title></rect>"
        )
    for row, lane in enumerate(timeline.lanes):
        y = row * (LANE_H + LANE_GAP) + 2
        colour = lane_colour(lane.key, lane.kind)
        shapes.append(
            f"<text x='{TIMELINE_LABEL_W - 8}' y='{y + LANE_H - 4}' font-size='12' "
            f"text-anchor='end' fill='#1f2933'>{escape(_lane_label(lane))}</text>"
            f"<rect x='{TIMELINE_LABEL_W}' y='{y}' width='{plot_w}' height='{LANE_H}' "
            "fill='#f5f7f9'/>"
        )
        for mark in lane.marks:
            tip = f"{escape(mark.text) + ' ' if mark.text else ''}{clock(mark.start)}"
            if mark.end > mark.start:
                tip += f"-{clock(mark.end)}"
                shapes.append(
                    f"<rect x='{x(mark.start):.1f}' y='{y + 2}' "
                    f"width='{max(x(mark.end) - x(mark.start), 2):.1f}' height='{LANE_H - 4}' "
                    f"rx='2' fill='{colour}'><title>{tip}</title></rect>"
                )
            else:
                shapes.append(
                    f"<circle cx='{x(mark.start):.1f}' cy='{y + LANE_H / 2}' r='4.5' "
                    f"fill='{colour}'><title>{tip}</title></circle>"
                )
    axis_y = height - AXIS_H
    shapes.append(
        f"<line x1='{TIMELINE_LABEL_W}' x2='{TIMELINE_LABEL_W + plot_w}' y1='{axis_y}' "
        f"y2='{axis_y}' stroke='#5f6b76'/>"
    )
    for tick in time_ticks(duration):
        shapes.append(
            f"<line x1='{x(tick):.1f}' x2='{x(tick):.1f}' y1='{axis_y}' y2='{axis_y + 4}' "
            f"stroke='#5f6b76'/><text x='{x(tick):.1f}' y='{axis_y + 16}' font-size='11' "
            f"text-anchor='middle' fill='#5f6b76'>{clock(tick)}</text>"
        )
    return (
        f"<svg class='timeline' viewBox='0 0 {TIMELINE_W} {height}' role='img' "
        "aria-label='Timeline of speech and body cues'>" + "".join(shapes) + "</svg>"
    )


def _lane_label(lane: Lane) -> str:
    """Counts help for fillers and cues; for stretches of speech the count means nothing."""
    return lane.label if lane.key == "speaking" else f"{lane.label} ({len(lane.marks)})"


def _content(answer: AnswerReport) -> str:
    content = answer.content
    if content is None:
        return ""
    covered = "".join(
        f"<li>{escape(p.point)} "
        f"<span class='note'>(you said {escape(said_at(p.evidence, p.start))})</span></li>"
        for p in content.covered
    )
    missed = "".join(f"<li>{escape(point)}</li>" for point in content.missed)
    model = escape(content.model_answer)
    if content.coverage_pct is None:
        return f"<h3>{escape(content.title)}</h3><p class='note'>{escape(content.note)}</p>"
    return (
        f"<h3>{escape(content.title)}</h3><div class='columns'>"
        f"<div><b>Covered</b><ul class='points'>{covered or '<li>none</li>'}</ul></div>"
        f"<div><b>Missed</b><ul class='points'>{missed or '<li>none</li>'}</ul></div></div>"
        + (f"<p><b>A model answer:</b></p><p class='model-answer'>{model}</p>" if model else "")
    )


def _remarks(remarks: Sequence[Remark]) -> str:
    items = "".join(
        f"<li>{escape(r.text)}"
        + (f" <span class='note'>({escape(said_at(r.quote, r.start))})</span>" if r.quote else "")
        + "</li>"
        for r in remarks
    )
    return f"<ul class='points'>{items or '<li>none found</li>'}</ul>"


def feedback_html(answer: AnswerReport) -> str:
    """Two strengths and up to three things to improve, each with the words it is about (the
    GUI's report page shows the same section)."""
    feedback = answer.feedback
    if feedback is None or not (feedback.strengths or feedback.improvements):
        return ""
    return (
        "<h3>In a few words</h3><div class='columns'>"
        f"<div><b>Strengths</b>{_remarks(feedback.strengths)}</div>"
        f"<div><b>To improve</b>{_remarks(feedback.improvements)}</div></div>"
    )


def _structure(answer: AnswerReport) -> str:
    parts = ""
    if answer.story_lines:
        lines = "".join(f"<li>{escape(line)}</li>" for line in answer.story_lines)
        parts += f"<h3>Story structure (situation, task, action, result)</h3><ul>{lines}</ul>"
    if answer.follow_up is not None:
        parts += f"<p><b>Follow-up question:</b> {escape(answer.follow_up.text)}</p>"
    return parts


def _transcript(answer: AnswerReport) -> str:
    marks = "".join(f"<mark class='{kind}'>{kind}</mark> " for kind in legend_kinds(answer.words))
    legend = f"<p class='legend note'>{marks}as counted by the speech analysis</p>"
    if not answer.words:
        text = escape(answer.transcript) or "<i>No words were recognised in this answer.</i>"
        return f"<p class='transcript'>{text}</p>"
    return f"{legend}<p class='transcript'>{_highlighted(answer.words)}</p>"


def _highlighted(words: Sequence[TranscriptWord]) -> str:
    return " ".join(
        escape(text)
        if kind == "word"
        else f"<mark class='{kind}' title='{kind} at {clock(start)}'>{escape(text)}</mark>"
        for kind, text, start in transcript_runs(words)
    )


def _appendix(checklist: Sequence[ChecklistEntry]) -> str:
    groups = []
    for phase, title in PHASE_TITLES.items():
        items = "".join(
            f"<li><span class='box'>{'☑' if e.ticked else '☐'}</span>{escape(e.text)}</li>"
            for e in checklist
            if e.phase == phase
        )
        if items:
            groups.append(f"<h3>{escape(title)}</h3><ul class='checklist'>{items}</ul>")
    checklist_html = (
        "".join(groups)
        if groups
        else "<p class='note'>The prep checklist was not included in this export.</p>"
    )
    return (
        "<section><h2>Appendix: prep checklist</h2>"
        "<p class='note'>Ticked items are the ones you marked done in MockInterview "
        "(<code>mockinterview checklist</code>).</p>"
        f"{checklist_html}"
        f"<h3>How to read the scores</h3><p class='note'>{escape(HOW_TO_READ_SCORES)}</p>"
        "</section>"
    )


def _partial(answer: AnswerReport) -> str:
    return f"<p class='note'><b>{escape(PARTIAL_NOTE)}</b></p>" if answer.partial else ""

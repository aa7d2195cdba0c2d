"""A packet for a coach or a friend: one session as a folder anyone can open, no account needed.

    folder = write_packet(report, chosen_moments, out_dir)

The folder holds `index.html` (the clips of the moments the person picked, each with its tip,
question, time and the words said, and a link to the report), `report.html` (the whole report,
with the comparison and versions), and `clips/`: a few seconds of the session recording around
each picked moment, as MP4 (H.264 + AAC, which every browser plays) or M4A when the session had
no camera. Only those seconds leave the recording; the rest stays in the app.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from mockinterview.core.counting import counted
from mockinterview.core.errors import MediaError, ReportError
from mockinterview.core.report.charts import clock
from mockinterview.core.report.model import Report
from mockinterview.core.report.practice_now import play_from_s
from mockinterview.core.report.render_html import render_html
from mockinterview.core.report.suggestions import SessionMoment, Suggestion
from mockinterview.core.session.playback import seek
from mockinterview.core.session.recording import first_video_time_s
from mockinterview.core.session.store import write_atomic

PLAY_AFTER_S = 3.0  # s kept after a moment ends: the end of the sentence it was in
MAX_CLIP_S = 30.0  # s; a long cue (a minute of slouching) is cut to its start
AUDIO_RATE = 16000  # Hz, as recorded


@dataclass(frozen=True)
class PacketMoment:
    """One moment the person may put in the packet: which tip it is evidence for, and where."""

    tip: Suggestion
    moment: SessionMoment
    whole_answer: bool = False  # a tip about whole answers: the answer from its start

    def label(self, report: Report) -> str:
        answer = next((a for a in report.answers if a.index == self.moment.answer_index), None)
        question = answer.question if answer else ""
        number = f"Q{self.moment.answer_index + 1}"
        if not self.whole_answer:
            said = f" “{self.moment.text}”" if self.moment.text else ""
            where = f"{number} at {clock(self.moment.start)}{said}"
        elif answer is not None and self.moment.end < answer.duration_s:
            where = f"{number}, its first {clock(self.moment.end)}"
        else:  # "Q1 at 0:00" under three tips read as three moments, and was one clip
            where = f"{number}, the whole answer"
        return f"{self.tip.title}: {where} ({question})"


def packet_moments(report: Report) -> list[PacketMoment]:
    """Every moment of every "practise next" tip, in the tips' order. A tip about whole answers
    (their length, pace or pitch) has no moments: each answer it is about counts as one, from
    its start, so a coach can hear it."""
    found = []
    for tip in report.suggestions:
        if tip.moments:
            found += [PacketMoment(tip, moment) for moment in tip.moments]
            continue
        for answer in report.answers:
            if answer.index in tip.answers:
                length = min(answer.duration_s, MAX_CLIP_S - PLAY_AFTER_S)
                moment = SessionMoment(answer.index, 0.0, length, "")
                found.append(PacketMoment(tip, moment, whole_answer=True))
    return found


def clip_range(report: Report, moment: SessionMoment) -> tuple[float, float] | None:
    """Seconds of the session recording a moment's clip covers; None without a place in it."""
    answer = next((a for a in report.answers if a.index == moment.answer_index), None)
    if answer is None or answer.recording_offset_s is None:
        return None
    start = answer.recording_offset_s + play_from_s(moment.start)
    end = answer.recording_offset_s + max(moment.end, moment.start) + PLAY_AFTER_S
    return round(start, 2), round(min(end, start + MAX_CLIP_S), 2)


def cut_clip(source: Path, start_s: float, end_s: float, out: Path, pictures: bool = True) -> Path:
    """Re-encode `start_s`..`end_s` of `source` into `out` (.mp4 with video, else .m4a).
    A video stream with no picture in that span (a session recorded without a camera) gives
    a sound-only clip, as `pictures=False` does."""
    import av

    try:
        container = av.open(str(source))
    except (av.error.FFmpegError, OSError) as exc:
        raise MediaError(f"{source}: the recording cannot be read ({exc})") from exc
    with container:
        video_in = container.streams.video[0] if container.streams.video and pictures else None
        audio_in = container.streams.audio[0] if container.streams.audio else None
        if video_in is None and audio_in is None:
            raise MediaError(f"{source} holds neither sound nor picture to cut a clip from.")
        out = out.with_suffix(".mp4" if video_in is not None else ".m4a")
        part = out.with_name(f".{out.name}.part")
        with av.open(str(part), "w", format="mp4") as sink:
            video_out = audio_out = resampler = None
            fps = 25
            if video_in is not None:
                fps = round(video_in.average_rate or 25)
                video_out = sink.add_stream("libx264", rate=fps)
                video_out.width = video_in.codec_context.width
                video_out.height = video_in.codec_context.height
                video_out.pix_fmt = "yuv420p"
                video_out.options = {"preset": "veryfast", "crf": "26"}
            if audio_in is not None:
                audio_out = sink.add_stream("aac", rate=AUDIO_RATE)
                audio_out.layout = "mono"
                resampler = av.AudioResampler(format="fltp", layout="mono", rate=AUDIO_RATE)
            streams = [s for s in (video_in, audio_in) if s is not None]
            try:
                seek(container, start_s - 1.0, audio_in)  # a keyframe before
            except av.error.FFmpegError as exc:
                raise MediaError(f"{source}: the recording cannot be read ({exc})") from exc
            done: set[int] = set()
            frames = samples = 0
            for packet in container.demux(streams):
                if packet.stream.index in done:
                    continue
                for frame in packet.decode():
                    at = frame.time
                    if at is None or at < start_s:
                        continue
                    if at > end_s:
                        done.add(packet.stream.index)
                        break
                    # Times restart at 0 in the clip, counted in each stream's own units.
                    if packet.stream is video_in:
                        image = frame.reformat(format="yuv420p")
                        image.pts, image.time_base = frames, Fraction(1, fps)
                        frames += 1
                        for encoded in video_out.encode(image):
                            sink.mux(encoded)
                    else:
                        for piece in resampler.resample(frame):
                            piece.pts, piece.time_base = samples, Fraction(1, AUDIO_RATE)
                            samples += piece.samples
                            for encoded in audio_out.encode(piece):
                                sink.mux(encoded)
                if len(done) == len(streams):
                    break
            for stream in (video_out, audio_out):
                if stream is not None:
                    for encoded in stream.encode(None):
                        sink.mux(encoded)
        if video_in is not None and frames == 0 and audio_in is not None:
            part.unlink()
            return cut_clip(source, start_s, end_s, out, pictures=False)
        part.replace(out)
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def write_packet(
    report: Report,
    chosen: Sequence[PacketMoment],
    out_dir: Path,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Write the packet folder into `out_dir` and return it (see the module docstring)."""
    say = progress or (lambda what: None)
    folder = Path(out_dir) / f"mockinterview-{report.session_id}-for-review"
    try:
        (folder / "clips").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"cannot create the packet folder {folder}: {exc}") from exc
    say("writing the report")
    write_atomic(folder / "report.html", render_html(report).encode("utf-8"))
    recording = Path(report.recording) if report.recording else None
    if chosen and (recording is None or not recording.is_file()):
        raise ReportError(
            "This session kept no recording, so there are no clips to add; the report alone "
            "can be exported as HTML or PDF."
        )
    # A session recorded without a camera has a video stream with no picture: found once here,
    # each clip is cut as sound at the first go rather than cut, found empty and cut again.
    pictures = bool(chosen) and first_video_time_s(recording) is not None
    items = []
    for number, picked in enumerate(chosen, start=1):
        span = clip_range(report, picked.moment)
        if span is None:
            continue
        say(f"cutting clip {number} of {len(chosen)}")
        name = f"clip-{number:02d}-{_slug(picked.tip.title)}"
        clip = cut_clip(recording, span[0], span[1], folder / "clips" / name, pictures)
        items.append((picked, clip, span))
    write_atomic(folder / "index.html", _index_html(report, items).encode("utf-8"))
    say("done")
    return folder


def _index_html(
    report: Report, items: Sequence[tuple[PacketMoment, Path, tuple[float, float]]]
) -> str:
    started = report.started_at[:16].replace("T", " ")
    clips = []
    for picked, clip, (start, end) in items:
        tag = "video" if clip.suffix == ".mp4" else "audio"
        source = f"clips/{html.escape(clip.name)}"
        clips.append(
            f"<section><h2>{html.escape(picked.label(report))}</h2>"
            f"<p>{html.escape(picked.tip.evidence)}</p>"
            f'<{tag} controls preload="metadata" src="{source}"></{tag}>'
            f"<p class=note>{clock(end - start)} of the recording around the moment; the tip: "
            f"{html.escape(picked.tip.tip)}</p></section>"
        )
    body = "".join(clips) or "<p>No clips were chosen: the report is in report.html.</p>"
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        f"<title>Interview practice for review: {html.escape(started)}</title>"
        "<style>body{font-family:sans-serif;max-width:860px;margin:2em auto;padding:0 1em;"
        "color:#1f2933}video{width:100%;max-height:420px;background:#000}audio{width:100%}"
        "section{margin:2em 0}.note{color:#616e7c}</style></head><body>"
        f"<h1>Interview practice, {html.escape(started)}</h1>"
        f"<p>{counted(report.answer_count, 'answer')}. These are the moments picked for you to "
        "look at, each with what the app measured there. What would you tell me? "
        '<a href="report.html">The whole report</a> (every answer, its transcript, and how it '
        "compares with earlier attempts).</p>"
        f"{body}</body></html>"
    )

"""The coach packet: a folder with the report, and a real clip cut from the session recording
around each moment the person picked."""

from __future__ import annotations

from pathlib import Path

import av
import pytest

from mockinterview.core.errors import ReportError
from mockinterview.core.report import packet
from mockinterview.core.report.model import build_report
from mockinterview.core.report.packet import clip_range, packet_moments, write_packet
from tests.conftest import synthesize
from tests.gui.conftest import write_recording
from tests.report.conftest import CLIP_DELIVERY, answer, body_block, session, speech


@pytest.fixture
def fillers_report(tmp_path: Path):
    """A rushed answer full of fillers (real-pipeline speech block) whose 15 s recording has
    a real picture and real speech."""
    wav = synthesize("Um, so, like, I moved the payments service.", tmp_path / "speech.wav")
    recording = write_recording(tmp_path / "recording.mkv", 15.0, wav)
    stored = session([answer(0, speech("rushed_fillers"), body_block())])
    return build_report({**stored, "recording": str(recording)})


def _probe(path: Path) -> tuple[bool, bool, float]:
    with av.open(str(path)) as container:
        duration = container.duration / av.time_base
        return bool(container.streams.video), bool(container.streams.audio), duration


def test_packet_holds_the_report_and_a_clip_per_picked_moment(fillers_report, tmp_path) -> None:
    report = fillers_report
    moments = packet_moments(report)
    fillers = [m for m in moments if m.tip.key == "fillers"]
    assert len(fillers) >= 2  # the rushed answer's "um"s and "uh"s
    picked = [fillers[0], fillers[-1]]
    folder = write_packet(report, picked, tmp_path / "out")
    assert (folder / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    clips = sorted((folder / "clips").iterdir())
    assert [c.suffix for c in clips] == [".mp4", ".mp4"]
    index = (folder / "index.html").read_text(encoding="utf-8")
    for picked_moment, clip in zip(picked, clips, strict=True):
        assert f'src="clips/{clip.name}"' in index
        start, end = clip_range(report, picked_moment.moment)
        video, audio, duration = _probe(clip)
        assert video and audio
        assert abs(duration - (end - start)) < 1.0
        assert "Q1 at" in index and picked_moment.moment.text in index
    assert 'href="report.html"' in index


def test_a_session_recorded_without_a_camera_gives_sound_clips(tmp_path: Path, monkeypatch) -> None:
    """Its recording has a video stream with no picture, through which FFmpeg refuses every
    seek: the clip is cut by the sound's stream, once, and holds sound only (.m4a)."""
    cuts = []
    cut = packet.cut_clip
    monkeypatch.setattr(packet, "cut_clip", lambda *a, **k: cuts.append(a) or cut(*a, **k))
    wav = synthesize("Um, so, like, I moved the payments service.", tmp_path / "speech.wav")
    recording = write_recording(tmp_path / "recording.mkv", 0.0, wav)
    stored = session([answer(0, speech("rushed_fillers"), None)])
    report = build_report({**stored, "recording": str(recording)})
    picked = [m for m in packet_moments(report) if m.tip.key == "fillers"][-1]
    folder = write_packet(report, [picked], tmp_path / "out")
    (clip,) = (folder / "clips").iterdir()
    assert clip.suffix == ".m4a"
    video, audio, duration = _probe(clip)
    start, end = clip_range(report, picked.moment)
    assert audio and not video and len(cuts) == 1
    assert 2.0 < duration <= end - start  # the recording's 3.8 s end inside the clip's span


def test_a_session_without_recording_gives_no_clips(tmp_path: Path) -> None:
    report = build_report(session([answer(0, speech("rushed_fillers"), None)]))
    moments = packet_moments(report)
    with pytest.raises(ReportError, match="no recording"):
        write_packet(report, moments[:1], tmp_path)
    folder = write_packet(report, [], tmp_path)  # the report alone still makes a packet
    assert (folder / "report.html").is_file() and "No clips" in (folder / "index.html").read_text()


def test_a_tip_about_whole_answers_offers_each_answer(tmp_path: Path) -> None:
    """Pace is judged per answer, not at moments: the answer itself is the moment to share."""
    stored = session([answer(0, speech("pace_200"), body_block())])
    report = build_report({**stored, "recording": None}, delivery=CLIP_DELIVERY)
    pace = next(t for t in report.suggestions if t.key == "pace")
    assert pace.moments == ()
    (offered,) = [m for m in packet_moments(report) if m.tip.key == "pace"]
    assert offered.moment.answer_index == 0 and offered.moment.start == 0.0
    start, end = clip_range(report, offered.moment)
    assert start == 0.0 and end == pytest.approx(report.answers[0].duration_s + 3.0, abs=0.05)
    # not "Q1 at 0:00", which under three such tips read as three moments of one clip
    assert offered.label(report).startswith("Slow down: Q1, the whole answer ("), offered.label(
        report
    )

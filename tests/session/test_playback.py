"""What the report's player gets from a recording: real H.264 + AAC decoded by PyAV."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from mockinterview.core.audio_file import decode_audio, write_wav
from mockinterview.core.errors import MediaError
from mockinterview.core.session.playback import Picture, PlaybackReader, Sound
from tests.conftest import synthesize
from tests.gui.conftest import RECORDING_FPS, write_recording


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """8 s of the swaying astronaut at 10 fps, with a spoken sentence from its start."""
    folder = tmp_path_factory.mktemp("playback")
    speech = synthesize("I think I led the team to a good result.", folder / "speech.wav")
    return write_recording(folder / "recording.mkv", 8.0, speech)


def _reference_frames(path: Path) -> list[tuple[float, np.ndarray]]:
    """Every frame as PyAV's own converter makes it: what the reader's pictures must match."""
    with av.open(str(path)) as container:
        return [(float(f.time), f.to_ndarray(format="rgb24")) for f in container.decode(video=0)]


def test_the_picture_at_a_moment_is_the_frame_on_screen_then(recording: Path) -> None:
    frames = _reference_frames(recording)
    with PlaybackReader(recording) as reader:
        assert reader.duration_s == pytest.approx(8.0, abs=0.15)
        assert reader.has_video and (reader.sample_rate, reader.channels) == (16000, 1)
        for moment in (0.0, 3.0, 3.05, 6.99):
            picture = reader.picture_at(moment)
            time_s, expected = max((f for f in frames if f[0] <= moment + 1e-3), key=lambda f: f[0])
            assert picture is not None and picture.time_s == pytest.approx(time_s)
            assert picture.rgb.shape == expected.shape
            # OpenCV and swscale round the colour conversion apart by a level or two.
            assert np.abs(picture.rgb.astype(int) - expected).mean() < 2.0
        # The frames differ from each other (the photo sways): the match above means something.
        assert np.abs(frames[0][1].astype(int) - frames[25][1]).mean() > 2.0


def test_pictures_are_scaled_to_fit_the_view_keeping_their_shape(recording: Path) -> None:
    with PlaybackReader(recording, fit=(200, 120)) as reader:
        picture = reader.picture_at(1.0)
    assert picture is not None and picture.rgb.shape == (120, 120, 3)


def test_playing_from_a_moment_starts_with_its_picture_and_its_sound(recording: Path) -> None:
    with PlaybackReader(recording) as reader:
        items = list(reader.play_from(1.05))
    pictures = [i for i in items if isinstance(i, Picture)]
    sounds = [i for i in items if isinstance(i, Sound)]
    times = [p.time_s for p in pictures]
    # The frame on screen at 1.05 s (the one from 1.0 s) comes first, then every later frame.
    assert times[0] == pytest.approx(1.0) and times == sorted(times)
    assert len(times) == round((8.0 - 1.0) * RECORDING_FPS)
    assert sounds[0].time_s == pytest.approx(1.05, abs=1e-3)
    heard = np.concatenate([s.samples[:, 0] for s in sounds])
    # decode_audio's first sample is the first packet's (64 ms in: the AAC encoder's delay).
    with av.open(str(recording)) as container:
        first = float(next(container.decode(audio=0)).time)
    skipped = round((1.05 - first) * 16000)
    whole = decode_audio(recording)
    expected = whole[skipped:][: len(heard)]
    assert len(heard) == len(whole) - skipped
    assert np.corrcoef(heard, expected)[0, 1] > 0.99  # the same sound, from the same moment
    assert np.sqrt(np.mean(heard**2)) > 0.01  # and it is speech, not silence


def test_a_recording_cut_off_by_a_crash_plays_up_to_the_cut(
    recording: Path, tmp_path: Path
) -> None:
    cut = tmp_path / "cut.mkv"
    data = recording.read_bytes()
    cut.write_bytes(data[: len(data) * 6 // 10])
    with PlaybackReader(cut) as reader:
        pictures = [i for i in reader.play_from(0.0) if isinstance(i, Picture)]
    assert 2.0 < pictures[-1].time_s < 7.9


def test_a_recording_whose_video_stream_holds_no_picture_plays_its_sound(tmp_path: Path) -> None:
    """A session without a camera: the recording has a video stream with no frame in it, in
    which FFmpeg refuses every seek (even to 0). Its sound still plays from any moment."""
    speech = synthesize("I think I led the team to a good result.", tmp_path / "speech.wav")
    path = write_recording(tmp_path / "no-camera.mkv", 0.0, speech)
    with PlaybackReader(path) as reader:
        assert reader.has_video and reader.picture_at(1.0) is None
        items = list(reader.play_from(1.5))
    assert items and all(isinstance(i, Sound) for i in items)
    assert items[0].time_s == pytest.approx(1.5)
    assert sum(len(i.samples) for i in items) > 0.5 * 16000


def test_a_sound_file_plays_without_pictures(tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "tone.wav", 0.3 * np.sin(np.arange(16000) / 16000 * 2 * np.pi * 440))
    with PlaybackReader(wav) as reader:
        assert not reader.has_video and reader.picture_at(0.5) is None
        items = list(reader.play_from(0.5))
    assert all(isinstance(i, Sound) for i in items)
    assert sum(len(i.samples) for i in items) == 8000


def test_a_file_that_is_not_media_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.mkv"
    bad.write_text("not a video")
    with pytest.raises(MediaError, match=r"notes\.mkv cannot be played"):
        PlaybackReader(bad)

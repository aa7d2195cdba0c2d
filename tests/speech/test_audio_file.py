"""Decoding any audio/video file, and WAVs that are valid while still being written."""

from __future__ import annotations

import wave
from pathlib import Path

import av
import numpy as np
import pytest

from mockinterview.core.audio_file import SAMPLE_RATE, WavWriter, decode_audio, iter_audio_blocks
from mockinterview.core.errors import MediaError


def tone(seconds: float, rate: int, hz: float = 440.0, amplitude: float = 0.5) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * hz * t)).astype(np.float32)


def encode(path: Path, samples: np.ndarray, rate: int, codec: str, video: bool = False) -> Path:
    """Write a real compressed file with FFmpeg (through PyAV), optionally with a video track."""
    with av.open(str(path), "w") as container:
        if video:
            picture = container.add_stream("mpeg4", rate=10)
            picture.width, picture.height, picture.pix_fmt = 64, 48, "yuv420p"
        sound = container.add_stream(codec, rate=rate, layout="mono")
        stereo_fmt = sound.codec_context.codec.audio_formats[0].name
        frame_size = sound.codec_context.frame_size or 1024
        for start in range(0, len(samples), frame_size):
            chunk = samples[start : start + frame_size]
            frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="flt", layout="mono")
            frame.sample_rate = rate
            frame.pts = start
            for converted in av.AudioResampler(
                format=stereo_fmt, layout="mono", rate=rate
            ).resample(frame):
                container.mux(sound.encode(converted))
            if video and start % (rate // 10) < frame_size:
                image = av.VideoFrame.from_ndarray(np.zeros((48, 64, 3), np.uint8), format="rgb24")
                container.mux(picture.encode(image))
        container.mux(sound.encode(None))
        if video:
            container.mux(picture.encode(None))
    return path


@pytest.mark.parametrize(
    ("name", "codec"), [("a.flac", "flac"), ("a.m4a", "aac"), ("a.mp3", "libmp3lame")]
)
def test_compressed_audio_decodes_to_16k_mono(tmp_path: Path, name: str, codec: str) -> None:
    if codec not in av.codecs_available:
        pytest.skip(f"this FFmpeg build has no {codec} encoder")
    path = encode(tmp_path / name, tone(2.0, 44100), 44100, codec)
    samples = decode_audio(path)
    assert samples.dtype == np.float32
    assert abs(len(samples) / SAMPLE_RATE - 2.0) < 0.1
    assert 0.3 < np.sqrt(np.mean(samples**2)) < 0.4  # a 0.5 sine has RMS 0.354


def test_audio_track_of_a_video(tmp_path: Path) -> None:
    path = encode(tmp_path / "talk.mkv", tone(1.5, 48000), 48000, "aac", video=True)
    samples = decode_audio(path)
    assert abs(len(samples) / SAMPLE_RATE - 1.5) < 0.1


def test_blocks_have_the_asked_size(tmp_path: Path) -> None:
    path = tmp_path / "t.wav"
    with WavWriter(path) as writer:
        writer.write(tone(1.05, SAMPLE_RATE))
    blocks = list(iter_audio_blocks(path, block_s=0.1))
    assert [len(b) for b in blocks[:-1]] == [1600] * 10
    assert sum(len(b) for b in blocks) == int(1.05 * SAMPLE_RATE)


def test_wav_is_valid_before_it_is_closed(tmp_path: Path) -> None:
    path = tmp_path / "answer.wav"
    writer = WavWriter(path)
    writer.write(tone(0.5, SAMPLE_RATE))
    writer.write(tone(0.5, SAMPLE_RATE))
    with wave.open(str(path), "rb") as wav:  # as a reader would find it after a crash
        assert wav.getnframes() == SAMPLE_RATE
    writer.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "is empty"),
        (b"this is a shopping list, not a recording\n" * 20, "not an audio or video file"),
    ],
)
def test_bad_files_give_a_clear_media_error(
    tmp_path: Path, content: bytes | None, message: str
) -> None:
    path = tmp_path / "answer.wav"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(MediaError, match=message):
        decode_audio(path)


def test_a_recording_cut_off_part_way_is_called_incomplete(tmp_path: Path) -> None:
    """A real MP4 with its first half only, as a copy from a phone stopped part-way leaves it:
    the index that makes it playable comes last, so the file is said to be incomplete, not to
    be "not an audio or video file"."""
    whole = tmp_path / "whole.mp4"
    with av.open(str(whole), "w") as container:
        sound = container.add_stream("aac", rate=SAMPLE_RATE)
        sound.layout = "mono"
        samples = (tone(2.0, SAMPLE_RATE) * 32767).astype(np.int16)
        for start in range(0, len(samples), 1024):
            frame = av.AudioFrame.from_ndarray(
                samples[None, start : start + 1024], format="s16", layout="mono"
            )
            frame.sample_rate, frame.pts = SAMPLE_RATE, start
            for packet in sound.encode(frame):
                container.mux(packet)
        for packet in sound.encode(None):
            container.mux(packet)
    assert len(decode_audio(whole)) > SAMPLE_RATE  # the whole file reads
    cut = tmp_path / "call.mp4"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(MediaError, match=r"call\.mp4 is an MP4/MOV/M4A recording .* incomplete"):
        decode_audio(cut)


def test_video_without_sound_says_so(tmp_path: Path) -> None:
    path = tmp_path / "silent.mkv"
    with av.open(str(path), "w") as container:
        picture = container.add_stream("mpeg4", rate=10)
        picture.width, picture.height, picture.pix_fmt = 64, 48, "yuv420p"
        for _ in range(5):
            image = av.VideoFrame.from_ndarray(np.zeros((48, 64, 3), np.uint8), format="rgb24")
            container.mux(picture.encode(image))
        container.mux(picture.encode(None))
    with pytest.raises(MediaError, match="no audio track"):
        decode_audio(path)


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match="is a folder"):
        decode_audio(tmp_path)


def test_a_subtitle_file_is_not_said_to_lack_only_its_sound(tmp_path: Path) -> None:
    """FFmpeg opens a WebVTT transcript as a media file: "has no audio track" read as if it were
    a silent video."""
    subtitles = tmp_path / "answer.vtt"
    subtitles.write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nHello there.\n", encoding="utf-8")
    with pytest.raises(MediaError, match=r"is not an audio or video file \(it holds no sound"):
        decode_audio(subtitles)

"""packaging/unused_libraries.py on this environment's real PyAV: with the encoders and TLS the
app never uses replaced by stubs, PyAV still loads (every imported symbol found) and still
records what the app records (H.264 + AAC), and it refuses HEVC and AV1 with an error instead of
crashing. The bundle itself is checked by the frozen smoke test (test_frozen_bundle.py)."""

from __future__ import annotations

import fractions
import json
import shutil
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or not (shutil.which("cc") and shutil.which("nm")),
    reason="the stubs are built for the Linux bundle, with a C compiler and binutils",
)

# Run in a fresh interpreter that finds the stubbed copy of PyAV first.
RECORD_AND_REFUSE = r"""
import fractions, json, sys
import av, numpy as np

result = {"av": av.__file__}
path = sys.argv[1]
with av.open(path, "w") as out:
    video = out.add_stream("libx264", rate=10)
    video.width, video.height, video.pix_fmt = 64, 48, "yuv420p"
    audio = out.add_stream("aac", rate=16000)
    for index in range(10):
        frame = av.VideoFrame.from_ndarray(np.full((48, 64, 3), index * 20, np.uint8), "rgb24")
        frame.pts, frame.time_base = index, fractions.Fraction(1, 10)
        out.mux(video.encode(frame))
    out.mux(video.encode())
    sound = av.AudioFrame.from_ndarray(np.zeros((1, 16000), np.float32), "fltp", "mono")
    sound.sample_rate = 16000
    out.mux(audio.encode(sound))
    out.mux(audio.encode())
with av.open(path) as back:
    result["frames"] = sum(1 for _ in back.decode(video=0))
for codec in ("libx265", "libsvtav1"):
    try:
        context = av.CodecContext.create(codec, "w")
        context.width, context.height, context.pix_fmt = 64, 48, "yuv420p"
        context.time_base = fractions.Fraction(1, 10)
        context.open()
        result[codec] = "opened"
    except Exception as error:
        result[codec] = type(error).__name__
result["avdevice"] = av.library_versions["libavdevice"]
print(json.dumps(result))
"""


def _run_json(script: str, *args: str, env: dict[str, str]) -> object:
    """What `script` prints as JSON, run in a fresh interpreter with `env` and the system PATH
    only (no venv on the library path: it finds what `env` points it to)."""
    run = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", **env},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def _copy_of_pyav(folder: Path) -> Path:
    site = Path(av.__file__).parent.parent
    for prefix in ("libx265-", "libSvtAv1Enc-", "libgnutls-", "libavdevice-"):
        if not any((site / "av.libs").glob(f"{prefix}*")):
            pytest.skip(f"this PyAV wheel carries no {prefix}* (the bundle's build does)")
    for name in ("av", "av.libs"):
        shutil.copytree(site / name, folder / name, symlinks=True)
    return folder


def test_stubbed_pyav_records_h264_and_aac_and_refuses_hevc_and_av1(
    unused_libraries, tmp_path: Path
) -> None:
    copy = _copy_of_pyav(tmp_path / "site")
    stubbed, _ = unused_libraries.stub_unused(copy)
    expected = {"libx265", "libSvtAv1Enc", "libgnutls", "libavdevice"}
    assert {name.split("-")[0] for name in stubbed} >= expected
    for name in stubbed:
        assert (copy / "av.libs" / name).stat().st_size < 100_000, name  # the stub, not 2-21 MB

    result = _run_json(RECORD_AND_REFUSE, str(tmp_path / "clip.mkv"), env={"PYTHONPATH": str(copy)})
    assert Path(result["av"]).is_relative_to(copy)
    assert result["frames"] == 10
    assert result["libx265"] != "opened" and result["libsvtav1"] != "opened", result
    assert result["avdevice"] == [62, 3, 102], result  # the stub's answer to PyAV's import


# The external codecs the bundle stubs: the library each needs in the wheel, and a file made in
# its format with the real library (FFmpeg's own decoder must read it once the library is a stub).
# PyAV 18.1.1's wheel dropped LAME and opencore-amr, which 18.1.0's carried.
EXTERNAL_CODECS = {
    "vp8.webm": ("libvpx-", "libvpx", 0, "", True),
    "vp9.webm": ("libvpx-", "libvpx-vp9", 0, "", True),
    "tone.mp3": ("libmp3lame-", "libmp3lame", 44100, "mono", False),
    "tone.amr": ("libopencore-amrnb-", "libopencore_amrnb", 8000, "mono", False),
    "tone.opus": ("libopus-", "libopus", 48000, "mono", False),
}


def _clips_made_with_the_real_codecs(folder: Path, carried: set[str]) -> dict[str, Path]:
    def write(name: str, codec: str, rate: int, layout: str, video: bool) -> Path:
        path = folder / name
        with av.open(str(path), "w") as out:
            if video:
                stream = out.add_stream(codec, rate=10)
                stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
                for index in range(10):
                    frame = av.VideoFrame.from_ndarray(
                        np.full((48, 64, 3), index * 20, np.uint8), "rgb24"
                    )
                    frame.pts, frame.time_base = index, fractions.Fraction(1, 10)
                    out.mux(stream.encode(frame))
            else:
                stream = out.add_stream(codec, rate=rate, layout=layout)
                tone = np.sin(np.arange(rate) * 440 * 2 * np.pi / rate).astype(np.float32)
                sound = av.AudioFrame.from_ndarray(
                    (tone[None, :] * 32767).astype(np.int16), "s16", layout
                )
                sound.sample_rate = rate
                out.mux(stream.encode(sound))
            out.mux(stream.encode())
        return path

    return {
        name: write(name, *made)
        for name, (prefix, *made) in EXTERNAL_CODECS.items()
        if prefix in carried
    }


DECODE_AND_REFUSE = r"""
import json, sys
import av

result = {"decoded": {}, "refused": {}}
encoders = json.loads(sys.argv[1])
for path in sys.argv[2:]:
    with av.open(path) as clip:
        stream = clip.streams[0]
        frames = sum(1 for _ in clip.decode(stream))
        result["decoded"][path.rsplit("/", 1)[-1]] = [stream.codec_context.name, frames]
for codec in encoders:
    try:
        context = av.CodecContext.create(codec, "w")
        if context.type == "video":
            context.width, context.height, context.pix_fmt = 64, 48, "yuv420p"
        else:
            context.sample_rate, context.layout, context.format = 8000, "mono", "s16"
        context.time_base = "1/10"
        context.open()
        result["refused"][codec] = "opened"
    except Exception as error:
        result["refused"][codec] = type(error).__name__
print(json.dumps(result))
"""


def test_stubbed_external_codecs_leave_ffmpegs_own_decoders(
    unused_libraries, tmp_path: Path
) -> None:
    """libvpx, LAME, libwebp, opencore-amr and libopus as stubs (those this wheel carries):
    VP8, VP9, MP3, AMR and Opus files (made here with the real libraries) still decode, through
    FFmpeg's own decoders, and naming one of the external encoders raises an error instead of
    crashing."""
    libraries = Path(av.__file__).parent.parent / "av.libs"
    prefixes = {prefix for prefix, *_ in EXTERNAL_CODECS.values()} | {"libwebp-", "libvpl-"}
    carried = {prefix for prefix in prefixes if any(libraries.glob(f"{prefix}*"))}
    if not {"libvpx-", "libopus-"} <= carried:
        pytest.skip("this PyAV wheel lacks libvpx or libopus")
    clips = _clips_made_with_the_real_codecs(tmp_path, carried)
    copy = _copy_of_pyav(tmp_path / "site")
    stubbed = unused_libraries.stub_unused(copy)[0]
    stubbed += unused_libraries.stub_unused(copy, frozenset(stubbed))[0]  # libwebp after its mux
    for prefix in carried:
        assert any(name.startswith(prefix) for name in stubbed), (prefix, stubbed)

    encoders = [made[0] for prefix, *made in EXTERNAL_CODECS.values() if prefix in carried]
    encoders.append("libwebp")
    environment = {"PYTHONPATH": str(copy), "LD_BIND_NOW": "1"}
    result = _run_json(
        DECODE_AND_REFUSE, json.dumps(encoders), *map(str, clips.values()), env=environment
    )
    decoded = result["decoded"]
    assert decoded["vp8.webm"] == ["vp8", 10] and decoded["vp9.webm"] == ["vp9", 10], decoded
    assert decoded["tone.opus"][0] == "opus" and decoded["tone.opus"][1] >= 49, decoded
    if "tone.mp3" in clips:
        assert decoded["tone.mp3"][0].startswith("mp3") and decoded["tone.mp3"][1] > 30, decoded
    if "tone.amr" in clips:
        assert decoded["tone.amr"][0] == "amrnb" and decoded["tone.amr"][1] >= 49, decoded
    assert "opened" not in result["refused"].values(), result["refused"]
    assert len(result["refused"]) == len(encoders), result["refused"]


def test_a_stub_missing_a_symbol_leaves_the_library_as_built(
    unused_libraries, tmp_path: Path, monkeypatch
) -> None:
    """The x265 stub does not define what libSvtAv1Enc's users import: the original stays."""
    copy = _copy_of_pyav(tmp_path / "site")
    (original,) = (copy / "av.libs").glob("libSvtAv1Enc-*")
    before = original.read_bytes()
    monkeypatch.setattr(unused_libraries, "STUBBED_LIBRARIES", {"libSvtAv1Enc-": "x265.c"})
    assert unused_libraries.stub_unused(copy) == ([], set())
    assert original.read_bytes() == before


def test_qt_libraries_nothing_links_go_with_what_only_they_link(
    unused_libraries, tmp_path: Path
) -> None:
    """PyInstaller's Qt hooks collect Qt Quick (and through it the QML engine and Qt Network)
    with plugins the build leaves out: nothing in the bundle links them, so they go, while Qt
    GUI, which a Python binding links, stays."""
    import PySide6

    pyside = Path(PySide6.__file__).parent
    site = tmp_path / "site"
    (site / "PySide6/Qt/lib").mkdir(parents=True)
    names = ("libQt6Quick.so.6", "libQt6Qml.so.6", "libQt6Network.so.6", "libQt6Gui.so.6")
    for name in names:
        shutil.copyfile(pyside / "Qt/lib" / name, site / "PySide6/Qt/lib" / name)
    shutil.copyfile(pyside / "QtGui.abi3.so", site / "PySide6/QtGui.abi3.so")
    assert "libQt6Gui.so.6" in unused_libraries.needed(site / "PySide6/QtGui.abi3.so")

    result = unused_libraries.remove_unused_libraries(site)
    assert sorted(result["removed"]) == sorted(names[:3]), result
    assert sorted(p.name for p in (site / "PySide6/Qt/lib").iterdir()) == ["libQt6Gui.so.6"]


IMPORT_BOTH = r"""
import json
import av
from PIL import Image, ImageGrab  # Pillow's X11 screen grab is what links libxcb and libXau

Image.new("RGB", (4, 4)).save("/dev/null", format="PNG")
mapped = {line.split()[-1] for line in open("/proc/self/maps") if "/" in line}
print(json.dumps(sorted(path for path in mapped if "libXau" in path)))
"""


def test_a_library_two_wheels_carry_becomes_one_copy(unused_libraries, tmp_path: Path) -> None:
    """PyAV and Pillow both carry libXau under one auditwheel name: one copy stays, the other
    becomes a link to it, and both packages still import, mapping that one copy."""
    import PIL

    site = tmp_path / "site"
    for package in (Path(av.__file__).parent, Path(PIL.__file__).parent):
        libs = package.parent / f"{'pillow' if package.name == 'PIL' else package.name}.libs"
        shutil.copytree(package, site / package.name, symlinks=True)
        shutil.copytree(libs, site / libs.name, symlinks=True)
    copies = sorted(site.glob("*.libs/libXau-*"))
    if len(copies) != 2 or copies[0].name != copies[1].name:
        pytest.skip("these PyAV and Pillow wheels do not both carry the same libXau")

    assert unused_libraries.share_same_named(site) == [copies[0].name]
    assert sum(path.is_symlink() for path in copies) == 1
    (kept,) = [path for path in copies if not path.is_symlink()]

    assert _run_json(IMPORT_BOTH, env={"PYTHONPATH": str(site)}) == [str(kept)]


PORTAUDIO_HOSTS = r"""
import ctypes, json


class HostApi(ctypes.Structure):
    _fields_ = [("version", ctypes.c_int), ("type", ctypes.c_int), ("name", ctypes.c_char_p)]


portaudio = ctypes.CDLL("libportaudio.so.2")
portaudio.Pa_GetHostApiInfo.restype = ctypes.POINTER(HostApi)
started = portaudio.Pa_Initialize()
hosts = [portaudio.Pa_GetHostApiInfo(i).contents.name.decode()
         for i in range(portaudio.Pa_GetHostApiCount())]
portaudio.Pa_Terminate()
mapped = {line.split()[-1] for line in open("/proc/self/maps") if "/" in line}
print(json.dumps({"started": started, "hosts": hosts,
                  "db": sorted(p for p in mapped if "libdb-" in p)}))
"""


def test_portaudio_starts_on_the_berkeley_db_stub(unused_libraries, tmp_path: Path) -> None:
    """Berkeley DB replaced by its stub: PortAudio, with the JACK client library that links it,
    loads with every symbol bound at once (LD_BIND_NOW), initialises and lists its ALSA host,
    and only the stub is mapped. (No JACK server runs here, so JACK's own client is not
    opened; its metadata store, the only user of Berkeley DB, PortAudio never calls.)"""
    system = Path("/usr/lib/x86_64-linux-gnu")
    names = ("libportaudio.so.2", "libjack.so.0", "libdb-5.3.so")
    if not all((system / name).exists() for name in names):
        pytest.skip("this system has no PortAudio with JACK and Berkeley DB")
    site = tmp_path / "site"
    site.mkdir()
    for name in names:
        shutil.copyfile(system / name, site / name)

    result = unused_libraries.remove_unused_libraries(site)
    assert result["stubbed"] == ["libdb-5.3.so"], result
    assert (site / "libdb-5.3.so").stat().st_size < 100_000

    environment = {"LD_LIBRARY_PATH": str(site), "LD_BIND_NOW": "1"}
    loaded = _run_json(PORTAUDIO_HOSTS, env=environment)
    assert loaded["started"] == 0 and "ALSA" in loaded["hosts"], loaded
    assert loaded["db"] == [str(site / "libdb-5.3.so")], loaded


TRANSCRIBE = r"""
import json, sys
from faster_whisper import WhisperModel
import ctranslate2

model = WhisperModel(sys.argv[1], device="cpu", compute_type="int8", cpu_threads=2)
segments, _ = model.transcribe(sys.argv[2], language="en")
text = " ".join(s.text for s in segments)
mapped = {line.split()[-1] for line in open("/proc/self/maps") if "/" in line}
gomp = sorted(p for p in mapped if "libgomp" in p.rsplit("/", 1)[-1])
print(json.dumps({"ctranslate2": ctranslate2.__file__, "text": text, "gomp": gomp}))
"""


def test_ctranslate2_transcribes_on_the_one_openmp_runtime(
    unused_libraries, tmp_path: Path
) -> None:
    """CTranslate2's own libgomp becomes a link to the plain-named one the bundle also carries
    (the system's, as PyInstaller copies it): Whisper transcribes real speech, and that one
    runtime is the only OpenMP library mapped."""
    import ctranslate2

    from mockinterview.core.models import whisper_model_path
    from mockinterview.core.settings import WhisperSettings
    from tests.conftest import DATA

    package = Path(ctranslate2.__file__).parent
    libs = package.parent / "ctranslate2.libs"
    system_gomp = Path("/lib/x86_64-linux-gnu/libgomp.so.1")
    if not any(libs.glob("libgomp-*")) or not system_gomp.exists():
        pytest.skip("this CTranslate2 carries no libgomp of its own, or the system has none")
    site = tmp_path / "site"
    shutil.copytree(package, site / package.name, symlinks=True)
    shutil.copytree(libs, site / libs.name, symlinks=True)
    shutil.copyfile(system_gomp, site / "libgomp.so.1")

    (own,) = [path.name for path in (site / libs.name).glob("libgomp-*")]
    assert unused_libraries.share_with_plain_named(site) == [own]
    assert (site / libs.name / own).resolve() == site / "libgomp.so.1"

    model = str(whisper_model_path(WhisperSettings().model))
    clip = str(DATA / "speech" / "austen-0870.flac")
    result = _run_json(TRANSCRIBE, model, clip, env={"PYTHONPATH": str(site), "LD_BIND_NOW": "1"})
    assert Path(result["ctranslate2"]).is_relative_to(site)
    assert "had then leisure to consider how much" in result["text"].lower(), result
    assert result["gomp"] == [str(site / "libgomp.so.1")], result

"""The per-OS differences, each run on Linux with the other OS's inputs simulated: `sys.platform`
set to "win32" or "darwin", the camera list the OS would give, a process without standard error."""

from __future__ import annotations

import errno
import logging
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import cv2
import pytest

from mockinterview.core import devices, platforms
from mockinterview.core.errors import DeviceError
from mockinterview.core.models import native_stderr_to_log
from mockinterview.core.vision.frames import WebcamSource

OTHER_OSES = {"win32": "windows", "darwin": "macos"}
LINUX_ONLY_ADVICE = ("apt", "sudo", "'video' group", "/dev/video", "usermod")


@pytest.fixture(params=sorted(OTHER_OSES))
def other_os(request, monkeypatch) -> str:
    """Runs the test once as Windows and once as macOS."""
    monkeypatch.setattr(sys, "platform", request.param)
    return OTHER_OSES[request.param]


def _lister(names: list[str], seen: list[int]):
    def lister(api: int) -> list[str]:
        seen.append(api)
        return names

    return lister


def _no_camera_may_open(monkeypatch) -> list:
    opened: list = []

    def refuse(*args):
        opened.append(args)
        raise AssertionError(f"a camera was opened: {args}")

    monkeypatch.setattr(cv2, "VideoCapture", refuse)
    return opened


@pytest.mark.parametrize(
    ("sys_platform", "expected"),
    [("win32", "windows"), ("darwin", "macos"), ("linux", "linux"), ("freebsd14", "linux")],
)
def test_host_os_follows_sys_platform(monkeypatch, sys_platform, expected) -> None:
    monkeypatch.setattr(sys, "platform", sys_platform)
    assert platforms.host_os() == expected


@pytest.mark.parametrize(
    ("sys_platform", "api"),
    [("win32", cv2.CAP_DSHOW), ("darwin", cv2.CAP_AVFOUNDATION), ("linux", cv2.CAP_V4L2)],
)
def test_each_os_has_its_own_camera_backend(monkeypatch, sys_platform, api) -> None:
    monkeypatch.setattr(sys, "platform", sys_platform)
    assert platforms.camera_backend().api() == api


def test_os_camera_list_is_used_without_opening_any_camera(other_os, monkeypatch) -> None:
    seen: list[int] = []
    names = ["Integrated Webcam", "OBS Virtual Camera"]
    monkeypatch.setattr(platforms, "_cv2_enumerate_cameras", _lister(names, seen))
    opened = _no_camera_may_open(monkeypatch)
    found = devices.list_cameras()
    assert found.devices == [
        {"index": 0, "name": "Integrated Webcam"},
        {"index": 1, "name": "OBS Virtual Camera"},
    ]
    assert found.error is None
    assert seen == [platforms.CAMERA_BACKENDS[other_os].api()]
    assert opened == []


def test_an_empty_os_camera_list_says_so_with_this_os_advice(other_os, monkeypatch) -> None:
    monkeypatch.setattr(platforms, "_cv2_enumerate_cameras", _lister([], []))
    _no_camera_may_open(monkeypatch)
    found = devices.list_cameras()
    assert found.devices == []
    assert found.error == f"{'Windows' if other_os == 'windows' else 'macOS'} lists no camera: " + (
        "no camera is connected"
    )
    assert not any(advice in found.hint for advice in LINUX_ONLY_ADVICE), found.hint


def test_without_the_enumeration_library_indexes_are_probed(other_os, monkeypatch) -> None:
    def missing(_api: int) -> list[str]:
        raise ImportError("No module named 'cv2_enumerate_cameras'")

    monkeypatch.setattr(platforms, "_cv2_enumerate_cameras", missing)
    listing = platforms.camera_listing()
    assert listing.must_probe
    assert [index for index, _name in listing.cameras] == list(platforms.PROBE_INDEXES)
    # The real OpenCV opens nothing with this OS's backend here, as on a machine with no camera.
    found = devices.list_cameras()
    assert found.devices == []
    assert "Privacy & Security" in found.hint or "Privacy & security" in found.hint


def test_linux_lists_video_nodes_by_number_with_their_names(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    nodes = ["/dev/video10", "/dev/video2", "/dev/video0", "/dev/video-meta"]
    monkeypatch.setattr(platforms.glob, "glob", lambda _pattern: nodes)
    (tmp_path / "video0").mkdir()
    (tmp_path / "video0" / "name").write_text("Integrated Camera: Integrated C\n")
    listing = platforms.camera_listing(sysfs=tmp_path)
    assert listing.cameras == (
        (0, "Integrated Camera: Integrated C"),
        (2, "camera 2"),
        (10, "camera 10"),
    )
    assert listing.must_probe  # metadata nodes look like cameras: each is opened to tell


def test_linux_without_video_nodes(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(platforms.glob, "glob", lambda _pattern: [])
    found = devices.list_cameras()
    assert found.error == "no /dev/video* device: no camera is connected"
    assert "/dev/video0" in found.hint


def test_a_camera_the_os_does_not_list_is_refused_before_opening(other_os, monkeypatch) -> None:
    monkeypatch.setattr(platforms, "_cv2_enumerate_cameras", _lister(["FaceTime HD"], []))
    opened = _no_camera_may_open(monkeypatch)
    where = "Windows" if other_os == "windows" else "macOS"
    with pytest.raises(DeviceError, match=rf"No camera 3: {where} lists only camera 0\. Connect"):
        WebcamSource(3)
    monkeypatch.setattr(platforms, "_cv2_enumerate_cameras", _lister([], []))
    with pytest.raises(DeviceError, match=rf"No camera 0: {where} lists no camera\."):
        WebcamSource(0)
    assert opened == []


def test_a_listed_camera_that_will_not_open_gets_this_os_advice(other_os, monkeypatch) -> None:
    # The real cv2.VideoCapture with the Windows/macOS backend, which does not open here: the
    # same answer a camera in use or denied by the OS's privacy settings gives.
    monkeypatch.setattr(platforms, "_cv2_enumerate_cameras", _lister(["FaceTime HD"], []))
    with pytest.raises(DeviceError) as raised:
        WebcamSource(0)
    message = str(raised.value)
    assert "Camera 0 could not be opened" in message
    assert "Privacy" in message
    assert not any(advice in message for advice in LINUX_ONLY_ADVICE), message


@pytest.mark.parametrize(
    "hint",
    [
        platforms.camera_access_hint,
        platforms.camera_missing_hint,
        platforms.microphone_silence_hint,
        platforms.speech_engine_hint,
        platforms.audio_system_hint,
    ],
)
def test_hints_give_only_this_os_advice(monkeypatch, hint) -> None:
    for sys_platform in OTHER_OSES:
        monkeypatch.setattr(sys, "platform", sys_platform)
        text = hint()
        assert not any(advice in text for advice in LINUX_ONLY_ADVICE), (sys_platform, text)
    monkeypatch.setattr(sys, "platform", "win32")
    windows = hint()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert hint() != windows


def test_linux_hints_keep_the_package_and_group_advice(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert "'video' group" in platforms.camera_access_hint()
    assert "apt install libespeak-ng1" in platforms.speech_engine_hint()
    assert "apt install libportaudio2" in platforms.audio_system_hint()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_posix_data_is_owner_only(tmp_path) -> None:
    folder = tmp_path / "session"
    folder.mkdir(mode=0o755)
    database = tmp_path / "sessions.sqlite3"
    database.write_bytes(b"")
    database.chmod(0o644)
    platforms.restrict_to_owner(folder)
    platforms.restrict_to_owner(database)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert "owner-only" in platforms.private_data_note(tmp_path)


def test_windows_leaves_permissions_to_the_profile_and_says_so(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    folder = tmp_path / "session"
    folder.mkdir(mode=0o755)
    before = folder.stat().st_mode
    platforms.restrict_to_owner(folder)
    assert folder.stat().st_mode == before  # chmod would only set the read-only flag there
    inside = platforms.private_data_note(tmp_path / "AppData" / "Local", profile=tmp_path)
    assert "only you, administrators and SYSTEM" in inside
    outside = platforms.private_data_note(Path("/elsewhere"), profile=tmp_path)
    assert "outside your Windows profile" in outside and "Security" in outside


def test_model_loading_runs_when_stderr_has_no_handle(monkeypatch) -> None:
    """pythonw.exe: fd 2 exists in the C runtime but has no handle, so os.dup(2) fails."""
    real_dup = os.dup

    def dup(fd: int) -> int:
        if fd == 2:
            raise OSError(errno.EBADF, "Bad file descriptor")
        return real_dup(fd)

    monkeypatch.setattr(os, "dup", dup)
    ran = False
    with native_stderr_to_log():
        ran = True
    assert ran


@pytest.mark.skipif(sys.platform == "win32", reason="closes fd 2 with preexec_fn (POSIX)")
def test_model_loading_runs_in_a_process_without_stderr(tmp_path) -> None:
    """The POSIX form of a windowless launch: the process starts with fd 2 closed. (Here a new
    file reuses fd 2, so os.dup(2) does not fail as on Windows; the test above covers that.)"""
    script = (
        "import os, sys\n"
        "from mockinterview.core.models import native_stderr_to_log\n"
        "assert sys.stderr is None\n"
        "with native_stderr_to_log():\n"
        "    print('inside', flush=True)\n"
        "print('done', flush=True)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[1],
        preexec_fn=lambda: os.close(2),
    )
    assert result.returncode == 0
    assert result.stdout.split() == ["inside", "done"]


def test_native_chatter_goes_to_the_log_not_the_terminal(caplog, capfd) -> None:
    with caplog.at_level(logging.DEBUG, logger="mockinterview.core.models"), native_stderr_to_log():
        os.write(2, b"I0000 gl_context.cc: created context\n")
    assert "gl_context.cc" in caplog.text
    assert "gl_context.cc" not in capfd.readouterr().err


@pytest.mark.skipif(sys.platform != "win32", reason="pythonw.exe exists only on Windows (CI)")
def test_every_model_loads_under_pythonw(tmp_path) -> None:
    """The real windowless launcher: no console, no stderr handle, the models load all the same."""
    pythonw = Path(sys.executable).with_name("pythonw.exe")
    result_file = tmp_path / "models.txt"
    script = (
        "import pathlib, sys\n"
        "from mockinterview.core.models import check_models\n"
        "from mockinterview.core.settings import WhisperSettings\n"
        "lines = [repr(sys.stderr)]\n"
        "lines += [f'{s.name}: {s.ok} {s.detail}' for s in check_models(WhisperSettings())]\n"
        f"pathlib.Path({str(result_file)!r}).write_text('\\n'.join(lines))\n"
    )
    subprocess.run([str(pythonw), "-c", script], timeout=300, check=True)
    lines = result_file.read_text().splitlines()
    assert lines[0] == "None"  # really no standard error
    assert len(lines) == 4 and all(": True loaded" in line for line in lines[1:]), lines


def test_only_linux_can_lack_a_display(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert platforms.display_missing_reason({}) == "DISPLAY and WAYLAND_DISPLAY are not set"
    assert platforms.display_missing_reason({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert platforms.display_missing_reason({"QT_QPA_PLATFORM": "offscreen"}) is None
    for sys_platform in OTHER_OSES:
        monkeypatch.setattr(sys, "platform", sys_platform)
        assert platforms.display_missing_reason({}) is None  # their own window system


class _AVFoundation:
    """What pyobjc's AVFoundation answers, for a Mac whose person has or has not been asked."""

    AVMediaTypeVideo = "vide"
    AVMediaTypeAudio = "soun"

    def __init__(self, status: dict[str, int]) -> None:
        self.requested: list[str] = []
        outer = self

        class AVCaptureDevice:
            @staticmethod
            def authorizationStatusForMediaType_(media: str) -> int:
                return status[media]

            @staticmethod
            def requestAccessForMediaType_completionHandler_(media: str, handler) -> None:
                outer.requested.append(media)
                handler(True)

        self.AVCaptureDevice = AVCaptureDevice


def test_macos_asks_for_camera_and_microphone_once_up_front(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    never_asked = _AVFoundation({"vide": 0, "soun": 0})
    assert platforms.request_media_access(never_asked) == ("camera", "microphone")
    assert never_asked.requested == ["vide", "soun"]
    # Allowed the camera, refused the microphone: macOS would not ask again, nor do we.
    answered = _AVFoundation({"vide": 3, "soun": 2})
    assert platforms.request_media_access(answered) == ()
    assert answered.requested == []


def test_other_systems_ask_nothing_up_front(monkeypatch) -> None:
    for sys_platform in ("win32", "linux"):
        monkeypatch.setattr(sys, "platform", sys_platform)
        mac = _AVFoundation({"vide": 0, "soun": 0})
        assert platforms.request_media_access(mac) == ()
        assert mac.requested == []


@pytest.mark.parametrize(
    ("sys_platform", "frozen", "pip", "setup"),
    [
        ("linux", False, ".venv/bin/pip install", "scripts/setup.sh"),
        ("darwin", False, ".venv/bin/pip install", "scripts/setup.sh"),
        ("win32", False, ".venv\\Scripts\\pip install", "scripts\\setup.ps1"),
        ("win32", True, "reinstall MockInterview", "reinstall MockInterview"),
    ],
)
def test_install_advice_names_this_os_pip_or_the_installer(
    monkeypatch, sys_platform: str, frozen: bool, pip: str, setup: str
) -> None:
    """A Windows user was told to run .venv/bin/pip, and a built app's user a pip it has not."""
    from mockinterview.core.llm.runtime import install_runtime

    monkeypatch.setattr(sys, "platform", sys_platform)
    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert install_runtime().endswith(pip + (" 'mockinterview[llm]'" if not frozen else ""))
    assert platforms.setup_hint() == setup


def test_a_windows_path_to_a_bank_is_read_as_a_path() -> None:
    from mockinterview.core.errors import BankError
    from mockinterview.core.questions import load_bank

    with pytest.raises(BankError) as raised:
        load_bank("C:\\banks\\mine")
    assert "no question bank named" not in str(raised.value), raised.value


class _DirectShowCapture:
    """cv2.VideoCapture as DirectShow behaves with a camera it cannot use: it opens and every
    read "succeeds" with an all-zero picture (OpenCV issue 23373); `lit` frames after that."""

    def __init__(self, black: int) -> None:
        self.black = black

    def __call__(self, *_args):
        return self

    def isOpened(self) -> bool:
        return True

    def set(self, *_args) -> bool:
        return True

    def get(self, _prop) -> float:
        return 30.0

    def read(self):
        import numpy as np

        self.black -= 1
        return True, np.full((48, 64, 3), 0 if self.black >= 0 else 40, np.uint8)

    def release(self) -> None:
        pass


def test_a_camera_sending_only_black_pictures_is_named_with_this_os_advice(
    other_os, monkeypatch
) -> None:
    """Before, the preview stayed black and the report said eye contact was not judged, with no
    word about the camera's access settings."""
    from mockinterview.core.vision import frames

    monkeypatch.setattr(platforms, "_cv2_enumerate_cameras", _lister(["Integrated Camera"], []))
    monkeypatch.setattr(cv2, "VideoCapture", _DirectShowCapture(black=10**6))
    monkeypatch.setattr(frames, "NO_PICTURE_S", 0.2)
    camera = WebcamSource(0)
    assert camera.read() is not None  # a camera's first frames may be black
    time.sleep(0.25)
    with pytest.raises(DeviceError, match="opened but sends only black pictures") as raised:
        camera.read()
    assert platforms.camera_access_hint() in str(raised.value)

    monkeypatch.setattr(cv2, "VideoCapture", _DirectShowCapture(black=3))  # then a picture
    camera = WebcamSource(0)
    frames_read = [camera.read() for _ in range(5)]
    time.sleep(0.25)
    assert camera.read().image.any() and not frames_read[0].image.any()

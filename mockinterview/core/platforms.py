"""What differs between Linux, Windows and macOS, in one module, so no other module asks.

Each difference is a small function that reads the OS from `sys.platform` when it is called and
takes what the OS would hand it (a camera list, a file descriptor) as plain values, so the tests
on Linux run the Windows and macOS branches with those inputs simulated (tests/test_platforms.py).
Only Linux is run for real here; packaging/README.md says what is verified on which OS.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import stat
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

log = logging.getLogger(__name__)

HostOS = Literal["linux", "windows", "macos"]
OS_NAMES: dict[HostOS, str] = {"linux": "Linux", "windows": "Windows", "macos": "macOS"}


def host_os() -> HostOS:
    """This machine's OS. Other POSIX systems (the BSDs) are treated like Linux: /dev/video*
    cameras, chmod permissions, package-manager hints."""
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


# ---------------------------------------------------------------------------------------------
# Cameras


@dataclass(frozen=True)
class CameraBackend:
    """The OpenCV capture API used on one OS: its cv2 constant's name and what people call it."""

    cv2_name: str
    label: str

    def api(self) -> int:
        """The cv2.CAP_* value (every OpenCV build defines them all, so this works anywhere)."""
        import cv2

        return int(getattr(cv2, self.cv2_name))

    def built_in(self) -> bool:
        """Whether the cv2 in use can capture through this API. A cv2 built without it opens no
        camera at all, whatever the OS has, so doctor names the cause instead of "none opened"."""
        import cv2

        return bool(cv2.videoio_registry.hasBackend(self.api()))


CAMERA_BACKENDS: dict[HostOS, CameraBackend] = {
    # V4L2 directly: CAP_ANY tries GStreamer first, which warns once per /dev/video node.
    "linux": CameraBackend("CAP_V4L2", "Video4Linux2"),
    # DirectShow rather than Media Foundation (OpenCV's default on Windows): MSMF takes seconds,
    # with some USB webcams minutes, to open and again to change resolution, which WebcamSource
    # does at once (opencv/opencv#17687, #26495, #27917); DirectShow opens them promptly.
    "windows": CameraBackend("CAP_DSHOW", "DirectShow"),
    "macos": CameraBackend("CAP_AVFOUNDATION", "AVFoundation"),
}

# Where the OS cannot list cameras (the enumeration library missing or failing), the old way:
# open each of these indexes and keep the ones that deliver a picture.
PROBE_INDEXES = (0, 1, 2, 3)


def camera_backend() -> CameraBackend:
    return CAMERA_BACKENDS[host_os()]


@dataclass(frozen=True)
class CameraListing:
    """The cameras the OS names, before any of them is opened.

    `cameras` holds (OpenCV index for camera_backend(), name). `must_probe` is True when the list
    may hold entries that are not cameras, so each must be opened to tell: on Linux a webcam has
    a second /dev/video node for metadata, and without an OS list the indexes are only guesses.
    """

    cameras: tuple[tuple[int, str], ...]
    must_probe: bool
    error: str | None = None


def _cv2_enumerate_cameras(api: int) -> list[str]:
    """Windows (DirectShow's device list) and macOS (AVFoundation's, sorted as OpenCV sorts it):
    names without opening any camera, so start-up turns on no camera light and waits for none."""
    from cv2_enumerate_cameras import enumerate_cameras

    return [str(camera.name) for camera in sorted(enumerate_cameras(api), key=lambda c: c.index)]


def _linux_camera_name(index: int, sysfs: Path) -> str:
    try:
        name = (sysfs / f"video{index}" / "name").read_text().strip()
    except OSError:
        name = ""
    return name or f"camera {index}"


def camera_listing(sysfs: Path = Path("/sys/class/video4linux")) -> CameraListing:
    """The cameras to offer, found without opening any where the OS can list them."""
    system = host_os()
    if system == "linux":
        nodes = glob.glob("/dev/video*")
        if not nodes:
            return CameraListing((), True, "no /dev/video* device: no camera is connected")
        indexes = sorted(
            int(node.removeprefix("/dev/video"))
            for node in nodes
            if node.removeprefix("/dev/video").isdigit()
        )
        return CameraListing(tuple((i, _linux_camera_name(i, sysfs)) for i in indexes), True)
    backend = CAMERA_BACKENDS[system]
    try:
        names = _cv2_enumerate_cameras(backend.api())
    except Exception as exc:  # ImportError, or COM/pyobjc errors: fall back to probing
        log.warning("could not list cameras through %s (%s); probing indexes", backend.label, exc)
        return CameraListing(tuple((i, f"camera {i}") for i in PROBE_INDEXES), True)
    if not names:
        return CameraListing(
            (), False, f"{OS_NAMES[system]} lists no camera: no camera is connected"
        )
    return CameraListing(tuple(enumerate(names)), False)


def camera_absent_reason(index: int) -> str | None:
    """Why camera `index` cannot exist, known without opening it; None when it may exist."""
    if host_os() == "linux":
        if not Path(f"/dev/video{index}").exists():
            return f"/dev/video{index} does not exist"
        return None
    listing = camera_listing()
    if listing.must_probe or any(i == index for i, _name in listing.cameras):
        return None
    where = OS_NAMES[host_os()]
    if not listing.cameras:
        return f"{where} lists no camera"
    last = max(i for i, _name in listing.cameras)
    return f"{where} lists only camera 0" if last == 0 else f"{where} lists cameras 0 to {last}"


CAMERA_ACCESS_HINTS: dict[HostOS, str] = {
    "linux": (
        "It may be in use by another app (close it), or you may lack permission: add yourself "
        "to the 'video' group (sudo usermod -aG video $USER) and log in again."
    ),
    "windows": (
        "It may be in use by another app (close it: Windows lets one app use a camera at a "
        "time), or camera access may be off: in Settings > Privacy & security > Camera, turn on "
        "'Camera access' and 'Let desktop apps access your camera'."
    ),
    "macos": (
        "It may be in use by another app (close it), or MockInterview may not be allowed to use "
        "it: in System Settings > Privacy & Security > Camera, turn on MockInterview (or, when "
        "you started it from a terminal, that terminal app), then start MockInterview again."
    ),
}


def camera_access_hint() -> str:
    """What to check when a camera the OS lists will not open or sends no picture."""
    return CAMERA_ACCESS_HINTS[host_os()]


MICROPHONE_SILENCE_HINTS: dict[HostOS, str] = {
    "linux": (
        "Check that it is not muted and is the input selected in your desktop's sound settings "
        "(or pavucontrol)."
    ),
    "windows": (
        "Check that it is not muted (Settings > System > Sound > Input) and that Settings > "
        "Privacy & security > Microphone lets desktop apps use it: when it does not, Windows "
        "gives apps silence or an error."
    ),
    "macos": (
        "Check that it is not muted (System Settings > Sound > Input) and that System Settings > "
        "Privacy & Security > Microphone allows MockInterview (or the terminal app you started "
        "it from): when it does not, macOS gives apps silence."
    ),
}


def microphone_silence_hint() -> str:
    """What to check when the microphone records only silence (a denied permission looks so)."""
    return MICROPHONE_SILENCE_HINTS[host_os()]


# AVAuthorizationStatus: 0 not determined (never asked), 1 restricted, 2 denied, 3 authorized.
AV_NOT_DETERMINED = 0


def request_media_access(avfoundation: Any = None) -> tuple[str, ...]:
    """macOS: ask for the camera and the microphone once, up front, from the GUI thread.

    Otherwise the first camera open asks: OpenCV's AVFoundation backend starts the request and
    fails that open without waiting for the answer, so the first rehearsal would run audio-only
    even after "Allow". Asking at start-up shows both prompts (with the Info.plist strings)
    before any session. Returns what was asked ("camera", "microphone"); nothing is asked on
    other OSes, or when the person already answered.
    """
    if host_os() != "macos":
        return ()
    if avfoundation is None:
        try:
            import AVFoundation as avfoundation  # pyobjc, installed with cv2-enumerate-cameras
        except ImportError as exc:
            log.warning("cannot ask for camera and microphone access up front: %s", exc)
            return ()
    device = avfoundation.AVCaptureDevice
    asked = []
    for label, media in (
        ("camera", avfoundation.AVMediaTypeVideo),
        ("microphone", avfoundation.AVMediaTypeAudio),
    ):
        if device.authorizationStatusForMediaType_(media) == AV_NOT_DETERMINED:

            def answered(granted: bool, label: str = label) -> None:
                log.info("macOS %s access %s", label, "granted" if granted else "refused")

            device.requestAccessForMediaType_completionHandler_(media, answered)
            asked.append(label)
    return tuple(asked)


# ---------------------------------------------------------------------------------------------
# The system voice


def system_voice_command(text: str, path: Path, voice: str, rate: int) -> list[str] | None:
    """macOS: the command that renders `text` with the system voice named `voice` ("" for the
    default) at `rate` words a minute into `path` (as AIFF); None on other OSes, where pyttsx3
    renders it.

    pyttsx3's macOS driver ends each rendering with PyObjC's stopEventLoop, which, when the
    synthesizer's callback arrives on any thread but the engine's, finds no run loop of its own
    to stop and calls NSApp().terminate_: the whole app quits (pyttsx3 issues 130, 180, 225, in
    tkinter and Kivy apps). `say` renders the same voices in a process of its own."""
    if host_os() != "macos":
        return None
    named = ["-v", voice] if voice else []
    # AIFF whatever the file is called, as NSSpeechSynthesizer writes (a .wav name alone asks
    # `say` for WAVE, which it refuses without a data format: "Opening output file failed")
    return ["say", *named, "-r", str(rate), "--file-format=AIFF", "-o", str(path), "--", text]


# ---------------------------------------------------------------------------------------------
# What to install when something is missing

SPEECH_ENGINE_HINTS: dict[HostOS, str] = {
    "linux": "Install espeak-ng: sudo apt install libespeak-ng1 espeak-ng-data",
    "windows": (
        "Windows' own voices (SAPI5) speak the questions: add one in Settings > Time & language "
        "> Speech > Manage voices."
    ),
    "macos": (
        "macOS's own voices speak the questions: add one in System Settings > Accessibility > "
        "Spoken Content > System voice > Manage Voices."
    ),
}

AUDIO_SYSTEM_HINTS: dict[HostOS, str] = {
    "linux": "Install PortAudio and PulseAudio's client: sudo apt install libportaudio2 libpulse0",
    "windows": (
        "The sounddevice package carries its own PortAudio on Windows: reinstall MockInterview "
        "(scripts\\run.ps1 does it), and check Settings > System > Sound for an input device."
    ),
    "macos": (
        "The sounddevice package carries its own PortAudio on macOS: reinstall MockInterview "
        "(scripts/run.sh does it), and check System Settings > Sound for an input device."
    ),
}

CAMERA_MISSING_HINTS: dict[HostOS, str] = {
    "linux": "Connect a webcam (it appears as /dev/video0); rehearsals also run audio-only.",
    "windows": (
        "Connect a webcam, or check that Device Manager lists it under Cameras; rehearsals "
        "also run audio-only."
    ),
    "macos": "Connect a webcam; rehearsals also run audio-only.",
}


def install_hint(pip_args: str) -> str:
    """How to put back a Python package the app needs, on this OS: the pip of the virtual
    environment the README's setup made (.venv/bin on Linux and macOS, .venv\\Scripts on
    Windows). A built app has no pip: its installer puts the package back."""
    if getattr(sys, "frozen", False):
        return "reinstall MockInterview"
    pip = ".venv\\Scripts\\pip" if host_os() == "windows" else ".venv/bin/pip"
    return f"{pip} {pip_args}"


def setup_hint() -> str:
    """The README's set-up command on this OS (a built app: its installer)."""
    if getattr(sys, "frozen", False):
        return "reinstall MockInterview"
    return "scripts\\setup.ps1" if host_os() == "windows" else "scripts/setup.sh"


def speech_engine_hint() -> str:
    """How to get a text-to-speech voice on this OS (questions are shown as text without one)."""
    return SPEECH_ENGINE_HINTS[host_os()]


def audio_system_hint() -> str:
    """How to get the audio library sounddevice needs on this OS."""
    return AUDIO_SYSTEM_HINTS[host_os()]


def camera_missing_hint() -> str:
    """What to do when the OS lists no camera at all."""
    return CAMERA_MISSING_HINTS[host_os()]


# ---------------------------------------------------------------------------------------------
# The display

DISPLAY_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY")


def display_missing_reason(environ: Mapping[str, str]) -> str | None:
    """Why no window can open here, or None. Only Linux can lack a display (a server, an ssh
    session); Windows and macOS always have their own, so nothing is checked there. Without
    this check Qt aborts with a misleading "xcb-cursor0" hint."""
    if host_os() != "linux" or environ.get("QT_QPA_PLATFORM"):
        return None
    if any(environ.get(name) for name in DISPLAY_VARIABLES):
        return None
    return "DISPLAY and WAYLAND_DISPLAY are not set"


# ---------------------------------------------------------------------------------------------
# The data folder's privacy


def restrict_to_owner(path: Path) -> None:
    """Let only the owner open `path` (interview video is personal data).

    POSIX: folders 700, files 600. Windows: nothing is changed: os.chmod there only sets the
    read-only flag, and the data folder lives under %LOCALAPPDATA%, which Windows already opens
    only to the user, administrators and SYSTEM; private_data_note() says so to the user.
    """
    if host_os() == "windows":
        return
    mode = stat.S_IRWXU if path.is_dir() else stat.S_IRUSR | stat.S_IWUSR
    os.chmod(path, mode)


def private_data_note(data: Path, profile: Path | None = None) -> str:
    """One sentence for `doctor`: who can open the recordings in `data`, and why."""
    if host_os() != "windows":
        return "session folders and the database are owner-only (mode 700/600)"
    profile = profile or Path(os.environ.get("USERPROFILE", str(Path.home())))
    if data.is_relative_to(profile):
        return (
            "inside your Windows profile, which only you, administrators and SYSTEM can open; "
            "MockInterview sets no permissions of its own"
        )
    return (
        f"outside your Windows profile ({profile}): MockInterview sets no permissions of its "
        "own, so check in the folder's Properties > Security who else can open it"
    )


# ---------------------------------------------------------------------------------------------
# Standard error


@contextlib.contextmanager
def stderr_fd_redirected(target_fd: int) -> Iterator[bool]:
    """Point file descriptor 2 at `target_fd` for the block; yields whether it could.

    A windowless Windows program (pythonw.exe, the mockinterview-gui launcher, a bundle built
    with console=False) has no standard error: fd 2 has no handle behind it and os.dup(2) raises
    OSError (EBADF). Then nothing is redirected and the block runs unchanged; native libraries'
    writes to fd 2 go nowhere, as they would have anyway.
    """
    try:
        saved = os.dup(2)
    except OSError:
        yield False
        return
    try:
        os.dup2(target_fd, 2)
        yield True
    finally:
        os.dup2(saved, 2)
        os.close(saved)

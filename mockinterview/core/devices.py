"""Enumerate cameras, microphones and speakers without ever crashing when there are none.

Device enumeration that raised when no device existed took other apps down (architecture page,
section 6); here every probe returns a list, possibly empty, plus a reason when it could not look.
"""

from __future__ import annotations

import glob
import logging
import sys
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AudioDevice:
    index: int
    name: str
    channels: int
    default: bool


@dataclass(frozen=True)
class DeviceList:
    """Devices found, or an empty list and the reason the probe could not look."""

    devices: list
    error: str | None = None


def list_audio_devices(kind: str) -> DeviceList:
    """`kind` is "input" (microphones) or "output" (speakers)."""
    try:
        import sounddevice as sd

        devices = sd.query_devices()
        default_in, default_out = sd.default.device
    except (OSError, ImportError) as exc:  # no PortAudio library, or it failed to start
        return DeviceList([], f"audio system unavailable: {exc}")
    except Exception as exc:  # sounddevice.PortAudioError
        return DeviceList([], f"audio system error: {exc}")
    key = "max_input_channels" if kind == "input" else "max_output_channels"
    default = default_in if kind == "input" else default_out
    found = [
        AudioDevice(int(d["index"]), str(d["name"]), int(d[key]), int(d["index"]) == default)
        for d in devices
        if d[key] > 0
    ]
    return DeviceList(found)


def list_cameras(max_index: int = 4) -> DeviceList:
    """Webcams OpenCV can open. On Linux only /dev/video* nodes are tried, so no probe is noisy."""
    if sys.platform.startswith("linux"):
        nodes = sorted(glob.glob("/dev/video*"))
        if not nodes:
            return DeviceList([], "no /dev/video* device: no camera is connected")
        indexes = [int(n.removeprefix("/dev/video")) for n in nodes if n[10:].isdigit()]
    else:
        indexes = list(range(max_index))
    import cv2

    found = []
    for index in indexes:
        capture = cv2.VideoCapture(index)
        try:
            if capture.isOpened() and capture.read()[0]:
                width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH))
                height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
                found.append({"index": index, "name": f"camera {index} ({width}x{height})"})
        finally:
            capture.release()
    return DeviceList(found, None if found else "camera devices exist but none could be opened")

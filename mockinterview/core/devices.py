"""Enumerate cameras, microphones and speakers without ever crashing when there are none.

Device enumeration that raised when no device existed took other apps down (architecture page,
section 6); here every probe returns a list, possibly empty, plus a reason when it could not look.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from mockinterview.core.errors import DeviceError
from mockinterview.core.platforms import (
    audio_system_hint,
    camera_access_hint,
    camera_listing,
    camera_missing_hint,
)
from mockinterview.core.vision.frames import open_camera

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AudioDevice:
    index: int
    name: str
    channels: int
    default: bool


@dataclass(frozen=True)
class DeviceList:
    """Devices found, or an empty list, the reason the probe could not look, and what to do."""

    devices: list
    error: str | None = None
    hint: str | None = None


def list_audio_devices(kind: str) -> DeviceList:
    """`kind` is "input" (microphones) or "output" (speakers): those of the OS's default audio
    system.

    Windows lists each microphone once under each of its audio systems (MME, DirectSound,
    WASAPI), by the same name; a list of all of them showed every device three times, and the
    name chosen matched three devices (capture.resolve_device reads a name as one of these)."""
    try:
        import sounddevice as sd

        devices = sd.query_devices()
        default_in, default_out = sd.default.device
        host_api = sd.default.hostapi
    except (OSError, ImportError) as exc:  # no PortAudio library, or it failed to start
        return DeviceList([], f"audio system unavailable: {exc}", audio_system_hint())
    except Exception as exc:  # sounddevice.PortAudioError
        return DeviceList([], f"audio system error: {exc}", audio_system_hint())
    key = "max_input_channels" if kind == "input" else "max_output_channels"
    default = default_in if kind == "input" else default_out
    found = [
        AudioDevice(int(d["index"]), str(d["name"]), int(d[key]), int(d["index"]) == default)
        for d in devices
        if d[key] > 0 and d["hostapi"] == host_api
    ]
    return DeviceList(found)


def list_cameras() -> DeviceList:
    """Webcams, named by the OS. Where the OS lists its cameras (Windows, macOS) none is opened;
    on Linux each /dev/video* node is opened once, because metadata nodes look the same."""
    listing = camera_listing()
    if listing.error:
        return DeviceList([], listing.error, camera_missing_hint())
    if not listing.must_probe:
        return DeviceList([{"index": index, "name": name} for index, name in listing.cameras])
    found = []
    for index, name in listing.cameras:
        try:
            with open_camera(str(index)) as camera:
                frame = camera.read()
        except DeviceError as exc:
            log.info("camera %d: %s", index, exc)
            continue
        if frame is not None:
            found.append({"index": index, "name": f"{name} ({frame.width}x{frame.height})"})
    if not found:
        return DeviceList([], "camera devices exist but none could be opened", camera_access_hint())
    return DeviceList(found)

"""The Settings page's Test buttons use the core's device resolution, level meter and speaker."""

from __future__ import annotations

import pytest

from mockinterview.core.errors import DeviceError
from mockinterview.gui import device_checks


@pytest.mark.parametrize(
    ("check", "role"),
    [
        (lambda: device_checks.microphone_level_dbfs("no-such-mic", 16000), "microphone"),
        (lambda: device_checks.play_test_tone("no-such-speaker"), "speaker"),
    ],
)
def test_unknown_device_names_what_exists(check, role: str) -> None:
    with pytest.raises(DeviceError, match=f"No {role} matches .*Available: "):
        check()


@pytest.mark.usefixtures("virtual_audio")
def test_tone_plays_and_a_silent_microphone_reads_as_silent() -> None:
    assert device_checks.play_test_tone("") == device_checks.TEST_TONE_S
    assert device_checks.microphone_level_dbfs("", 16000) < device_checks.SILENT_DBFS

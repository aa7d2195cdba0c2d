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


@pytest.mark.usefixtures("virtual_audio")
def test_a_microphone_that_refuses_16_khz_is_tested_at_its_own_rate(monkeypatch) -> None:
    """Many sound cards refuse 16 kHz; the rehearsal opens them at their own rate and
    resamples, but Settings > Test asked for 16 kHz and said the microphone could not record."""
    import sounddevice as sd

    real_stream = sd.InputStream

    def refusing_16_khz(*args, **kwargs):
        if kwargs.get("samplerate") == 16000:
            raise sd.PortAudioError("Invalid sample rate [PaErrorCode -9997]")
        return real_stream(*args, **kwargs)

    def check(*_args, samplerate=None, **_kwargs) -> None:
        if samplerate == 16000:
            raise sd.PortAudioError("Invalid sample rate [PaErrorCode -9997]")

    monkeypatch.setattr(sd, "InputStream", refusing_16_khz)
    monkeypatch.setattr(sd, "check_input_settings", check)
    assert device_checks.microphone_level_dbfs("", 16000) < device_checks.SILENT_DBFS

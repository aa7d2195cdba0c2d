from __future__ import annotations

from pathlib import Path

import pytest

from mockinterview.core.errors import SettingsError
from mockinterview.core.settings import Settings, load_settings, save_settings, with_overrides


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.toml") == Settings()


def test_round_trip(tmp_path: Path) -> None:
    settings = with_overrides(Settings(), {"whisper.model": "base.en", "voice.rate": 140})
    path = tmp_path / "settings.toml"
    save_settings(settings, path)
    assert load_settings(path) == settings
    assert load_settings(path).delivery.wpm_comfortable_low == 130.0


def test_partial_file_keeps_other_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("[delivery]\nwpm_flag_high = 200\n")
    settings = load_settings(path)
    assert settings.delivery.wpm_flag_high == 200.0
    assert settings.delivery.wpm_flag_low == 110.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[whisper]\nmodle = 'x'\n", "whisper: unknown setting 'modle'"),
        ("[voice]\nrate = 'fast'\n", "voice.rate: expected int"),
        ("[whisper\n", "not valid TOML"),
        ("whisper = 3\n", "whisper: expected a table"),
    ],
)
def test_bad_file_names_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text)
    with pytest.raises(SettingsError, match=message) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)


def test_a_file_written_by_an_earlier_version_still_opens(tmp_path: Path) -> None:
    """save_settings writes every field, so a user's file holds thresholds of cues that have
    since been removed (issue 12); they are skipped, while a real typo is still an error."""
    path = tmp_path / "settings.toml"
    path.write_text(
        "[body]\nstare_no_blink_s = 10.0\ngaze_iris_offset = 0.1\nslouch_drop = 0.1\n"
        "[report]\nsmile_ok_pct = 5.0\n"
    )
    assert load_settings(path).body.slouch_drop == 0.1
    path.write_text("[body]\nstare_no_blink = 10.0\n")
    with pytest.raises(SettingsError, match="body: unknown setting 'stare_no_blink'"):
        load_settings(path)

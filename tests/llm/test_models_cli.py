"""Language models the user controls: listing, resolving, the doctor, asking before a download."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockinterview.cli import main
from mockinterview.core.errors import ModelError
from mockinterview.core.llm.catalog import (
    TEST_MODEL_NAME,
    check_llm,
    packaged_test_model,
    resolve_llm_model,
)
from mockinterview.core.settings import load_settings
from tests.llm.conftest import requires_runtime


def test_models_list_shows_language_models(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "Language models (optional;" in out
    assert "qwen2.5-1.5b-instruct" in out and "Apache-2.0" in out
    assert "not downloaded: mockinterview models download qwen2.5-1.5b-instruct" in out
    assert "No language model in use" in out


def test_download_asks_first_and_fetches_nothing_unasked(
    capsys: pytest.CaptureFixture[str], private_home: Path
) -> None:
    # stdin is not a terminal under pytest: without --yes nothing may be fetched.
    assert main(["models", "download", "qwen2.5-1.5b-instruct"]) == 2
    captured = capsys.readouterr()
    assert "1.12 GB (1117320736 bytes)" in captured.out
    assert "licence: Apache-2.0" in captured.out
    assert "Nothing downloaded: add --yes" in captured.err
    assert not list(private_home.rglob("*.gguf*"))


def test_the_setting_names_a_file_or_a_downloaded_model(tmp_path: Path) -> None:
    assert resolve_llm_model("") is None
    with pytest.raises(ModelError, match=r"models download qwen2\.5-1\.5b-instruct"):
        resolve_llm_model("qwen2.5-1.5b-instruct")
    with pytest.raises(ModelError, match="does not exist"):
        resolve_llm_model(str(tmp_path / "none.gguf"))
    config = tmp_path / "settings.toml"
    config.write_text('[llm]\nmodel = "my.gguf"\nthreads = 4\n')
    assert load_settings(config).llm.model == "my.gguf"
    assert load_settings(config).llm.threads == 4


def test_doctor_section_without_and_with_a_broken_model(tmp_path: Path) -> None:
    none = check_llm("", 2, 2048)
    assert none["ok"] is True and "none configured" in str(none["detail"])
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"not a model")
    report = check_llm(str(broken), 2, 2048)
    assert report["ok"] is False and "not a GGUF model file" in str(report["detail"])


@requires_runtime
def test_doctor_loads_the_packaged_test_model() -> None:
    report = check_llm(TEST_MODEL_NAME, 2, 2048)
    assert report["ok"] is True, report
    assert report["path"] == str(packaged_test_model())
    assert str(report["detail"]).startswith("loaded (xllamacpp ")

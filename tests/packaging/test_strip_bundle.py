"""packaging/strip_bundle.py strips what still loads afterwards and leaves the rest alone, on
real libraries from this environment (numpy's OpenBLAS is one that a plain strip breaks)."""

from __future__ import annotations

import ctypes
import importlib.util
import shutil
from pathlib import Path

import numpy
import pytest

from tests.packaging.conftest import PACKAGING

pytestmark = pytest.mark.skipif(shutil.which("strip") is None, reason="no strip program")


@pytest.fixture(scope="module")
def strip_bundle():
    spec = importlib.util.spec_from_file_location("strip_bundle", PACKAGING / "strip_bundle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_library_whose_stripped_copy_would_not_load_is_kept(strip_bundle, tmp_path) -> None:
    """numpy's OpenBLAS was rewritten by patchelf: stripped, its LOAD segments are misaligned
    (the bundle then failed with "ELF load command address/offset not page-aligned")."""
    (openblas,) = Path(numpy.__file__).parent.parent.glob("numpy.libs/libscipy_openblas*.so")
    library = tmp_path / openblas.name
    shutil.copyfile(openblas, library)
    assert strip_bundle.loadable(library)
    before = library.read_bytes()
    assert strip_bundle.strip_library(library, tmp_path) == 0
    assert library.read_bytes() == before


def test_a_library_is_stripped_and_still_loads(strip_bundle, tmp_path) -> None:
    import kiwisolver

    (extension,) = Path(kiwisolver.__file__).parent.glob("_cext*.so")
    folder = tmp_path / "bundle"
    folder.mkdir()
    library = folder / extension.name
    shutil.copyfile(extension, library)
    size = library.stat().st_size
    summary = strip_bundle.strip_bundle(folder)
    assert summary["stripped"] == 1 and summary["bytes_saved"] > size // 2
    assert library.stat().st_size == size - summary["bytes_saved"]
    assert strip_bundle.loadable(library)
    ctypes.CDLL(str(library))  # the dynamic loader takes it

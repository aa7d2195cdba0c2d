"""packaging/cuda_kernels.py on this environment's real CTranslate2: with its CUDA kernels out of
the file, and their pages made unreadable for the test (any read would crash the process), the
app's Whisper still transcribes real speech on the CPU, so a CPU run never reads them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="the kernels are taken out of the Linux bundle only"
)

TRANSCRIBE = r"""
import json, sys
import ctranslate2
from mockinterview.core.models import load_whisper
from mockinterview.core.settings import WhisperSettings

model = load_whisper(WhisperSettings())
segments, _info = model.transcribe(sys.argv[1], language="en", beam_size=1)
print(json.dumps({"ct2": ctranslate2.__file__, "text": " ".join(s.text for s in segments)}))
"""


@pytest.fixture(scope="module")
def cuda_kernels():
    from tests.packaging.conftest import _packaging_module

    return _packaging_module("cuda_kernels")


def _unreadable_gap(cuda_kernels, library: Path) -> None:
    """Give the file-less segment no access rights, so touching a byte of it kills the process."""
    data = bytearray(library.read_bytes())
    header = cuda_kernels.ELF_HEADER.unpack_from(data, 0)
    phoff, phentsize, phnum = header[5], header[9], header[10]
    gaps = 0
    for index in range(phnum):
        program = list(cuda_kernels.PROGRAM_HEADER.unpack_from(data, phoff + index * phentsize))
        if program[0] == cuda_kernels.PT_LOAD and program[5] == 0 and program[6] > 0:
            program[1] = 0
            cuda_kernels.PROGRAM_HEADER.pack_into(data, phoff + index * phentsize, *program)
            gaps += 1
    assert gaps == 1
    library.write_bytes(bytes(data))


def test_whisper_transcribes_without_ctranslate2s_cuda_kernels(
    cuda_kernels, tmp_path: Path
) -> None:
    import ctranslate2

    site = tmp_path / "site"
    installed = Path(ctranslate2.__file__).parent
    shutil.copytree(installed, site / "ctranslate2")
    shutil.copytree(installed.parent / "ctranslate2.libs", site / "ctranslate2.libs")
    (library,) = (site / "ctranslate2.libs").glob("libctranslate2-*")
    before = library.stat().st_size
    result = cuda_kernels.drop_cuda_kernels(site)
    if not result["changed"]:
        pytest.skip("this CTranslate2 build carries no CUDA kernels")
    assert result["bytes_saved"] > 10_000_000 and library.stat().st_size < before - 10_000_000
    _unreadable_gap(cuda_kernels, library)

    run = subprocess.run(
        [sys.executable, "-c", TRANSCRIBE, str(DATA / "speech" / "austen-0870.flac")],
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(site)},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    answer = json.loads(run.stdout.splitlines()[-1])
    assert Path(answer["ct2"]).is_relative_to(site)
    text = answer["text"].lower()
    assert all(word in text for word in ("dashwood", "leisure", "power")), text

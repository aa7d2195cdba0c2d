"""Fixtures for the packaging checks: the build description and, on request, the built bundle."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
BUNDLE = ROOT / "dist" / "mockinterview"
PACKAGE_TEST_ENV = "MOCKINTERVIEW_PACKAGE_TEST"


def _packaging_module(name: str) -> ModuleType:
    """packaging/<name>.py, loaded from its file (packaging/ is not a Python package). Its own
    imports of packaging modules find them as in the spec, which puts packaging/ on sys.path."""
    if str(PACKAGING) not in sys.path:
        sys.path.append(str(PACKAGING))
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def bundle_contents() -> ModuleType:
    return _packaging_module("bundle_contents")


@pytest.fixture(scope="session")
def unused_libraries() -> ModuleType:
    return _packaging_module("unused_libraries")


@pytest.fixture(scope="session")
def frozen_bundle() -> Path:
    """dist/mockinterview, only when the slow frozen-build checks were asked for.

    `make package-test` builds the bundle and sets MOCKINTERVIEW_PACKAGE_TEST=1; in the normal
    suite these checks skip, because a build takes minutes and a gigabyte of disk.
    """
    if os.environ.get(PACKAGE_TEST_ENV) != "1":
        pytest.skip(f"frozen-build smoke test: run `make package-test` ({PACKAGE_TEST_ENV}=1)")
    executable = BUNDLE / "mockinterview"
    if not executable.is_file():
        pytest.fail(f"{executable} does not exist: build it first with `make package`")
    return BUNDLE


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with no Python in it: no venv, no PYTHONPATH, only system binaries."""
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", **extra}

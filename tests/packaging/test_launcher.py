"""The frozen app gives programs it starts the user's library path, not the bundle's."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from tests.packaging.conftest import PACKAGING


@pytest.fixture(scope="module")
def launcher() -> ModuleType:
    spec = importlib.util.spec_from_file_location("launcher", PACKAGING / "launcher.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # not __main__: the app does not start
    return module


def test_the_users_own_library_path_comes_back(launcher) -> None:
    environ = {
        "LD_LIBRARY_PATH": "/opt/mockinterview/_internal",
        "LD_LIBRARY_PATH_ORIG": "/home/me/lib",
        "HOME": "/home/me",
    }
    launcher.restore_library_path(environ)
    assert environ == {"LD_LIBRARY_PATH": "/home/me/lib", "HOME": "/home/me"}


def test_the_bundle_path_goes_when_the_user_had_none(launcher) -> None:
    environ = {"LD_LIBRARY_PATH": "/opt/mockinterview/_internal", "HOME": "/home/me"}
    launcher.restore_library_path(environ)
    assert environ == {"HOME": "/home/me"}

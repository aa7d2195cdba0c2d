"""Where the app finds its bundled assets and keeps the user's data.

Assets sit at the top of the checkout (`assets/`) in a development install and under
`sys._MEIPASS/assets` in a PyInstaller build; both are resolved here so that no other module
guesses paths.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from mockinterview.core.platforms import restrict_to_owner

APP_NAME = "mockinterview"
HOME_ENV = "MOCKINTERVIEW_HOME"
ASSETS_ENV = "MOCKINTERVIEW_ASSETS"


def assets_dir() -> Path:
    """The folder holding models/, questions/ and icons/ (frozen builds carry it inside)."""
    override = os.environ.get(ASSETS_ENV)
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "assets"
    return Path(__file__).resolve().parents[2] / "assets"


def data_dir() -> Path:
    """The user's data folder: sessions, logs, downloaded models (MOCKINTERVIEW_HOME overrides)."""
    override = os.environ.get(HOME_ENV)
    path = Path(override) if override else platformdirs.user_data_path(APP_NAME)
    path.mkdir(parents=True, exist_ok=True)
    restrict_to_owner(path)  # recordings, transcripts, logs and the checklist are personal
    return path


def config_file() -> Path:
    """settings.toml: inside MOCKINTERVIEW_HOME when that is set, so tests never touch ~/.config."""
    if os.environ.get(HOME_ENV):
        return data_dir() / "settings.toml"
    return platformdirs.user_config_path(APP_NAME) / "settings.toml"

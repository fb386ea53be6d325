"""Where files live by default (platform-neutral, through platformdirs)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "bgfuture-desk"


def data_dir() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / "house.sqlite"

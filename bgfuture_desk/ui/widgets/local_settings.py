"""What this computer remembers for the desk (not the house's database, which travels in the
export): an INI file in the user's configuration folder, through QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStorageInfo

from bgfuture_desk.export_folder import Mount, windows_removable

ORGANISATION = "bgfuture"
APPLICATION = "bgfuture-desk"
LAST_EXPORT_FOLDER = "export/last_folder"


def local_settings() -> QSettings:
    """INI everywhere (also on Windows, instead of the registry), so a test can move it with
    ``QSettings.setPath``."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def remembered_folder(settings: QSettings, key: str) -> Path | None:
    value = settings.value(key, "", str)
    return Path(str(value)) if value else None


def remember_folder(settings: QSettings, key: str, folder: Path) -> None:
    settings.setValue(key, str(folder))
    settings.sync()


def mounted_volumes() -> list[Mount]:
    return [
        Mount(
            root=volume.rootPath(),
            ready=volume.isReady(),
            read_only=volume.isReadOnly(),
            removable=windows_removable(volume.rootPath()),
        )
        for volume in QStorageInfo.mountedVolumes()
    ]

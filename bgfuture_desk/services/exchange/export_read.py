"""Reading an export back (coordinator side): decrypt, check everything, hand out a copy.

A file is accepted only when the container opens with the passphrase, every chunk is
intact, the snapshot matches the manifest's checksum, its schema is one this program knows,
every record in it belongs to the house the manifest names, and every record it points to
is in it.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from bgfuture_desk.db import migrate
from bgfuture_desk.errors import UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.exchange import export_file
from bgfuture_desk.services.exchange.export_errors import (
    DamagedExportError,
    InconsistentExportError,
    NewerExportError,
)
from bgfuture_desk.services.exchange.manifest import ExportManifest
from bgfuture_desk.services.exchange.snapshot import check_house, snapshot_engine


@dataclass
class ExportContents:
    """A verified export: its manifest and a temporary copy of its snapshot.

    Use as a context manager (or call ``close()``): the temporary copy is removed.
    """

    path: Path
    manifest: ExportManifest
    snapshot: Path

    def close(self) -> None:
        shutil.rmtree(self.snapshot.parent, ignore_errors=True)

    def __enter__(self) -> ExportContents:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---- reading ----------------------------------------------------------------------------


def read_label(path: Path) -> export_file.ExportLabel:
    """House and month of an export file, without its passphrase (to list files)."""
    with _opened(path) as fh:
        return export_file.read_label(fh, Path(path).name)


def _opened(path: Path) -> BinaryIO:
    try:
        return open(path, "rb")  # noqa: SIM115 - the callers close it
    except OSError as err:
        raise UserError(
            _("The file {path} cannot be read: {reason}").format(
                path=path, reason=err.strerror or err
            )
        ) from None


def read_export(
    path: Path, passphrase: str, tick: Callable[[int], None] | None = None
) -> ExportContents:
    """Decrypt and check an export completely; the caller closes the result.

    ``tick(n)`` is told about every n bytes of the file read (for a progress bar).
    """
    path = Path(path)
    name = path.name
    snapshot = Path(tempfile.mkdtemp(prefix="bgfuture-import-")) / "house.sqlite"
    try:
        with _opened(path) as src, open(snapshot, "wb") as out:
            manifest_json, sha256, _size = export_file.unpack(src, out, passphrase, name, tick)
        manifest = ExportManifest.from_json(manifest_json, name)
        if sha256 != manifest.snapshot_sha256:
            raise DamagedExportError(name)
        if manifest.schema_revision is None:
            raise DamagedExportError(name)
        if manifest.schema_revision not in migrate.known_revisions():
            raise NewerExportError(name, str(manifest.schema_revision))
        contents = ExportContents(path, manifest, snapshot)
        _check_snapshot(contents, name)
    except BaseException:
        shutil.rmtree(snapshot.parent, ignore_errors=True)
        raise
    return contents


def _check_snapshot(contents: ExportContents, name: str) -> None:
    manifest = contents.manifest
    with snapshot_engine(contents.snapshot) as engine:
        if migrate.current_revision(engine) != manifest.schema_revision:
            raise DamagedExportError(name)
        with engine.connect() as conn:
            check_house(conn, manifest.house_id, name, manifest.house_code)
            if conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise InconsistentExportError(name)

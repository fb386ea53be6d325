"""The house file and the consolidated file hold children's data: only their owner reads
them, however they were made or copied."""

from __future__ import annotations

import os
import stat

import pytest

from bgfuture_desk.db.models import Setting
from bgfuture_desk.services.house.database import open_database
from bgfuture_desk.services.unit import Actor

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_house_file_and_its_journal_are_the_owner_s_only(tmp_path):
    from bgfuture_desk.services.house import setup

    path = tmp_path / "new.sqlite"
    old_umask = os.umask(0o022)  # what most desktops give: files readable by everyone
    try:
        db = setup.initialise(path, setup.preset_input("kran"), None)
        try:
            with db.unit(Actor.system(), "test") as uow:
                uow.session.add(Setting(key="probe", value="1"))
                uow.commit()
            wal = path.with_name(path.name + "-wal")
            assert wal.exists()
            assert mode(path) == 0o600 and mode(wal) == 0o600
        finally:
            db.dispose()
    finally:
        os.umask(old_umask)


def test_a_copy_readable_by_everyone_is_tightened_when_opened(house_db, db_path, tmp_path):
    house_db.dispose()
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(db_path.read_bytes())
    copy.chmod(0o644)
    opened = open_database(copy).db
    try:
        with opened.read() as session:
            session.connection()
        assert mode(copy) == 0o600
    finally:
        opened.dispose()

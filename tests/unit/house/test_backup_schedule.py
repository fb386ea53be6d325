"""The app's backups: one a day at the first opening (thinned), a warning when the newest good
copy is older than a week or the folder is missing; damaged and read-only house files."""

from __future__ import annotations

import datetime as dt
import shutil
from contextlib import closing

import pytest

from bgfuture_desk.db import cipher
from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.errors import DamagedFileError, ReadOnlyError
from bgfuture_desk.services.families import listing
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.service import FamilyInput, PersonInput
from bgfuture_desk.services.house import backup, backup_schedule
from bgfuture_desk.services.house.database import open_database
from bgfuture_desk.services.users import service as users
from tests.conftest import ADMIN_PASSWORD

MORNING = dt.datetime(2026, 12, 7, 8, 30)


def register(db, actor, surname: str):
    return families.create_family(
        db, actor, FamilyInput(settlement="гр. Крън", phone="0888 555 111"),
        [PersonInput(role="mother", first_name="Росица", last_name=surname)], force=True)


def test_the_first_opening_of_the_day_makes_a_copy_and_later_ones_do_not(house_db, db_path):
    house_db.clock = FixedClock(MORNING)
    first = backup_schedule.daily_backup(house_db)
    assert first.made is not None and first.error is None
    assert first.made.path.name == "house-2026-12-07-083000.sqlite"
    assert first.made.path.parent == db_path.parent / "backups"

    house_db.clock = FixedClock(MORNING.replace(hour=14))
    assert backup_schedule.daily_backup(house_db).made is None
    assert len(backup_schedule.house_backups(house_db)) == 1

    house_db.clock = FixedClock(MORNING + dt.timedelta(days=1))
    assert backup_schedule.daily_backup(house_db).made is not None
    assert len(backup_schedule.house_backups(house_db)) == 2


def test_the_daily_copy_thins_the_old_ones(house_db, db_path):
    folder = db_path.parent / "backups"
    for days in (400, 200, 100, 30, 29):  # months and weeks ago
        backup.make_backup(db_path, folder, now=MORNING - dt.timedelta(days=days))
    house_db.clock = FixedClock(MORNING)
    done = backup_schedule.daily_backup(house_db)
    assert done.made is not None
    kept = {info.taken_at.date() for info in backup_schedule.house_backups(house_db)}
    assert MORNING.date() in kept
    assert len(kept) == 6 - len(done.thinned)


def test_a_copy_that_cannot_be_made_is_told_not_raised(house_db, db_path):
    blocker = db_path.parent / "usb"
    blocker.write_text("not a folder")
    house_db.clock = FixedClock(MORNING)
    done = backup_schedule.daily_backup(house_db, folder=blocker / "backups")
    assert done.made is None
    assert done.error is not None and "не може да бъде записано" in done.error


def test_the_warning_rule(house_db, db_path):
    house_db.clock = FixedClock(MORNING)
    assert backup_schedule.warning(house_db) == (
        f"Папката за архивни копия липсва: {db_path.parent / 'backups'}. "
        "Не може да се направи архивно копие."
    )
    (db_path.parent / "backups").mkdir()
    assert backup_schedule.warning(house_db) == "Все още няма добро архивно копие на файла."

    backup.make_backup(db_path, now=MORNING - dt.timedelta(days=7))
    assert backup_schedule.warning(house_db) is None  # a week old: still fine

    house_db.clock = FixedClock(MORNING + dt.timedelta(days=1))
    assert backup_schedule.warning(house_db) == (
        "Последното добро архивно копие е от 30.11.2026, преди повече от 7 дни."
    )
    backup_schedule.backup_now(house_db)
    assert backup_schedule.warning(house_db) is None


def test_backups_of_other_houses_in_the_folder_are_not_counted(house_db, db_path):
    folder = db_path.parent / "backups"
    folder.mkdir()
    shutil.copyfile(db_path, folder / "other-2026-12-07-080000.sqlite")
    house_db.clock = FixedClock(MORNING)
    assert backup_schedule.house_backups(house_db) == []
    assert backup_schedule.daily_backup(house_db).made is not None


def test_restore_from_the_app_gives_back_the_copy(house_db, admin, db_path):
    house_db.clock = FixedClock(MORNING)
    register(house_db, admin, "Иванова")
    copy = backup_schedule.backup_now(house_db, admin)
    register(house_db, admin, "Петрова")
    assert backup.counts_of(db_path, current=True).families == 2

    restored = backup_schedule.restore_backup(house_db, admin, copy.path)

    assert restored.safety_backup is not None and restored.safety_backup.exists()
    reopened = open_database(db_path).db
    try:
        assert backup.counts_of(db_path, current=True).families == 1
    finally:
        reopened.dispose()


def test_an_assistant_may_back_up_but_not_restore(house_db, admin, db_path):
    from bgfuture_desk.errors import PermissionDeniedError

    users.create_user(house_db, admin, username="anna", full_name="Анна Иванова",
                      role="assistant", password="pomosht-12")
    anna = users.actor_of(users.authenticate(house_db, "anna", "pomosht-12"))
    copy = backup_schedule.backup_now(house_db, anna)
    with pytest.raises(PermissionDeniedError):
        backup_schedule.restore_backup(house_db, anna, copy.path)


def test_a_damaged_file_is_refused_untouched_and_the_newest_good_copy_offered(
        house_db, db_path):
    house_db.clock = FixedClock(MORNING)
    good = backup_schedule.backup_now(house_db)
    house_db.dispose()
    data = bytearray(db_path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page of garbage
    db_path.write_bytes(bytes(data))

    with pytest.raises(DamagedFileError) as refused:
        open_database(db_path)
    assert refused.value.message.startswith("Файлът на къщата е повреден")
    assert db_path.read_bytes() == bytes(data)
    assert not db_path.with_name(db_path.name + "-wal").exists()
    assert backup_schedule.newest_good_backup(db_path) == good


def test_a_file_that_is_not_a_database_is_damaged(db_path):
    db_path.write_bytes(b"\x00" * 8192)
    with pytest.raises(DamagedFileError):
        open_database(db_path)
    assert db_path.read_bytes() == b"\x00" * 8192


def test_a_read_only_opening_reads_and_refuses_every_writing_action(house_db, admin, db_path):
    register(house_db, admin, "Иванова")
    house_db.dispose()
    before = db_path.read_bytes()

    opened = open_database(db_path, read_only=True).db
    try:
        assert opened.read_only
        user = users.authenticate(opened, "admin", ADMIN_PASSWORD)  # logs in, writes nothing
        actor = users.actor_of(user)
        assert len(listing.list_families(opened)) == 1
        with pytest.raises(ReadOnlyError) as refused:
            register(opened, actor, "Петрова")
        assert refused.value.message.startswith("Файлът е само за четене")
        assert backup_schedule.daily_backup(opened).made is None
    finally:
        opened.dispose()
    assert db_path.read_bytes() == before


def test_due_and_stale_rules():
    today = MORNING.date()
    assert backup_schedule.due([], today)
    assert backup_schedule.due([MORNING - dt.timedelta(days=1)], today)
    assert not backup_schedule.due([MORNING.replace(hour=0)], today)
    assert backup_schedule.stale(None, today)
    assert not backup_schedule.stale(MORNING - dt.timedelta(days=7), today)
    assert backup_schedule.stale(MORNING - dt.timedelta(days=8), today)


def test_damage_deep_inside_the_file_is_found_by_the_daily_full_check(house_db, db_path):
    """The opening looks only at the schema and each table's first page (a ten-year file
    opens in milliseconds instead of 1.3 s); the daily backup reads every page."""
    from bgfuture_desk.services.house.database import refuse_damaged

    house_db.dispose()
    with closing(cipher.connect(db_path)) as conn:
        # a page deep in the file that is no table's first one
        roots = {r[0] for r in conn.execute("SELECT rootpage FROM sqlite_master")}
        pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
        leaf = next(page for page in range(pages // 2, pages) if page not in roots)
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    original = db_path.read_bytes()
    for page in range(leaf, pages + 1):  # the first page the opening's quick look passes over
        data = bytearray(original)
        data[(page - 1) * size:page * size] = b"\x5a" * size
        db_path.write_bytes(bytes(data))
        try:
            refuse_damaged(db_path)
            break
        except DamagedFileError:
            continue
    else:
        pytest.fail("every page of the file is read by the quick look")

    with pytest.raises(DamagedFileError):
        refuse_damaged(db_path, full=True)
    opened = open_database(db_path).db
    try:
        opened.clock = FixedClock(MORNING)
        done = backup_schedule.daily_backup(opened)
        assert done.damaged and done.made is None
        assert "проверката за цялост" in (done.error or "")
        assert backup_schedule.house_backups(opened) == []
    finally:
        opened.dispose()

"""bgfuture-desk backup and restore as the coordinator uses them: Bulgarian output, a question
before a restore that only „д“ answers, and a restore refused while the app holds the file."""

from __future__ import annotations

import io
import stat
import subprocess
import sys

import pytest

from bgfuture_desk.cli import main
from bgfuture_desk.services.demo import generate_demo
from bgfuture_desk.services.house import backup
from tests.unit.house.test_backup import add_family_and_check_in, all_rows, file_state

HOLD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from bgfuture_desk.services.house.lock import HouseLock\n"
    "lock = HouseLock(Path(sys.argv[1])).acquire()\n"
    "print('held', flush=True)\n"
    "time.sleep(120)\n"
)


def run(capsys, *argv: str, answer: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if answer is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(answer))
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def backed_up(house_db, admin, db_path):
    """A demo house with one backup, then changed after it: (backup file, rows at backup)."""
    generate_demo(house_db, families=4, seed=2)
    made = backup.make_backup(db_path)
    rows = all_rows(db_path)
    add_family_and_check_in(house_db, admin)
    house_db.dispose()
    return made.path, rows


def test_backup_prints_the_copy_and_what_it_holds_in_bulgarian(house_db, db_path, capsys):
    generate_demo(house_db, families=4, seed=2)
    status, out, err = run(capsys, "backup", "--db", str(db_path))
    assert status == 0, err
    [made] = backup.list_backups(db_path.parent / "backups")
    assert f"Резервното копие е направено: {made.path}" in out
    assert "Съдържа: семейства: 4, хора: " in out and "посещения: " in out
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600


def test_backup_to_a_named_file(house_db, db_path, tmp_path, capsys):
    target = tmp_path / "stick" / "копие.sqlite"
    target.parent.mkdir()
    status, out, _ = run(capsys, "backup", "--db", str(db_path), "--out", str(target))
    assert status == 0
    assert f"Резервното копие е направено: {target}" in out
    assert all_rows(target) == all_rows(db_path)


def test_backup_over_the_house_file_itself_is_refused(house_db, db_path, capsys):
    before = all_rows(db_path)
    status, _, err = run(capsys, "backup", "--db", str(db_path), "--out", str(db_path))
    assert status == 2
    assert "върху самия файл на къщата" in err
    assert all_rows(db_path) == before


def test_backup_of_a_missing_file_says_so(tmp_path, capsys):
    status, _, err = run(capsys, "backup", "--db", str(tmp_path / "няма.sqlite"))
    assert status == 2
    assert "Файлът с базата данни не съществува" in err


def test_restore_asks_and_any_answer_but_yes_leaves_the_file_unchanged(
    backed_up, db_path, capsys, monkeypatch
):
    copy, _ = backed_up
    before = file_state(db_path)
    status, out, _ = run(capsys, "restore", "--db", str(db_path), str(copy),
                         answer="н\n", monkeypatch=monkeypatch)
    assert status == 1
    assert "в копието:  семейства: 4" in out
    assert "във файла на къщата сега:  семейства: 5" in out
    assert "Да се възстанови ли? [д/Н]" in out
    assert "Отказано; файлът на къщата не е променен." in out
    assert file_state(db_path) == before


def test_restore_answered_yes_gives_back_the_backup(backed_up, db_path, capsys, monkeypatch):
    copy, rows = backed_up
    status, out, err = run(capsys, "restore", "--db", str(db_path), str(copy),
                           answer="Да\n", monkeypatch=monkeypatch)
    assert status == 0, err
    assert f"Файлът {db_path} е възстановен от копието." in out
    assert all_rows(db_path) == rows
    assert "Файлът, какъвто беше преди това, е запазен в " in out


def test_restore_with_yes_does_not_ask(backed_up, db_path, capsys, monkeypatch):
    copy, rows = backed_up
    status, out, _ = run(capsys, "restore", "--db", str(db_path), str(copy), "--yes",
                         answer="", monkeypatch=monkeypatch)
    assert status == 0
    assert "Да се възстанови ли?" not in out
    assert all_rows(db_path) == rows


def test_restore_of_a_foreign_file_is_refused_in_bulgarian(backed_up, db_path, tmp_path, capsys):
    foreign = tmp_path / "снимка.jpg"
    foreign.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    before = file_state(db_path)
    status, _, err = run(capsys, "restore", "--db", str(db_path), str(foreign), "--yes")
    assert status == 2
    assert "Копието не може да бъде възстановено" in err
    assert "Traceback" not in err
    assert file_state(db_path) == before


def test_restore_is_refused_while_the_app_holds_the_file(backed_up, db_path, capsys):
    copy, _ = backed_up
    before = file_state(db_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        status, _, err = run(capsys, "restore", "--db", str(db_path), str(copy), "--yes")
        after = file_state(db_path)
        # a backup is a reading command: it works beside the app
        backed_up_beside_it = main(["backup", "--db", str(db_path)])
    finally:
        holder.kill()
        holder.wait()
    assert status == 2
    assert "е отворен в друг прозорец на програмата" in err
    assert after == before
    assert backed_up_beside_it == 0


def test_backup_list_shows_the_copies_newest_first_and_writes_nothing(house_db, db_path, capsys):
    import datetime as dt

    generate_demo(house_db, families=4, seed=2)
    backup.make_backup(db_path, now=dt.datetime(2026, 12, 5, 9, 0))
    backup.make_backup(db_path, now=dt.datetime(2026, 12, 7, 9, 0))
    house_db.dispose()
    before = sorted(p.name for p in (db_path.parent / "backups").iterdir())

    status, out, err = run(capsys, "backup", "--db", str(db_path), "--list")

    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == f"Архивни копия в {db_path.parent / 'backups'}:"
    assert lines[1].startswith("07.12.2026 09:00  house-2026-12-07-090000.sqlite")
    assert "семейства: 4" in lines[1]
    assert lines[2].startswith("05.12.2026 09:00")
    assert sorted(p.name for p in (db_path.parent / "backups").iterdir()) == before


def test_backup_list_of_an_empty_folder(house_db, db_path, capsys):
    status, out, _err = run(capsys, "backup", "--db", str(db_path), "--list")
    assert status == 0
    assert out.strip() == f"Няма архивни копия в {db_path.parent / 'backups'}."

"""A house file made by the program is encrypted: a copied file, its WAL or a backup gives
away no name and no ЕГН; this user opens it without being asked, another cannot."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select

from bgfuture_desk.cli import main
from bgfuture_desk.db import cipher
from bgfuture_desk.db.models import Person
from bgfuture_desk.services.demo import generate_demo
from bgfuture_desk.services.house import backup


@pytest.fixture
def demo_house(house_db, admin):
    generate_demo(house_db, families=12, seed=3)
    return house_db


def secrets_of(db) -> set[bytes]:
    """The demo's names and ЕГН as they would sit in a plaintext file."""
    with db.read() as session:
        people = session.execute(
            select(Person.first_name, Person.last_name, Person.egn)).all()
    values = {v for row in people for v in row if v and len(v) >= 4}
    assert len(values) > 20  # the demo has names and ЕГН to look for
    return {v.encode() for v in values}


def leaks(data: bytes, values: set[bytes]) -> set[bytes]:
    return {v for v in values if v in data}


def test_the_house_file_is_not_a_database_for_plain_sqlite(demo_house, db_path):
    assert cipher.is_encrypted(db_path)
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(db_path).execute("SELECT count(*) FROM people").fetchone()


def test_the_file_its_wal_and_its_backups_hold_no_name_and_no_egn(demo_house, db_path):
    values = secrets_of(demo_house)
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the desk is open: the WAL is in use
    assert leaks(wal.read_bytes(), values) == set()
    assert leaks(db_path.read_bytes(), values) == set()
    made = backup.make_backup(db_path)
    assert cipher.key_id_of(made.path) == cipher.key_id_of(db_path)
    assert leaks(made.path.read_bytes(), values) == set()
    assert backup.counts_of(made.path) == backup.counts_of(db_path, current=True)
    demo_house.dispose()
    assert leaks(db_path.read_bytes(), values) == set()


def test_the_cli_opens_it_for_the_same_user_without_asking(demo_house, db_path, capsys):
    demo_house.dispose()
    assert main(["list", "families", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "12 записа" in out


def test_with_another_key_store_it_is_refused_in_bulgarian(
    demo_house, db_path, capsys, new_machine
):
    demo_house.dispose()
    assert main(["list", "families", "--db", str(db_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Файлът на къщата е криптиран" in captured.err
    assert f"bgfuture-desk unlock --db {db_path}" in captured.err
    assert "Traceback" not in captured.err


def test_a_staff_login_unlocks_the_file_on_a_new_machine(house_db, admin, db_path,
                                                        go_to_new_machine, capsys, tmp_path):
    """The template's administrator logs in once here (the entry is added), then the file
    goes to a PC whose key store is empty."""
    from bgfuture_desk.services.house import key_wrap
    from bgfuture_desk.services.users import service as users
    from tests.conftest import ADMIN_PASSWORD

    users.create_user(house_db, admin, username="rositsa", full_name="Росица Танева",
                      role="assistant", password="Kran-parola-77")
    house_db.dispose()
    assert key_wrap.has_entry(db_path, "admin") and key_wrap.has_entry(db_path, "rositsa")
    new_machine = go_to_new_machine()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not-her-password\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Kran-parola-77\n", encoding="utf-8")

    assert main(["list", "families", "--db", str(db_path)]) == 2
    assert main(["unlock", "--db", str(db_path), "--user", "rositsa",
                 "--password-file", str(wrong)]) == 2
    err = capsys.readouterr().err
    assert "паролата е грешн" in err and "Traceback" not in err
    assert list(new_machine.iterdir()) == []

    assert main(["unlock", "--db", str(db_path), "--user", "Rositsa",
                 "--password-file", str(good)]) == 0
    assert "отключен" in capsys.readouterr().out
    assert main(["list", "families", "--db", str(db_path)]) == 0
    assert key_wrap.unwrap(key_wrap.read_sidecar(key_wrap.sidecar_path(db_path))["users"]["admin"],
                           cipher.key_id_of(db_path), "admin", ADMIN_PASSWORD) is not None


def test_a_new_password_rewraps_and_the_old_one_no_longer_unlocks(
    house_db, admin, db_path, go_to_new_machine
):
    from bgfuture_desk.errors import UserError
    from bgfuture_desk.services.house import key_wrap
    from bgfuture_desk.services.users import service as users
    from tests.conftest import ADMIN_PASSWORD

    users.set_password(house_db, admin, admin.user_id, "Novata-parola-2026",
                       "Novata-parola-2026")
    house_db.dispose()
    go_to_new_machine()
    with pytest.raises(UserError):
        key_wrap.unlock_with_password(db_path, "admin", ADMIN_PASSWORD)
    key = key_wrap.unlock_with_password(db_path, "admin", "Novata-parola-2026")
    assert key.id_hex == cipher.key_id_of(db_path)


def test_check_says_the_file_is_encrypted_and_whether_this_user_has_its_key(
    house_db, db_path, capsys, go_to_new_machine
):
    house_db.dispose()
    assert main(["check", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Криптиран: да" in out
    assert "Ключ за този потребител на този компютър: намерен" in out
    assert "няма защитено хранилище" in out  # the tests' key store is the key file
    assert "Цялост: наред" in out
    go_to_new_machine()
    assert main(["check", "--db", str(db_path)]) == 2
    captured = capsys.readouterr()
    assert "Ключ за този потребител на този компютър: не е намерен" in captured.out
    assert "Файлът на къщата е криптиран" in captured.err


def test_a_backup_alone_opens_on_a_new_machine_with_a_staff_login(
    demo_house, db_path, tmp_path, go_to_new_machine, capsys
):
    from tests.conftest import ADMIN_PASSWORD

    made = backup.make_backup(db_path)
    demo_house.dispose()
    stick = tmp_path / "stick"
    stick.mkdir()
    for copy in made.path.parent.iterdir():  # the backups folder, copied to a USB stick
        (stick / copy.name).write_bytes(copy.read_bytes())
    password = tmp_path / "p.txt"
    password.write_text(ADMIN_PASSWORD + "\n", encoding="utf-8")
    go_to_new_machine()
    on_stick = stick / made.path.name
    assert main(["unlock", "--db", str(on_stick), "--user", "admin",
                 "--password-file", str(password)]) == 0
    capsys.readouterr()
    assert main(["list", "families", "--db", str(on_stick)]) == 0
    assert "12 записа" in capsys.readouterr().out

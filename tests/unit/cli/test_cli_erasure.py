"""bgfuture-desk erase as an administrator uses it: who will be erased, a question only „д“
answers, Bulgarian output, exit 0 / 1 / 2, and refused while the app holds the file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bgfuture_desk.services.families.queries import get_family, get_person
from bgfuture_desk.services.users import service as users
from tests.conftest import ADMIN_PASSWORD
from tests.unit.cli.test_cli_backup import HOLD, run
from tests.unit.families_data import EGN_GIRL, MOTHER, PersonInput, new_family

CHILD = PersonInput(role="child", first_name="Зорница", last_name="Иванова", egn=EGN_GIRL)


@pytest.fixture
def family(house_db, admin):
    return new_family(house_db, admin, MOTHER, CHILD)


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "parola.txt"
    path.write_text(ADMIN_PASSWORD + "\n", encoding="utf-8")
    return path


def _child(family):
    return next(m for m in family.members if m.role == "child")


def _erase(capsys, db_path, password_file, *which, user="admin", answer=None, monkeypatch=None):
    return run(capsys, "erase", "--db", str(db_path), *which, "--user", user,
               "--password-file", str(password_file), answer=answer, monkeypatch=monkeypatch)


def test_erase_asks_naming_the_person_and_only_yes_erases(
    house_db, family, db_path, password_file, capsys, monkeypatch
):
    child = _child(family)
    status, out, _ = _erase(capsys, db_path, password_file, "--person", str(child.id),
                            answer="н\n", monkeypatch=monkeypatch)
    assert status == 1
    assert f"Семейство {family.code}" in out
    assert "Ще бъдат изтрити личните данни на:\n  Зорница Иванова\n" in out
    assert "Това не може да бъде отменено. Да се изтрият ли? [д/Н]" in out
    assert "Отказано; нищо не е изтрито." in out
    assert get_person(house_db, child.id).egn == EGN_GIRL

    status, out, _ = _erase(capsys, db_path, password_file, "--person", str(child.id),
                            answer="д\n", monkeypatch=monkeypatch)
    assert status == 0
    assert "Личните данни на 1 лице са изтрити." in out
    assert get_person(house_db, child.id).full_name == "Изтрито лице"
    assert b"\xd0\x97\xd0\xbe\xd1\x80\xd0\xbd\xd0\xb8\xd1\x86\xd0\xb0" not in db_path.read_bytes()


def test_erase_a_family_by_its_code_with_yes(house_db, family, db_path, password_file, capsys):
    status, out, err = _erase(capsys, db_path, password_file, "--family",
                              family.code.lower(), "--yes")
    assert status == 0, err
    assert "Личните данни на 2 лица са изтрити." in out
    erased = get_family(house_db, family.id)
    assert [m.full_name for m in erased.members] == ["Изтрито лице", "Изтрито лице"]
    assert (erased.archived, get_person(house_db, _child(family).id).egn) == (True, None)


def test_an_assistant_or_a_wrong_password_is_refused(
    house_db, admin, family, db_path, password_file, tmp_path, capsys
):
    users.create_user(house_db, admin, username="gergana", full_name="Гергана Колева",
                      role="assistant", password=ADMIN_PASSWORD)
    child = _child(family)
    status, _, err = _erase(capsys, db_path, password_file, "--person", str(child.id), "--yes",
                            user="gergana")
    assert status == 1
    assert "Нямате право на това действие; то е за: „администратор“." in err
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("не-е-тази\n", encoding="utf-8")
    status, _, err = _erase(capsys, db_path, wrong, "--person", str(child.id), "--yes")
    assert status == 1
    assert "Грешно потребителско име или парола." in err
    assert get_person(house_db, child.id).egn == EGN_GIRL


def test_bad_usage_exits_2(house_db, family, db_path, password_file, capsys):
    status, _, err = _erase(capsys, db_path, password_file, "--person", "не-е-ид", "--yes")
    assert (status, "не е идентификатор на лице" in err) == (2, True)
    status, _, err = _erase(capsys, db_path, password_file, "--family", "KRN-9999", "--yes")
    assert (status, "Няма семейство с код KRN-9999" in err) == (2, True)
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "erase", "--db", str(db_path), "--user", "admin",
            "--password-file", str(password_file))
    assert exit_.value.code == 2


def test_erase_is_refused_while_the_app_holds_the_file(
    house_db, family, db_path, password_file, capsys
):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        status, _, err = _erase(capsys, db_path, password_file, "--person",
                                str(_child(family).id), "--yes")
    finally:
        holder.kill()
        holder.wait()
    assert status == 2
    assert "е отворен в друг прозорец на програмата" in err
    assert get_person(house_db, _child(family).id).egn == EGN_GIRL

"""First set-up of a house file, and the ``check`` that reports on it."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from bgfuture_desk.db.models import House, Institution, Programme, User
from bgfuture_desk.errors import DatabaseFileError, ValidationError
from bgfuture_desk.services.house import health, setup
from bgfuture_desk.services.users import service as users

ADMIN = setup.AdminInput("admin", "Мария Петрова", "parola-123")


@pytest.fixture
def kazanlak(db_path):
    db = setup.initialise(db_path, setup.preset_input("kazanlak"), ADMIN)
    yield db
    db.dispose()


def _names(db, model) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(model.name).order_by(model.created_at, model.name)))


def test_preset_input_is_bulgarian():
    assert setup.preset_input("razhena") == setup.HouseInput(
        code="razhena", name="Къща на семейството – Ръжена", settlement="с. Ръжена", prefix="RZH"
    )
    assert setup.preset_input("sofia") is None


def test_initialise_creates_the_house_programmes_institutions_and_admin(kazanlak, db_path):
    assert db_path.is_file()
    with kazanlak.read() as session:
        [house] = session.scalars(select(House)).all()
        assert (house.code, house.prefix, house.name, house.settlement) == (
            "kazanlak",
            "KZL",
            "Къща на семейството – Казанлък",
            "гр. Казанлък",
        )
        assert kazanlak.local_house(session).id == house.id
        [admin] = session.scalars(select(User)).all()
        assert (admin.username, admin.full_name, admin.role, admin.house_id) == (
            "admin",
            "Мария Петрова",
            "admin",
            house.id,
        )
        assert {p.house_id for p in session.scalars(select(Programme))} == {house.id}
    assert sorted(_names(kazanlak, Programme)) == sorted(
        [
            "Превенция на ранните бракове",
            "Семейно планиране",
            "Превенция на разделянето на семейството",
            "Ранно детско развитие",
            "Училище за родители",
        ]
    )
    institutions = _names(kazanlak, Institution)
    assert len(institutions) == len(setup.INSTITUTIONS) == 15
    assert "Дирекция „Социално подпомагане“ (ДСП)" in institutions
    assert "Отдел „Закрила на детето“ (ОЗД)" in institutions
    assert users.authenticate(kazanlak, "admin", "parola-123").role == "admin"


def test_custom_house_gets_a_default_prefix(tmp_path):
    house = setup.HouseInput(
        code="pavel-banya", name="Къща на семейството – Павел баня", settlement="гр. Павел баня"
    )
    db = setup.initialise(tmp_path / "pb.sqlite", house, None)
    try:
        details = health.check_database(db)
        assert (details.house_code, details.house_name) == (
            "pavel-banya",
            "Къща на семейството – Павел баня",
        )
        with db.read() as session:
            assert db.local_house(session).prefix == "PAV"
        assert not users.has_users(db)
    finally:
        db.dispose()


KRAN = setup.preset_input("kran")


@pytest.mark.parametrize(
    ("house", "admin", "errors"),
    [
        (
            dataclasses.replace(KRAN, code="Крън"),
            ADMIN,
            {
                "code": "Кодът на къщата е от 2 до 31 малки латински букви, цифри или тирета "
                "(например kran)."
            },
        ),
        (dataclasses.replace(KRAN, name="  "), ADMIN, {"name": "Въведете името на къщата."}),
        (
            dataclasses.replace(KRAN, settlement=""),
            ADMIN,
            {"settlement": "Въведете населеното място."},
        ),
        (
            dataclasses.replace(KRAN, prefix="krn"),
            ADMIN,
            {
                "prefix": "Представката на кодовете е от 2 до 4 главни латински букви "
                "(например KRN)."
            },
        ),
        (
            KRAN,
            dataclasses.replace(ADMIN, password="kratka"),
            {"admin_password": "Паролата трябва да има поне 10 знака или да е фраза от 4 думи."},
        ),
        (
            KRAN,
            dataclasses.replace(ADMIN, repeat="parola-321"),
            {"admin_repeat": "Двете пароли не съвпадат."},
        ),
        (
            KRAN,
            dataclasses.replace(ADMIN, username="the admin"),
            {"admin_username": "Потребителското име не може да съдържа интервали."},
        ),
    ],
)
def test_bad_input_is_refused_before_any_file_is_made(db_path, house, admin, errors):
    with pytest.raises(ValidationError) as err:
        setup.initialise(db_path, house, admin)
    assert err.value.errors == errors
    assert not db_path.exists()
    assert list(db_path.parent.iterdir()) == []


def test_several_mistakes_are_reported_together(db_path):
    house = setup.HouseInput(code="x", name="", settlement="")
    with pytest.raises(ValidationError) as err:
        setup.initialise(db_path, house, dataclasses.replace(ADMIN, full_name=""))
    assert set(err.value.errors) == {"code", "name", "settlement", "admin_full_name"}
    assert not db_path.exists()


def test_initialise_refuses_an_existing_house_file_and_leaves_it_intact(kazanlak, db_path):
    kazanlak.dispose()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseFileError) as err:
        setup.initialise(db_path, setup.preset_input("kran"), ADMIN)
    assert str(err.value) == f"Тук вече има файл и той не е променен: {db_path}"
    assert db_path.read_bytes() == before


def test_initialise_refuses_any_existing_file(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("Здравейте!", encoding="utf-8")
    with pytest.raises(DatabaseFileError):
        setup.initialise(letter, setup.preset_input("kran"), ADMIN)
    assert letter.read_text(encoding="utf-8") == "Здравейте!"


def test_check_of_a_fresh_house(kazanlak):
    report = health.check_database(kazanlak)
    assert report.integrity_ok and report.integrity_detail == "ok"
    assert report.schema_up_to_date and report.schema_current == report.schema_head
    assert (report.house_code, report.house_name) == (
        "kazanlak",
        "Къща на семейството – Казанлък",
    )
    counts = report.counts
    assert (counts["users"], counts["programmes"], counts["institutions"]) == (1, 5, 15)
    assert counts["families"] == counts["people"] == counts["toys"] == counts["loans"] == 0
    assert counts["audit_events"] > 0  # set-up is on the record too

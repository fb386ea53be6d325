"""Hostile text at the desk: a lone surrogate, control characters, bidi overrides and a
pasted megabyte are refused with a Bulgarian message naming the field, nothing written; emoji,
mixed scripts, quotes and SQL-looking text are kept exactly as typed."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from bgfuture_desk.db.models import Family
from bgfuture_desk.domain.text import MAX_TEXT, text_problem
from bgfuture_desk.errors import ValidationError
from bgfuture_desk.services.families import service as families
from tests.unit.families_data import MOTHER, new_family


def family_count(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Family))


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Мария\ud800", "повреден знак"),
        ("Мария\x00", "невидим управляващ знак"),
        ("Мария\x1b[31m", "невидим управляващ знак"),
        ("Мария\x07", "невидим управляващ знак"),
        ("\u202eавиракМ", "невидим управляващ знак"),
        ("М" * (MAX_TEXT + 1), "твърде дълъг"),
    ],
)
def test_a_hostile_name_is_refused_and_nothing_is_written(house_db, admin, name, words):
    before = family_count(house_db)
    with pytest.raises(ValidationError) as refused:
        new_family(house_db, admin, dataclasses.replace(MOTHER, first_name=name))
    assert any(words in message for message in refused.value.errors.values()), refused.value.errors
    assert family_count(house_db) == before


@pytest.mark.parametrize(
    "name",
    ["Мария 🌸", "Maria-Мария", "O'Brien „Ани“", "Robert'); DROP TABLE people;--"],
)
def test_emoji_quotes_and_sql_looking_text_are_kept_as_typed(house_db, admin, name):
    family = new_family(house_db, admin, dataclasses.replace(MOTHER, first_name=name))
    again = families.get_family(house_db, family.id)
    assert again.members[0].first_name == name


def test_a_changed_note_is_checked_too(house_db, admin):
    family = new_family(house_db, admin, MOTHER)
    person = family.members[0]
    data = dataclasses.replace(MOTHER, notes="бележка\x00")
    with pytest.raises(ValidationError) as refused:
        families.update_person(house_db, admin, person.id, data)
    assert "невидим управляващ знак" in refused.value.errors["notes"]
    assert families.get_family(house_db, family.id).members[0].notes == MOTHER.notes


def test_a_note_keeps_its_lines(house_db, admin):
    note = "ред 1\nред 2\tи още"
    family = new_family(house_db, admin, dataclasses.replace(MOTHER, notes=note))
    assert families.get_family(house_db, family.id).members[0].notes == note


def test_line_breaks_and_tabs_are_ordinary_text():
    assert text_problem("ред 1\nред 2\tи още\r\n") is None
    assert text_problem("") is None

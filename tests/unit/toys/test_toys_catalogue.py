"""The catalogue: codes, the form's checks, statuses set by hand, photos, filters and search."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bgfuture_desk.errors import NotFoundError, UserError, ValidationError
from bgfuture_desk.services.toys import service as toys
from bgfuture_desk.services.toys.service import ToyInput
from tests.unit.toys_data import BALL, LOTTO, PUZZLE, RATTLE, counts, family, fix_today, toy


@pytest.fixture(autouse=True)
def _today(house_db):
    return fix_today(house_db)


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def test_new_toys_get_the_next_code_of_the_house(house_db, admin):
    first = toy(house_db, admin, PUZZLE)
    second = toy(house_db, admin, LOTTO)
    assert (first.inventory_code, second.inventory_code) == ("KRN-T-0001", "KRN-T-0002")
    assert first.status == "available" and first.status_label == "налична"
    assert first.condition_label == "добра"
    assert first.area_label == "познавателно"
    assert first.age_label == "18–48 мес."
    assert second.age_label == "3–7 г."
    assert first.times_lent == 0 and first.open_loan_id is None


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": "  "}, "name", "Въведете името на играчката."),
        ({"pieces": -2}, "pieces", "Играчката има поне 1 част."),
        ({"pieces": 100000}, "pieces", "100000 части са твърде много за една играчка"),
        ({"age_min_months": 48, "age_max_months": 12}, "age_max_months", "Горната граница"),
        ({"area": "magic"}, "area", "Изберете област на развитие"),
        ({"condition": "shiny"}, "condition", "Изберете състоянието"),
        ({"acquired_on": dt.date(2027, 1, 1)}, "acquired_on", "не може да е в бъдещето"),
        ({"shelf": "Х" * 51}, "shelf", "най-много 50 знака"),
    ],
)
def test_a_wrong_form_is_refused_in_bulgarian_and_nothing_is_saved(
    house_db, admin, change, field, message
):
    before = counts(house_db)
    with pytest.raises(ValidationError) as err:
        toys.create_toy(house_db, admin, dataclasses.replace(PUZZLE, **change))
    assert message in err.value.errors[field]
    assert counts(house_db) == before


def test_editing_keeps_the_code_and_a_toy_needing_repair_goes_to_repair(house_db, admin):
    made = toy(house_db, admin)
    edited = toys.update_toy(
        house_db, admin, made.id, dataclasses.replace(PUZZLE, name="  Пъзел  „Ферма“ ", pieces=10)
    )
    assert edited.inventory_code == made.inventory_code
    assert (edited.name, edited.pieces) == ("Пъзел „Ферма“", 10)
    broken = toys.update_toy(
        house_db, admin, made.id, dataclasses.replace(PUZZLE, condition="needs_repair")
    )
    assert broken.status_label == "в ремонт"


def test_statuses_set_by_hand(house_db, admin):
    made = toy(house_db, admin)
    repair = toys.set_toy_status(house_db, admin, made.id, "in_repair")
    assert (repair.status_label, repair.condition_label) == ("в ремонт", "за ремонт")
    mended = toys.set_toy_status(house_db, admin, made.id, "available")
    assert (mended.status_label, mended.condition_label) == ("налична", "износена")
    assert toys.set_toy_status(house_db, admin, made.id, "retired").status_label == "отписана"
    with pytest.raises(UserError, match="не се задава ръчно"):
        toys.set_toy_status(house_db, admin, made.id, "lent")


def test_back_from_repair_in_the_condition_given(house_db, admin):
    """An undo of „в ремонт“ puts back the condition before it, not „износена“."""
    made = toys.create_toy(house_db, admin, dataclasses.replace(PUZZLE, condition="new"))
    toys.set_toy_status(house_db, admin, made.id, "in_repair")
    back = toys.set_toy_status(house_db, admin, made.id, "available", condition="new")
    assert (back.status_label, back.condition_label) == ("налична", "нова")
    with pytest.raises(ValidationError):
        toys.set_toy_status(house_db, admin, made.id, "available", condition="shiny")


def test_a_lent_toy_changes_only_through_its_return(house_db, admin):
    made = toy(house_db, admin)
    kids = family(house_db, admin, "Иванов", dt.date(2024, 1, 5))
    toys.lend_toys(house_db, admin, kids.id, [made.inventory_code])
    with pytest.raises(UserError, match="KRN-T-0001 е заета; първо отбележете връщането"):
        toys.set_toy_status(house_db, admin, made.id, "lost")
    assert toys.get_toy(house_db, made.id).status_label == "заета"


def test_a_toy_is_found_by_its_code_however_typed(house_db, admin):
    made = toy(house_db, admin)
    for typed in ("KRN-T-0001", "krn-t-1", "КРН-Т-0001"):
        assert toys.toy_by_code(house_db, typed).id == made.id
    with pytest.raises(NotFoundError, match="Няма играчка с код KRN-T-0999."):
        toys.toy_by_code(house_db, "KRN-T-0999")
    with pytest.raises(NotFoundError, match="Няма играчка с код пъзел."):
        toys.toy_by_code(house_db, "пъзел")


def test_the_catalogue_filters_by_age_area_status_and_text(house_db, admin):
    for data in (PUZZLE, LOTTO, RATTLE, BALL):
        toy(house_db, admin, data)
    toys.set_toy_status(house_db, admin, toys.toy_by_code(house_db, "KRN-T-0004").id, "in_repair")

    def names(**filters) -> list[str]:
        return [t.inventory_code for t in toys.list_toys(house_db, **filters)]

    assert names() == ["KRN-T-0001", "KRN-T-0002", "KRN-T-0003", "KRN-T-0004"]
    assert names(age_months=6) == ["KRN-T-0003", "KRN-T-0004"]
    assert names(age_months=40) == ["KRN-T-0001", "KRN-T-0002"]
    assert names(area="communication") == ["KRN-T-0002"]
    assert names(status="in_repair") == ["KRN-T-0004"]
    assert names(text="топка") == ["KRN-T-0004"]
    assert names(text="ЖИВОТНИ") == ["KRN-T-0001", "KRN-T-0002"]
    assert names(text="zhivotni loto") == ["KRN-T-0002"]
    assert names(text="krn-t-3") == ["KRN-T-0003"]
    assert names(text="3", age_months=6) == ["KRN-T-0003"]
    assert names(text="кукла") == []


def test_a_photo_is_copied_beside_the_database(house_db, admin, tmp_path):
    made = toy(house_db, admin)
    picture = tmp_path / "снимка.PNG"
    picture.write_bytes(PNG)
    shown = toys.set_toy_photo(house_db, admin, made.id, picture)
    copied = house_db.path.parent / "photos" / "KRN-T-0001.png"
    assert shown.photo_path == str(copied.resolve())
    assert copied.read_bytes() == PNG
    jpeg = tmp_path / "new.jpg"
    jpeg.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 64)
    shown = toys.set_toy_photo(house_db, admin, made.id, jpeg)
    assert shown.photo_path.endswith("KRN-T-0001.jpg") and not copied.exists()
    assert toys.remove_toy_photo(house_db, admin, made.id).photo_path == ""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("toy.gif", b"GIF89a", "JPG или PNG"),
        ("toy.png", b"not really a picture", "не е изображение JPG или PNG"),
    ],
)
def test_a_photo_that_is_no_picture_is_refused(house_db, admin, tmp_path, name, content, message):
    made = toy(house_db, admin)
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(UserError, match=message):
        toys.set_toy_photo(house_db, admin, made.id, source)
    assert toys.get_toy(house_db, made.id).photo_path == ""
    assert not (house_db.path.parent / "photos").exists()


def test_a_photo_over_10_mb_is_refused(house_db, admin, tmp_path):
    made = toy(house_db, admin)
    big = tmp_path / "big.jpg"
    big.write_bytes(b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024))
    with pytest.raises(UserError, match="10 MB"):
        toys.set_toy_photo(house_db, admin, made.id, big)


def test_toy_input_defaults_are_a_valid_toy(house_db, admin):
    made = toys.create_toy(house_db, admin, ToyInput(name="Кубчета"))
    assert (made.pieces, made.age_label, made.condition) == (1, "за всички възрасти", "good")

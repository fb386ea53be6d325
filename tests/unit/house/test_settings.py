"""House settings and details: defaults, an administrator's changes, refusals in Bulgarian."""

from __future__ import annotations

import pytest

from bgfuture_desk.errors import PermissionDeniedError, ValidationError
from bgfuture_desk.services.house import settings
from bgfuture_desk.services.users import service as users


def _assistant(db, admin):
    row = users.create_user(
        db,
        admin,
        username="gergana",
        full_name="Гергана Иванова",
        role="assistant",
        password="parola-456",
    )
    return users.actor_of(row)


def test_a_new_house_has_the_defaults(house_db):
    assert settings.read_settings(house_db) == {
        "idle_lock_minutes": 10,
        "loan_days": 14,
        "loan_limit": 3,
        "completion_percent": 75,
        "referral_follow_up_days": 30,
        "retention_years": 5,
    }


def test_defaults_lie_within_their_own_limits():
    for key, (default, low, high) in settings.DEFAULTS.items():
        assert low <= default <= high, key


def test_admin_changes_settings(house_db, admin):
    settings.update_settings(house_db, admin, {"loan_days": 21, "idle_lock_minutes": 5})
    values = settings.read_settings(house_db)
    assert (values["loan_days"], values["idle_lock_minutes"], values["loan_limit"]) == (21, 5, 3)
    settings.update_settings(house_db, admin, {"loan_days": 7})
    assert settings.read_settings(house_db)["loan_days"] == 7


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("loan_days", 0, "Въведете цяло число от 1 до 90."),
        ("loan_days", 91, "Въведете цяло число от 1 до 90."),
        ("idle_lock_minutes", 241, "Въведете цяло число от 1 до 240."),
        ("completion_percent", 9, "Въведете цяло число от 10 до 100."),
        ("loan_limit", 2.5, "Въведете цяло число от 1 до 20."),
        ("loan_limit", "5", "Въведете цяло число от 1 до 20."),
        ("loan_limit", True, "Въведете цяло число от 1 до 20."),
    ],
)
def test_out_of_range_value_is_refused_per_field_and_nothing_saved(
    house_db, admin, key, value, message
):
    with pytest.raises(ValidationError) as err:
        settings.update_settings(house_db, admin, {"referral_follow_up_days": 60, key: value})
    assert err.value.errors == {key: message}
    assert settings.read_settings(house_db)["referral_follow_up_days"] == 30  # nothing saved


def test_several_wrong_settings_are_reported_together(house_db, admin):
    with pytest.raises(ValidationError) as err:
        settings.update_settings(house_db, admin, {"loan_days": 0, "loan_limit": 99})
    assert set(err.value.errors) == {"loan_days", "loan_limit"}


def test_assistant_may_not_change_settings(house_db, admin):
    assistant = _assistant(house_db, admin)
    with pytest.raises(PermissionDeniedError) as err:
        settings.update_settings(house_db, assistant, {"loan_days": 21})
    assert "администратор" in str(err.value)
    assert settings.read_settings(house_db)["loan_days"] == 14


def test_house_details_come_from_the_preset(house_db):
    details = settings.house_details(house_db)
    assert (details.code, details.prefix) == ("kran", "KRN")
    assert (details.name, details.settlement) == ("Къща на семейството – Крън", "гр. Крън")


def test_admin_updates_the_house(house_db, admin):
    details = settings.update_house(
        house_db,
        admin,
        name="  Къща на семействата – Крън ",
        settlement="гр. Крън",
        address="ул. „Освобождение“ 1",
        phone="0431 2 34 56",
    )
    assert details == settings.house_details(house_db)
    assert details.name == "Къща на семействата – Крън"  # trimmed
    assert (details.address, details.phone) == ("ул. „Освобождение“ 1", "0431 2 34 56")
    assert (details.code, details.prefix) == ("kran", "KRN")  # codes never change


def test_house_needs_a_name_and_a_settlement(house_db, admin):
    with pytest.raises(ValidationError) as err:
        settings.update_house(house_db, admin, name=" ", settlement="", address="", phone="")
    assert err.value.errors == {
        "name": "Въведете името на къщата.",
        "settlement": "Въведете населеното място.",
    }
    assert settings.house_details(house_db).name == "Къща на семейството – Крън"


def test_assistant_may_not_update_the_house(house_db, admin):
    assistant = _assistant(house_db, admin)
    with pytest.raises(PermissionDeniedError):
        settings.update_house(
            house_db, assistant, name="Моята къща", settlement="гр. Крън", address="", phone=""
        )
    assert settings.house_details(house_db).name == "Къща на семейството – Крън"

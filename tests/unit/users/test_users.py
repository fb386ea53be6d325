"""Accounts at the desk: login, Argon2 passwords, who may manage whom, Bulgarian messages."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bgfuture_desk.db.models import User
from bgfuture_desk.errors import PermissionDeniedError, UserError, ValidationError
from bgfuture_desk.services.users import service as users
from tests.conftest import ADMIN_PASSWORD

WEAK_PASSWORD = "Паролата трябва да има поне 10 знака или да е фраза от 4 думи."

WRONG_LOGIN = "Грешно потребителско име или парола."


def _assistant(db, admin, username="gergana", password="parola-456"):
    row = users.create_user(
        db,
        admin,
        username=username,
        full_name="Гергана Иванова",
        role="assistant",
        password=password,
    )
    return users.actor_of(row)


def _stored_hash(db, username: str) -> str:
    with db.read() as session:
        return session.scalars(select(User.password_hash).where(User.username == username)).one()


def test_authenticate_returns_the_user(house_db):
    row = users.authenticate(house_db, "admin", ADMIN_PASSWORD)
    assert (row.username, row.full_name, row.role, row.active) == (
        "admin",
        "Мария Петрова",
        "admin",
        True,
    )
    assert row.role_label == "администратор"


def test_user_name_is_case_insensitive_at_login(house_db):
    assert users.authenticate(house_db, "  ADMIN ", ADMIN_PASSWORD).username == "admin"


@pytest.mark.parametrize(
    ("username", "password"),
    [("admin", "parola-124"), ("admin", ""), ("nobody", ADMIN_PASSWORD), ("", "")],
)
def test_failed_login_says_the_same_for_unknown_user_and_wrong_password(
    house_db, username, password
):
    with pytest.raises(UserError) as err:
        users.authenticate(house_db, username, password)
    assert str(err.value) == WRONG_LOGIN
    assert err.value.field == "password"


def test_password_is_stored_as_argon2_never_in_clear(house_db, admin):
    _assistant(house_db, admin)
    for username, password in (("admin", ADMIN_PASSWORD), ("gergana", "parola-456")):
        stored = _stored_hash(house_db, username)
        assert stored.startswith("$argon2")
        assert password not in stored
    with house_db.engine.connect() as conn:  # every row of every table, as text
        tables = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
        dump = "\n".join(str(row) for (table,) in tables.all()
                         for row in conn.exec_driver_sql(f'SELECT * FROM "{table}"'))
    assert "Гергана" in dump  # the dump holds the rows
    assert ADMIN_PASSWORD not in dump and "parola-456" not in dump
    sidecar = (house_db.path.parent / (house_db.path.name + ".keys")).read_text()
    assert ADMIN_PASSWORD not in sidecar and "parola-456" not in sidecar


def test_admin_creates_a_user_who_can_log_in(house_db, admin):
    _assistant(house_db, admin)
    row = users.authenticate(house_db, "Gergana", "parola-456")
    assert (row.full_name, row.role, row.role_label) == (
        "Гергана Иванова",
        "assistant",
        "сътрудник",
    )
    assert [u.username for u in users.list_users(house_db)] == ["gergana", "admin"]  # by name


def test_cyrillic_user_name_logs_in_whatever_the_case(house_db, admin):
    _assistant(house_db, admin, username="Гергана")
    assert users.authenticate(house_db, "гергана", "parola-456").username == "Гергана"
    assert users.authenticate(house_db, "ГЕРГАНА", "parola-456").username == "Гергана"


def test_assistant_may_not_create_users(house_db, admin):
    assistant = _assistant(house_db, admin)
    with pytest.raises(PermissionDeniedError) as err:
        users.create_user(
            house_db,
            assistant,
            username="ivan",
            full_name="Иван Иванов",
            role="admin",
            password="parola-789",
        )
    assert str(err.value) == "Нямате право на това действие; то е за: „администратор“."
    assert [u.username for u in users.list_users(house_db)] == ["gergana", "admin"]


def _errors(house_db, admin, **fields) -> dict[str, str]:
    values = dict(username="ivan", full_name="Иван Иванов", role="assistant", password="parola-789")
    values.update(fields)
    with pytest.raises(ValidationError) as err:
        users.create_user(house_db, admin, **values)
    assert len(users.list_users(house_db)) == 1  # nothing saved
    return err.value.errors


def test_validation_messages_per_field(house_db, admin):
    assert _errors(house_db, admin, password="kratka") == {
        "password": "Паролата трябва да има поне 10 знака или да е фраза от 4 думи."
    }
    assert _errors(house_db, admin, username="  ") == {"username": "Въведете потребителско име."}
    assert _errors(house_db, admin, username="ivan ivanov") == {
        "username": "Потребителското име не може да съдържа интервали."
    }
    assert _errors(house_db, admin, full_name="") == {"full_name": "Въведете име и фамилия."}
    assert _errors(house_db, admin, role="boss") == {"role": "Изберете роля."}


def test_several_wrong_fields_are_reported_together(house_db, admin):
    errors = _errors(house_db, admin, username="", full_name=" ", password="123")
    assert set(errors) == {"username", "full_name", "password"}


@pytest.mark.parametrize("username", ["admin", "ADMIN", " Admin "])
def test_duplicate_user_name_is_refused_ignoring_case(house_db, admin, username):
    assert _errors(house_db, admin, username=username) == {
        "username": "Това потребителско име вече е заето."
    }


def test_duplicate_cyrillic_user_name_is_refused_ignoring_case(house_db, admin):
    _assistant(house_db, admin, username="Гергана")
    with pytest.raises(ValidationError) as err:
        _assistant(house_db, admin, username="гергана")
    assert err.value.errors == {"username": "Това потребителско име вече е заето."}


def test_differing_passwords_are_refused(house_db, admin):
    with pytest.raises(ValidationError) as err:
        users.set_password(house_db, admin, admin.user_id, "parola-999", "parola-998")
    assert err.value.errors == {"repeat": "Двете пароли не съвпадат."}
    assert users.authenticate(house_db, "admin", ADMIN_PASSWORD)


def test_validate_user_checks_the_repeated_password():
    assert users.validate_user("ivan", "Иван", "assistant", "parola-789", "parola-789") == {}
    assert users.validate_user("ivan", "Иван", "assistant", "parola-789", "parola-788") == {
        "repeat": "Двете пароли не съвпадат."
    }


def test_deactivated_user_cannot_log_in(house_db, admin):
    assistant = _assistant(house_db, admin)
    row = users.update_user(
        house_db,
        admin,
        assistant.user_id,
        full_name="Гергана Иванова",
        role="assistant",
        active=False,
    )
    assert row.active is False
    with pytest.raises(UserError) as err:
        users.authenticate(house_db, "gergana", "parola-456")
    assert str(err.value) == WRONG_LOGIN


def test_admin_cannot_take_away_own_admin_rights(house_db, admin):
    for role, active in (("assistant", True), ("admin", False)):
        with pytest.raises(UserError) as err:
            users.update_user(
                house_db, admin, admin.user_id, full_name="Мария Петрова", role=role, active=active
            )
        assert str(err.value) == "Не можете да отнемете собствените си права на администратор."
    assert users.authenticate(house_db, "admin", ADMIN_PASSWORD).role == "admin"


def test_admin_may_rename_self_and_promote_others(house_db, admin):
    assistant = _assistant(house_db, admin)
    me = users.update_user(
        house_db, admin, admin.user_id, full_name="Мария Петрова-Колева", role="admin", active=True
    )
    assert me.full_name == "Мария Петрова-Колева"
    other = users.update_user(
        house_db,
        admin,
        assistant.user_id,
        full_name="Гергана Иванова",
        role="coordinator",
        active=True,
    )
    assert other.role_label == "координатор"


def test_assistant_may_not_update_users(house_db, admin):
    assistant = _assistant(house_db, admin)
    with pytest.raises(PermissionDeniedError):
        users.update_user(
            house_db, assistant, assistant.user_id, full_name="X", role="admin", active=True
        )


def test_every_user_may_change_their_own_password(house_db, admin):
    assistant = _assistant(house_db, admin)
    users.set_password(house_db, assistant, assistant.user_id, "nova-parola", "nova-parola")
    assert users.authenticate(house_db, "gergana", "nova-parola").username == "gergana"
    with pytest.raises(UserError):
        users.authenticate(house_db, "gergana", "parola-456")


def test_only_an_admin_sets_another_users_password(house_db, admin):
    assistant = _assistant(house_db, admin)
    with pytest.raises(PermissionDeniedError):
        users.set_password(house_db, assistant, admin.user_id, "vzeta-parola", "vzeta-parola")
    assert users.authenticate(house_db, "admin", ADMIN_PASSWORD)
    users.set_password(house_db, admin, assistant.user_id, "ot-admina-1", "ot-admina-1")
    assert users.authenticate(house_db, "gergana", "ot-admina-1")


def test_short_new_password_is_refused(house_db, admin):
    with pytest.raises(ValidationError) as err:
        users.set_password(house_db, admin, admin.user_id, "1234567", "1234567")
    assert err.value.errors == {"password": WEAK_PASSWORD}


def test_has_users(house_db, tmp_path):
    from bgfuture_desk.services.house import setup

    assert users.has_users(house_db)
    empty = setup.initialise(tmp_path / "empty.sqlite", setup.preset_input("razhena"), None)
    try:
        assert not users.has_users(empty)
    finally:
        empty.dispose()


def test_a_password_is_ten_characters_or_a_phrase_of_four_words():
    assert users.strong_enough("parola-123")
    assert users.strong_enough("аз обичам да пея")  # four short words
    assert not users.strong_enough("parola-12")
    assert not users.strong_enough("две думи")


def test_a_deactivated_account_writes_nothing_more_from_a_window_left_open(house_db, admin):
    from bgfuture_desk.errors import PermissionDeniedError
    from bgfuture_desk.services.unit import Actor

    gergana = _assistant(house_db, admin)
    users.update_user(house_db, admin, gergana.user_id, full_name="Гергана Петрова",
                      role="assistant", active=False)  # fmt: skip
    with pytest.raises(PermissionDeniedError, match="вече не е активен"):
        with house_db.unit(gergana, "anything"):
            pass
    forged = Actor(user_id=admin.user_id, name=admin.name, role="assistant")
    with pytest.raises(PermissionDeniedError, match="Ролята ви е променена"):
        with house_db.unit(forged, "anything"):
            pass

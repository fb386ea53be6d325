"""A password somebody else knows is changed by its owner at the next login: the first
administrator's (typed into ``init``) and one an administrator set."""

from __future__ import annotations

import pytest

from bgfuture_desk.cli import main
from bgfuture_desk.services.demo import generate_demo
from bgfuture_desk.services.house.database import open_database
from bgfuture_desk.services.users import service as users
from tests.conftest import ADMIN_PASSWORD


@pytest.fixture
def init_house(tmp_path, capsys):
    db_path = tmp_path / "init.sqlite"
    password = tmp_path / "password.txt"
    password.write_text("demo-1234-kran\n", encoding="utf-8")
    status = main(["init", "--db", str(db_path), "--house", "kran", "--admin", "admin",
                   "--password-file", str(password)])  # fmt: skip
    assert status == 0
    assert "При първия вход администраторът избира нова парола." in capsys.readouterr().out
    db = open_database(db_path).db
    yield db
    db.dispose()


def test_the_administrator_made_by_init_changes_the_password_at_first_login(init_house):
    row = users.authenticate(init_house, "admin", "demo-1234-kran")
    assert row.must_change_password
    users.set_password(init_house, users.actor_of(row), row.id, "нова парола за къщата",
                       "нова парола за къщата")  # fmt: skip
    again = users.authenticate(init_house, "admin", "нова парола за къщата")
    assert not again.must_change_password


def test_the_demo_keeps_the_readme_login_as_it_is(init_house):
    generate_demo(init_house, families=2, seed=1)
    assert not users.authenticate(init_house, "admin", "demo-1234-kran").must_change_password


def test_a_password_reset_by_the_administrator_is_changed_by_its_owner(house_db, admin):
    row = users.create_user(house_db, admin, username="asya", full_name="Ася Петрова",
                            role="assistant", password="parola-456")  # fmt: skip
    assert not users.authenticate(house_db, "asya", "parola-456").must_change_password
    users.set_password(house_db, admin, row.id, "vremenna-123", "vremenna-123")
    reset = users.authenticate(house_db, "asya", "vremenna-123")
    assert reset.must_change_password
    users.set_password(house_db, users.actor_of(reset), reset.id, "moya-parola-1",
                       "moya-parola-1")  # fmt: skip
    assert not users.authenticate(house_db, "asya", "moya-parola-1").must_change_password


def test_the_administrator_of_the_set_up_wizard_chose_the_password(house_db):
    assert not users.authenticate(house_db, "admin", ADMIN_PASSWORD).must_change_password

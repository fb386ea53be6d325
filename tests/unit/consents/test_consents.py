"""Consent forms and records: the rules of recording, withdrawing and the family's state."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from bgfuture_desk.db.models import Consent, ConsentForm
from bgfuture_desk.errors import NotFoundError, PermissionDeniedError, UserError, ValidationError
from bgfuture_desk.services.consents import service as consents
from bgfuture_desk.services.consents.forms import shipped_form
from bgfuture_desk.services.consents.service import ConsentInput
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.families.service import FamilyInput, PersonInput
from bgfuture_desk.services.users import service as users

TODAY = dt.date.today()


def _years_ago(years: int, days: int = 30) -> dt.date:
    return TODAY - dt.timedelta(days=int(years * 365.25) + days)


def _family(db, actor, *members: PersonInput, phone: str = "0888123456"):
    family = FamilyInput(settlement="гр. Крън", phone=phone)
    return families.create_family(db, actor, family, list(members), force=True)


MOTHER = PersonInput(
    role="mother",
    first_name="Мария",
    middle_name="Петрова",
    last_name="Иванова",
    birth_date=_years_ago(30),
    sex="female",
)
GIRL = PersonInput(
    role="child", first_name="Елена", last_name="Иванова", birth_date=_years_ago(5), sex="female"
)
BOY = PersonInput(
    role="child", first_name="Петър", last_name="Иванов", birth_date=_years_ago(9), sex="male"
)
TEEN = PersonInput(
    role="child", first_name="Стела", last_name="Иванова", birth_date=_years_ago(15), sex="female"
)


@pytest.fixture
def family(house_db, admin):
    """Мария Иванова (30) with Елена (5) and Петър (9)."""
    return _family(house_db, admin, MOTHER, GIRL, BOY)


def _ids(family) -> dict[str, object]:
    return {m.first_name: m.id for m in family.members}


def _data(people, signer=None, **changes) -> ConsentInput:
    base = ConsentInput(
        kind="personal_data",
        version=1,
        person_ids=tuple(people),
        signed_by_id=signer,
        purposes=("registration", "groups"),
        given_on=TODAY,
    )
    return dataclasses.replace(base, **changes)


def _errors(excinfo) -> dict[str, str]:
    return excinfo.value.errors


@pytest.fixture
def assistant(house_db, admin):
    users.create_user(
        house_db,
        admin,
        username="ivan",
        full_name="Иван Георгиев",
        role="assistant",
        password="parola-123",
    )
    return users.actor_of(users.authenticate(house_db, "ivan", "parola-123"))


# ---- forms ----


def test_set_up_seeds_version_1_of_both_forms_in_the_shipped_texts(house_db):
    forms = consents.list_forms(house_db)
    assert [(f.kind, f.version) for f in forms] == [("personal_data", 1), ("photo", 1)]
    data = consents.current_form(house_db, "personal_data")
    title, body = shipped_form("personal_data")
    assert data.title == title and data.body == body
    assert data.is_current and data.signed_count == 0 and data.valid_from == TODAY
    assert "СНЦ „Бъдеще за децата“" in data.body["controller"]
    assert "Община Казанлък" in data.body["controller"]
    assert set(data.body["purposes"]) == {
        "registration",
        "groups",
        "toy_lending",
        "referrals",
        "reporting",
    }
    photo = consents.current_form(house_db, "photo")
    assert set(photo.body["purposes"]) == {"internal", "print", "website", "social"}
    assert "КЗЛД" in " ".join(data.body["rights"])


def test_a_file_without_forms_gets_them_when_a_form_is_needed(house_db):
    with house_db.read() as session:
        for form in session.scalars(select(ConsentForm)):
            session.delete(form)
        session.commit()
    assert consents.current_form(house_db, "photo").version == 1
    assert len(consents.list_forms(house_db)) == 2
    consents.ensure_forms(house_db)  # idempotent
    assert len(consents.list_forms(house_db)) == 2


def test_an_unknown_form_kind_is_refused(house_db):
    with pytest.raises(NotFoundError):
        consents.current_form(house_db, "fingerprints")


def test_a_new_version_needs_an_administrator_and_leaves_the_old_one_as_it_was(
    house_db, admin, assistant, family
):
    old = consents.current_form(house_db, "photo")
    ids = _ids(family)
    consents.record_consents(
        house_db, admin, _data([ids["Мария"]], kind="photo", purposes=("internal",))
    )
    body = dict(old.body, purposes={"internal": "Само за вътрешна употреба"})
    with pytest.raises(PermissionDeniedError):
        consents.new_form_version(house_db, assistant, "photo", "Ново съгласие", body)
    new = consents.new_form_version(house_db, admin, "photo", "Ново съгласие", body)
    assert (new.version, new.valid_from, new.is_current, new.signed_count) == (2, TODAY, True, 0)
    forms = consents.list_forms(house_db, "photo")
    assert [(f.version, f.is_current) for f in forms] == [(2, True), (1, False)]
    first = forms[1]
    assert (first.title, first.body, first.signed_count) == (old.title, old.body, 1)
    assert consents.current_form(house_db, "photo").title == "Ново съгласие"


def test_a_new_version_needs_a_title_and_purposes_and_keeps_registration(house_db, admin):
    body = shipped_form("personal_data")[1]
    with pytest.raises(ValidationError) as excinfo:
        consents.new_form_version(house_db, admin, "personal_data", " ", dict(body, purposes={}))
    assert set(_errors(excinfo)) == {"title", "purposes"}
    without = dict(body, purposes={"groups": "Групи"})
    with pytest.raises(ValidationError) as excinfo:
        consents.new_form_version(house_db, admin, "personal_data", "Декларация", without)
    assert "registration" in _errors(excinfo)["purposes"]


# ---- recording ----


def test_a_mother_signs_for_herself_and_her_children_at_once(house_db, admin, family):
    ids = _ids(family)
    views = consents.record_consents(house_db, admin, _data(ids.values(), signer=ids["Мария"]))
    assert sorted(v.person_name for v in views) == [
        "Елена Иванова",
        "Мария Петрова Иванова",
        "Петър Иванов",
    ]
    for view in views:
        assert view.signed_by_name == "Мария Петрова Иванова"
        assert view.family_code == family.code and view.family_id == family.id
        assert view.purposes == ("registration", "groups")
        assert view.purpose_labels[0].startswith("Регистрация на семейството")
        assert (view.kind_label, view.method_label) == ("лични данни", "подписано")
        assert view.is_valid and view.withdrawn_by == ""
    assert consents.current_form(house_db, "personal_data").signed_count == 3


def test_an_adult_who_signs_for_herself_needs_no_signer(house_db, admin, family):
    ids = _ids(family)
    [view] = consents.record_consents(house_db, admin, _data([ids["Мария"]]))
    assert view.signed_by_id == ids["Мария"]


@pytest.mark.parametrize(
    ("purposes", "message"),
    [
        ((), "поне една цел"),
        (("registration", "fishing"), "fishing"),
        (("groups",), "задължителна"),
    ],
)
def test_the_purposes_are_ticked_from_the_form(house_db, admin, family, purposes, message):
    ids = _ids(family)
    with pytest.raises(ValidationError) as excinfo:
        consents.record_consents(house_db, admin, _data([ids["Мария"]], purposes=purposes))
    assert message in _errors(excinfo)["purposes"]


def test_photo_consent_has_its_own_purposes_without_registration(house_db, admin, family):
    ids = _ids(family)
    data = _data(
        [ids["Елена"]], signer=ids["Мария"], kind="photo", purposes=("internal", "website")
    )
    [view] = consents.record_consents(house_db, admin, data)
    assert view.kind_label == "снимки и видео"
    assert consents.photo_purposes(house_db, ids["Елена"]) == ("internal", "website")
    assert consents.photo_purposes(house_db, ids["Петър"]) == ()
    assert consents.photo_text(("internal", "website")) == "снимки: вътрешна употреба, уебсайт"
    assert consents.photo_text(()) == "без съгласие за снимки"
    consents.withdraw_consent(house_db, admin, view.id, TODAY)
    assert consents.photo_purposes(house_db, ids["Елена"]) == ()


def test_read_aloud_needs_a_named_witness(house_db, admin, family):
    ids = _ids(family)
    aloud = _data([ids["Мария"]], method="read_aloud", witness="  ")
    with pytest.raises(ValidationError) as excinfo:
        consents.record_consents(house_db, admin, aloud)
    assert "свидетел" in _errors(excinfo)["witness"]
    [view] = consents.record_consents(
        house_db, admin, dataclasses.replace(aloud, witness=" Росица Андонова ")
    )
    assert (view.method, view.witness) == ("read_aloud", "Росица Андонова")
    assert view.method_label == "прочетено на глас пред свидетел"
    [signed] = consents.record_consents(house_db, admin, _data([ids["Мария"]], witness="x"))
    assert signed.witness == ""  # a witness only for a reading aloud


def test_a_child_under_14_needs_an_adult_to_sign(house_db, admin, family):
    ids = _ids(family)
    with pytest.raises(ValidationError) as excinfo:
        consents.record_consents(house_db, admin, _data([ids["Елена"]]))
    assert "Елена Иванова е под 14 години" in _errors(excinfo)["signed_by"]
    with pytest.raises(ValidationError) as excinfo:
        consents.record_consents(house_db, admin, _data([ids["Елена"]], signer=ids["Петър"]))
    assert "пълнолетно" in _errors(excinfo)["signed_by"]


def test_a_child_of_14_may_sign_for_herself(house_db, admin):
    teen = _family(house_db, admin, MOTHER, TEEN)
    ids = _ids(teen)
    [view] = consents.record_consents(house_db, admin, _data([ids["Стела"]]))
    assert view.signed_by_id == ids["Стела"]


def test_the_date_is_not_in_the_future_nor_before_a_later_version(house_db, admin, family):
    ids = _ids(family)
    tomorrow = _data([ids["Мария"]], given_on=TODAY + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as excinfo:
        consents.record_consents(house_db, admin, tomorrow)
    assert "бъдещето" in _errors(excinfo)["given_on"]
    last_year = TODAY - dt.timedelta(days=365)  # signed on paper before the desk was set up
    [old] = consents.record_consents(house_db, admin, _data([ids["Мария"]], given_on=last_year))
    assert old.given_on == last_year and old.version == 1

    body = consents.current_form(house_db, "personal_data").body
    consents.new_form_version(house_db, admin, "personal_data", "Декларация, версия 2", body)
    earlier = _data([ids["Мария"]], version=2, given_on=TODAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError) as excinfo:
        consents.record_consents(house_db, admin, earlier)
    assert "в сила едва от" in _errors(excinfo)["given_on"]


def test_people_are_required_and_the_version_must_exist(house_db, admin, family):
    with pytest.raises(ValidationError) as excinfo:
        consents.record_consents(house_db, admin, _data([]))
    assert "people" in _errors(excinfo)
    with pytest.raises(NotFoundError):
        consents.record_consents(house_db, admin, _data([_ids(family)["Мария"]], version=7))


# ---- withdrawal and cancelling ----


def test_withdraw_and_undo(house_db, admin, assistant, family):
    ids = _ids(family)
    [view] = consents.record_consents(house_db, admin, _data([ids["Мария"]]))
    with pytest.raises(ValidationError) as excinfo:
        consents.withdraw_consent(house_db, assistant, view.id, TODAY - dt.timedelta(days=1))
    assert "преди" in _errors(excinfo)["withdrawn_on"]
    with pytest.raises(ValidationError):
        consents.withdraw_consent(house_db, assistant, view.id, TODAY + dt.timedelta(days=1))
    withdrawn = consents.withdraw_consent(house_db, assistant, view.id, TODAY)
    assert (withdrawn.withdrawn_on, withdrawn.withdrawn_by) == (TODAY, "Иван Георгиев")
    assert not withdrawn.is_valid
    with pytest.raises(UserError, match="вече е оттеглено"):
        consents.withdraw_consent(house_db, assistant, view.id, TODAY)
    again = consents.undo_withdrawal(house_db, assistant, view.id)
    assert again.is_valid and again.withdrawn_by == ""
    with pytest.raises(UserError, match="не е оттеглено"):
        consents.undo_withdrawal(house_db, assistant, view.id)


def test_a_consent_recorded_by_mistake_is_cancelled(house_db, admin, family):
    ids = _ids(family)
    [view] = consents.record_consents(house_db, admin, _data([ids["Мария"]]))
    consents.cancel_consents(house_db, admin, [view.id])
    assert consents.person_consents(house_db, ids["Мария"]) == []
    assert consents.list_consent_rows(house_db) == []
    with house_db.read() as session:
        assert session.get(Consent, view.id).deleted_at is not None  # a tombstone travels
    with pytest.raises(NotFoundError):
        consents.cancel_consents(house_db, admin, [view.id])


def test_the_undo_of_a_recording_cancels_all_of_it_or_nothing(house_db, admin, family):
    ids = _ids(family)
    both = _data([ids["Мария"], ids["Петър"]], ids["Мария"])
    made = consents.record_consents(house_db, admin, both)
    with pytest.raises(NotFoundError):
        consents.cancel_consents(house_db, admin, [made[0].id, uuid.uuid4()])
    assert len(consents.list_consent_rows(house_db)) == 2  # nothing half-undone

    consents.cancel_consents(house_db, admin, [c.id for c in made])
    assert consents.list_consent_rows(house_db) == []


# ---- reading ----


def test_family_state_missing_partial_complete_withdrawn(house_db, admin, family):
    ids = _ids(family)

    def state():
        return consents.family_consent_state(house_db, family.id)

    first = state()
    assert (first.state, first.state_label) == ("missing", "липсва")
    assert len(first.missing) == 3 and first.withdrawn == ()
    assert first.family_code == family.code and first.phone == "0888 123 456"
    assert "Иванови" in first.family_title

    [mother] = consents.record_consents(house_db, admin, _data([ids["Мария"]]))
    partial = state()
    assert (partial.state, partial.state_label) == ("partial", "частично")
    assert sorted(partial.missing) == ["Елена Иванова", "Петър Иванов"]

    consents.record_consents(
        house_db, admin, _data([ids["Елена"], ids["Петър"]], signer=ids["Мария"])
    )
    complete = state()
    assert (complete.state, complete.state_label, complete.missing) == ("complete", "пълно", ())

    consents.withdraw_consent(house_db, admin, mother.id, TODAY)
    withdrawn = state()
    assert (withdrawn.state, withdrawn.state_label) == ("withdrawn", "оттеглено")
    assert withdrawn.withdrawn == ("Мария Петрова Иванова",) and withdrawn.missing == ()

    consents.record_consents(house_db, admin, _data([ids["Мария"]]))  # signs anew
    assert state().state == "complete"


def test_family_state_shows_photo_purposes_per_member(house_db, admin, family):
    ids = _ids(family)
    consents.record_consents(
        house_db, admin, _data([ids["Петър"]], ids["Мария"], kind="photo", purposes=("print",))
    )
    assert consents.family_consent_state(house_db, family.id).photo == {ids["Петър"]: ("print",)}


def test_families_without_valid_consent(house_db, admin, family):
    done = _family(house_db, admin, MOTHER)
    archived = _family(house_db, admin, MOTHER)
    families.archive_family(house_db, admin, archived.id)
    consents.record_consents(house_db, admin, _data([done.members[0].id]))
    ids = _ids(family)
    consents.record_consents(house_db, admin, _data([ids["Мария"]]))
    rows = consents.families_without_valid_consent(house_db)
    assert [(r.family_code, r.state) for r in rows] == [(family.code, "partial")]
    other = _family(house_db, admin, MOTHER)
    codes = [r.family_code for r in consents.families_without_valid_consent(house_db)]
    assert codes == sorted([family.code, other.code])


def test_person_and_family_consents_newest_first(house_db, admin, family):
    ids = _ids(family)
    first = consents.record_consents(house_db, admin, _data([ids["Мария"]]))[0]
    photo = consents.record_consents(
        house_db, admin, _data([ids["Мария"]], kind="photo", purposes=("internal",))
    )[0]
    assert [v.id for v in consents.person_consents(house_db, ids["Мария"])] == [photo.id, first.id]
    assert {v.id for v in consents.family_consents(house_db, family.id)} == {photo.id, first.id}


def test_list_rows_for_the_command_line(house_db, admin, family):
    ids = _ids(family)
    [view] = consents.record_consents(house_db, admin, _data([ids["Мария"]]))
    consents.withdraw_consent(house_db, admin, view.id, TODAY)
    [row] = consents.list_consent_rows(house_db)
    assert (row.id, row.person_id, row.kind, row.version) == (
        view.id,
        ids["Мария"],
        "personal_data",
        1,
    )
    assert (row.given_on, row.withdrawn_on) == (TODAY, TODAY)

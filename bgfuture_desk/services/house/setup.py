"""First set-up of a house file: the house, its reference data, the first administrator."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bgfuture_desk.db.models import House, Institution, Programme, Setting
from bgfuture_desk.domain import houses
from bgfuture_desk.errors import ValidationError
from bgfuture_desk.i18n import N_, _
from bgfuture_desk.services.consents.forms import seed_forms
from bgfuture_desk.services.house import key_wrap
from bgfuture_desk.services.house.database import create_database
from bgfuture_desk.services.unit import Actor, Database
from bgfuture_desk.services.users.service import add_user, validate_user

PROGRAMMES = (
    N_("Prevention of early marriages"),
    N_("Family planning"),
    N_("Prevention of family separation"),
    N_("Early child development"),
    N_("School for parents"),
)

INSTITUTIONS = (
    (N_("Social Assistance Directorate (DSP)"), "social"),
    (N_("Child Protection Department (OZD)"), "social"),
    (N_("General practitioner (GP)"), "health"),
    (N_("Paediatrician"), "health"),
    (N_("Obstetrician-gynaecologist"), "health"),
    (N_("Regional Health Inspectorate (RZI)"), "health"),
    (N_("Health mediator"), "health"),
    (N_("Nursery"), "education"),
    (N_("Kindergarten"), "education"),
    (N_("School"), "education"),
    (N_("Regional Department of Education (RUO)"), "education"),
    (N_("Community Support Centre (TsOP)"), "social"),
    (N_("Centre for Social Rehabilitation and Integration (TsSRI)"), "social"),
    (N_("Labour Office Directorate"), "employment"),
    (N_("Local commission against juvenile delinquency (MKBPPMN)"), "social"),
)


@dataclass(frozen=True)
class HouseInput:
    code: str
    name: str
    settlement: str
    address: str = ""
    phone: str = ""
    prefix: str = ""


@dataclass(frozen=True)
class AdminInput:
    username: str
    full_name: str
    password: str
    repeat: str | None = None
    must_change: bool = False  # typed by somebody else (``init``): changed at first login


def preset_input(code: str) -> HouseInput | None:
    p = houses.preset(code)
    if p is None:
        return None
    return HouseInput(code=p.code, name=_(p.name), settlement=_(p.settlement), prefix=p.prefix)


def validate_house(house: HouseInput) -> dict[str, str]:
    errors = {}
    if not houses.is_valid_code(house.code):
        errors["code"] = _(
            "The house code is 2–31 small Latin letters, digits or hyphens (e.g. kran)."
        )
    if not house.name.strip():
        errors["name"] = _("Enter the name of the house.")
    if not house.settlement.strip():
        errors["settlement"] = _("Enter the settlement.")
    if house.prefix and not houses.is_valid_prefix(house.prefix):
        errors["prefix"] = _("The prefix of the codes is 2–4 capital Latin letters (e.g. KRN).")
    return errors


def initialise(path: Path, house: HouseInput, admin: AdminInput | None) -> Database:
    """Create the file with its house; everything is checked before the file is made."""
    errors = validate_house(house)
    if admin is not None:
        admin_errors = validate_user(admin.username, admin.full_name, "admin", admin.password,
                                     admin.repeat)
        errors.update({f"admin_{k}": v for k, v in admin_errors.items()})
    if errors:
        raise ValidationError(errors)
    db = create_database(path)
    try:
        _fill(db, house, admin)
    except Exception:
        db.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise
    if admin is not None:  # the administrator's password opens the file on another PC too
        key_wrap.remember_password(Path(path), admin.username, admin.password)
    return db


def _fill(db: Database, house: HouseInput, admin: AdminInput | None) -> None:
    with db.unit(Actor.system(), "initialise") as uow:
        s = uow.session
        row = House(
            code=house.code, prefix=house.prefix or houses.default_prefix(house.code),
            name=house.name.strip(), settlement=house.settlement.strip(),
            address=house.address.strip(), phone=house.phone.strip(),
        )
        s.add(row)
        s.flush()
        s.add(Setting(key="house_id", value=str(row.id)))
        s.flush()
        for name in PROGRAMMES:
            s.add(Programme(house_id=row.id, name=_(name)))
        for name, kind in INSTITUTIONS:
            s.add(Institution(house_id=row.id, name=_(name), kind=kind))
        s.add(Setting(key="created_on", value=uow.clock.today().isoformat()))
        seed_forms(s, row.id, uow.clock.today())  # version 1 of the consent forms
        if admin is not None:
            add_user(uow, username=admin.username, full_name=admin.full_name, role="admin",
                     password=admin.password, must_change=admin.must_change)
        uow.commit()

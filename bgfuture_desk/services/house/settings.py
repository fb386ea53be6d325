"""House settings with typed defaults (idle lock, loan days, …) and the house's details."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bgfuture_desk.db.models import Setting
from bgfuture_desk.domain.permissions import Permission
from bgfuture_desk.errors import ValidationError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.unit import Actor, Database, guarded, needs

# key: (default, minimum, maximum); every setting is a whole number for now.
DEFAULTS: dict[str, tuple[int, int, int]] = {
    "idle_lock_minutes": (10, 1, 240),
    "loan_days": (14, 1, 90),
    "loan_limit": (3, 1, 20),
    "completion_percent": (75, 10, 100),
    "referral_follow_up_days": (30, 1, 365),
    "retention_years": (5, 1, 30),  # years after the last visit before erasure is reviewed
}


def get_int(session: Session, key: str) -> int:
    row = session.get(Setting, key)
    default = DEFAULTS[key][0]
    try:
        return int(row.value) if row else default
    except ValueError:
        return default


@needs(Permission.DESK)
def read_settings(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {key: get_int(session, key) for key in DEFAULTS}


@guarded(Permission.USERS)
def update_settings(db: Database, actor: Actor, values: dict[str, int]) -> None:
    errors = {}
    for key, value in values.items():
        _default, low, high = DEFAULTS[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            errors[key] = _("Enter a whole number from {low} to {high}.").format(
                low=low, high=high
            )
    if errors:
        raise ValidationError(errors)
    with db.unit(actor, "update_settings") as uow:
        for key, value in values.items():
            row = uow.session.get(Setting, key) or Setting(key=key)
            row.value = str(value)
            uow.session.add(row)
        uow.commit()


@dataclass(frozen=True)
class HouseDetails:
    code: str
    prefix: str
    name: str
    settlement: str
    address: str
    phone: str


@needs(Permission.DESK)
def house_details(db: Database) -> HouseDetails:
    with db.read() as session:
        h = db.local_house(session)
        return HouseDetails(h.code, h.prefix, h.name, h.settlement, h.address, h.phone)


@guarded(Permission.USERS)
def update_house(db: Database, actor: Actor, *, name: str, settlement: str, address: str,
                 phone: str) -> HouseDetails:
    errors = {}
    if not name.strip():
        errors["name"] = _("Enter the name of the house.")
    if not settlement.strip():
        errors["settlement"] = _("Enter the settlement.")
    if errors:
        raise ValidationError(errors)
    with db.unit(actor, "update_house") as uow:
        h = uow.house()
        h.name, h.settlement = name.strip(), settlement.strip()
        h.address, h.phone = address.strip(), phone.strip()
        uow.commit()
    return house_details(db)

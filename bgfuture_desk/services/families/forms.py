"""What the family and person forms send, and the field-level checks on it.

A form with an error never loses what was typed: the inputs are frozen, the checks only
return messages, and ``InvalidForm`` carries the input back unchanged. An ЕГН that cannot be
right is an error on "egn" alone, so the assistant may clear it and save the person without.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from bgfuture_desk.domain.egn import EgnError, EgnInfo, parse_egn
from bgfuture_desk.domain.phones import normalise_phone
from bgfuture_desk.domain.vocab import PersonRole, Sex
from bgfuture_desk.errors import ValidationError
from bgfuture_desk.i18n import _, format_date

NAME_MAX = 100
TEXT_MAX = {
    "first_name": NAME_MAX,
    "middle_name": NAME_MAX,
    "last_name": NAME_MAX,
    "settlement": 100,
    "address": 300,
}
OLDEST_YEARS = 120
PREGNANCY_DAYS = 300


@dataclass(frozen=True)
class PersonInput:
    role: str
    first_name: str
    middle_name: str = ""
    last_name: str = ""
    birth_date: dt.date | None = None
    sex: str | None = None
    egn: str = ""
    phone: str = ""
    expected_birth: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class FamilyInput:
    settlement: str
    address: str = ""
    phone: str = ""
    phone2: str = ""
    notes: str = ""


class InvalidForm(ValidationError):
    """A form that cannot be saved: ``errors`` per field, and what was typed, untouched.

    ``data`` is the PersonInput or FamilyInput as sent; ``members`` the people sent with a
    new family. Member fields are named ``members.<index>.<field>`` in ``errors``.
    """

    def __init__(
        self, errors: dict[str, str], data: object, members: tuple[PersonInput, ...] = ()
    ) -> None:
        super().__init__(errors)
        self.data = data
        self.members = members


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def egn_facts(text: str, today: dt.date) -> EgnInfo | None:
    """Birth date and sex from an ЕГН for the form to fill in; None while it is not valid."""
    if not text.strip():
        return None
    try:
        return parse_egn(text, today)
    except EgnError:
        return None


def _too_long(values: dict[str, str]) -> dict[str, str]:
    return {
        name: _("This text is too long (at most {n} characters).").format(n=TEXT_MAX[name])
        for name, value in values.items()
        if len(_squash(value)) > TEXT_MAX[name]
    }


def _phone_error(text: str) -> str | None:
    try:
        normalise_phone(text)
    except ValueError as err:
        return str(err)
    return None


def _egn_errors(data: PersonInput, today: dt.date) -> dict[str, str]:
    if not data.egn.strip():
        return {}
    try:
        info = parse_egn(data.egn, today)
    except EgnError as err:
        hint = _("Correct it, or clear the field to save the person without an EGN.")
        return {"egn": f"{err} {hint}"}
    errors = {}
    if data.birth_date is not None and data.birth_date != info.birth_date:
        errors["birth_date"] = _(
            "The date of birth differs from the one in the EGN ({date})."
        ).format(date=format_date(info.birth_date))
    if data.sex and data.sex != info.sex:
        errors["sex"] = _("The sex differs from the one in the EGN ({sex}).").format(
            sex=Sex(info.sex).label
        )
    return errors


def _date_errors(data: PersonInput, today: dt.date) -> dict[str, str]:
    errors = {}
    if data.birth_date is not None:
        if data.birth_date > today:
            errors["birth_date"] = _("The date of birth is in the future.")
        elif data.birth_date.year < today.year - OLDEST_YEARS:
            errors["birth_date"] = _("The date of birth is too far in the past.")
    if data.expected_birth is not None:
        if data.expected_birth > today + dt.timedelta(days=PREGNANCY_DAYS):
            errors["expected_birth"] = _("The expected date of birth is more than ten months away.")
    return errors


def validate_person(data: PersonInput, today: dt.date) -> dict[str, str]:
    """Field → Bulgarian message; empty when the person can be saved."""
    errors: dict[str, str] = {}
    if data.role not in {r.value for r in PersonRole}:
        errors["role"] = _("Choose the person's role in the family.")
    if not data.first_name.strip():
        errors["first_name"] = _("Enter the first name.")
    if data.sex and data.sex not in {s.value for s in Sex}:
        errors["sex"] = _("Choose the sex.")
    errors.update(_date_errors(data, today))
    errors.update(_egn_errors(data, today))  # an ЕГН conflict is the more telling message
    phone = _phone_error(data.phone)
    if phone:
        errors["phone"] = phone
    names = {
        "first_name": data.first_name,
        "middle_name": data.middle_name,
        "last_name": data.last_name,
    }
    for field, message in _too_long(names).items():
        errors.setdefault(field, message)
    return errors


def validate_family(data: FamilyInput) -> dict[str, str]:
    """Field → Bulgarian message for the family's own fields."""
    errors: dict[str, str] = {}
    if not data.settlement.strip():
        errors["settlement"] = _("Enter the settlement.")
    for field in ("phone", "phone2"):
        message = _phone_error(getattr(data, field))
        if message:
            errors[field] = message
    for field, message in _too_long(
        {"settlement": data.settlement, "address": data.address}
    ).items():
        errors.setdefault(field, message)
    return errors


def _phone_or_empty(text: str) -> str:
    try:
        return normalise_phone(text)
    except ValueError:
        return ""


def clean_person(data: PersonInput, today: dt.date) -> PersonInput:
    """The input as it is stored: tidy names, canonical phone, birth date and sex from the ЕГН.

    Tolerant on purpose (an invalid ЕГН or phone becomes empty), so the duplicate check can
    run on a form that is still being typed; the save paths validate first.
    """
    info = egn_facts(data.egn, today)
    return replace(
        data,
        first_name=_squash(data.first_name),
        middle_name=_squash(data.middle_name),
        last_name=_squash(data.last_name),
        egn=data.egn.replace(" ", "").strip() if info else "",
        birth_date=info.birth_date if info else data.birth_date,
        sex=info.sex if info else (data.sex or None),
        phone=_phone_or_empty(data.phone),
        notes=data.notes.strip(),
    )


def clean_family(data: FamilyInput) -> FamilyInput:
    return replace(
        data,
        settlement=_squash(data.settlement),
        address=_squash(data.address),
        phone=_phone_or_empty(data.phone),
        phone2=_phone_or_empty(data.phone2),
        notes=data.notes.strip(),
    )

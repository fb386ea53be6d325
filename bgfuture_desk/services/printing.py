"""Printouts: gather the plain data a document needs and hand it to ``documents``."""

from __future__ import annotations

import uuid

from bgfuture_desk.documents.family_card import FamilyCardData, family_cards_pdf
from bgfuture_desk.documents.page import HouseHeader
from bgfuture_desk.domain.phones import format_phone
from bgfuture_desk.errors import NotFoundError, UserError
from bgfuture_desk.i18n import _
from bgfuture_desk.services.registry_queries import FamilyView, family_by_code, get_family
from bgfuture_desk.services.settings import house_details
from bgfuture_desk.services.unit import Database


def house_header(db: Database) -> HouseHeader:
    """The house as every printout names it at the top of the page."""
    house = house_details(db)
    return HouseHeader(
        name=house.name,
        settlement=house.settlement,
        address=house.address,
        phone=format_phone(house.phone) if house.phone else "",
    )


def _family(db: Database, key: str) -> FamilyView:
    """A family by its id or by its code as typed or scanned ("KRN-0042", "krn-42")."""
    text = key.strip()
    try:
        family_id = uuid.UUID(text)
    except ValueError:
        return family_by_code(db, text)
    try:
        return get_family(db, family_id)
    except NotFoundError:
        raise NotFoundError(_("There is no family with the id {id}.").format(id=text)) from None


def card_data(family: FamilyView) -> FamilyCardData:
    """A card shows the family name, the members' first names and the settlement, no more."""
    surname = family.surname
    line = _("Family {surname}").format(surname=surname) if surname else _("Family")
    return FamilyCardData(
        code=family.code,
        surname_line=line,
        first_names=tuple(m.first_name for m in family.members),
        settlement=family.settlement,
    )


def family_cards(db: Database, family_ids_or_codes: list[str]) -> bytes:
    """Cards for the families named by id or code, in the order given, each once."""
    if not family_ids_or_codes:
        raise UserError(_("Choose at least one family to print a card for."))
    families: dict[uuid.UUID, FamilyView] = {}
    for key in family_ids_or_codes:
        family = _family(db, str(key))
        families.setdefault(family.id, family)
    cards = [card_data(f) for f in families.values()]
    return family_cards_pdf(cards, house_header(db))


# The name the reception contract gives the same use case.
family_card_pdf = family_cards

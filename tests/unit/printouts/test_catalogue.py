"""The printouts' table: every printout is made from it, by the command line and the screens."""

from __future__ import annotations

import datetime as dt

import pytest

from bgfuture_desk.commands.printouts import PRINT_DOCS
from bgfuture_desk.domain.clock import FixedClock
from bgfuture_desk.errors import UserError
from bgfuture_desk.services.demo import generate_demo
from bgfuture_desk.services.families import listing
from bgfuture_desk.services.families import service as families
from bgfuture_desk.services.groups import listing as groups_listing
from bgfuture_desk.services.printouts.catalogue import PRINTOUTS, Ids, make
from bgfuture_desk.services.referrals import service as referrals
from bgfuture_desk.services.toys import service as toys

DAY = dt.date(2025, 11, 18)


@pytest.fixture
def demo(house_db):
    house_db.clock = FixedClock(dt.datetime.combine(DAY, dt.time(13)))
    generate_demo(house_db, families=12, seed=2, today=DAY)
    return house_db


def test_the_command_line_offers_exactly_the_table():
    assert PRINT_DOCS == tuple(PRINTOUTS)
    assert set(PRINT_DOCS) == {
        "card", "attendance", "labels", "receipt", "overdue", "consent", "referral", "access",
    }  # fmt: skip


@pytest.mark.parametrize("name", [n for n, p in PRINTOUTS.items() if p.ids is Ids.ONE])
def test_a_printout_of_one_record_says_what_to_give(house_db, name):
    for wrong in ([], ["a", "b"], ["  "]):
        with pytest.raises(UserError, match=r"^Посочете точно ") as refused:
            make(house_db, name, wrong)
        assert refused.value.field == "id"


def _one_id(db, name: str) -> list[str]:
    """A record of the demo house that printout ``name`` is about."""
    family = next(f for f in listing.list_families(db) if not f.archived)
    ids = {
        "attendance": lambda: groups_listing.list_session_rows(db)[0].id,
        "receipt": lambda: toys.list_loans_rows(db)[0].id,
        "referral": lambda: referrals.list_referrals(db)[0].id,
        "access": lambda: families.get_family(db, family.id).members[0].id,
        "consent": lambda: family.code,
    }
    return [str(ids[name]())]


@pytest.mark.parametrize("name", sorted(PRINTOUTS))
def test_every_printout_of_the_table_is_a_pdf(demo, name):
    ids = [] if PRINTOUTS[name].ids is Ids.ANY else _one_id(demo, name)
    pdf = make(demo, name, ids)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")

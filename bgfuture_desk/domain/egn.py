"""The Bulgarian personal number (ЕГН): birth date, sex and check digit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bgfuture_desk.i18n import _

_WEIGHTS = (2, 4, 8, 5, 10, 9, 7, 3, 6)


class EgnError(ValueError):
    """An ЕГН that cannot be right; the message is for the user."""


@dataclass(frozen=True)
class EgnInfo:
    birth_date: dt.date
    sex: str  # "male" | "female"


def check_digit(first_nine: str) -> int:
    total = sum(int(d) * w for d, w in zip(first_nine, _WEIGHTS, strict=True))
    return total % 11 % 10


def parse_egn(text: str, today: dt.date) -> EgnInfo:
    """Validate an ЕГН and return what it encodes; raise EgnError with a Bulgarian message."""
    egn = text.strip().replace(" ", "")
    if len(egn) != 10 or not (egn.isascii() and egn.isdigit()):
        raise EgnError(_("An EGN has exactly 10 digits."))
    if check_digit(egn[:9]) != int(egn[9]):
        raise EgnError(_("The check digit of the EGN does not match."))
    year, month, day = int(egn[0:2]), int(egn[2:4]), int(egn[4:6])
    if 1 <= month <= 12:
        year += 1900
    elif 21 <= month <= 32:
        year, month = year + 1800, month - 20
    elif 41 <= month <= 52:
        year, month = year + 2000, month - 40
    else:
        raise EgnError(_("The EGN holds an impossible month of birth."))
    try:
        born = dt.date(year, month, day)
    except ValueError:
        raise EgnError(_("The EGN holds an impossible date of birth.")) from None
    if born > today:
        raise EgnError(_("The EGN holds a date of birth in the future."))
    return EgnInfo(birth_date=born, sex="male" if int(egn[8]) % 2 == 0 else "female")


def make_egn(born: dt.date, serial: int, sex: str) -> str:
    """Build a valid ЕГН (for demo data): serial 0..499 picks the region digits."""
    if born.year >= 2000:
        month = born.month + 40
    elif born.year < 1900:
        month = born.month + 20
    else:
        month = born.month
    region = (serial * 2) % 1000
    ninth = region % 10
    if (ninth % 2 == 0) != (sex == "male"):
        region = (region + 1) % 1000
    first = f"{born.year % 100:02d}{month:02d}{born.day:02d}{region:03d}"
    return first + str(check_digit(first))

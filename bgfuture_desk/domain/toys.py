"""Rules of the toy library: due dates, age ranges, pieces, codes and what a return makes of a toy.

Pure functions: the services apply them to records, the screens and printouts show their
Bulgarian texts.
"""

from __future__ import annotations

import datetime as dt
import re

from bgfuture_desk.domain.calendar import next_working_day
from bgfuture_desk.domain.houses import toy_code
from bgfuture_desk.domain.names import fold_word, transliterate
from bgfuture_desk.domain.vocab import ToyCondition, ToyStatus
from bgfuture_desk.i18n import _

MAX_AGE_MONTHS = 216  # 18 years: the catalogue's "no upper limit"
MAX_PIECES = 500  # more is a typing slip (a scanned code in the pieces field, an extra 0)

_TOY_CODE = re.compile(r"([A-Z]{2,4})-?T-?0*([0-9]{1,6})")
_WORD = re.compile(r"[0-9a-zа-я]+")


def due_date(lent_on: dt.date, loan_days: int) -> dt.date:
    """The day a loan is due: ``loan_days`` on, moved to the next working day when the house
    is closed (a weekend, an official holiday or a holiday's moved day off)."""
    return next_working_day(lent_on + dt.timedelta(days=loan_days))


def days_overdue(due_on: dt.date, today: dt.date) -> int:
    """Whole days past the due date; 0 until the day after it."""
    return max(0, (today - due_on).days)


def fits_age(age_min_months: int, age_max_months: int, child_age_months: int) -> bool:
    return age_min_months <= child_age_months <= age_max_months


def _span(months: int) -> tuple[int, bool]:
    """(number, in years?) for a bound of an age range."""
    return (months // 12, True) if months % 12 == 0 and months else (months, False)


def age_range_label(age_min_months: int, age_max_months: int) -> str:
    """„1–3 г.“, „6–18 мес.“, „от 3 г.“, „до 12 мес.“ or „за всички възрасти“."""
    open_top = age_max_months >= MAX_AGE_MONTHS
    if age_min_months <= 0 and open_top:
        return _("all ages")
    if open_top:
        low, years = _span(age_min_months)
        return (_("from {low} y.") if years else _("from {low} mo.")).format(low=low)
    if age_min_months <= 0:
        high, years = _span(age_max_months)
        return (_("up to {high} y.") if years else _("up to {high} mo.")).format(high=high)
    if age_min_months % 12 == 0 and age_max_months % 12 == 0:
        return _("{low}–{high} y.").format(low=age_min_months // 12, high=age_max_months // 12)
    return _("{low}–{high} mo.").format(low=age_min_months, high=age_max_months)


def child_age_label(months: int) -> str:
    """A child's age as the desk says it: „8 мес.“ under two years, „4 г.“ after."""
    if months < 24:
        return _("{n} mo.").format(n=months)
    return _("{n} y.").format(n=months // 12)


def validate_pieces(n: object) -> str | None:
    """A Bulgarian message when ``n`` is no sensible number of pieces of a toy, else None."""
    if isinstance(n, bool) or not isinstance(n, int):
        return _("Enter the number of pieces as a whole number.")
    if n < 1:
        return _("A toy has at least 1 piece.")
    if n > MAX_PIECES:
        return _("{n} pieces is too many for one toy; at most {most}.").format(n=n, most=MAX_PIECES)
    return None


def validate_missing(missing: object, pieces_out: int) -> str | None:
    """Missing pieces at a return: from 0 up to the pieces that went out."""
    if isinstance(missing, bool) or not isinstance(missing, int):
        return _("Enter the missing pieces as a whole number.")
    if missing < 0:
        return _("The number of missing pieces cannot be negative.")
    if missing > pieces_out:
        return _("Only {n} pieces were lent; {missing} cannot be missing.").format(
            n=pieces_out, missing=missing
        )
    if missing == pieces_out:
        return _("No piece came back: mark the toy as lost instead.")
    return None


def validate_age_range(age_min_months: object, age_max_months: object) -> dict[str, str]:
    errors = {}
    for field, value in (("age_min_months", age_min_months), ("age_max_months", age_max_months)):
        if isinstance(value, bool) or not isinstance(value, int):
            errors[field] = _("Enter the age in whole months.")
        elif not 0 <= value <= MAX_AGE_MONTHS:
            errors[field] = _("An age from 0 to {most} months (18 years).").format(
                most=MAX_AGE_MONTHS
            )
    if not errors and age_min_months > age_max_months:  # type: ignore[operator]
        errors["age_max_months"] = _("The upper age cannot be below the lower one.")
    return errors


def status_after_return(condition: str, *, lost: bool, reserved: bool) -> ToyStatus:
    """What a return makes of a toy: изгубена, в ремонт, запазена (someone waits) or налична."""
    if lost:
        return ToyStatus.LOST
    if condition == ToyCondition.NEEDS_REPAIR:
        return ToyStatus.IN_REPAIR
    return ToyStatus.RESERVED if reserved else ToyStatus.AVAILABLE


def refusal(status: str, code: str) -> str | None:
    """Why a toy in this status cannot be lent (None when it can)."""
    messages = {
        ToyStatus.LENT: _("The toy {code} is already lent."),
        ToyStatus.IN_REPAIR: _("The toy {code} is in repair and cannot be lent."),
        ToyStatus.LOST: _("The toy {code} is marked as lost and cannot be lent."),
        ToyStatus.RETIRED: _("The toy {code} is retired and cannot be lent."),
    }
    message = messages.get(ToyStatus(status))
    return message.format(code=code) if message else None


def canonical_toy_code(text: str) -> str | None:
    """ "krn-t-107", "KRN-T-0107", "КРН-Т-0107" (a Bulgarian keyboard) → "KRN-T-0107";
    None when the text is not a toy code."""
    compact = re.sub(r"\s+", "", transliterate(text.strip())).upper()
    match = _TOY_CODE.fullmatch(compact)
    if not match:
        return None
    return toy_code(match.group(1), int(match.group(2)))


def toy_search_key(*parts: str) -> list[str]:
    """The folded words of a toy's name, category and code, for the catalogue search."""
    words = []
    for part in parts:
        words += [fold_word(w) for w in _WORD.findall(part.casefold())]
    return [w for w in words if w]


def matches(query: str, key: list[str]) -> bool:
    """Every word typed starts a word of the toy (Cyrillic or Latin, any case); digits
    may sit anywhere in a code ("107" finds KRN-T-0107)."""
    for word in toy_search_key(query):
        if word.isdigit():
            if not any(word in k for k in key if k.isdigit()):
                return False
        elif not any(k.startswith(word) for k in key):
            return False
    return True

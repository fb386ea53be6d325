"""Translation and locale formatting.

The interface is Bulgarian only. Source strings are Bulgarian too, but every one goes
through the catalogue in ``translations/`` so that tests can prove none was forgotten and
an edit of the wording happens in one place. Import explicitly:
``from bgfuture_desk.i18n import _``.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
from functools import cache
from pathlib import Path

from babel import dates as _dates
from babel import numbers as _numbers

DOMAIN = "bgfuture_desk"
LOCALE = "bg"
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


@cache
def catalogue() -> _gettext.NullTranslations:
    try:
        with open(TRANSLATIONS_DIR / LOCALE / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as fh:
            return _gettext.GNUTranslations(fh)
    except OSError:
        return _gettext.NullTranslations()


def _(message: str) -> str:
    return catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalogue().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with ``_()``."""
    return message


def format_date(value: dt.date) -> str:
    """22.11.2026"""
    return _dates.format_date(value, "dd.MM.yyyy", locale=LOCALE)


def format_date_long(value: dt.date) -> str:
    """22 ноември 2026 г."""
    return _dates.format_date(value, "long", locale=LOCALE)


def format_datetime(value: dt.datetime) -> str:
    """22.11.2026 14:05"""
    return _dates.format_datetime(value, "dd.MM.yyyy HH:mm", locale=LOCALE)


def format_time(value: dt.datetime | dt.time) -> str:
    return _dates.format_time(value, "HH:mm", locale=LOCALE)


def format_number(value: float | int) -> str:
    """12 345,5 with Bulgarian grouping and decimal comma."""
    return _numbers.format_decimal(value, locale=LOCALE)

"""Translation and locale formatting.

The interface is Bulgarian only. Source strings are English; their Bulgarian text lives in
the gettext catalogues in ``translations/bg/LC_MESSAGES/`` (one ``.po`` per area of the
program, all loaded together), so tests can prove none was forgotten. Import explicitly:
``from bgfuture_desk.i18n import _``; ``python -m bgfuture_desk.i18n_build`` compiles and
checks the catalogues.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
from functools import cache
from pathlib import Path

from babel import dates as _dates
from babel import numbers as _numbers

LOCALE = "bg"
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"


CATALOGUE_DIR = TRANSLATIONS_DIR / LOCALE / "LC_MESSAGES"


@cache
def catalogue() -> _gettext.NullTranslations:
    """All compiled Bulgarian catalogues, chained; untranslated text falls through as is."""
    result: _gettext.NullTranslations = _gettext.NullTranslations()
    for mo in sorted(CATALOGUE_DIR.glob("*.mo"), reverse=True):
        with open(mo, "rb") as fh:
            translations = _gettext.GNUTranslations(fh)
        translations.add_fallback(result)
        result = translations
    return result


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

"""The Bulgarian catalogue is complete and fresh, and dates and numbers read as in Bulgaria."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bgfuture_desk import i18n, i18n_build
from bgfuture_desk.domain import vocab

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _spaces(text: str) -> str:
    """CLDR versions differ on no-break and narrow spaces; compare them as plain spaces."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_every_user_visible_string_has_a_bulgarian_translation():
    missing = i18n_build.missing()
    assert not missing, "untranslated (add them to the .po of your area):\n" + "\n".join(
        f"  {where}: {msgid!r}" for msgid, where in sorted(missing.items(), key=lambda kv: kv[1])
    )


def test_compiled_catalogues_are_fresh():
    assert i18n_build.stale() == [], "run: python -m bgfuture_desk.i18n_build compile"


def test_every_translation_is_written_in_cyrillic():
    latin_only = {m: t for m, t in i18n_build.translated().items() if not CYRILLIC.search(t)}
    assert not latin_only


def test_translations_keep_the_placeholders_of_the_source():
    wrong = {
        msgid: text
        for msgid, text in i18n_build.translated().items()
        if set(PLACEHOLDER.findall(msgid)) != set(PLACEHOLDER.findall(text))
    }
    assert not wrong


def test_runtime_catalogue_speaks_bulgarian():
    assert i18n._("An EGN has exactly 10 digits.") == "ЕГН трябва да има точно 10 цифри."
    assert i18n._("a sentence nobody translated") == "a sentence nobody translated"


def test_dates_read_as_bulgarians_write_them():
    day = dt.date(2026, 11, 22)
    assert i18n.format_date(day) == "22.11.2026"
    assert i18n.format_date(dt.date(2027, 3, 3)) == "03.03.2027"
    assert _spaces(i18n.format_date_long(day)) == "22 ноември 2026 г."
    assert _spaces(i18n.format_date_long(dt.date(2027, 5, 6))) == "6 май 2027 г."


def test_times_are_24_hour():
    moment = dt.datetime(2026, 11, 22, 14, 5)
    assert i18n.format_datetime(moment) == "22.11.2026 14:05"
    assert i18n.format_time(moment) == "14:05"
    assert i18n.format_time(dt.time(9, 0)) == "09:00"


@pytest.mark.parametrize(
    ("value", "text"),
    [(12345.5, "12 345,5"), (1234567, "1 234 567"), (0.25, "0,25"), (7, "7"), (-3.5, "-3,5")],
)
def test_numbers_use_decimal_comma_and_space_grouping(value, text):
    assert _spaces(i18n.format_number(value)) == text


def test_vocabulary_labels_are_bulgarian():
    assert vocab.PersonRole.CHILD.label == "дете"
    assert vocab.PersonRole.MOTHER.label == "майка"
    assert vocab.AttendanceStatus.PRESENT.label == "присъства"
    assert vocab.UserRole.ADMIN.label == "администратор"
    assert vocab.ToyStatus.LENT.label == "заета"
    assert dict(vocab.Sex.choices()) == {"male": "мъж", "female": "жена"}


def test_every_vocabulary_member_has_a_cyrillic_label():
    enums = [
        obj
        for obj in vars(vocab).values()
        if isinstance(obj, type) and issubclass(obj, vocab.Labelled) and obj is not vocab.Labelled
    ]
    assert len(enums) >= 15
    for enum in enums:
        for member in enum:
            assert CYRILLIC.search(member.label), f"{enum.__name__}.{member.name}"

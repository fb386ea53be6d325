"""Bulgarian phone numbers: one canonical form to store and compare, one way to show it.

People write the same number as "0888 123 456", "+359 888 123 456", "00359888123456" or
"888123456"; all are stored as the national form "0888123456", so that a duplicate or a
search by phone finds it whatever was typed. Numbers from abroad keep an international
form ("+447700900123").
"""

from __future__ import annotations

import re

from bgfuture_desk.i18n import _

# What may separate the digits when a number is typed or printed.
_ALLOWED = re.compile(r"[0-9\s+\-()/.]*")
# Area codes of two digits (after the 0); other towns have three or four (Казанлък 0431).
_TWO_DIGIT_AREAS = frozenset(
    "32 34 36 38 42 44 46 52 54 56 58 62 64 66 68 73 76 78 82 84 86 92 94 96".split()
)
_NATIONAL_LENGTHS = (8, 9)  # digits after the leading 0
_INTERNATIONAL_LENGTHS = range(8, 16)  # digits after "+" (E.164 allows up to 15)


def phone_digits(text: str) -> str:
    """Only the digits of whatever was typed (for search)."""
    return "".join(ch for ch in text if ch.isascii() and ch.isdigit())


def _wrong_length() -> ValueError:
    return ValueError(
        _("A phone number has 9 or 10 digits with the leading 0, for example 0888 123 456.")
    )


def normalise_phone(text: str) -> str:
    """The canonical form of a typed number; "" for empty; ValueError with a Bulgarian text."""
    text = text.strip()
    if not text:
        return ""
    if not _ALLOWED.fullmatch(text) or "+" in text[1:]:
        raise ValueError(_("A phone number may contain only digits, spaces and a leading „+“."))
    digits = phone_digits(text)
    if text.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    elif digits.startswith("359") and len(digits) - 3 in _NATIONAL_LENGTHS:
        international = digits
    else:
        international = None
    if international is not None:
        if international.startswith("359"):
            national = international[3:].lstrip("0")
        else:
            if len(international) not in _INTERNATIONAL_LENGTHS:
                raise _wrong_length()
            return "+" + international
    else:
        national = digits[1:] if digits.startswith("0") else digits
    if len(national) not in _NATIONAL_LENGTHS or national.startswith("0"):
        raise _wrong_length()
    return "0" + national


def _pairs(digits: str) -> str:
    """A local number the way Bulgarians write it: 6 23 45, 62 34 56, 981 23 45."""
    head = len(digits) % 2 if len(digits) < 7 else len(digits) - 4
    groups = [digits[:head]] if head else []
    groups += [digits[i : i + 2] for i in range(head, len(digits), 2)]
    return " ".join(groups)


def format_phone(number: str) -> str:
    """A number for people to read: mobiles 0888 123 456, landlines 0431 6 23 45."""
    try:
        canonical = normalise_phone(number)
    except ValueError:
        return number.strip()
    if not canonical or canonical.startswith("+"):
        return canonical
    national = canonical[1:]
    if len(national) == 9 and national[0] in "89":
        return f"{canonical[:4]} {canonical[4:7]} {canonical[7:]}"
    if national.startswith("2"):
        area = 1
    elif national[:2] in _TWO_DIGIT_AREAS:
        area = 2
    else:
        area = 3
    return f"0{national[:area]} {_pairs(national[area:])}"

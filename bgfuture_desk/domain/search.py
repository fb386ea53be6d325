"""Search rules: what a typed query means, and when two spellings are one typo apart.

A query is split into terms: name words (folded by ``names.fold_word`` so Cyrillic,
official and informal Latin meet), digit runs (a phone in any format, its last digits, an
ЕГН, or the number of a family code) and family codes as printed or typed ("KRN-0042",
"krn42", "КРН-0042" from a scanner while the Bulgarian phonetic layout is on).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from bgfuture_desk.domain.names import fold_word
from bgfuture_desk.domain.phones import phone_digits

# A word of at least this many letters may carry one typo.
TYPO_MIN_LENGTH = 5
# Digits needed before a run is taken as (the end of) a phone number.
PHONE_MIN_DIGITS = 4
EGN_LENGTH = 10
# Family codes carry a four-digit number (KRN-0042); longer digit runs are phones.
CODE_DIGITS = 4

_PHONE_LIKE = re.compile(r"[\d\s+()./-]*\d[\d\s+()./-]*")
_CODE = re.compile(r"([^\W\d_]{2,4})-?(\d{1,4})")
_LETTERS = re.compile(r"[^\W\d_]{2,4}")
_WORD = re.compile(r"[0-9a-zа-я]+")


@dataclass(frozen=True)
class Term:
    """One part of a query.

    kind "name": ``text`` is a folded name word. kind "digits": ``text`` is the number in
    national form (+359 and 00359 become 0), ``raw`` the digits as typed, ``international``
    whether it was typed with a country prefix. kind "code": ``prefix`` is the house
    prefix (KRN) and ``raw`` the digits typed after it.
    """

    kind: str
    text: str = ""
    raw: str = ""
    prefix: str = ""
    international: bool = False


def national_digits(text: str) -> tuple[str, bool]:
    """The digits of a typed phone in national form, and whether a country prefix was typed."""
    digits = phone_digits(text)
    # "00" dials abroad only before a country code: "0084" is the end of a number.
    dialled = digits.startswith("00") and (digits.startswith("00359") or len(digits) > 10)
    international = text.lstrip().startswith("+") or dialled
    if dialled:
        digits = digits[2:]
    if digits.startswith("359") and (international or len(digits) >= 12):
        return "0" + digits[3:], True
    return digits, international


def stored_phone_digits(stored: str) -> str:
    """A stored phone (canonical "0888123456" or as once typed) as national digits."""
    if stored.isdigit() and stored.startswith("0") and not stored.startswith("00"):
        return stored  # the canonical national form
    digits, _international = national_digits(stored)
    if len(digits) == 9 and not digits.startswith("0"):
        return "0" + digits  # typed without the trunk 0
    return digits


def parse_query(text: str, prefixes: Mapping[str, str]) -> list[Term]:
    """Split a query into terms; ``prefixes`` maps folded house prefixes to real ones."""
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        return []
    if _PHONE_LIKE.fullmatch(text):
        digits, international = national_digits(text)
        raw = phone_digits(text)
        return [Term("digits", digits, raw=raw, international=international)]
    terms: list[Term] = []
    words = _join_split_codes(text.split(), prefixes)
    for word in words:
        terms.extend(_word_terms(word, prefixes))
    return terms


def _join_split_codes(words: list[str], prefixes: Mapping[str, str]) -> list[str]:
    """ "KRN 0042" typed with a space is one code."""
    out: list[str] = []
    for word in words:
        previous = out[-1] if out else ""
        if (
            word.isdigit()
            and _LETTERS.fullmatch(previous.rstrip("-"))
            and fold_word(previous.rstrip("-")) in prefixes
        ):
            out[-1] = previous.rstrip("-") + word
        else:
            out.append(word)
    return out


def _word_terms(word: str, prefixes: Mapping[str, str]) -> list[Term]:
    code = _CODE.fullmatch(word)
    if code:
        prefix = prefixes.get(fold_word(code.group(1)))
        if prefix:
            return [Term("code", prefix=prefix, raw=code.group(2))]
    if _PHONE_LIKE.fullmatch(word):
        digits, international = national_digits(word)
        return [Term("digits", digits, raw=phone_digits(word), international=international)]
    folded = (fold_word(w) for w in _WORD.findall(unicodedata.normalize("NFC", word).casefold()))
    return [Term("name", f) for f in folded if f]


def deletions(word: str) -> set[str]:
    """The word and every string one deletion away (the keys of the typo index)."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def within_one_edit(a: str, b: str) -> bool:
    """One substitution, insertion, deletion or swap of neighbours at most."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        swapped = a[i : i + 2] == b[i + 1 : i + 2] + b[i : i + 1]
        return swapped and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


def typo_of(word: str, token: str) -> bool:
    """The word is one edit from the token, or from its beginning of about the same length."""
    if len(word) < TYPO_MIN_LENGTH:
        return False
    if within_one_edit(word, token):
        return True
    n = len(word)
    return any(
        within_one_edit(word, token[:m])
        for m in (n - 1, n, n + 1)
        if TYPO_MIN_LENGTH - 1 <= m < len(token)
    )


def word_places(terms: list[Term]) -> list[str]:
    """Which name field each word most likely is: first, (middle …,) last, by position."""
    names = [i for i, t in enumerate(terms) if t.kind == "name"]
    places = ["any"] * len(terms)
    if len(names) >= 2:
        for i in names[1:-1]:
            places[i] = "middle"
        places[names[0]], places[names[-1]] = "first", "last"
    return places


def assignable(options: list[list[int]]) -> bool:
    """Each word can take a different name part (a small bipartite matching)."""
    owner: dict[int, int] = {}

    def place(word: int, seen: set[int]) -> bool:
        for part in options[word]:
            if part in seen:
                continue
            seen.add(part)
            if part not in owner or place(owner[part], seen):
                owner[part] = word
                return True
        return False

    return all(place(word, set()) for word in range(len(options)))



"""Name folding for search: Cyrillic and Latin spellings meet in one key.

The official transliteration (Закон за транслитерацията, 2009) turns Cyrillic into Latin;
then the informal ways people type (4 for ч, 6 for ш, w for в, q for я …) and the
official digraphs are folded into one skeleton, so "Иванова", "ivanova" and "Ivanowa"
share a key, as do "Мария", "Maria" and "Mariya".
"""

from __future__ import annotations

import re
import unicodedata

_OFFICIAL = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
}

_WORD = re.compile(r"[0-9a-zа-я]+")


def transliterate(text: str) -> str:
    """Official Bulgarian transliteration, keeping the case of each word's first letter."""
    out = []
    for word in re.split(r"(\W+)", text):
        lower = word.lower()
        latin = "".join(_OFFICIAL.get(ch, ch) for ch in lower)
        if lower.endswith("ия") and len(lower) > 2:
            latin = latin[: -len("iya")] + "ia"
        if word[:1].isupper():
            latin = latin[:1].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


# Informal typing, applied to lower-case Latin text, longest patterns first.
_INFORMAL = (
    ("6t", "sht"), ("4", "ch"), ("6", "sh"), ("w", "v"), ("q", "ya"), ("x", "h"),
    ("ja", "ya"), ("ju", "yu"), ("jo", "yo"), ("iu", "yu"), ("j", "zh"),
)
# Official digraphs and y/i folded to one letter each.
_SKELETON = (("sht", "st"), ("zh", "z"), ("ch", "c"), ("sh", "s"), ("ts", "c"),
             ("kh", "h"), ("y", "i"))


def fold_word(word: str) -> str:
    """The search skeleton of one word, whatever the script or spelling."""
    text = unicodedata.normalize("NFC", word).casefold()
    if text.isdigit():  # a code or phone number, not a name typed with 4 for ч
        return text
    if any("а" <= ch <= "я" for ch in text):
        text = transliterate(text)
    for old, new in _INFORMAL:
        text = text.replace(old, new)
    for old, new in _SKELETON:
        text = text.replace(old, new)
    return re.sub(r"(\D)\1+", r"\1", text)


def search_key(*parts: str | None) -> str:
    """One space-separated key for a record: every word of every part, folded."""
    words: list[str] = []
    for part in parts:
        if part:
            words.extend(fold_word(w) for w in _WORD.findall(part.casefold()))
    return " ".join(w for w in words if w)

"""What a text typed or imported at the desk may hold before it is stored.

Letters of any script, emoji, quotes and text that looks like SQL are kept exactly as typed.
Refused: a lone UTF-16 surrogate (it cannot be stored and once crashed the save), control
characters other than line breaks and tabs (NUL, ESC, BEL … are invisible and can disturb a
terminal or a printout), the bidirectional overrides that make a name read differently from
how it is stored, and a text longer than a field can reasonably hold.
"""

from __future__ import annotations

import unicodedata

from bgfuture_desk.i18n import _

MAX_TEXT = 4000  # characters: a long note fits, a pasted document does not
_KEPT_CONTROLS = {"\n", "\r", "\t"}
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def text_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored, in Bulgarian; None when it can."""
    if len(text) > MAX_TEXT:
        return _("The text is too long: at most {n} characters.").format(n=MAX_TEXT)
    for ch in text:
        if "\ud800" <= ch <= "\udfff":
            return _("The text holds a broken character; type it again.")
        if ch in _BIDI_CONTROLS or (
            unicodedata.category(ch) == "Cc" and ch not in _KEPT_CONTROLS
        ):
            return _("The text holds an invisible control character; type it again.")
    return None

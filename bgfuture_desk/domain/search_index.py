"""The in-memory search index behind the reception's search box (pure Python, no I/O).

Built for answering on every keystroke: the distinct folded name tokens form a sorted
vocabulary (a prefix is a ``bisect`` range) with posting lists of entries; one-typo
neighbours are found through a deletion index (every token prefix of four letters and
more, and each of its one-letter deletions, points to the token), so no query scans the
vocabulary; phones are indexed by their last four digits and in sorted order. Query words
are combined with AND; an entry's score is the sum of its words' match qualities.
"""

from __future__ import annotations

import bisect
import heapq
from collections import OrderedDict, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from bgfuture_desk.domain.names import fold_word
from bgfuture_desk.domain.search import (
    CODE_DIGITS,
    EGN_LENGTH,
    PHONE_MIN_DIGITS,
    TYPO_MIN_LENGTH,
    Term,
    assignable,
    deletions,
    parse_query,
    typo_of,
    word_places,
)

# Match qualities of one query word (the score of an entry is their sum).
EXACT = 1.0
PREFIX_BASE, PREFIX_SPAN = 0.6, 0.3  # a prefix scores more the more of the token it covers
TYPO = 0.4
FAMILY_NAME_WEIGHT = 0.5  # for name words, people come before families
# Weights of the name fields by where the word stands in the query. Bulgarians write
# first, father's and family name: with several words, the first word most likely is a
# first name and the last word a family name; the father's name counts a little less.
FIELD_WEIGHTS = {
    "any": {"first": 1.0, "middle": 0.9, "last": 1.0},
    "first": {"first": 1.0, "middle": 0.85, "last": 0.95},
    "middle": {"first": 0.95, "middle": 1.0, "last": 0.95},
    "last": {"first": 0.95, "middle": 0.85, "last": 1.0},
}
PHONE_END, PHONE_START = 0.9, 0.7
MEMBER_WEIGHT = 0.5  # members of a family found by its phone, after the family
CODE_EXACT = 100.0  # an exact family code beats everything
CODE_NUMBER, CODE_PREFIX = 0.95, 0.8
_CACHE_WORDS = 16  # the words of the query being typed; single letters hit thousands
_PHONE_KEY = PHONE_MIN_DIGITS


class Entry(NamedTuple):
    """A person or a family as the index sees it; ``data`` is the caller's display row.

    Ids are the integers of the UUIDs: cheaper to hash than UUID objects, and not objects
    the garbage collector has to walk (25,000 people are 60,000 fewer of them).
    """

    kind: str  # "person" | "family"
    id: int
    family_id: int | None  # a family's own id for a family
    first: tuple[str, ...] = ()  # folded words of a person's first name
    middle: tuple[str, ...] = ()  # of the father's name
    last: tuple[str, ...] = ()  # of the family name; a family's name and settlement
    phones: tuple[str, ...] = ()  # national digits
    egn: str | None = None
    code: str | None = None  # families: "KRN-0042"
    archived: bool = False
    merged_into: int | None = None
    data: Any = None


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float


def split_code(code: str) -> tuple[str, int] | None:
    """("KRN", 42) from "KRN-0042"."""
    prefix, _dash, number = code.rpartition("-")
    return (prefix, int(number)) if prefix and number.isdigit() else None


class MatchIndex:
    def __init__(self, entries: Iterable[Entry] = (), prefixes: Iterable[str] = ()) -> None:
        self._entries: list[Entry | None] = []
        self._slot: dict[tuple[str, int], int] = {}
        self._dead: set[int] = set()
        # token → slots, per name field of people, and for families
        self._fields: dict[str, dict[str, list[int]]] = {
            name: defaultdict(list) for name in ("first", "middle", "last")
        }
        self._families: dict[str, list[int]] = defaultdict(list)
        self._vocab: list[str] = []
        self._near: dict[str, set[str]] = defaultdict(set)
        self._phone_end: dict[str, list[tuple[str, int]]] = defaultdict(list)
        self._phone_sorted: list[tuple[str, int]] = []
        self._egn: dict[str, int] = {}
        self._codes: dict[tuple[str, int], int] = {}
        self._code_sorted: list[tuple[str, int]] = []
        self._code_numbers: dict[int, list[int]] = defaultdict(list)
        self._family_slot: dict[int, int] = {}
        self._members: dict[int, set[int]] = defaultdict(set)
        self._merged: set[int] = set()
        self._prefixes: dict[str, str] = {}
        self._cache: OrderedDict[str, tuple[dict[str, float], dict[int, float]]] = OrderedDict()
        for prefix in prefixes:
            self.add_prefix(prefix)
        new_tokens: set[str] = set()
        for entry in entries:
            new_tokens.update(self._add(entry, bulk=True))
        self._vocab = sorted(new_tokens)
        for token in new_tokens:
            self._index_near(token)
        self._phone_sorted.sort()
        self._code_sorted.sort()

    # ---- changes ---------------------------------------------------------------------

    def add_prefix(self, prefix: str) -> None:
        """A house prefix, so that "krn42" is read as a code even before any family has it."""
        self._prefixes[fold_word(prefix)] = prefix

    def put(self, entry: Entry) -> None:
        """Add or replace (by kind and id) one entry."""
        self.remove(entry.kind, entry.id)
        for token in self._add(entry, bulk=False):
            bisect.insort(self._vocab, token)
            self._index_near(token)
        self._cache.clear()

    def remove(self, kind: str, entry_id: int) -> None:
        slot = self._slot.pop((kind, entry_id), None)
        if slot is None:
            return
        entry = self._entries[slot]
        self._entries[slot] = None
        self._dead.add(slot)
        self._merged.discard(slot)
        assert entry is not None
        if entry.family_id is not None:
            self._members[entry.family_id].discard(slot)
        if entry.egn and self._egn.get(entry.egn) == slot:
            del self._egn[entry.egn]
        if kind == "family":
            self._family_slot.pop(entry.id, None)
            parts = split_code(entry.code or "")
            if parts and self._codes.get(parts) == slot:
                del self._codes[parts]
        self._cache.clear()

    def get(self, kind: str, entry_id: int) -> Entry | None:
        slot = self._slot.get((kind, entry_id))
        return None if slot is None else self._entries[slot]

    def members_of(self, family_id: int) -> list[Entry]:
        """The people indexed as members of a family."""
        entries = (self._entries[slot] for slot in self._members.get(family_id, ()))
        return [e for e in entries if e is not None]

    def resolve_family(self, family_id: int | None) -> Entry | None:
        """The family a record points to, following merges to the family that was kept."""
        seen: set[int] = set()
        while family_id is not None and family_id not in seen:
            seen.add(family_id)
            slot = self._family_slot.get(family_id)
            entry = None if slot is None else self._entries[slot]
            if entry is None or entry.merged_into is None:
                return entry
            family_id = entry.merged_into
        return None

    def _add(self, entry: Entry, bulk: bool) -> list[str]:
        """Index one entry; returns the tokens new to the vocabulary."""
        slot = len(self._entries)
        self._entries.append(entry)
        self._slot[entry.kind, entry.id] = slot
        new = [t for t in {*entry.first, *entry.middle, *entry.last} if not self._known(t)]
        if entry.kind == "family":
            for token in set(entry.last):
                self._families[token].append(slot)
        else:
            for name, postings in self._fields.items():
                for token in set(getattr(entry, name)):
                    postings[token].append(slot)
        for phone in set(entry.phones):
            if len(phone) >= _PHONE_KEY:
                self._phone_end[phone[-_PHONE_KEY:]].append((phone, slot))
                if bulk:
                    self._phone_sorted.append((phone, slot))
                else:
                    bisect.insort(self._phone_sorted, (phone, slot))
        if entry.egn:
            self._egn[entry.egn] = slot
        if entry.kind == "person" and entry.family_id is not None:
            self._members[entry.family_id].add(slot)
        if entry.kind == "family":
            self._add_family(entry, slot, bulk)
        return new

    def _add_family(self, entry: Entry, slot: int, bulk: bool) -> None:
        self._family_slot[entry.id] = slot
        if entry.merged_into is not None:
            self._merged.add(slot)
        parts = split_code(entry.code or "")
        if parts:
            self._codes[parts] = slot
            self._code_numbers[parts[1]].append(slot)
            self.add_prefix(parts[0])
            if bulk:
                self._code_sorted.append((entry.code or "", slot))
            else:
                bisect.insort(self._code_sorted, (entry.code or "", slot))

    def _known(self, token: str) -> bool:
        return token in self._families or any(token in p for p in self._fields.values())

    def _index_near(self, token: str) -> None:
        for length in range(TYPO_MIN_LENGTH - 1, len(token) + 1):
            for key in deletions(token[:length]):
                self._near[key].add(token)

    # ---- queries ---------------------------------------------------------------------

    def match(self, text: str, limit: int = 20) -> list[Match]:
        """The best ``limit`` entries for a query, best first."""
        terms = parse_query(text, self._prefixes)
        if not terms or limit <= 0:
            return []
        places = word_places(terms)
        found = [self._term(term, place) for term, place in zip(terms, places, strict=True)]
        scores = self._combine(terms, found)
        entries = self._entries

        def rank(slot: int) -> tuple[bool, bool, float, int]:
            entry = entries[slot]
            assert entry is not None
            score = scores[slot]
            return (score >= CODE_EXACT, not entry.archived, score, -slot)

        best = heapq.nlargest(limit, scores, key=rank)
        return [Match(e, scores[s]) for s in best if (e := entries[s]) is not None]

    def _combine(
        self, terms: list[Term], found: list[tuple[dict[str, float], dict[int, float]]]
    ) -> dict[int, float]:
        """AND over the terms; if nothing has them all, the entries with the most of them."""
        hits = [slots for _tokens, slots in found]
        if len(hits) == 1:
            return hits[0]
        smallest: dict[int, float] = min(hits, key=len)
        common = set(smallest).intersection(*hits)
        if common:
            common = self._distinct_words(common, terms, found)
        if common:
            return {s: sum(h[s] for h in hits) for s in common}
        counts: dict[int, int] = defaultdict(int)
        for h in hits:
            for s in h:
                counts[s] += 1
        if not counts:
            return {}
        most = max(counts.values())
        return {s: sum(h.get(s, 0.0) for h in hits) for s, n in counts.items() if n == most}

    def _distinct_words(
        self, slots: set[int], terms: list[Term], found: list[tuple[dict[str, float], Any]]
    ) -> set[int]:
        """Two name words must match two different parts of a name ("мария мар")."""
        words = [
            tokens for term, (tokens, _s) in zip(terms, found, strict=True) if term.kind == "name"
        ]
        if len(words) < 2 or not any(
            a.keys() & b.keys() for i, a in enumerate(words) for b in words[i + 1 :]
        ):
            return slots
        kept = set()
        for slot in slots:
            entry = self._entries[slot]
            assert entry is not None
            parts = entry.first + entry.middle + entry.last
            options = [[i for i, t in enumerate(parts) if t in w] for w in words]
            if assignable(options):
                kept.add(slot)
        return kept

    def _term(self, term: Term, place: str) -> tuple[dict[str, float], dict[int, float]]:
        """(matched vocabulary tokens, entry slots) with their qualities for one term."""
        key = f"{term}\0{place}"
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        if term.kind == "name":
            tokens = self._word_tokens(term.text)
            slots = self._name_slots(tokens, FIELD_WEIGHTS[place])
        elif term.kind == "code":
            tokens, slots = {}, self._code_slots(term)
        else:
            tokens, slots = {}, self._digit_slots(term)
        for slot in slots.keys() & self._dead:
            del slots[slot]
        self._resolve_merged(slots)
        result = (tokens, slots)
        self._cache[key] = result
        if len(self._cache) > _CACHE_WORDS:
            self._cache.popitem(last=False)
        return result

    def _word_tokens(self, word: str) -> dict[str, float]:
        tokens: dict[str, float] = {}
        lo = bisect.bisect_left(self._vocab, word)
        hi = bisect.bisect_left(self._vocab, word + "\uffff", lo)
        for token in self._vocab[lo:hi]:
            tokens[token] = (
                EXACT if token == word else PREFIX_BASE + PREFIX_SPAN * len(word) / len(token)
            )
        if len(word) >= TYPO_MIN_LENGTH:
            for key in deletions(word):
                for token in self._near.get(key, ()):
                    if token not in tokens and typo_of(word, token):
                        tokens[token] = TYPO
        return tokens

    def _name_slots(self, tokens: dict[str, float], weights: dict[str, float]) -> dict[int, float]:
        sources = [(self._fields[name], weight) for name, weight in weights.items()]
        sources.append((self._families, FAMILY_NAME_WEIGHT))
        weighted = []
        for token, quality in tokens.items():
            for postings, weight in sources:
                found = postings.get(token)
                if found:
                    weighted.append((quality * weight, found))
        slots: dict[int, float] = {}
        # Lower qualities first, so that a better token of the same entry overwrites them.
        weighted.sort(key=lambda item: item[0])
        for quality, found in weighted:
            slots.update(dict.fromkeys(found, quality))
        return slots

    def _digit_slots(self, term: Term) -> dict[int, float]:
        slots: dict[int, float] = {}
        digits = term.text
        if len(digits) >= PHONE_MIN_DIGITS:
            for phone, slot in self._phone_end.get(digits[-_PHONE_KEY:], ()):
                if phone.endswith(digits):
                    self._better(slots, slot, EXACT if phone == digits else PHONE_END)
            if digits.startswith("0") and len(digits) > PHONE_MIN_DIGITS:
                for slot in _starting(self._phone_sorted, digits):
                    self._better(slots, slot, PHONE_START)
        if len(term.raw) == EGN_LENGTH and term.raw in self._egn:
            slots[self._egn[term.raw]] = EXACT
        for slot, quality in list(slots.items()):
            entry = self._entries[slot]
            if entry is not None and entry.kind == "family":
                for member in self._members.get(entry.id, ()):
                    self._better(slots, member, quality * MEMBER_WEIGHT)
        if not term.international and 0 < len(term.raw) <= CODE_DIGITS:
            for slot in self._code_numbers.get(int(term.raw), ()):
                self._better(slots, slot, CODE_NUMBER)
        return slots

    def _code_slots(self, term: Term) -> dict[int, float]:
        slots = dict.fromkeys(
            _starting(self._code_sorted, f"{term.prefix}-{term.raw}"), CODE_PREFIX
        )
        exact = self._codes.get((term.prefix, int(term.raw)))
        entry = None if exact is None else self._entries[exact]
        family = self.resolve_family(entry.id) if entry is not None else None
        if family is not None:
            slots[self._slot["family", family.id]] = CODE_EXACT
            for member in self._members.get(family.id, ()):
                slots[member] = EXACT
        return slots

    def _resolve_merged(self, slots: dict[int, float]) -> None:
        """A hit on a merged family is a hit on the family it was merged into."""
        for slot in slots.keys() & self._merged:
            quality = slots.pop(slot)
            entry = self._entries[slot]
            kept = self.resolve_family(entry.id if entry else None)
            if kept is not None:
                self._better(slots, self._slot["family", kept.id], quality)

    @staticmethod
    def _better(slots: dict[int, float], slot: int, quality: float) -> None:
        if slots.get(slot, 0.0) < quality:
            slots[slot] = quality


def _starting(pairs: list[tuple[str, int]], prefix: str) -> list[int]:
    """Slots of the sorted (text, slot) pairs whose text starts with ``prefix``."""
    out = []
    i = bisect.bisect_left(pairs, (prefix, -1))
    while i < len(pairs) and pairs[i][0].startswith(prefix):
        out.append(pairs[i][1])
        i += 1
    return out

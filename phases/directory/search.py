"""Rank directory entries by how well they answer a visitor's query: one ranking for every page.

A visitor types the name they know, as they can type it. All of these find
"Ålesund kommune" first:

- ``Ålesund``, ``ålesund kommune``, ``ALESUND`` (case and æøå typed as a, o, e);
- ``aalesund`` (æøå typed as aa, oe, ae: ``oersta`` finds Ørsta);
- ``Ålesnud``, ``Alsund`` (one or two typos, more allowed in longer words);
- ``1508`` (the kommunenummer) and, for a trust, its organisation number.

Other names count like the name ("Rosse" finds Røros kommune, "St. Olav" St. Olavs
hospital HF), and Nynorsk word forms match Bokmål ones ("Molde sjukehus" is "Molde
sykehus"). Both sides are *folded* the same way (``fold``), then compared in tiers:

1. ``EXACT``: the folded query is a name;
2. ``WORDS``: the name starts with the query's whole words ("molde" → "molde kommune");
3. ``PREFIX``: the query starts a word of the name, or each query word starts a word
   of it in any order ("olavs" → "st olavs hospital hf", "sykehus molde");
4. ``FUZZY``: within a few edits (rapidfuzz's optimal string alignment distance, a
   swap of two letters counts as one) of the name's leading words or of one word.

Within a tier, fewer edits first, then the entry's own ``rank`` (municipalities before
trusts before hospitals: "Volda" means the municipality, "Volda sjukehus" the hospital),
then the name. ``suggest`` is looser, for "Mente du …?" when nothing is close.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

__all__ = ["Entry", "Hit", "Index", "Tier", "fold", "search", "suggest"]

# æøå (and their neighbours' letters) as people type them without a Norwegian keyboard.
_LETTERS = str.maketrans({"æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u"})
# ... or as two letters. Folded on both sides, so "Raarvihke" still equals itself.
_DIGRAPHS = re.compile(r"aa|ae|oe")
_DIGRAPH_LETTER = {"aa": "a", "ae": "a", "oe": "o"}
# Nynorsk (and older) word forms folded to the Bokmål form used in the names.
_WORD_FORMS = {
    "sjukehus": "sykehus",
    "sjukehuset": "sykehuset",
    "sjukehusa": "sykehusene",
    "sykehusa": "sykehusene",
    "sankt": "st",
    "kommunen": "kommune",
}
_NOT_LETTERS = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Return the form two spellings of a name share: lower case, æøå as a/o/a, words by spaces.

    >>> fold("Ålesund kommune") == fold("aalesund  KOMMUNE") == "alesund kommune"
    True
    >>> fold("St. Olavs hospital, Trondheim")
    'st olavs hospital trondheim'
    >>> fold("Molde sjukehus")
    'molde sykehus'
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_LETTERS)
    # Drop the accents that remain (a pasted "Snåsa" with a combining ring, é, ô).
    text = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    text = _DIGRAPHS.sub(lambda match: _DIGRAPH_LETTER[match.group()], text)
    words = [word for word in _NOT_LETTERS.split(text.replace("_", " ")) if word]
    return " ".join(_WORD_FORMS.get(word, word) for word in words)


class Tier(IntEnum):
    EXACT = 0
    WORDS = 1
    PREFIX = 2
    FUZZY = 3


@dataclass(frozen=True)
class Entry:
    """Something the directory can find: its names (the name first) and numbers."""

    key: Hashable
    names: tuple[str, ...]
    numbers: tuple[str, ...] = ()
    rank: int = 0  # lower first when two entries match equally well
    folded: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "folded", tuple(fold(name) for name in self.names))

    @property
    def name(self) -> str:
        return self.names[0]


@dataclass(frozen=True)
class Hit:
    entry: Entry
    tier: Tier
    distance: int
    matched: str  # the name or other name (or number) that matched

    @property
    def by_other_name(self) -> bool:
        """True when the hit came from another name than the entry's own."""
        return self.matched != self.entry.name

    def sort_key(self):
        return (self.tier, self.distance, self.entry.rank, fold(self.entry.name), self.entry.name)


def allowed_edits(query: str) -> int:
    """Return how many typos a query of this length may have: none below 3 letters."""
    letters = len(query.replace(" ", ""))
    if letters < 3:
        return 0
    if letters < 6:
        return 1
    if letters < 12:
        return 2
    return 3


def _match(query: str, name: str) -> tuple[Tier, int] | None:
    """Return how a folded query matches one folded name, or None."""
    if query == name:
        return Tier.EXACT, 0
    if name.startswith(query + " "):
        return Tier.WORDS, 0
    words = name.split()
    query_words = query.split()
    if (" " + name).find(" " + query) >= 0 or all(
        any(word.startswith(query_word) for word in words) for query_word in query_words
    ):
        return Tier.PREFIX, 0
    budget = allowed_edits(query)
    if budget == 0:
        return None
    # Against the name's leading words, and against each single word ("olvas" → "st olavs ...").
    wholes = [" ".join(words[:count]) for count in range(1, len(words) + 1)] + words
    distance = min(OSA.distance(query, whole, score_cutoff=budget + 1) for whole in wholes)
    # A typo in something typed halfway ("levangr"): one edit dearer than a whole word.
    partial = OSA.distance(query, name[: len(query)], score_cutoff=budget) + 1
    distance = min(distance, partial)
    if distance <= budget:
        return Tier.FUZZY, distance
    return None


def _best(query: str, entry: Entry) -> Hit | None:
    best = None
    if query.isdigit():
        for number in entry.numbers:
            if number == query:
                return Hit(entry, Tier.EXACT, 0, number)
        return None
    for name, folded in zip(entry.names, entry.folded, strict=True):
        found = _match(query, folded)
        if found is not None and (best is None or found < (best.tier, best.distance)):
            best = Hit(entry, found[0], found[1], name)
    return best


def search(query: str, entries: Iterable[Entry]) -> list[Hit]:
    """Return the entries that match the query, best first; every entry for an empty query.

    Typo matches (``FUZZY``) are returned only when nothing matches without one.
    """
    folded = fold(query)
    if folded.replace(" ", "").isdigit():
        folded = folded.replace(" ", "")  # "50 01" is 5001
    entries = list(entries)
    if not folded:
        return sorted(
            (Hit(entry, Tier.EXACT, 0, entry.name) for entry in entries), key=Hit.sort_key
        )
    hits = [hit for entry in entries if (hit := _best(folded, entry)) is not None]
    # Typo matches only when nothing matches as typed: "ørland" is Ørland, not also Orkland.
    if any(hit.tier < Tier.FUZZY for hit in hits):
        hits = [hit for hit in hits if hit.tier < Tier.FUZZY]
    return sorted(hits, key=Hit.sort_key)


def suggest(
    query: str, entries: Sequence[Entry], *, limit: int = 3, cutoff: float = 75
) -> list[Entry]:
    """Return up to ``limit`` entries whose names look like the query, for "Mente du …?".

    Looser than ``search`` (rapidfuzz's WRatio, which also weighs words in another
    order and partial names), so it has something to offer when nothing matched.
    """
    folded = fold(query)
    if len(folded) < 2:
        return []
    choices = [(entry, name) for entry in entries for name in entry.folded]
    matches = process.extract(
        folded,
        [name for _entry, name in choices],
        scorer=fuzz.WRatio,
        score_cutoff=cutoff,
        limit=None,
    )
    suggestions = []
    for _name, _score, index in sorted(
        matches, key=lambda match: (-match[1], choices[match[2]][0].rank)
    ):
        entry = choices[index][0]
        if entry not in suggestions:
            suggestions.append(entry)
        if len(suggestions) == limit:
            break
    return suggestions


class Index:
    """The entries prepared once, so a search ranks only the entries that can match.

    ``Index(entries).candidates(query)`` returns a subset of the entries with the same
    ``search`` result as all of them: every entry that matches without a typo has a
    word that starts with the query's first word (found by bisecting the sorted words),
    and only when none of those matches as typed are the typo candidates looked for
    (rapidfuzz over every leading-words and single-word form, in C). A number is
    looked up. ``tests/phases/test_directory_search.py`` checks it against ``search``.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries = list(entries)
        words = set()
        wholes = []
        numbers: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for folded in entry.folded:
                name_words = folded.split()
                words.update((word, id(entry)) for word in name_words)
                wholes.extend(
                    (" ".join(name_words[:count]), entry) for count in range(1, len(name_words) + 1)
                )
                wholes.extend((word, entry) for word in name_words)
            for number in entry.numbers:
                numbers.setdefault(number, []).append(entry)
        by_id = {id(entry): entry for entry in self.entries}
        self._words = sorted(words)
        self._word_entries = [by_id[key] for _word, key in self._words]
        self._word_texts = [word for word, _key in self._words]
        self._wholes = [text for text, _entry in wholes]
        self._whole_entries = [entry for _text, entry in wholes]
        self._names = [(folded, entry) for entry in self.entries for folded in entry.folded]
        self._numbers = numbers

    def _starting_with(self, prefix: str) -> list[Entry]:
        start = bisect.bisect_left(self._word_texts, prefix)
        found = {}
        for position in range(start, len(self._word_texts)):
            if not self._word_texts[position].startswith(prefix):
                break
            entry = self._word_entries[position]
            found[id(entry)] = entry
        return list(found.values())

    def _close_to(self, query: str, budget: int) -> list[Entry]:
        found = {}
        for _text, _distance, position in process.extract(
            query, self._wholes, scorer=OSA.distance, score_cutoff=budget, limit=None
        ):
            entry = self._whole_entries[position]
            found[id(entry)] = entry
        if budget >= 1:
            prefixes = [name[: len(query)] for name, _entry in self._names]
            for _text, _distance, position in process.extract(
                query, prefixes, scorer=OSA.distance, score_cutoff=budget - 1, limit=None
            ):
                entry = self._names[position][1]
                found[id(entry)] = entry
        return list(found.values())

    def search(self, query: str, *, allowed=None) -> list[Hit]:
        """Return ``search(query, entries)`` over the entries that ``allowed(entry)`` accepts."""

        def kept(entries):
            return [entry for entry in entries if allowed is None or allowed(entry)]

        folded = fold(query)
        if folded.replace(" ", "").isdigit():
            return search(query, kept(self._numbers.get(folded.replace(" ", ""), [])))
        if not folded:
            return search(query, kept(self.entries))
        hits = search(query, kept(self._starting_with(folded.split()[0])))
        if any(hit.tier < Tier.FUZZY for hit in hits) or allowed_edits(folded) == 0:
            return hits
        return search(query, kept(self._close_to(folded, allowed_edits(folded))))

"""Norwegian alphabetical order: A–Z, then Æ, Ø, Å («Ålesund» after «Ørsta»).

The database sorts names with the collation ``NORWEGIAN`` (``Collate("name",
NORWEGIAN)``): on PostgreSQL it is ICU's Norwegian Bokmål collation, made by the
migration ``0009_norwegian_collation``; on SQLite the app registers ``compare`` under
the same name on every new connection (``PhasesConfig.ready``). Python code that
sorts names (a list built in memory) uses ``sort_key``. All three follow CLDR's
Norwegian rules, so the order is the same everywhere:

>>> sorted(["Ålesund", "Aure", "Ørsta", "Æra", "Zeta", "Aarøy"], key=sort_key)
['Aure', 'Zeta', 'Æra', 'Ørsta', 'Ålesund', 'Aarøy']

- æ, ø, å are letters of their own after z; ä sorts with æ and ö with ø;
- «aa» is the old spelling of «å» and sorts with it, just after it («Aarøy»);
- other accents do not change the letter (é with e), and break ties only;
- case breaks ties only, lower case first.

Pure Python, no Django imports.
"""

from __future__ import annotations

import unicodedata

__all__ = ["NORWEGIAN", "compare", "sort_key"]

NORWEGIAN = "nb-NO-x-icu"

_ALPHABET = "abcdefghijklmnopqrstuvwxyzæøå"
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
# Letters that are a Norwegian letter of their own, before accents are taken off.
_OWN_LETTERS = {"æ": "æ", "ä": "æ", "ø": "ø", "ö": "ø", "å": "å"}


def _base_letters(text: str) -> list[tuple[str, int]]:
    """Return (base letter, secondary weight) for each character of the text, lower case."""
    letters = []
    lowered = text.lower()
    index = 0
    while index < len(lowered):
        char = lowered[index]
        if char == "a" and lowered[index + 1 : index + 2] == "a":
            letters.append(("å", 1))  # «aa» sorts with «å», just after it
            index += 2
            continue
        if char in _OWN_LETTERS:
            letters.append((_OWN_LETTERS[char], 0 if char in "æøå" else 1))
        else:
            decomposed = unicodedata.normalize("NFD", char)
            base = decomposed[0]
            letters.append((base, 0 if len(decomposed) == 1 else 2))
        index += 1
    return letters


def _primary(char: str) -> tuple[int, int]:
    if char in _RANK:
        return (3, _RANK[char])
    if char.isdigit():
        return (2, int(char) if char.isascii() else ord(char))
    if char.isalpha():
        return (4, ord(char))  # letters of other alphabets after the Norwegian ones
    return (1, ord(char))  # spaces and punctuation first


def sort_key(text: str) -> tuple:
    """Return a key that sorts names in Norwegian alphabetical order."""
    letters = _base_letters(text or "")
    primary = tuple(_primary(base) for base, _weight in letters)
    secondary = tuple(weight for _base, weight in letters)
    tertiary = tuple(char.isupper() for char in text or "")
    return (primary, secondary, tertiary, text or "")


def compare(left: str, right: str) -> int:
    """Compare two names in Norwegian order (-1, 0, 1): SQLite's collation function."""
    left_key, right_key = sort_key(left), sort_key(right)
    return (left_key > right_key) - (left_key < right_key)

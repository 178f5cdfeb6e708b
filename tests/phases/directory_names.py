"""Every name the directory must find, written from phases/content/directory.json.

Each case is (query, name of the first hit, the address it leads to). For every
municipality and hospital: its name, its æøå-folded forms and a one-typo form.
"""

import json
from pathlib import Path

from phases.management.commands.load_content import DIRECTORY_FILE, norwegian_slug

TRUSTS = {
    "st-olavs-hospital": "St. Olavs hospital HF",
    "helse-nord-trondelag": "Helse Nord-Trøndelag HF",
    "helse-more-og-romsdal": "Helse Møre og Romsdal HF",
}
_SINGLE = str.maketrans({"æ": "a", "ø": "o", "å": "a", "Æ": "A", "Ø": "O", "Å": "A"})
_DOUBLE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def one_typo(name: str) -> str | None:
    """Return the name with one letter of its longest word replaced (the word "kommune" if short).

    None for a name too short to have a typo that still says which name it is ("Os").
    """
    words = name.split()
    index = max(range(len(words)), key=lambda i: len(words[i]) if words[i] != "kommune" else 0)
    if len(words[index]) < 4:
        if "kommune" not in words:
            return None
        index = words.index("kommune")
    word = words[index]
    middle = len(word) // 2
    replacement = "x" if word[middle].lower() != "x" else "q"
    words[index] = word[:middle] + replacement + word[middle + 1 :]
    return " ".join(words)


def forms(name: str) -> list[str]:
    """Return the name, its folded forms (æøå as a/o/a and as ae/oe/aa) and a one-typo form."""
    found = [name, name.translate(_SINGLE).lower(), name.translate(_DOUBLE), one_typo(name)]
    return list(dict.fromkeys(form for form in found if form))


def cases() -> list[tuple[str, str, str]]:
    data = json.loads(Path(DIRECTORY_FILE).read_text(encoding="utf-8"))
    found = []
    for municipality in data["municipalities"]:
        full = f"{municipality['name']} kommune"
        address = f"/virksomheter/{norwegian_slug(full)}/"
        for query in forms(full) + forms(municipality["name"]):
            found.append((query, full, address))
        found.append((municipality["number"], full, address))
    for trust in data["trusts"]:
        address = f"/virksomheter/{trust['slug']}/"
        for query in forms(TRUSTS[trust["slug"]]):
            found.append((query, TRUSTS[trust["slug"]], address))
        for hospital in trust["hospitals"]:
            for query in forms(hospital["name"]) + hospital["aliases"]:
                found.append((query, hospital["name"], address + "#sykehus"))
    return list(dict.fromkeys(found))

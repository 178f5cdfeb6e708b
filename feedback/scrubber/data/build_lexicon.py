"""Write the scrubber's word lists (the ``*.txt`` files beside this script) from their sources.

Not part of the application and not run by the tests: the lists are committed so
that nothing is downloaded or computed at run time. Run it again when a source is
updated, in a throw-away environment with the sources installed::

    python -m venv /tmp/lexicon && /tmp/lexicon/bin/pip install faker==40.63.0 mimesis==22.2.0 wordfreq==3.1.1
    apt-get download wnorwegian && dpkg-deb -x wnorwegian_*.deb /tmp/wnorwegian
    /tmp/lexicon/bin/python feedback/scrubber/data/build_lexicon.py /tmp/wnorwegian/usr/share/dict

README.md beside this script says what each list is for and under which licence.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
from pathlib import Path

import wordfreq

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
# Norwegian, its neighbours (many Norwegians carry Danish and Swedish names) and English.
NAME_LOCALES = ("no_NO", "da_DK", "sv_SE", "en_US", "en_GB")
MIMESIS_LOCALES = ("no", "da", "sv", "en")
COMMON_NB_ZIPF = 3.0  # about the 25,000 most frequent Norwegian words
COMMON_EN_ZIPF = 3.5
_LETTERS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def faker_names() -> tuple[set[str], set[str]]:
    given: set[str] = set()
    surnames: set[str] = set()
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            given.update(getattr(provider, attribute, ()) or ())
        surnames.update(getattr(provider, "last_names", ()) or ())
    return {n.lower() for n in given}, {n.lower() for n in surnames}


def mimesis_names() -> tuple[set[str], set[str]]:
    folder = Path(importlib.import_module("mimesis").__file__).parent / "datasets"
    given: set[str] = set()
    surnames: set[str] = set()
    for locale in MIMESIS_LOCALES:
        person = json.loads((folder / locale / "person.json").read_text("utf-8"))
        for names in person["names"].values():
            given.update(names)
        found = person["surnames"]
        for names in found.values() if isinstance(found, dict) else [found]:
            surnames.update(names)
    return {n.lower() for n in given}, {n.lower() for n in surnames}


def dictionary_words(folder: Path) -> set[str]:
    """Lower-case entries of the spell-norwegian word lists (proper nouns are capitalised there)."""
    words: set[str] = set()
    for name in ("bokmaal", "nynorsk"):
        for line in (folder / name).read_text(encoding="iso-8859-1").splitlines():
            if line and line.islower():
                words.add(line)
    return words


def common_words(dictionary: set[str]) -> set[str]:
    """Frequent words; Norwegian ones only if the dictionary has them in lower case.

    wordfreq lower-cases everything, so "jostein" and "trondheim" are frequent
    too; the dictionary writes proper nouns with a capital and drops them here.
    """
    words = set()
    for language, threshold in (("nb", COMMON_NB_ZIPF), ("en", COMMON_EN_ZIPF)):
        for word in wordfreq.top_n_list(language, 60_000):
            if wordfreq.zipf_frequency(word, language) < threshold:
                break
            if _LETTERS.fullmatch(word) and (language == "en" or word in dictionary):
                words.add(word)
    return words


def name_words(names: set[str], dictionary: set[str]) -> set[str]:
    """Names that are also ordinary words: Norwegian ones by the dictionary, English by use."""
    found = set()
    for name in names:
        if name in dictionary:
            found.add(name)
            continue
        english = wordfreq.zipf_frequency(name, "en")
        # A name's frequency counts its use as a name too; a word is used far more in
        # English text than in Norwegian text, where English names also occur.
        if english >= 4.0 and english - wordfreq.zipf_frequency(name, "nb") >= 1.2:
            found.add(name)
    return found


def places() -> set[str]:
    """Words of place names: the organisations in the site's own content, Mimesis's places."""
    folder = Path(importlib.import_module("mimesis").__file__).parent / "datasets" / "no"
    address = json.loads((folder / "address.json").read_text("utf-8"))
    mimesis_places = [*address["city"], *address["country"]["name"], *address["state"]["name"]]
    mimesis_places += address["continent"]
    given, _surnames = faker_names()
    # "Jan Mayen", "Sør-Amerika": the words of a place that are a name or a small word are
    # not places by themselves, except in the site's own content ("Frøya").
    names = [
        word
        for place in mimesis_places
        for word in _LETTERS.findall(place)
        if len(word) > 2 and word.lower() not in given and word.lower() not in ("og", "i")
    ]
    content = json.loads((ROOT / "phases" / "content" / "rollout.json").read_text("utf-8"))
    generic = {"kommune", "hf", "og", "st", "hospital", "helse"}
    names += [organisation["name"] for organisation in content["organisations"]]
    words = set()
    for name in names:
        for word in _LETTERS.findall(name):
            if word.lower() not in generic:
                words.add(word.lower())
    return words


def street_suffixes() -> set[str]:
    provider = importlib.import_module("faker.providers.address.no_NO").Provider
    return set(provider.street_suffixes)


def write(name: str, header: str, words: set[str]) -> None:
    lines = [f"# {line}" if line else "#" for line in header.strip().splitlines()]
    (HERE / name).write_text("\n".join([*lines, *sorted(words)]) + "\n", encoding="utf-8")
    print(f"{name}: {len(words)} entries")


def main(dictionary_folder: str) -> None:
    given, surnames = faker_names()
    more_given, more_surnames = mimesis_names()
    # Two-letter names from Mimesis are mostly syllables ("ha", "na", "pa"); keep Faker's.
    given |= {n for n in more_given if len(n) > 2}
    surnames |= {n for n in more_surnames if len(n) > 2}
    surnames = {n for n in surnames if len(n) > 1}
    versions = (
        f"Faker {importlib.metadata.version('faker')} (locales {', '.join(NAME_LOCALES)}) and "
        f"Mimesis {importlib.metadata.version('mimesis')}\n(locales {', '.join(MIMESIS_LOCALES)}), "
        "both under the MIT licence."
    )
    dictionary = dictionary_words(Path(dictionary_folder))
    write(
        "given_names.txt",
        f"Given names from {versions}\nWritten by build_lexicon.py; see README.md.",
        given,
    )
    write(
        "surnames.txt",
        f"Surnames from {versions}\nWritten by build_lexicon.py; see README.md.",
        surnames,
    )
    write(
        "name_words.txt",
        "Names from given_names.txt and surnames.txt that are also ordinary words: in the\n"
        "spell-norwegian word lists in lower case (GPL-2.0-or-later), or far more frequent\n"
        f"in English than in Norwegian text by wordfreq {importlib.metadata.version('wordfreq')} (CC BY-SA 4.0).\n"
        "Written by build_lexicon.py; see README.md.",
        name_words(given | surnames, dictionary),
    )
    write(
        "common_words.txt",
        f"Frequent words from wordfreq {importlib.metadata.version('wordfreq')} (data CC BY-SA 4.0, "
        "https://github.com/rspeer/wordfreq):\n"
        f"Norwegian Bokmål with Zipf frequency >= {COMMON_NB_ZIPF} that spell-norwegian's word lists\n"
        f"have in lower case, English >= {COMMON_EN_ZIPF}. Written by build_lexicon.py; see README.md.",
        common_words(dictionary),
    )
    write(
        "places.txt",
        "Words of place names: the organisations in phases/content/rollout.json (municipalities\n"
        f"and health trusts of Central Norway) and the towns, counties, countries and continents\n"
        f"of Mimesis {importlib.metadata.version('mimesis')} (MIT licence, locale no). "
        "Written by build_lexicon.py; see README.md.",
        places(),
    )
    write(
        "street_suffixes.txt",
        f"Norwegian street-name endings from Faker {importlib.metadata.version('faker')} "
        "(MIT licence, locale no_NO).\nWritten by build_lexicon.py; see README.md.",
        street_suffixes(),
    )


if __name__ == "__main__":
    import importlib.metadata

    main(sys.argv[1])

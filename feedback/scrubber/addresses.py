"""Postal addresses: a street and a house number, a post-office box, "c/o".

A street is found by its name ("Storgata", "Innherredsveien", "Kongens gate",
"Heggstadmyra": the endings in ``street_suffixes.txt`` and a few more), or,
for any capitalised street name, by a cue before it ("bor i Øvre Bakklandet
14", "sendt til Tungasletta 2") or a postcode after it ("Moan 3, 7350
Buvika"). It takes the house number with its letter, and the postcode and
place after it, also on the next line. Without a house number a street is a
place, not an address ("Storgata er stengt").
"""

from __future__ import annotations

import re

from feedback.scrubber.kinds import Kind
from feedback.scrubber.lexicon import COMMON_WORDS, FUNCTION_WORDS, STREET_ENDINGS, STREET_SUFFIXES

_UPPER = "A-ZÆØÅÄÖÜÉÈÁÓ"
_NAME = rf"[{_UPPER}][^\W\d_]*(?:[-'’][^\W\d_]+)*\.?"
# "von", "de", "og" inside a street name: "Thomas von Westens gate", "Peter Egges plass".
_PARTICLE = r"(?:von|van|de|og|på|i)"
# Endings that only streets have (the others also end ordinary words: "Innføringen 2").
_STREET_ENDINGS = tuple(STREET_ENDINGS)
_SUFFIXES = sorted(STREET_SUFFIXES | set(_STREET_ENDINGS), key=len, reverse=True)
_SUFFIX = "(?:" + "|".join(re.escape(s) for s in _SUFFIXES) + ")"
_STREET = (
    rf"(?:(?:{_NAME}|{_PARTICLE})[ \t]+){{1,3}}(?:gate|gata|gaten|gt\.|vei|veg|vegen|veien|allé|alle|plass)"
    rf"|(?:{_NAME}[ \t]+){{0,2}}[{_UPPER}](?:[^\W\d_]|-)*?{_SUFFIX}(?![^\W\d_])"
)
_HOUSE = r"[ \t]+\d{1,4}(?!\d)(?:[a-h](?![^\W\d_])|[ \t]?[A-H](?![^\W\d_]))?"
_POSTCODE = rf"(?:,?[ \t]*\d{{4}}(?!\d)[ \t]+[{_UPPER}][^\W\d_]+(?:[- ][{_UPPER}][^\W\d_]+)?)"
_STREET_RE = re.compile(rf"(?<![^\W\d_])(?P<street>{_STREET}){_HOUSE}{_POSTCODE}?")
# Any capitalised street name, when the text says an address follows or a postcode ends it.
_CUE = (
    r"(?i:(?:bor|bur|bodde|budde)[ \t]+(?:i|på)|adresse(?:n)?(?:[ \t]+(?:min|mi))?(?:[ \t]+(?:er|var))?[ \t]*:?"
    r"|sendt[ \t]+til|send[ \t]+(?:it[ \t]+)?til|sendes[ \t]+til|sende[ \t]+til|flytta|flyttet|moved[ \t]+to"
    r"|live[ \t]+at|living[ \t]+at|lives[ \t]+at|address(?:[ \t]+is)?[ \t]*:?|send[ \t]+(?:it[ \t]+)?to|write[ \t]+to[ \t]+me[ \t]+at)"
)
_ANY_STREET = rf"(?:{_NAME}[ \t]+){{0,2}}{_NAME}"
_CUED_RE = re.compile(
    rf"(?<![^\W\d_]){_CUE}(?:[ \t]+(?:fra|frå|til|to|from))?[ \t]+(?P<street>{_ANY_STREET}){_HOUSE}{_POSTCODE}?"
    r"(?![ \t]+(?:år|uker|dager|timer|minutter|km|mil|ganger|years|minutes)(?![^\W\d_]))"
)
_WITH_POSTCODE_RE = re.compile(rf"(?<![^\W\d_])(?P<street>{_ANY_STREET}){_HOUSE}{_POSTCODE}")
_BOX_RE = re.compile(
    rf"(?<![^\W\d_])(?i:postboks|pb\.|p\.?[ \t]?o\.?[ \t]?box)[ \t]*\d{{1,5}}(?!\d)"
    rf"(?:[ \t]+[{_UPPER}][^\W\d_]+(?=,))?{_POSTCODE}?"
)
_CARE_OF_RE = re.compile(rf"(?<![^\W\d_])(?i:c/o)[ \t]+{_NAME}(?:[ \t]+{_NAME}){{0,3}}")
_NEXT_LINE_POSTCODE_RE = re.compile(
    rf"[ \t]*\r?\n[ \t]*\d{{4}}[ \t]+[{_UPPER}][^\W\d_]+[ \t]*(?=\r?\n|$)"
)
_LEADING_WORD_RE = re.compile(r"([^ \t]+)[ \t]+")
_BARE_STREET_WORDS = frozenset(
    ["gate", "gata", "gaten", "gt.", "vei", "veg", "vegen", "veien", "allé", "alle", "plass"]
)
# English words that end like a Norwegian street name ("Navigate 2 pages").
_NOT_STREETS = frozenset(
    [
        "navigate",
        "investigate",
        "aggregate",
        "delegate",
        "propagate",
        "interrogate",
        "mitigate",
        "irrigate",
        "instigate",
        "segregate",
        "obligate",
        "congregate",
        "litigate",
        "castigate",
        "tailgate",
        "floodgate",
        "stargate",
    ]
)


def _add(
    text: str,
    start: int,
    end: int,
    street_end: int,
    out: list[tuple[int, int, Kind]],
    *,
    cued: bool = False,
) -> None:
    # "I Kongens gate 5": a capitalised sentence opener is not part of the street.
    while (word := _LEADING_WORD_RE.match(text, start, street_end)) and (
        word.group(1).lower() in FUNCTION_WORDS
    ):
        start = word.end()
    street = text[start:street_end]
    if street.lower() in _BARE_STREET_WORDS or street.rsplit(None, 1)[-1].lower() in _NOT_STREETS:
        return
    if not cued and street.lower() in COMMON_WORDS and not street.lower().endswith(_STREET_ENDINGS):
        return  # "Innføringen 2", "Bakken 3": an ordinary word with a number, not "Storgata 2"
    if more := _NEXT_LINE_POSTCODE_RE.match(text, end):
        end = more.end()
    out.append((start, end, Kind.ADDRESS))


def find_addresses(text: str, out: list[tuple[int, int, Kind]]) -> None:
    """Append the spans of the postal addresses in ``text`` to ``out``."""
    has_digits = any(c.isdigit() for c in text)
    if has_digits:
        for match in _STREET_RE.finditer(text):
            _add(text, match.start(), match.end(), match.end("street"), out)
        for match in _CUED_RE.finditer(text):
            _add(text, match.start("street"), match.end(), match.end("street"), out, cued=True)
        for match in _WITH_POSTCODE_RE.finditer(text):
            _add(text, match.start(), match.end(), match.end("street"), out, cued=True)
        for match in _BOX_RE.finditer(text):
            out.append((match.start(), match.end(), Kind.ADDRESS))
    if "/" in text:
        for match in _CARE_OF_RE.finditer(text):
            out.append((match.start(), match.end(), Kind.ADDRESS))

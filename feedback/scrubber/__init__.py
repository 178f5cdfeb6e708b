"""Remove personal data from free-text feedback before anything else sees it.

The feedback box ("Fant du det du lette etter?") accepts a free-text comment.
Visitors are asked not to send personal data, but some will, and in a health
context it must never reach the database, a log line or an error report. This
package is a pure function with no Django imports: call :func:`scrub` (or
:func:`scrub_with_report` for the counts per kind) on the raw comment first.

Every removal becomes a typed placeholder such as ``[telefonnummer fjernet]``;
everything else, including whitespace, is kept byte for byte. A comment with
nothing personal in it comes back as the very same string object.

>>> scrub("Ring meg på 912 34 567 eller tlf91234567.")
'Ring meg på [telefonnummer fjernet] eller tlf[telefonnummer fjernet].'
>>> scrub("Svensk nummer: +46 70 123 45 67, britisk 0044 20 7946 0958")
'Svensk nummer: [telefonnummer fjernet], britisk [telefonnummer fjernet]'
>>> scrub("Skriv til ola (at) example.no eller per at example dot com")
'Skriv til [e-post fjernet] eller [e-post fjernet]'
>>> scrub("Refusjon til 1234.56.78903, kort 4111 1111 1111 1111")
'Refusjon til [kontonummer fjernet], kort [kortnummer fjernet]'
>>> scrub("Mvh. Kari Nordmann, Storgata 12, 7030 Trondheim")
'Mvh. [navn fjernet], [adresse fjernet]'
>>> scrub("Saksbehandleren, Marte Olsen, sa at brevet var sendt. Takk! – Per")
'Saksbehandleren, [navn fjernet], sa at brevet var sendt. Takk! – [navn fjernet]'

Tricky cases that must be *kept* (all return the input unchanged):

>>> keep = [
...     "Oppetid 23.05.2022 kl. 03:00, nedetid 12.11.2022 kl. 0830",  # dates, times
...     "Innføringen 2019-2020 og 1.–7. mai",                        # ranges
...     "Over 30 000 brukere, NOK 12 000 000, 45,5 %",               # counts, prices
...     "Org.nr. 983 658 776, saksnr. 22/01234-5, sak 2022/1234",    # references
...     "Ring 113, 112, 110 eller legevakten på 116 117",             # emergency
...     "Les https://helseplattformen.no/tidslinje-innforing/",     # web addresses
...     "Hilsen St. Olavs hospital og Helse Møre og Romsdal",         # not a name
...     "Mvh fastlege. Per i dag: liv og røre i mai. Sol og regn.",  # roles, words
... ]
>>> all(scrub(s) is s for s in keep)
True

Identity numbers (fødselsnummer, D-number, H-number, FH-number) are found by
their check digits in every common grouping: ``DDMMYYIIICC``,
``DDMMYY IIICC``, ``DDMMYY-IIICC``, ``DD.MM.YY III CC``, ``DDMM YY IIICC`` and
also ``DD.MM.YYYY IIICC`` (birth date with the century written out).

Decisions (see also the tests in ``tests/feedback/``):

* **H-numbers.** python-stdnum 2.2's ``stdnum.no.fodselsnummer`` already
  subtracts 40 from a month above 40 (H-number) and from a day above 40
  (D-number) before checking the birth date, so ``is_valid`` accepts both; the
  tests prove it with generated numbers. It rejects FH-numbers (first digit 8
  or 9, no birth date by design), which are common in health services, so an
  11-digit number whose first digit is 8 or 9 and whose two check digits are
  right (``calc_check_digit1``/``calc_check_digit2``) is an identity number
  too. The second check digit of a fødselsnummer is the same modulus-11 sum
  (with negated weights) as a bank account number's check digit, so every
  identity number also passes ``stdnum.no.kontonr``: an 11-digit number is
  removed if it passes either check and labelled ``fodselsnummer`` when the
  identity check passes, ``kontonummer`` otherwise.
* **Candidates.** One linear regular expression finds runs of digit groups
  joined by a space, dot or dash (after ``+`` also brackets). Within a run
  every sequence of *whole* groups is a candidate, longest first, judged by
  its digit count, its grouping and its check digits only, never by the
  digits around it. Phone candidates (8 digits) must use a usual grouping
  (``91234567``, ``912 34 567``, ``91 23 45 67``, ``9123 4567`` ...) with one
  kind of separator and must not read as a date (``23.05.2022``,
  ``20220523``), a year range (``2019-2020``), a thousands grouping
  (``30 000 000``) or a case-number tail (``2022/91234567``); they are then
  validated with ``phonenumbers.is_valid_number`` for region NO (built from
  the digits, same as ``parse(digits, "NO")``). ``PhoneNumberMatcher`` is not
  used: it misses ``912 34 567``, skips ``tlf91234567`` and reads dates as
  phone numbers. After ``+``, or in a group starting with ``00`` (also
  ``00 47 912 34 567``, the prefix as a group of its own), the longest prefix
  of whole groups that ``phonenumbers.parse`` finds valid is removed.
* **Keywords** such as ``fnr:``, ``tlf.``, ``ring meg på``, ``kontonr`` or
  ``kortnummer`` right before a number remove it even when its check digits
  are wrong (a mistyped fødselsnummer is still personal data).
* **E-mail addresses** with ``@`` need a top-level domain of two letters or
  more; obfuscated ones (``(at)``, ``[at]``, ``(a)``, ``snabel-a``,
  ``krøllalfa``, ``dot``, ``punktum``) need a known top-level domain. A bare
  `` at `` (Norwegian for "that") only counts with ``dot``/``punktum`` or a
  local part with a dot, digit, ``_`` or ``+`` (``ola.nordmann at example.no``).
* **Names** by position and by gazetteer (``names.py`` says how): after a
  cue ("jeg heter", "hilsen", "mvh", "regards", "dr.", "sykepleier"), with one
  typo ("hilsn", "jeg hetter"); after a closing separator ("– Per",
  "/Ingrid"); alone on the last line; in apposition ("Saksbehandleren, Marte
  Olsen, sa"); and any capitalised given name from the gazetteer that is not
  also an ordinary word. A sign-off followed by a role or a description ("Mvh
  fastlege", "Hilsen en pårørende", "Helsing ein sliten tilsett") is left as
  written. **Addresses** (``addresses.py``): a street name with a house number,
  with or without a cue or a postcode, "postboks", "c/o".
* **Word lists** (``lexicon.py``, ``data/README.md`` for sources and
  licences): given names and surnames from Faker and Mimesis (MIT), which of
  them are also ordinary words (spell-norwegian's word lists, wordfreq), the
  frequent Norwegian and English words (wordfreq), place names. They are
  committed data, loaded once into sets: nothing is downloaded at run time,
  and every lookup is a set lookup, so the scrubber stays linear in the length
  of the comment.
* **No statistical NER.** No Norwegian NER model installs from PyPI, nothing
  may download one at run time, and training one at build time would need an
  openly licensed, annotated Norwegian corpus from a package registry, which
  we did not find; the rules and the gazetteer are measured instead
  (``bench/scrubber.py`` on the labelled corpus in ``tests/feedback/``).
* Overlapping findings are merged and removed as one placeholder, so nothing
  is ever partly masked. Scrubbing is idempotent: the scrubbed text is scanned
  again until nothing more is found, and a span found then that cuts into a
  placeholder takes the whole placeholder with it. In practice the second
  pass finds nothing.

Layout: ``kinds`` (what is removed and its placeholder), ``numbers``,
``emails``, ``names``, ``addresses`` (one finder each, appending
``(start, end, kind)`` spans), ``lexicon`` (the word lists). This module runs
them and replaces what they found.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from feedback.scrubber.addresses import find_addresses
from feedback.scrubber.emails import find_emails
from feedback.scrubber.kinds import PLACEHOLDERS, Kind
from feedback.scrubber.names import find_names
from feedback.scrubber.numbers import find_numbers

__all__ = ["PLACEHOLDERS", "Kind", "ScrubResult", "scrub", "scrub_with_report"]


@dataclass(frozen=True)
class ScrubResult:
    """The scrubbed text and the kind of each item removed from it (never the item itself)."""

    text: str
    removed: tuple[Kind, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        """Number of removals per kind value, only for kinds that were found."""
        return dict(Counter(kind.value for kind in self.removed))

    @property
    def changed(self) -> bool:
        """Whether anything was removed."""
        return bool(self.removed)


def _detect(text: str) -> list[tuple[int, int, Kind]]:
    found: list[tuple[int, int, Kind]] = []
    if any(c.isdigit() for c in text):
        find_numbers(text, found)
    find_emails(text, found)
    find_names(text, found)
    find_addresses(text, found)
    return found


def _merge(found: list[tuple[int, int, Kind]]) -> list[tuple[int, int, Kind]]:
    """Sort and merge overlapping spans (the earliest, longest span names the kind)."""
    found.sort(key=lambda f: (f[0], -f[1]))
    merged: list[list] = []
    for start, end, kind in found:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            continue
        merged.append([start, end, kind])
    return [(start, end, kind) for start, end, kind in merged]


def _render(text: str, spans: list[tuple[int, int, Kind]]) -> str:
    pieces: list[str] = []
    position = 0
    for start, end, kind in spans:
        pieces.append(text[position:start])
        pieces.append(kind.placeholder)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


# A removal can make a neighbour recognisable ("Kari" before a removed surname);
# each pass only ever removes, so a few passes reach the text a further pass leaves alone.
_MAX_PASSES = 5


_PLACEHOLDER_RE = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))


def _whole_placeholders(text: str, found: list[tuple[int, int, Kind]]) -> None:
    """Widen a span that cuts into a placeholder of an earlier pass to cover all of it."""
    placeholders = [m.span() for m in _PLACEHOLDER_RE.finditer(text)]
    if not placeholders:
        return
    starts = [start for start, _end in placeholders]
    for n, (start, end, kind) in enumerate(found):
        k = bisect.bisect_right(starts, start) - 1
        if k >= 0 and placeholders[k][1] > start:
            start = placeholders[k][0]
        k = bisect.bisect_left(starts, end) - 1
        if k >= 0 and placeholders[k][1] > end:
            end = placeholders[k][1]
        found[n] = (start, end, kind)


def scrub_with_report(text: str) -> ScrubResult:
    """Remove personal data from ``text``; return the result and the kinds removed."""
    removed: list[Kind] = []
    scrubbed = text
    for passes in range(_MAX_PASSES):
        found = _detect(scrubbed)
        if not found:
            break
        if passes:
            _whole_placeholders(scrubbed, found)
        spans = _merge(found)
        removed.extend(kind for _start, _end, kind in spans)
        scrubbed = _render(scrubbed, spans)
    return ScrubResult(scrubbed, tuple(removed))


def scrub(text: str) -> str:
    """Return ``text`` with personal data replaced by typed placeholders."""
    return scrub_with_report(text).text

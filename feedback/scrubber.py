"""Remove personal data from free-text feedback before anything else sees it.

The feedback box ("Fant du det du lette etter?") accepts a free-text comment.
Visitors are asked not to send personal data, but some will, and in a health
context it must never reach the database, a log line or an error report. This
module is a pure function with no Django imports: call :func:`scrub` (or
:func:`scrub_with_report` for offsets and counts) on the raw comment first.

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

Tricky cases that must be *kept* (all return the input unchanged):

>>> keep = [
...     "Oppetid 23.05.2022 kl. 03:00, nedetid 12.11.2022 kl. 0830",  # dates, times
...     "Innføringen 2019-2020 og 1.–7. mai",                        # ranges
...     "Over 30 000 brukere, NOK 12 000 000, 45,5 %",               # counts, prices
...     "Org.nr. 983 658 776, saksnr. 22/01234-5, sak 2022/1234",    # references
...     "Ring 113, 112, 110 eller legevakten på 116 117",             # emergency
...     "Les https://helseplattformen.no/tidslinje-innforing/",     # web addresses
...     "Hilsen St. Olavs hospital og Helse Møre og Romsdal",         # not a name
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
  phone numbers. After ``+``, or in a group starting with ``00``, the longest
  prefix of whole groups that ``phonenumbers.parse`` finds valid is removed.
* **Keywords** such as ``fnr:``, ``tlf.``, ``ring meg på``, ``kontonr`` or
  ``kortnummer`` right before a number remove it even when its check digits
  are wrong (a mistyped fødselsnummer is still personal data).
* **E-mail addresses** with ``@`` need a top-level domain of two letters or
  more; obfuscated ones (``(at)``, ``[at]``, ``(a)``, ``snabel-a``,
  ``krøllalfa``, ``dot``, ``punktum``) need a known top-level domain. A bare
  `` at `` (Norwegian for "that") only counts with ``dot``/``punktum`` or a
  local part with a dot, digit, ``_`` or ``+`` (``ola.nordmann at example.no``).
* **Names** only after words that say a name follows (``jeg heter``,
  ``mvh``, ``hilsen``, ``regards``, ``dr.``, ``fastlegen min`` ...), and only
  capitalised words that are not institutions or places; **street addresses**
  need a street word (``-gata``, ``-veien``, ``gate`` ...) and a house number.
* Overlapping findings are merged and removed as one placeholder, so nothing
  is ever partly masked. Scrubbing is idempotent: the rules look only at their
  own candidate, and as a safety net the scrubbed text is scanned once more
  and anything found there is folded into the result.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

import phonenumbers
from stdnum import iban, luhn
from stdnum.no import fodselsnummer, kontonr

__all__ = [
    "PLACEHOLDERS",
    "Finding",
    "Kind",
    "ScrubResult",
    "scrub",
    "scrub_with_report",
]


class Kind(StrEnum):
    """The kinds of personal data the scrubber removes."""

    FODSELSNUMMER = "fodselsnummer"  # fødselsnummer, D-number, H-number, FH-number
    PHONE = "telefonnummer"
    EMAIL = "e-post"
    BANK_ACCOUNT = "kontonummer"
    PAYMENT_CARD = "kortnummer"
    NAME = "navn"
    ADDRESS = "adresse"

    @property
    def placeholder(self) -> str:
        """The text that replaces a removed item of this kind."""
        return PLACEHOLDERS[self]


PLACEHOLDERS: dict[Kind, str] = {
    Kind.FODSELSNUMMER: "[fødselsnummer fjernet]",
    Kind.PHONE: "[telefonnummer fjernet]",
    Kind.EMAIL: "[e-post fjernet]",
    Kind.BANK_ACCOUNT: "[kontonummer fjernet]",
    Kind.PAYMENT_CARD: "[kortnummer fjernet]",
    Kind.NAME: "[navn fjernet]",
    Kind.ADDRESS: "[adresse fjernet]",
}


@dataclass(frozen=True)
class Finding:
    """One removed item: its kind and its offsets in the *original* text.

    The removed text itself is deliberately not kept, so a finding can be
    logged or counted without leaking what it was.
    """

    kind: Kind
    start: int
    end: int


@dataclass(frozen=True)
class ScrubResult:
    """The scrubbed text and what was removed from it."""

    text: str
    findings: tuple[Finding, ...] = ()

    @property
    def counts(self) -> dict[str, int]:
        """Number of removals per kind value, only for kinds that were found."""
        counts: dict[str, int] = {}
        for finding in self.findings:
            counts[finding.kind.value] = counts.get(finding.kind.value, 0) + 1
        return counts

    @property
    def changed(self) -> bool:
        """Whether anything was removed."""
        return bool(self.findings)


# ---------------------------------------------------------------------------
# Digit runs: identity numbers, phone numbers, bank accounts, payment cards
# ---------------------------------------------------------------------------

_SP = " \t\u00a0\u2007\u2009\u202f"  # space, tab, no-break, figure, thin, narrow no-break
_DASHES = "\\-\u2010\u2011\u2012\u2013"  # hyphen-minus, hyphens, figure dash, en dash
# Between two digit groups of one number: one or two spaces, or one dot/dash
# with at most one space on either side. "/" and "," end a number on purpose
# (case numbers "22/01234-5", decimals "45,5").
_SEP = rf"(?:[{_SP}]{{1,2}}|[{_SP}]?[.{_DASHES}][{_SP}]?)"
# International numbers may also contain brackets: "(+47) 912 34 567", "+44 (0)20 ...".
# ("0047 ..." is an ordinary run; a group starting with 00 is tried as a country code.)
_ISEP = rf"(?:[{_SP}]{{1,2}}|[{_SP}]?[.{_DASHES}()][{_SP}]?)"
_RUN_RE = re.compile(
    r"(?=[\d(+])"  # cheap first-character filter; the alternatives below are slower
    rf"(?P<intl>(?:\([{_SP}]?)?\+[{_SP}]?\d+(?:{_ISEP}\d+)*)"
    rf"|(?P<plain>\d+(?:{_SEP}\d+)*)"
)
_GROUP_RE = re.compile(r"\d+")
_PAREN_RE = re.compile(r"[()]")

# A keyword right before a number decides what it is, whatever its check digits.
_KEYWORD_RE = re.compile(
    r"(?=[abcdfhkmnprstvwABCDFHKMNPRSTVW])"  # first letters below: a cheap filter
    r"(?i:(?<![^\W\d_])(?:"
    r"(?P<fnr>f\.?\s?nr|fødselsnr|fødselsnummer(?:et)?|fødselsnumeret|fodselsnummer|"
    r"personnr|personnummer(?:et)?|p\.?\s?nr|[dh]-?nr|[dh]-?nummer(?:et)?|fh-?nummer(?:et)?|"
    r"ssn|national\s+id(?:entity)?\s+number|personal\s+(?:id\s+)?number)"
    r"|(?P<phone>tlf|tel|telefon(?:nr|nummer(?:et)?)?|mob|mobil(?:nr|nummer(?:et)?|telefon)?|"
    r"mobilen|phone(?:\s+number)?|mobile(?:\s+number)?|cell(?:phone)?|sms|whatsapp|"
    r"ring(?:e|je)?(?:\s+meg)?(?:\s+på)?|nå\s+meg\s+på|call\s+me(?:\s+(?:on|at))?|"
    r"text\s+me(?:\s+(?:on|at))?|nummeret\s+mitt|mitt\s+nummer|my\s+number)"
    r"|(?P<konto>kontonr|kontonummer(?:et)?|konto|bankkonto(?:nr|nummer(?:et)?)?|"
    r"account(?:\s+number|\s+no)?)"
    r"|(?P<card>kortnr|kortnummer(?:et)?|kort|bankkort|kredittkort|visakort|betalingskort|"
    r"card(?:\s+number|\s+no)?|credit\s+card(?:\s+number)?)"
    r")(?![^\W\d_])[\s.:#]*(?:(?:mitt|min|mi|mine|er|is|on|at|på|nr|no)(?![^\W\d_])[\s.:#]*){0,3})"
)

_IBAN_RE = re.compile(r"(?<![^\W\d_])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){10,30}")

# 8-digit groupings people use for Norwegian phone numbers. "12 345 678" is
# left out on purpose: it is how amounts are written ("NOK 30 000 000").
_PHONE_GROUPINGS = frozenset(
    {(8,), (3, 2, 3), (2, 2, 2, 2), (4, 4), (4, 2, 2), (2, 2, 4), (3, 3, 2)}
)
# Groupings for an 11-digit number that passes only the bank-account check
# (1 in 11 random numbers do, so it must also look like an account number).
_ACCOUNT_GROUPINGS = frozenset(
    {(11,), (4, 2, 5), (4, 2, 2, 3), (4, 2, 3, 2), (4, 4, 3), (4, 7), (6, 5), (4, 6, 1)}
)
# Birth date with the century written out: "01.01.1990 12345", "01011990 12345".
_LONG_DATE_FNR_GROUPINGS = frozenset({(2, 2, 4, 5), (8, 5), (2, 2, 4, 3, 2), (13,)})


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _ascii_digits(group: str) -> str:
    """``\\d`` also matches non-ASCII digits (e.g. fullwidth); normalise them."""
    if group.isascii():
        return group
    return "".join(str(unicodedata.decimal(c, 0)) for c in group)


def _is_card_grouping(lengths: tuple[int, ...]) -> bool:
    if len(lengths) == 1:
        return 13 <= lengths[0] <= 19
    if lengths in ((4, 6, 5), (4, 6, 4)):  # American Express, Diners Club
        return True
    return len(lengths) >= 3 and all(n == 4 for n in lengths[:-1]) and 1 <= lengths[-1] <= 4


def _is_identity_number(digits: str) -> bool:
    """Fødselsnummer, D-number and H-number (stdnum), or an FH-number (check digits)."""
    if fodselsnummer.is_valid(digits):
        return True
    return (
        digits[0] in "89"
        and fodselsnummer.calc_check_digit1(digits) == digits[9]
        and fodselsnummer.calc_check_digit2(digits) == digits[10]
    )


def _is_date(day: int, month: int, year: int | None) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12 and (year is None or 1900 <= year <= 2099)


def _starts_with_date(parts: list[str]) -> bool:
    """``d.m.yyyy`` or ``yyyy-mm-dd`` at the start of the groups (a date, not an ID)."""
    if len(parts) < 3:
        return False
    a, b, c = parts[0], parts[1], parts[2]
    if len(a) <= 2 and len(b) <= 2 and len(c) == 4:
        return _is_date(int(a), int(b), int(c))
    if len(a) == 4 and len(b) <= 2 and len(c) <= 2:
        return _is_date(int(c), int(b), int(a))
    return False


def _sep_kind(sep: str) -> str:
    stripped = sep.strip(_SP)
    return stripped or " "


def _is_phone_shape(parts: list[str], seps: list[str]) -> bool:
    """Grouping and separators of an 8-digit candidate that is not a date or range."""
    lengths = tuple(len(p) for p in parts)
    if lengths not in _PHONE_GROUPINGS:
        return False
    if len({_sep_kind(s) for s in seps}) > 1:  # "20.00-22.00" is a time range
        return False
    if lengths == (8,):
        d = parts[0]
        if _is_date(int(d[:2]), int(d[2:4]), int(d[4:])) or _is_date(
            int(d[6:]), int(d[4:6]), int(d[:4])
        ):
            return False
    elif lengths in ((2, 2, 4), (4, 2, 2)):
        if _starts_with_date(parts):
            return False
    elif lengths == (4, 4):
        first, second = int(parts[0]), int(parts[1])
        if 1900 <= first <= 2099 and 1900 <= second <= 2099:  # "2019 2020"
            return False
        if _sep_kind(seps[0]) != " " and first < second:  # "2500-3000"
            return False
    return True


def _is_case_number_tail(text: str, start: int) -> bool:
    """``2022/91234567`` is a case number, ``91234567/22334455`` two phone numbers.

    A removed number before the slash (now ``]``) counts as a case number too,
    so a second pass over scrubbed text gives the same answer as the first.
    """
    if start < 2 or text[start - 1] not in "/\\":
        return False
    if text[start - 2] == "]":
        return True
    if not text[start - 2].isdigit():
        return False
    before = start - 2
    while before > 0 and text[before - 1].isdigit():
        before -= 1
    return start - 1 - before != 8


def _is_norwegian_phone(digits: str) -> bool:
    # Same as phonenumbers.parse(digits, "NO") for eight digits, without the parsing.
    if digits[0] not in "23456789":
        return False
    number = phonenumbers.PhoneNumber(country_code=47, national_number=int(digits))
    return phonenumbers.is_valid_number(number)


def _international(digits: str, *, possible: bool = False) -> bool:
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return False
    if possible:
        return phonenumbers.is_possible_number(number)
    return phonenumbers.is_valid_number(number)


def _keywords(text: str) -> dict[int, str]:
    """Where a keyword (and its filler words) ends, and what kind it announces."""
    return {m.end(): m.lastgroup or "" for m in _KEYWORD_RE.finditer(text)}


def _classify(
    text: str,
    groups: list[tuple[int, int, str]],
    i: int,
    j: int,
    lengths: tuple[int, ...],
    keyword: str | None,
) -> Kind | None:
    """What the number made of the whole groups ``i..j`` is, if anything.

    The answer depends only on these groups and, for the first group of a run,
    on a keyword right before it; never on the digits around them. That keeps
    scrubbing idempotent: removing one number cannot change the verdict on
    another.
    """
    parts = [g[2] for g in groups[i : j + 1]]
    length = sum(lengths)
    if length == 11:
        if keyword == "fnr":
            return Kind.FODSELSNUMMER
        if keyword == "konto":
            return Kind.BANK_ACCOUNT
        digits = "".join(parts)
        # Every identity number also passes this modulus-11 bank account check
        # (the second check digit), so it is a cheap first filter for both.
        if fodselsnummer.calc_check_digit2(digits) != digits[10] and not digits.startswith("0000"):
            return None
        if _starts_with_date(parts):
            return None
        if _is_identity_number(digits):
            return Kind.FODSELSNUMMER
        if kontonr.is_valid(digits) and (keyword or lengths in _ACCOUNT_GROUPINGS):
            return Kind.BANK_ACCOUNT
        return None
    if length == 8:
        if keyword == "phone":
            return Kind.PHONE
        if lengths not in _PHONE_GROUPINGS or _is_case_number_tail(text, groups[i][0]):
            return None
        seps = [text[groups[k][1] : groups[k + 1][0]] for k in range(i, j)]
        if _is_phone_shape(parts, seps) and _is_norwegian_phone("".join(parts)):
            return Kind.PHONE
        return None
    if length == 10 and parts[0] == "47" and len(parts) > 1:
        # "47 912 34 567": the country code without its "+".
        seps = [text[groups[k][1] : groups[k + 1][0]] for k in range(i + 1, j)]
        if _is_phone_shape(parts[1:], seps) and _is_norwegian_phone("".join(parts[1:])):
            return Kind.PHONE
        return None
    if 13 <= length <= 19:
        digits = "".join(parts)
        if (
            length == 13
            and lengths in _LONG_DATE_FNR_GROUPINGS
            and digits[4:6] in ("18", "19", "20")
        ):
            short = digits[:4] + digits[6:]
            if keyword == "fnr" or _is_identity_number(short):
                return Kind.FODSELSNUMMER
        if keyword == "card":
            return Kind.PAYMENT_CARD
        if _is_card_grouping(lengths) and luhn.is_valid(digits):
            return Kind.PAYMENT_CARD
    return None


def _international_end(
    text: str,
    groups: list[tuple[int, int, str]],
    i: int,
    keyword: str | None,
    *,
    skip: int = 0,
) -> int | None:
    """The last group of the longest valid international number starting at group ``i``.

    ``skip`` digits of the first group are the call prefix ("00" in "0047").
    A bracketed trunk zero, as in "+44 (0)20 7946 0958", is not dialled.
    """
    digits = ""
    prefixes: list[tuple[int, str]] = []
    for j in range(i, len(groups)):
        gstart, gend, part = groups[j]
        if j == i:
            part = part[skip:]
        elif (
            part == "0"
            and "(" in text[groups[j - 1][1] : gstart]
            and j + 1 < len(groups)
            and ")" in text[gend : groups[j + 1][0]]
        ):
            continue
        digits += part
        if len(digits) > 17:
            break
        if len(digits) >= 7:
            prefixes.append((j, digits))
    for j, number in reversed(prefixes):
        if _international(number):
            return j
    if keyword == "phone":
        for j, number in reversed(prefixes):
            if _international(number, possible=True):
                return j
    return None


def _scan_chain(
    text: str,
    groups: list[tuple[int, int, str]],
    out: list[tuple[int, int, Kind]],
    keyword: str | None = None,
) -> None:
    """Find numbers made of whole consecutive groups, longest first, left to right."""
    n = len(groups)
    i = 0
    while i < n:
        hit = None
        first = groups[i][2]
        if len(first) > 2 and first.startswith("00") and first[2] != "0":
            # "0047 912 34 567", "0046 70 123 45 67": 00 is the international call prefix.
            j = _international_end(text, groups, i, keyword, skip=2)
            if j is not None:
                hit = (j, Kind.PHONE)
        if hit is None:
            ends: list[tuple[int, tuple[int, ...]]] = []
            lengths: list[int] = []
            total = 0
            for j in range(i, n):
                size = len(groups[j][2])
                total += size
                if total > 19:
                    break
                lengths.append(size)
                if (
                    total == 11
                    or (total == 10 and j > i and groups[i][2] == "47")
                    or (total == 8 and (keyword == "phone" or tuple(lengths) in _PHONE_GROUPINGS))
                    or (
                        total >= 13
                        and (
                            keyword in ("card", "fnr")
                            or _is_card_grouping(tuple(lengths))
                            or tuple(lengths) in _LONG_DATE_FNR_GROUPINGS
                        )
                    )
                ):
                    ends.append((j, tuple(lengths)))
            for j, shape in reversed(ends):
                kind = _classify(text, groups, i, j, shape, keyword)
                if kind is not None:
                    hit = (j, kind)
                    break
        if hit is None:
            i += 1
        else:
            j, kind = hit
            out.append((groups[i][0], groups[j][1], kind))
            i = j + 1
        keyword = None  # only the first group of a run can follow a keyword


def _plain_chains(
    text: str, groups: list[tuple[int, int, str]]
) -> list[list[tuple[int, int, str]]]:
    """Split groups where a separator is a bracket (only allowed in phone numbers)."""
    chains: list[list[tuple[int, int, str]]] = [[]]
    for k, group in enumerate(groups):
        if k and _PAREN_RE.search(text, groups[k - 1][1], group[0]):
            chains.append([])
        chains[-1].append(group)
    return [c for c in chains if c]


def _find_numbers(text: str, out: list[tuple[int, int, Kind]]) -> None:
    keywords = _keywords(text)
    for match in _RUN_RE.finditer(text):
        start, end = match.span()
        groups = [
            (g.start(), g.end(), _ascii_digits(g.group()))
            for g in _GROUP_RE.finditer(text, start, end)
        ]
        keyword = keywords.get(start)
        rest = groups
        if match.lastgroup == "intl":
            # "+47 912 34 567", "(+47) 91234567", "+44 (0)20 7946 0958"
            j = _international_end(text, groups, 0, keyword)
            if j is not None:
                out.append((start, groups[j][1], Kind.PHONE))
                rest = groups[j + 1 :]
                keyword = None
        for chain in _plain_chains(text, rest):
            _scan_chain(text, chain, out, keyword)
            keyword = None
    for match in _IBAN_RE.finditer(text):
        # The pattern may run on into the next word; try the longest valid prefix.
        candidate = match.group()
        for end in range(len(candidate), 14, -1):
            if candidate[end - 1] == " ":
                continue
            after = match.start() + end
            if after < len(text) and text[after].isalnum():
                continue
            if iban.is_valid(candidate[:end].replace(" ", "")):
                out.append((match.start(), after, Kind.BANK_ACCOUNT))
                break


# ---------------------------------------------------------------------------
# E-mail addresses, plain and obfuscated
# ---------------------------------------------------------------------------

_H = "[ \t]"
_OPEN = r"[(\[{<]"
_CLOSE = r"[)\]}>]"
_AT_WORDS = r"(?:at|a|@|snabel-?a|krøll-?alfa|alfakrøll)"
_DOT_WORDS = r"(?:dot|punktum|prikk|punkt)"
# Possessive quantifiers (++): none of the separators that follow a local part
# or a label can be part of it, so giving characters back never helps, and
# forbidding it keeps the search linear on "aaaa...@aaaa...@".
_EMAIL_BODY = (
    r"(?P<local>[\w.+\-]++)"
    r"(?P<at>"
    rf"{_H}*@{_H}*"
    rf"|{_H}*{_OPEN}{_H}*(?i:{_AT_WORDS}){_H}*{_CLOSE}{_H}*"
    rf"|{_H}+(?i:snabel-?a|krøll-?alfa|alfakrøll){_H}+"
    rf"|{_H}+(?i:at){_H}+"
    r")"
    r"(?P<domain>[\w\-]++(?:"
    rf"(?:{_H}*\.{_H}*|{_H}*{_OPEN}{_H}*(?i:{_DOT_WORDS}){_H}*{_CLOSE}{_H}*"
    rf"|{_H}+(?i:{_DOT_WORDS}){_H}+)"
    r"[\w\-]++){1,5})"
)
# The local part starts where a run of local-part characters starts ...
_EMAIL_RE = re.compile(r"(?<![\w.+\-])" + _EMAIL_BODY)
# ... or right after an address just found, as it would after its placeholder.
_EMAIL_HERE_RE = re.compile(_EMAIL_BODY)
_DOMAIN_SPLIT_RE = re.compile(
    rf"{_H}*\.{_H}*|{_H}*{_OPEN}{_H}*(?i:{_DOT_WORDS}){_H}*{_CLOSE}{_H}*|{_H}+(?i:{_DOT_WORDS}){_H}+"
)
_TLDS = _word_set(
    "no com net org se dk fi is uk de eu io info biz me nu fr es it nl pl ch at be us ca au "
    "edu gov int co app dev online email mail email ee lt lv ru ie pt gr cz sk hu tv cc"
)
_LEADING_LETTERS_RE = re.compile(r"[^\W\d_]*")
_STRICT_LOCAL_RE = re.compile(r"[._+\d]")


def _email_end(match: re.Match[str]) -> int | None:
    """Where the address in this candidate ends, or None if it is no address.

    The domain may run on into the next sentence ("kari@example.no. Konto"), so
    the longest acceptable prefix of its labels is taken.
    """
    at = match.group("at")
    bare_at = at.strip(" \t").lower() == "at"
    dots = list(_DOMAIN_SPLIT_RE.finditer(match.string, match.start("domain"), match.end("domain")))
    label_ends = [d.start() for d in dots] + [match.end("domain")]
    label_starts = [match.start("domain")] + [d.end() for d in dots]
    for k in range(len(dots), 0, -1):  # k separators, k + 1 labels
        # Only the letters the last label starts with count as its top-level
        # domain: "kari@example.no91234567" is an address with a phone number
        # glued to it, removed whole (otherwise removing the phone number first
        # would leave an address behind for a second pass to find).
        tld = _LEADING_LETTERS_RE.match(match.string, label_starts[k], label_ends[k]).group()
        seps = [d.group() for d in dots[:k]]
        if at == "@" and all(d == "." for d in seps):
            if len(tld) >= 2:
                return label_ends[k]
            continue
        if tld.lower() not in _TLDS:
            continue
        if any(d != "." and d.strip(" \t") == "." for d in seps) and not tld.islower():
            continue  # "Hei @ alle. No ..." is a greeting, not an address
        if bare_at and not (
            any(d.strip(" \t") != "." for d in seps)
            or _STRICT_LOCAL_RE.search(match.group("local"))
        ):
            continue  # Norwegian "at" means "that": "Jeg synes at vg.no ..."
        return label_ends[k]
    return None


_EMAIL_HINT_RE = re.compile(
    r"@|(?i:(?<![^\W\d_])(?:at|a|snabel-?a|krøll-?alfa|alfakrøll)(?![^\W\d_]))"
)


def _find_emails(text: str, out: list[tuple[int, int, Kind]]) -> None:
    if "@" not in text and not _EMAIL_HINT_RE.search(text):
        return
    position = 0
    while match := _EMAIL_RE.search(text, position):
        end = _email_end(match)
        if end is None:
            # A rejected candidate ("me at ola.nordmann") must not hide an address
            # that starts inside it ("ola.nordmann@example.no"): look again from
            # the next character (the look-behind skips to the next token).
            position = match.start() + 1
            continue
        out.append((match.start(), end, Kind.EMAIL))
        # "a@b.no.c@d.no": once the first address is a placeholder, the second
        # starts right after it; find it now so a second pass finds nothing new.
        while (here := _EMAIL_HERE_RE.match(text, end)) and (
            (next_end := _email_end(here)) is not None
        ):
            out.append((end, next_end, Kind.EMAIL))
            end = next_end
        position = end


# ---------------------------------------------------------------------------
# Names (only where the text says it is a name) and street addresses
# ---------------------------------------------------------------------------

_UPPER = "A-ZÆØÅÄÖÜÉÈÁÓ"
_WORD = rf"(?:[{_UPPER}]\.(?=[ \t]|$)|[^\W\d_]+(?:[-'’][^\W\d_]+)*)"
_WORDS = rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}"
_STRONG = (
    r"(?i:(?<![^\W\d_])(?:(?:jeg|eg|je)[ \t]+(?:heter|heiter|hete)"
    r"|mitt[ \t]+(?:navn|namn)[ \t]+er|(?:navnet|namnet)[ \t]+mitt[ \t]+er"
    r"|my[ \t]+name[ \t]+is|my[ \t]+name's|(?:navn|namn|name)[ \t]*:)(?![^\W\d_]))"
)
_SIGNOFF = (
    r"(?i:(?<![^\W\d_])(?:(?:(?:med[ \t]+)?(?:vennlig(?:st)?|venleg(?:ast)?|beste|mange|kjære)[ \t]+)?"
    r"(?:hilsen|hilsener|helsing|helsingar|helsning)"
    r"|m\.?[ \t]?v\.?[ \t]?h\.?|vh\.?"
    r"|(?:best|kind|warm|warmest)[ \t]+(?:regards|wishes)|regards|sincerely|yours[ \t]+truly)"
    r"(?![^\W\d_]))"
)
_ROLE = (
    r"(?i:(?<![^\W\d_])(?:dr|doktor|doctor|lege|legen|fastlege|fastlegen|sykepleier|sykepleieren"
    r"|sjukepleiar|sjukepleiaren|jordmor|jordmora|psykolog|psykologen|pasient"
    r"|pasienten)(?![^\W\d_])\.?(?:[ \t]+(?:min|mi|mitt|er|heter|heiter|het|heitte|is)(?![^\W\d_])){0,2})"
)
_NAME_RE = re.compile(
    # First letters of every trigger above: a cheap filter before the alternatives.
    r"(?=[bdefhjklmnprsvwyBDEFHJKLMNPRSVWY])"
    rf"(?:(?P<strong>{_STRONG})[ \t]*(?P<n1>{_WORDS})"
    rf"|(?P<signoff>{_SIGNOFF})(?:[ \t]*[,:])?\s*(?P<n2>{_WORDS})"
    rf"|(?P<role>{_ROLE})(?:[ \t]*,)?[ \t]*(?P<n3>{_WORDS}))"
)
_NAME_WORD_RE = re.compile(_WORD)
_NAME_PART_RE = re.compile(r"[^\W\d_]+")
_INITIAL_RE = re.compile(rf"[{_UPPER}]\.")
_REST_OF_LINE_RE = re.compile(r"[ \t.!,;:)]*(?:\r?\n|$)")

# Small words that start sentences or glue them together; never part of a name.
_FUNCTION_WORDS = _word_set(
    """
    jeg eg je vi me du dere han hun ho de dei det dette den denne disse eit ein en et ei
    og eller men så som at i på av til fra frå for med om hos ved etter før under over
    er var har hadde blir ble vart vert kan skal vil må kunne skulle ikke ikkje aldri også
    bor jobber jobbar arbeider arbeidar heter heiter hilsen helsing mvh takk hei hallo
    the a an and or but from at in on of to by with for is was are am i we you he she it they
    not no yes thanks thank regards team teamet gruppa gruppen gjengen redaksjonen prosjektet
    oss alle meg deg seg egentlig faktisk bare berre visst nok noe noko ingen ingenting ellers
    forresten òg dessverre heldigvis kanskje helt veldig ofte altså just really actually
    """
)
# Capitalised words that follow a trigger but are not a person's name.
_NOT_NAMES = _FUNCTION_WORDS | _word_set(
    """
    st sankt helse helseplattformen epic hemis olavs hospital sykehus sjukehus sykehuset
    sjukehuset legevakt legevakten legevakta kommune kommunen fylke fylkeskommune nav norge
    noreg norway trondheim levanger namsos molde ålesund kristiansund volda orkdal orkanger
    stjørdal steinkjer verdal oslo bergen stavanger tromsø bodø møre romsdal nord midt sør
    vest øst trøndelag innlandet helsedirektoratet direktoratet departementet kundesenter
    kundeservice support brukerstøtte avdeling avdelingen seksjon klinikk klinikken
    mandag tirsdag onsdag torsdag fredag lørdag søndag januar februar mars april mai juni
    juli august september oktober november desember
    """
)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _name_words(text: str, match: re.Match[str], trigger: str, group: str) -> list[tuple[int, int]]:
    """Spans of the words after a trigger that make up the name (maybe none)."""
    kept: list[tuple[int, int]] = []
    lowercase = False
    for word in _NAME_WORD_RE.finditer(text, match.start(group), match.end(group)):
        start, end = word.span()
        stop = False
        if not _INITIAL_RE.fullmatch(word.group()):
            for part in _NAME_PART_RE.finditer(text, start, end):
                if part.group().lower() in _NOT_NAMES:
                    # "Kari-Helse": keep "Kari", as a second pass would see it.
                    end, stop = part.start() - 1, True
                    break
        if end <= start:
            break
        if _is_capitalised(text[start]):
            if lowercase:
                break
        elif trigger == "role" or (kept and not lowercase):
            break
        else:
            # Lower case only right after "jeg heter", or in a sign-off ending the line.
            lowercase = True
        kept.append((start, end))
        if stop:
            break
    if lowercase and trigger == "signoff" and not _REST_OF_LINE_RE.match(text, kept[-1][1]):
        kept = []
    return kept


def _find_names(text: str, out: list[tuple[int, int, Kind]]) -> None:
    position = 0
    while match := _NAME_RE.search(text, position):
        if match.group("strong") is not None:
            trigger, group = "strong", "n1"
        elif match.group("signoff") is not None:
            trigger, group = "signoff", "n2"
        else:
            trigger, group = "role", "n3"
        kept = _name_words(text, match, trigger, group)
        if kept:
            out.append((kept[0][0], kept[-1][1], Kind.NAME))
            position = kept[-1][1]
        else:
            # "min lege dr. Hansen": "lege" has no name after it, but "dr." does.
            position = match.start(group)


_STREET_SUFFIX = (
    r"(?:gata|gate|gaten|gt\.?|veien|vegen|vei|veg|vn\.?|allé|alléen|plass|plassen"
    r"|stien|bakken|svingen|brygga|bryggen|kaia|torget|tunet)"
)
_STREET_WORD = rf"[{_UPPER}][^\W\d_]*(?:[-'’][^\W\d_]+)*\.?"
_ADDRESS_RE = re.compile(
    r"(?<![^\W\d_])"
    rf"(?P<street>(?:{_STREET_WORD}[ \t]+){{1,3}}"
    r"(?:gate|gata|gaten|gt\.|vei|veg|vegen|veien|allé|plass)"
    rf"|(?:{_STREET_WORD}[ \t]+){{0,2}}[{_UPPER}](?:[^\W\d_]|-)*?{_STREET_SUFFIX}(?![^\W\d_]))"
    # No look-ahead after the house number: a second pass would see a
    # placeholder there, so "Storgata 7Kari" must already end after "7".
    r"[ \t]+\d{1,3}(?!\d)(?:[a-h](?![^\W\d_])|[ \t]?[A-H](?![^\W\d_]))?"
    rf"(?:,?[ \t]*\d{{4}}(?!\d)[ \t]+[{_UPPER}][^\W\d_]+(?:[- ][{_UPPER}][^\W\d_]+)?)?"
)
_LEADING_WORD_RE = re.compile(r"([^ \t]+)[ \t]+")
# English words that end like a Norwegian street name ("Navigate 2 pages").
_NOT_STREETS = _word_set(
    "navigate investigate aggregate delegate propagate interrogate mitigate irrigate instigate "
    "segregate obligate congregate litigate castigate tailgate floodgate stargate"
)


# Every street name above contains one of these: a cheap test before the pattern.
_STREET_HINTS = (
    "gat",
    "gt",
    "vei",
    "veg",
    "vn",
    "allé",
    "plass",
    "stien",
    "bakken",
    "svingen",
    "brygg",
    "kaia",
    "torget",
    "tunet",
)
_BARE_STREET_WORDS = _word_set("gate gata gaten gt. vei veg vegen veien allé plass")


def _find_addresses(text: str, out: list[tuple[int, int, Kind]]) -> None:
    if not any(hint in text for hint in _STREET_HINTS):
        return
    for match in _ADDRESS_RE.finditer(text):
        start, street_end = match.start(), match.end("street")
        if match.group("street").rsplit(None, 1)[-1].lower() in _NOT_STREETS:
            continue
        # "I Kongens gate 5": a capitalised sentence opener is not part of the street.
        while (word := _LEADING_WORD_RE.match(text, start, street_end)) and (
            word.group(1).lower() in _FUNCTION_WORDS
        ):
            start = word.end()
        if text[start:street_end].lower() in _BARE_STREET_WORDS:
            continue  # "Hei gate 5": nothing but the street word is left
        out.append((start, match.end(), Kind.ADDRESS))


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------

_DIGIT_RE = re.compile(r"\d")


def _merge(found: list[tuple[int, int, Kind]]) -> list[Finding]:
    """Sort and merge overlapping spans (the earliest, longest span names the kind)."""
    found.sort(key=lambda f: (f[0], -f[1]))
    merged: list[list] = []
    for start, end, kind in found:
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1][1] = end
            continue
        merged.append([start, end, kind])
    return [Finding(kind, start, end) for start, end, kind in merged]


def _detect(text: str, names_and_addresses: bool) -> list[tuple[int, int, Kind]]:
    found: list[tuple[int, int, Kind]] = []
    has_digits = _DIGIT_RE.search(text) is not None
    if has_digits:
        _find_numbers(text, found)
    _find_emails(text, found)
    if names_and_addresses:
        _find_names(text, found)
        if has_digits:
            _find_addresses(text, found)
    return found


def _render(text: str, findings: list[Finding]) -> str:
    pieces: list[str] = []
    position = 0
    for finding in findings:
        pieces.append(text[position : finding.start])
        pieces.append(finding.kind.placeholder)
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)


def _to_original(
    findings: list[Finding], scrubbed: str, extra: list[tuple[int, int, Kind]]
) -> list[tuple[int, int, Kind]]:
    """Map spans found in the scrubbed text back to offsets in the original text.

    A span that starts or ends inside a placeholder grows to cover everything
    that placeholder replaced.
    """
    out_starts: list[int] = []  # where each placeholder starts in the scrubbed text
    out_ends: list[int] = []
    shift = 0  # scrubbed offset minus original offset, after each placeholder
    shifts: list[int] = []
    for finding in findings:
        out_start = finding.start + shift
        out_end = out_start + len(finding.kind.placeholder)
        shift = out_end - finding.end
        out_starts.append(out_start)
        out_ends.append(out_end)
        shifts.append(shift)

    def original(position: int, *, is_end: bool) -> int:
        k = bisect.bisect_right(out_starts, position - 1 if is_end else position) - 1
        if k < 0:
            return position
        if position < out_ends[k] or (is_end and position == out_ends[k]):
            return findings[k].end if is_end else findings[k].start
        return position - shifts[k]

    return [(original(s, is_end=False), original(e, is_end=True), kind) for s, e, kind in extra]


# Rules only look at their own candidate, so a second pass over scrubbed text
# normally finds nothing; if it does (text glued together in odd ways), those
# findings are folded in, so that scrubbing is idempotent.
_MAX_EXTRA_PASSES = 4


def scrub_with_report(text: str, *, names_and_addresses: bool = True) -> ScrubResult:
    """Remove personal data from ``text`` and report what was removed where.

    Offsets in the findings refer to the original ``text``. With
    ``names_and_addresses=False`` only numbers and e-mail addresses are removed
    (finding names and street addresses is a heuristic and can be switched off).
    """
    found = _detect(text, names_and_addresses)
    if not found:
        return ScrubResult(text, ())
    findings = _merge(found)
    scrubbed = _render(text, findings)
    for _ in range(_MAX_EXTRA_PASSES):
        extra = _detect(scrubbed, names_and_addresses)
        if not extra:
            break
        findings = _merge(
            [(f.start, f.end, f.kind) for f in findings] + _to_original(findings, scrubbed, extra)
        )
        scrubbed = _render(text, findings)
    return ScrubResult(scrubbed, tuple(findings))


def scrub(text: str) -> str:
    """Return ``text`` with personal data replaced by typed placeholders."""
    return scrub_with_report(text).text

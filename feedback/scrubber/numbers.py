"""Numbers: identity numbers, phone numbers, bank accounts and payment cards.

Found by their digit groups and check digits; see the package docstring for the
decisions. ``find_numbers`` appends ``(start, end, kind)`` spans to a list.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from stdnum import iban, luhn
from stdnum.no import fodselsnummer, kontonr

from feedback.scrubber.kinds import Kind

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


def is_identity_number(digits: str) -> bool:
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
        if is_identity_number(digits):
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
            if keyword == "fnr" or is_identity_number(short):
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
        elif first == "00" and i + 1 < n and groups[i + 1][2][0] != "0":
            # "00 47 934 12 345": the prefix as a group of its own.
            j = _international_end(text, groups, i + 1, keyword)
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


def find_numbers(text: str, out: list[tuple[int, int, Kind]]) -> None:
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

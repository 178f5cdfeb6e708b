"""Properties of the scrubber for any input, and its speed on hostile input."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from stdnum.no import fodselsnummer

from feedback.scrubber import PLACEHOLDERS, scrub, scrub_with_report
from feedback.scrubber.lexicon import COMMON_WORDS, FUNCTION_WORDS, NAMES
from tests.feedback.test_scrubber import (
    account_number,
    card_number,
    fh_number,
    formats,
    identity_number,
)

PROPERTY_SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Any run of digits joined by single separators, as a reader would see one number.
_RUN = re.compile(r"\d+(?:[ .\-\u00a0]\d+)*")


def _identity_runs(text: str) -> set[str]:
    """Every run of exactly 11 digits (separators stripped) that is a valid identity number."""
    found = set()
    for match in _RUN.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) == 11 and digits.isascii() and fodselsnummer.is_valid(digits):
            found.add(digits)
    return found


@st.composite
def identity_numbers(draw) -> str:
    """A synthetic identity number (F, D or H) in one of the usual formats."""
    year = draw(st.integers(1900, 2020))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    kind = draw(st.sampled_from(["F", "D", "H"]))
    number = identity_number(day, month, year, kind=kind, seed=draw(st.integers(0, 400)))
    return draw(st.sampled_from(list(formats(number).values())))


_PHONES = ["912 34 567", "91234567", "+47 412 34 567", "22 33 44 55", "+46 70 123 45 67"]
_PII = st.one_of(
    identity_numbers(),
    st.sampled_from(_PHONES),
    st.sampled_from(["ola@example.no", "kari (at) example.no", "per at example dot com"]),
    st.just(account_number("1234567890")),
    st.just(card_number("411111111111111")),
    st.builds(fh_number, st.integers(0, 50)),
    st.sampled_from(
        [
            "Mvh Kari Nordmann",
            "jeg heter Ola",
            "Storgata 12, 7030 Trondheim",
            "hilsen Per",
            "– Ingrid",
            "\n/Tone",
            "sykepleier Jon Berg",
            "Saksbehandleren, Marte Olsen, sa",
            "postboks 12, 7001 Trondheim",
            "c/o Hansen",
            "0046 70 123 45 67",
            "00 47 912 34 567",
            "MVH OLA NORDMANN",
        ]
    ),
)
_FILLER = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            " ",
            ", ",
            ". ",
            "\n",
            " fnr: ",
            " tlf",
            " ring meg på ",
            " kontonr ",
            "Hei! ",
            " 2022 ",
            " 23.05.2022 ",
            " kl. 08.30 ",
            "@",
            " at ",
            " dot ",
            "-",
            "+",
            "(",
            ")",
            "/",
            "9",
            "0",
        ]
    ),
)
_COMMENTS = st.lists(st.one_of(_FILLER, _PII), max_size=12).map("".join)


@PROPERTY_SETTINGS
@given(st.text())
@example("\x00")
@example("\ud800\udfff")
@example("\u202e91234567\u202c")
@example("1" * 5000)
@example("\uff19\uff11\uff12\uff13\uff14\uff15\uff16\uff17")
def test_the_scrubber_never_raises_on_any_text(text):
    result = scrub_with_report(text)
    assert isinstance(result.text, str)
    assert sum(result.counts.values()) == len(result.removed)
    assert result.changed == (result.text != text)


@PROPERTY_SETTINGS
@given(_COMMENTS)
def test_the_scrubber_never_raises_on_comments_full_of_personal_data(text):
    scrub(text)


@PROPERTY_SETTINGS
@given(st.one_of(st.text(), _COMMENTS))
def test_scrubbing_is_idempotent(text):
    once = scrub(text)
    assert scrub(once) == once


@PROPERTY_SETTINGS
@given(_COMMENTS)
def test_no_identity_number_in_the_input_survives_in_the_output(text):
    before = _identity_runs(text)
    assert not (before & _identity_runs(scrub(text)))


@PROPERTY_SETTINGS
@given(st.lists(st.one_of(_FILLER, identity_numbers()), max_size=8))
def test_an_identity_number_set_apart_by_non_digits_is_always_removed(pieces):
    # Join with a letter so no identity number is glued to another digit run.
    text = " x ".join(pieces)
    for number in _identity_runs(text):
        assert number not in re.sub(r"\D", "", scrub(text))


# Lower-case ordinary words, as a comment without names is mostly made of.
_ORDINARY = sorted((COMMON_WORDS - NAMES) | FUNCTION_WORDS)
_PLAIN_COMMENTS = st.lists(
    st.tuples(st.sampled_from(_ORDINARY), st.sampled_from([" ", " ", ", ", ". ", "!\n", "\n"])),
    min_size=1,
    max_size=30,
).map(lambda pairs: "".join(word + gap for word, gap in pairs))


@PROPERTY_SETTINGS
@given(_PLAIN_COMMENTS)
def test_a_comment_of_ordinary_lower_case_words_comes_back_as_the_same_object(text):
    assert scrub(text) is text


_PLACEHOLDER_RE = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))


def _is_subsequence(short: str, long: str) -> bool:
    characters = iter(long)
    return all(c in characters for c in short)


@PROPERTY_SETTINGS
@given(st.one_of(st.text(max_size=200), _COMMENTS))
def test_the_scrubber_only_replaces_text_with_placeholders(text):
    result = scrub_with_report(text)
    if not result.changed:
        assert result.text is text
    assert _is_subsequence(_PLACEHOLDER_RE.sub("", result.text), text)


ADVERSARIAL = {
    "a long digit run": "1" * 1000,
    "digits split by spaces": "1 " * 500,
    "nines split by spaces": "9 " * 500,
    "digits split by dots": "1." * 500,
    "digits split by two spaces": "1  " * 334,
    "digits split by no-break spaces": "9\u00a0" * 500,
    "fullwidth digits": "\uff19" * 1000,
    "at signs": "@" * 1000,
    "a at a at": "a at " * 200,
    "a at b dot": "a at b dot " * 100,
    "obfuscated at": "x (at) " * 143,
    "bracketed at": "[at] " * 200,
    "local part then at": "a" * 999 + "@",
    "at then domain": "@" + "a." * 499,
    "many addresses": "a@b.no " * 143,
    "repeated separators": " - " * 333,
    "dashes": "-" * 1000,
    "pluses and ones": "+1 " * 333,
    "pluses": "+" * 1000,
    "bracketed country codes": "(+47) " * 167,
    "international zeros": "0047 " * 200,
    "zeros": "00" * 500,
    "valid phone numbers": "91234567 " * 111,
    "mixed separators": "12.34-56 78/" * 84,
    "sign-offs": "mvh " * 250,
    "greetings with names": "Hilsen Kari " * 84,
    "names on their own lines": "Per\n" * 250,
    "roles and names": "sykepleier Jon Berg, " * 48,
    "dashes and names": "– Ingrid " * 111,
    "given names": "Kari Nordmann Berg " * 53,
    "capitals and names": "MVH OLA NORDMANN " * 59,
    "postboks": "postboks 1 " * 91,
    "jeg heter": "jeg heter " * 100,
    "doctors": "dr. " * 250,
    "streets": "Storgata " * 112,
    "capitals": "A" * 1000,
    "capitalised words and gate": "Aa Bb Cc gate " * 72,
    "keywords": "kontonr " * 125,
    "url": "https://" + "a/" * 496,
}


@pytest.mark.parametrize("text", [pytest.param(v, id=k) for k, v in ADVERSARIAL.items()])
def test_an_adversarial_input_of_a_thousand_characters_is_scrubbed_quickly(text):
    text = text[:1000]
    started = time.perf_counter()
    once = scrub(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{elapsed:.3f} s"
    assert scrub(once) == once

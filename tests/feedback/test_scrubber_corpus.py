"""The scrubber on the labelled corpus of visitor comments (tests/feedback/scrubber_corpus/).

The same scores that bench/scrubber.py prints, held to the targets of issue 17 on
the whole corpus, so that a rule change that costs recall or starts changing
comments without personal data fails here, not only in the benchmark.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from feedback.scrubber import PLACEHOLDERS, scrub
from feedback.scrubber.numbers import is_identity_number
from tests.feedback.scrubber_corpus import KINDS, Comment, load, score

TUNING = load("tuning")
HELD_OUT = load("held_out")
CORPUS = TUNING + HELD_OUT


def test_the_corpus_has_over_500_comments_in_three_languages_with_every_kind():
    assert len(CORPUS) >= 500
    assert len(HELD_OUT) >= 150
    assert Counter(c.language for c in CORPUS).keys() == {"nb", "nn", "en"}
    assert {kind for c in CORPUS for kind, _ in c.personal} == set(KINDS)
    assert sum(c.is_pii_free for c in CORPUS) >= 300
    assert sum(len(c.negatives) for c in CORPUS) >= 250


def test_the_corpus_identity_numbers_are_valid_and_not_written_out():
    numbers = [text for c in CORPUS for kind, text in c.personal if kind == "fnr"]
    assert len(numbers) >= 10
    for number in numbers:
        assert is_identity_number(re.sub(r"\D", "", number)), number
    assert load("tuning") == TUNING  # the filled-in digits are the same every time


@pytest.mark.parametrize(
    ("label", "target"),
    [
        ("names", 0.95),
        ("addresses", 0.95),
        ("identity numbers", 1.0),
        ("phone numbers", 1.0),
        ("e-mail addresses", 1.0),
        ("account numbers", 1.0),
        ("card numbers", 1.0),
    ],
)
def test_the_scrubber_finds_the_personal_data_in_the_corpus(label, target):
    result = score(CORPUS, scrub, PLACEHOLDERS.values())
    assert result.recall(label) >= target, "\n".join(result.misses)


def test_the_scrubber_leaves_comments_without_personal_data_and_hard_negatives_alone():
    result = score(CORPUS, scrub, PLACEHOLDERS.values())
    assert result.unchanged_share >= 0.995, "\n".join(result.misses)
    assert result.kept_share >= 0.995, "\n".join(result.misses)


def test_a_half_removed_name_counts_as_missed_and_a_name_used_twice_is_counted_fairly():
    comment = Comment(
        "Kari skrev: Hilsen Kari Nordmann", "nb", (("navn", "Kari Nordmann"),), (), "t"
    )
    placeholders = PLACEHOLDERS.values()
    assert score([comment], lambda text: text, placeholders).recall("names") == 0.0
    half = score([comment], lambda text: "Kari skrev: Hilsen [navn fjernet] Nordmann", placeholders)
    assert half.recall("names") == 0.0
    whole = score([comment], lambda text: "Kari skrev: Hilsen [navn fjernet]", placeholders)
    assert whole.recall("names") == 1.0


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value] if " " in value and not value.startswith("http") else []
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def test_the_sites_own_content_comes_back_unchanged():
    # Text nobody wrote for the scrubber: phases, milestones, organisations, sources in
    # three languages, full of places, organisations, dates and roles and free of people.
    content = json.loads(
        (Path(__file__).resolve().parents[2] / "phases" / "content" / "rollout.json").read_text(
            encoding="utf-8"
        )
    )
    texts = _texts(content)
    assert len(texts) >= 150
    assert [text for text in texts if scrub(text) != text] == []

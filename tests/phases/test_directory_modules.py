"""The directory's pure modules: folding and ranking (search) and the dot map's arithmetic."""

import doctest

import pytest

from phases.directory import dotmap, search
from phases.directory.search import Entry, Tier


def test_the_module_examples_hold():
    for module in (search, dotmap):
        assert doctest.testmod(module).failed == 0


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Ålesund", "alesund"),
        ("AALESUND", "alesund"),
        ("Ørsta", "orsta"),
        ("Oersta", "orsta"),
        ("Nærøysund", "naroysund"),
        ("naeroeysund", "naroysund"),
        ("Snåase – Snåsa", "snase snasa"),
        ("St. Olavs hospital, Trondheim", "st olavs hospital trondheim"),
        ("Sankt Olavs", "st olavs"),
        ("Molde  SJUKEHUSET", "molde sykehuset"),
        ("Snåsa", "snasa"),  # with a combining ring, as some keyboards send it
    ],
)
def test_fold_makes_the_spellings_of_a_name_equal(typed, folded):
    assert search.fold(typed) == folded


@pytest.mark.parametrize(
    ("query", "edits"), [("os", 0), ("osen", 1), ("levanger", 2), ("kristiansund k", 3)]
)
def test_longer_queries_may_have_more_typos(query, edits):
    assert search.allowed_edits(query) == edits


ENTRIES = [
    Entry("molde", ("Molde kommune", "Molde"), numbers=("1506",), rank=0),
    Entry("molde-sjukehus", ("Molde sjukehus", "Molde sykehus"), rank=2),
    Entry("volda", ("Volda kommune", "Volda"), rank=0),
    Entry("os", ("Os kommune", "Os"), rank=0),
    Entry("osen", ("Osen kommune", "Osen"), rank=0),
]


@pytest.mark.parametrize(
    ("query", "keys", "tier"),
    [
        ("molde", ["molde", "molde-sjukehus"], Tier.EXACT),  # the municipality first
        ("Molde sjukehus", ["molde-sjukehus"], Tier.EXACT),
        ("sjukehus molde", ["molde-sjukehus"], Tier.PREFIX),  # any word order
        ("mol", ["molde", "molde-sjukehus"], Tier.PREFIX),
        ("Os", ["os", "osen"], Tier.EXACT),  # a whole name before a longer one
        ("mlode", ["molde", "molde-sjukehus"], Tier.FUZZY),  # a swap counts as one edit
        ("1506", ["molde"], Tier.EXACT),
    ],
)
def test_search_ranks_by_tier_then_edits_then_rank(query, keys, tier):
    hits = search.search(query, ENTRIES)
    assert [hit.entry.key for hit in hits] == keys
    assert hits[0].tier == tier


def test_an_empty_query_lists_everything_and_nonsense_nothing():
    assert len(search.search("  ", ENTRIES)) == len(ENTRIES)
    assert search.search("zzzz", ENTRIES) == []
    assert search.search("xy", ENTRIES) == []  # too short to guess at


def test_suggest_offers_close_names_for_did_you_mean_and_nothing_for_nonsense():
    assert [entry.key for entry in search.suggest("Moldekommuen", ENTRIES)][:1] == ["molde"]
    assert search.suggest("Bergen", ENTRIES) == []


def test_the_map_keeps_north_up_and_the_aspect_of_the_region():
    dots, width, height = dotmap.place(
        {"north": (65.0, 11.0), "south": (62.0, 11.0), "east": (63.5, 13.0)}
    )
    assert dots["north"][1] < dots["south"][1]
    assert dots["east"][0] > dots["north"][0]
    assert width == 480 and height > width  # 3° of latitude is taller than 2° of longitude there
    assert dotmap.place({}) == ({}, 480, 24)

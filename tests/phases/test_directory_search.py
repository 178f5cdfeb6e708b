"""The search that forgives, over the real content: every municipality and hospital is
found first by its name, its æøå-folded forms and with a typo, on the page (no
JavaScript) and in the suggestions the script shows as you type."""

import pytest

from phases.directory import listing
from phases.models import Organisation
from tests.conftest import NOON_IN_OSLO, TODAY
from tests.phases.directory_names import cases, one_typo

CASES = cases()


def test_the_table_covers_every_municipality_and_hospital():
    names = {name for _query, name, _address in CASES}
    assert sum(name.endswith(" kommune") for name in names) == 67
    assert {"Molde sjukehus", "Sykehuset Namsos", "Røros sykehus"} <= names
    assert one_typo("Ålesund kommune") == "Ålexund kommune"
    assert one_typo("Os kommune") == "Os komxune"


@pytest.fixture
def rows(content):
    organisations = Organisation.objects.with_go_lives(at=NOON_IN_OSLO).with_hospitals()
    return listing.rows_for(organisations, today=TODAY)


def test_every_name_finds_its_organisation_first(rows):
    """The table of every name, folded form and typo (one test: the rows are built once)."""
    wrong = []
    for query, name, address in CASES:
        found = listing.find(rows, q=query).rows
        first = (found[0].name, found[0].url) if found else None
        if first != (name, address):
            wrong.append((query, first))
    assert wrong == []


def test_every_name_finds_its_organisation_first_on_the_page_and_as_you_type(
    client, content, clock
):
    """The table over HTTP: the plain page's first row (no JavaScript) and the first
    suggestion the script shows (JavaScript), each name once, its forms in turn."""
    by_name = {}
    for query, name, address in CASES:
        by_name.setdefault((name, address), []).append(query)
    wrong = []
    for turn, ((name, address), queries) in enumerate(sorted(by_name.items())):
        query = queries[turn % len(queries)]
        html = client.get("/virksomheter/", {"q": query}).content.decode()
        first_row = html.split("<tbody>", 1)[-1].split("</tr>", 1)[0]
        if f'href="{address}">{name}</a>' not in first_row:
            wrong.append(("page", query))
        query = queries[(turn + 1) % len(queries)]
        suggestions = client.get("/virksomheter/forslag/", {"q": query}).json()["suggestions"]
        if [(item["name"], item["url"]) for item in suggestions[:1]] != [(name, address)]:
            wrong.append(("suggestions", query))
    assert len(by_name) == 67 + 3 + 9
    assert wrong == []


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Ålesund", "Ålesund kommune"),
        ("alesund", "Ålesund kommune"),
        ("roros", "Røros kommune"),
        ("Rosse", "Røros kommune"),
        ("st olav", "St. Olavs hospital HF"),
        ("St. Olavs hospital", "St. Olavs hospital HF"),
        ("Molde sjukehus", "Molde sjukehus"),
        ("Molde sykehus", "Molde sjukehus"),
        ("sykehus molde", "Molde sjukehus"),
        ("orsta", "Ørsta kommune"),
        ("Snaasa", "Snåsa kommune"),
        ("5001", "Trondheim kommune"),
        ("50 01", "Trondheim kommune"),
        ("942110464", "Trondheim kommune"),
        ("trondhjem", "Trondheim kommune"),
        ("Kristiansnd", "Kristiansund kommune"),
        ("HNT", "Helse Nord-Trøndelag HF"),
    ],
)
def test_common_forms_find_the_right_organisation(rows, query, first):
    assert listing.find(rows, q=query).rows[0].name == first


def test_a_name_typed_right_does_not_also_list_its_typo_neighbours(rows):
    assert [row.name for row in listing.find(rows, q="ørland").rows] == ["Ørland kommune"]


def test_a_typo_is_answered_with_did_you_mean(client, content, clock):
    html = client.get("/virksomheter/", {"q": "Alesnud"}).content.decode()
    assert 'id="mente-du"' in html
    assert (
        "Mente du" in html and 'href="/virksomheter/alesund-kommune/">Ålesund kommune</a>' in html
    )


def test_no_hit_explains_what_the_directory_covers(client, content, clock):
    html = client.get("/virksomheter/", {"q": "Bergen"}).content.decode()
    assert "Vi fant ingen kommune, helseforetak eller sykehus som heter «Bergen»." in html
    assert "alle kommunene i Trøndelag og Møre og Romsdal" in html
    assert "Fastlegekontorer og avtalespesialister er ikke med ennå" in html


def test_the_suggestions_answer_json_with_at_most_eight(client, content, clock):
    response = client.get("/virksomheter/forslag/", {"q": "kommune"})
    assert response["Content-Type"] == "application/json"
    suggestions = response.json()["suggestions"]
    assert len(suggestions) == 8
    assert all(item["url"].startswith("/virksomheter/") for item in suggestions)


def test_the_prepared_index_ranks_only_candidates_and_finds_what_search_finds(rows):
    """``search.Index`` gives ``search``'s answer for every query of the table and more."""
    from phases.directory import search

    entries = list(listing._entries(rows))
    index = search.Index(entries)
    queries = [query for query, _name, _address in CASES] + [
        "e",
        "mo",
        "kommune",
        "st olav",
        "sykehus molde",
        "olvas",
        "levangr",
        "trondhiem kommune",
        "50 01",
        "942110464",
        "zzzzqx",
        "",
    ]
    wrong = [query for query in queries if index.search(query) != search.search(query, entries)]
    assert wrong == []
    municipalities = {entry for entry in entries if entry.rank == 0}
    for query in ("molde", "moldee", "kommune", "1508"):
        assert index.search(query, allowed=municipalities.__contains__) == search.search(
            query, municipalities
        )

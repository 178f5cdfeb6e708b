"""Pages of the long lists: the pure page window, the page parameter, and the pages themselves."""

import re

import pytest
from django.http import QueryDict

from phases import views
from phases.pagination import canonical_query, page_query, page_window, requested_number
from tests.phases.factories import make_organisation


@pytest.mark.parametrize(
    ("current", "last", "window"),
    [
        (1, 1, [1]),
        (1, 2, [1, 2]),
        (2, 4, [1, 2, 3, 4]),
        (1, 10, [1, 2, 3, None, 10]),
        (10, 10, [1, None, 8, 9, 10]),
        (6, 40, [1, None, 4, 5, 6, 7, 8, None, 40]),
        (4, 40, [1, 2, 3, 4, 5, 6, None, 40]),  # a gap of one number shows the number
        (5, 9, [1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ],
)
def test_it_shows_the_first_the_last_and_the_pages_around_the_current_one(current, last, window):
    assert page_window(current, last) == window


@pytest.mark.parametrize(("current", "last"), [(0, 3), (4, 3), (1, 0)])
def test_it_refuses_a_page_outside_the_list(current, last):
    with pytest.raises(ValueError, match="not among"):
        page_window(current, last)


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("", 1),
        ("side=1", 1),
        ("side=12", 12),
        ("side=0", None),
        ("side=-1", None),
        ("side=01", None),  # not the address of page 1: no near-duplicate of it
        ("side=abc", None),
        ("side=²", None),
        ("side=1.5", None),
        ("side=9999999", None),
    ],
)
def test_it_reads_the_page_number_only_in_its_one_written_form(query, number):
    assert requested_number(QueryDict(query)) == number


@pytest.mark.parametrize(
    ("query", "number", "expected"),
    [
        ("", 1, ""),
        ("", 2, "?side=2"),
        ("side=3", 1, ""),
        ("q=%C3%B8rland&kind=kommune&side=3", 4, "?q=%C3%B8rland&kind=kommune&side=4"),
        ("q=molde&side=3", 1, "?q=molde"),
    ],
)
def test_it_keeps_the_filters_and_the_search_in_a_page_link(query, number, expected):
    assert page_query(QueryDict(query), number) == expected


def test_a_filtered_list_names_the_unfiltered_first_page_as_canonical():
    class Page:
        number = 3

    assert canonical_query(QueryDict("side=3"), Page()) == "?side=3"
    assert canonical_query(QueryDict("side=1"), Page()) == "?side=3"
    assert canonical_query(QueryDict("q=molde&side=3"), Page()) == ""


# --- The pages --------------------------------------------------------------------------


@pytest.fixture
def many_organisations(db, monkeypatch):
    """Seven organisations, three to a page, named so their order is plain."""
    monkeypatch.setattr(views, "DIRECTORY_PAGE_SIZE", 3)
    for letter in "ABCDEFG":
        make_organisation(name=f"{letter} kommune", kind="kommune")
    make_organisation(name="H sykehus", kind="helseforetak")


def names(html):
    return re.findall(r'<a href="/(?:nn/|en/)?virksomheter/virksomhet-\d+/">([^<]+)</a>', html)


def pagination_nav(html):
    match = re.search(r'<nav class="pagination".*?</nav>', html, re.S)
    assert match, "no pagination navigation on the page"
    return match.group(0)


@pytest.mark.parametrize(
    ("prefix", "label", "previous", "next_", "status"),
    [
        ("", "Sider med virksomheter", "Forrige", "Neste", "Side 2 av 3"),
        ("/nn", "Sider med verksemder", "Førre", "Neste", "Side 2 av 3"),
        ("/en", "Pages of organisations", "Previous", "Next", "Page 2 of 3"),
    ],
)
def test_the_directory_is_split_into_pages_with_a_navigation_in_each_language(
    client, clock, many_organisations, prefix, label, previous, next_, status
):
    html = client.get(f"{prefix}/virksomheter/?side=2").content.decode()

    assert names(html) == ["D kommune", "E kommune", "F kommune"]
    nav = pagination_nav(html)
    assert f'aria-label="{label}"' in nav
    assert status in nav
    assert f'<a href="{prefix}/virksomheter/" rel="prev">{previous}' in nav
    assert f'<a href="{prefix}/virksomheter/?side=3" rel="next">{next_}' in nav
    assert f'<a href="{prefix}/virksomheter/?side=2" aria-current="page">' in nav


def test_the_page_links_keep_the_filters_and_the_search(client, clock, many_organisations):
    html = client.get("/virksomheter/?kind=kommune&q=kommune").content.decode()

    assert names(html) == ["A kommune", "B kommune", "C kommune"]
    nav = pagination_nav(html)
    assert 'href="/virksomheter/?kind=kommune&amp;q=kommune&amp;side=2"' in nav
    assert 'href="/virksomheter/?kind=kommune&amp;q=kommune&amp;side=3"' in nav
    assert "Side 1 av 3" in nav
    assert "Viser 1–3 av 7 virksomheter." in html


def test_the_search_finds_across_every_page(client, clock, many_organisations):
    html = client.get("/virksomheter/?q=g+kom").content.decode()

    assert names(html) == ["G kommune"]
    assert 'class="pagination"' not in html
    assert "Viser 1 virksomhet." in html


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("", "http://testserver/virksomheter/"),
        ("?side=1", "http://testserver/virksomheter/"),
        ("?side=2", "http://testserver/virksomheter/?side=2"),
        ("?kind=kommune&side=2", "http://testserver/virksomheter/"),
        # Parameters no page reads are dropped before the view runs (the page cache's rule).
        ("?utm_source=x&side=3", "http://testserver/virksomheter/?side=3"),
    ],
)
def test_each_page_names_one_canonical_address(client, clock, many_organisations, query, canonical):
    html = client.get(f"/virksomheter/{query}").content.decode()

    assert re.findall(r'<link rel="canonical" href="([^"]+)">', html) == [canonical]


@pytest.mark.parametrize("query", ["?side=4", "?side=0", "?side=abc", "?side=01", "?side=2&q=zzz"])
def test_a_page_that_does_not_exist_is_not_found(client, clock, many_organisations, query):
    response = client.get(f"/virksomheter/{query}")

    assert response.status_code == 404
    assert "finnes ikke" in response.content.decode()


def test_a_list_of_one_page_has_no_navigation(client, clock, db):
    make_organisation(name="Eneste kommune")

    html = client.get("/virksomheter/").content.decode()

    assert 'class="pagination"' not in html
    assert '<link rel="next"' not in html


def test_the_change_log_is_split_into_pages_newest_first(client, clock, db, monkeypatch):
    import datetime

    from tests.phases.factories import make_entry, make_milestone

    monkeypatch.setattr(views, "CHANGES_PAGE_SIZE", 2)
    milestone = make_milestone(title="Oppstart")
    make_entry(milestone, "original", "2022")
    for year in (2023, 2024, 2025):
        make_entry(
            milestone,
            "revision",
            str(year + 1),
            decided_on=datetime.date(year, 1, 1),
            reason=f"R{year}",
        )

    first = client.get("/en/endringer/").content.decode()
    second = client.get("/en/endringer/?side=2").content.decode()

    assert re.findall(r">R(\d{4})<", first) == ["2025", "2024"]
    assert re.findall(r">R(\d{4})<", second) == ["2023"]
    assert 'rel="next">Next' in pagination_nav(first)
    assert 'rel="prev">Previous' in pagination_nav(second)
    assert client.get("/en/endringer/?side=3").status_code == 404

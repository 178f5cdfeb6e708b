"""Each public page runs a constant number of queries, however much content there is."""

import pytest

pytestmark = pytest.mark.django_db

# page → queries: the published rows, then one query per prefetched relation.
EXPECTED = {
    # Phases, their date entries, the glossary (its terms' first uses are links), the plan
    # figure's go-lives (bounded) and their entries.
    "/": 5,
    "/nn/": 5,
    # Phase, its entries, milestones, their entries, their organisations, the glossary.
    "/fase/{phase}/": 6,
    # The directory's index, once per content version (organisations with the go-live
    # that counts, those go-lives' stored dates, the hospitals' names), then the rows
    # shown: their organisations, hospitals, go-lives and the go-lives' entries.
    "/virksomheter/": 7,
    "/virksomheter/?side={last_directory_page}": 7,
    "/nn/virksomheter/?kind=kommune&side=1": 7,
    "/en/virksomheter/?kind=kommune&status=unconfirmed&q=1": 3,  # nothing found: the index only
    "/virksomheter/?status=unconfirmed": 7,
    "/virksomheter/?q=e": 3,  # no name has a word that starts with "e"
    "/virksomheter/?q=trondheim": 7,
    "/virksomheter/?q=trondhiem": 7,  # a typo: «Mente du …?»
    "/virksomheter/kart/": 7,
    "/virksomheter/forslag/?q=molde": 7,
    "/virksomheter/{organisation}/": 4,  # organisation, its milestones, their entries, hospitals
    # The count of entries, one page of them with their phase or milestone joined, and
    # the owners' histories (what each change replaced) and public organisations.
    "/endringer/": 5,
    "/en/endringer/?side={last_changes_page}": 5,
}


@pytest.mark.parametrize(("url", "queries"), EXPECTED.items())
def test_pages_run_a_fixed_number_of_queries_with_the_real_content(
    client, content, clock, warm_content_state, django_assert_num_queries, url, queries
):
    url = url.format(
        phase="produksjonssetting",
        organisation="trondheim-kommune",
        last_directory_page=1,
        last_changes_page=1,
    )
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(("url", "queries"), EXPECTED.items())
def test_pages_run_the_same_number_of_queries_with_300_phases_and_2000_milestones(
    large_rollout,
    db,
    client,
    clock,
    warm_content_state,
    django_assert_max_num_queries,
    url,
    queries,
):
    url = url.format(
        **large_rollout,
        last_directory_page=20,  # 2,000 organisations, 100 a page
        last_changes_page=56,  # 300 + 2,000 revisions and 500 actual dates, 50 a page
    )
    # At most as many: a prefetch runs no query when the page has nothing to fetch it for
    # (a page of the change log with no phase-level entries).
    with django_assert_max_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url", [url for url in EXPECTED if url.startswith("/virksomheter/") and "{" not in url]
)
def test_the_directory_reads_its_index_once_per_content_version(
    large_rollout, db, client, clock, warm_content_state, django_assert_max_num_queries, url
):
    """With the index read, any page of the directory reads only the rows it shows."""
    assert client.get("/virksomheter/?side=3").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200

"""Each public page runs a constant number of queries, however much content there is."""

import pytest

pytestmark = pytest.mark.django_db

# page → queries: the published rows, then one query per prefetched relation.
EXPECTED = {
    "/": 4,  # phases, their date entries; the plan figure's go-lives (bounded), their entries
    "/nn/": 4,
    "/fase/{phase}/": 5,  # phase, its entries, milestones, their entries, their organisations
    # Organisations, their go-lives, the go-lives' entries and the hospitals: the search
    # and the filters read the whole directory (some hundred rows), then one page is shown.
    "/virksomheter/": 4,
    "/virksomheter/?side={last_directory_page}": 4,
    "/nn/virksomheter/?kind=kommune&side=1": 4,
    "/en/virksomheter/?kind=kommune&status=unconfirmed&q=1": 4,
    "/virksomheter/?status=unconfirmed": 4,
    "/virksomheter/?q=e": 4,
    "/virksomheter/kart/": 4,
    "/virksomheter/forslag/?q=molde": 4,
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

"""Each public page runs a constant number of queries, however much content there is."""

import pytest

pytestmark = pytest.mark.django_db

# page → queries: the published rows, then one query per prefetched relation.
EXPECTED = {
    "/": 2,  # phases, their date entries
    "/nn/": 2,
    "/fase/{phase}/": 5,  # phase, its entries, milestones, their entries, their organisations
    "/virksomheter/": 4,  # the count, a page of organisations, their go-lives, their entries
    "/virksomheter/?side={last_directory_page}": 4,
    "/nn/virksomheter/?kind=kommune&side=1": 4,
    # By status: every candidate with its go-lives and their entries, then a page of them.
    "/en/virksomheter/?kind=kommune&status=unconfirmed&q=1": 3,
    "/virksomheter/?status=unconfirmed": 3,
    # By name: every candidate's name, then the page's go-lives and their entries.
    "/virksomheter/?q=e": 3,
    "/virksomheter/{organisation}/": 3,  # organisation, its milestones, their entries
    "/endringer/": 2,  # the count of entries, one page of them with their phase or milestone
    "/en/endringer/?side={last_changes_page}": 2,
}


@pytest.mark.parametrize(("url", "queries"), EXPECTED.items())
def test_pages_run_a_fixed_number_of_queries_with_the_real_content(
    client, content, clock, django_assert_num_queries, url, queries
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
    large_rollout, db, client, clock, django_assert_num_queries, url, queries
):
    url = url.format(
        **large_rollout,
        last_directory_page=20,  # 2,000 organisations, 100 a page
        last_changes_page=56,  # 300 + 2,000 revisions and 500 actual dates, 50 a page
    )
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200

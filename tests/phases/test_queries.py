"""Each public page runs a constant number of queries, however much content there is."""

import pytest

pytestmark = pytest.mark.django_db

# page → queries: the published rows, then one query per prefetched relation.
EXPECTED = {
    "/": 2,  # phases, their date entries
    "/nn/": 2,
    "/fase/{phase}/": 5,  # phase, its entries, milestones, their entries, their organisations
    "/virksomheter/": 3,  # organisations, their go-lives, the go-lives' entries
    "/en/virksomheter/?kind=kommune&status=unconfirmed&q=1": 3,
    "/virksomheter/{organisation}/": 3,  # organisation, its milestones, their entries
    # entries with their phase or milestone joined; the owners' histories (what each
    # change replaced) and the milestones' public organisations (the row's subject)
    "/endringer/": 4,
}


@pytest.mark.parametrize(("url", "queries"), EXPECTED.items())
def test_pages_run_a_fixed_number_of_queries_with_the_real_content(
    client, content, clock, django_assert_num_queries, url, queries
):
    url = url.format(phase="produksjonssetting", organisation="trondheim-kommune")
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(("url", "queries"), EXPECTED.items())
def test_pages_run_the_same_number_of_queries_with_300_phases_and_2000_milestones(
    large_rollout, db, client, clock, django_assert_num_queries, url, queries
):
    url = url.format(**large_rollout)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200

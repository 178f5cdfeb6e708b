"""Each public page runs a constant number of queries, however much content there is."""

import pytest

from tests.phases.factories import build_large_rollout, remove_all_content

pytestmark = pytest.mark.django_db

# page → queries: the published rows, then one query per prefetched relation.
EXPECTED = {
    "/": 2,  # phases, their date entries
    "/nn/": 2,
    "/fase/{phase}/": 5,  # phase, its entries, milestones, their entries, their organisations
    "/virksomheter/": 3,  # organisations, their go-lives, the go-lives' entries
    "/en/virksomheter/?kind=kommune&status=unconfirmed&q=1": 3,
    "/virksomheter/{organisation}/": 3,  # organisation, its milestones, their entries
    "/endringer/": 1,  # entries with their phase or milestone joined
}


@pytest.mark.parametrize(("url", "queries"), EXPECTED.items())
def test_pages_run_a_fixed_number_of_queries_with_the_real_content(
    client, content, clock, warm_content_state, django_assert_num_queries, url, queries
):
    url = url.format(phase="produksjonssetting", organisation="trondheim-kommune")
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.fixture(scope="module")
def large_rollout(django_db_setup, django_db_blocker):
    """300 phases, 2,000 milestones and 2,000 organisations, built once for the module."""
    with django_db_blocker.unblock():
        built = build_large_rollout()
    yield built
    with django_db_blocker.unblock():
        remove_all_content()


@pytest.mark.parametrize(("url", "queries"), EXPECTED.items())
def test_pages_run_the_same_number_of_queries_with_300_phases_and_2000_milestones(
    large_rollout, db, client, clock, warm_content_state, django_assert_num_queries, url, queries
):
    phases, milestones, organisations = large_rollout
    busiest = max(phases, key=lambda p: sum(m.phase_id == p.pk for m in milestones))
    url = url.format(phase=busiest.slug, organisation=organisations[1].slug)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200

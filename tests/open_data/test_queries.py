"""Every open-data URL runs a constant number of queries, however much content there is."""

import pytest

pytestmark = pytest.mark.django_db

# URL → queries: the published rows, then one query per prefetched relation.
EXPECTED = {
    "/api/v1/": 0,
    "/api/v1/openapi.json": 0,
    "/api/v1/phases/": 3,  # the count, a page of phases, their entries
    "/api/v1/phases/{phase}/?lang=nn": 5,  # phase, entries, milestones, their entries, organisations
    "/api/v1/milestones/?lang=en": 4,  # the count, milestones with phase, entries, organisations
    "/api/v1/milestones/?page={last_milestones_page}": 4,
    "/api/v1/organisations/": 4,  # the count, a page, its go-lives with phase, their entries
    "/api/v1/organisations/?page={last_organisations_page}&lang=en": 4,
    # Filtered by status: by the database (the stored shown periods), so paginated like the rest.
    "/api/v1/organisations/?kind=kommune&county=trondelag&status=unconfirmed": 4,
    "/api/v1/organisations/?status=done&lang=nn": 4,
    # Filtered by name: every candidate, then the page's go-lives and their entries.
    "/api/v1/organisations/?q=e&kind=kommune": 3,
    "/api/v1/organisations/{organisation}/": 4,  # organisation, milestones, entries, organisations
    "/endringer/feed/": 1,  # entries with their phase or milestone joined
    "/en/endringer/feed/": 1,
    # The choice (one query over the stored dates), its organisations, their go-lives, entries.
    "/virksomheter/kalender.ics": 4,
    "/nn/virksomheter/{organisation}/kalender.ics": 3,
    "/sitemap.xml": 3,  # the index: the count of phases, of organisations, of role pages
    "/sitemap-roles.xml": 2,  # the count, a page
    "/sitemap-phases.xml": 2,  # the count, a page
    "/sitemap-organisations.xml?p={last_sitemap_page}": 2,
    "/robots.txt": 0,
    "/innebygd/": 2,  # phases, their entries
    "/en/innebygd/virksomhet/{organisation}/": 3,  # organisation, go-lives, their entries
}


# The real content has no go-live in the calendar's window (the last three months and
# ahead, with a date): the database says so in one query and nothing is prefetched.
ON_THE_REAL_CONTENT = EXPECTED | {"/virksomheter/kalender.ics": 1}


@pytest.mark.parametrize(("url", "queries"), ON_THE_REAL_CONTENT.items())
def test_open_data_runs_a_fixed_number_of_queries_with_the_real_content(
    client, content, warm_content_state, django_assert_num_queries, url, queries
):
    url = url.format(
        phase="produksjonssetting",
        organisation="trondheim-kommune",
        last_milestones_page=1,
        last_organisations_page=2,  # 68 organisations, 50 a page
        last_sitemap_page=1,
    )
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(("url", "queries"), EXPECTED.items())
def test_open_data_runs_the_same_number_of_queries_with_300_phases_and_2000_milestones(
    client, large_rollout, warm_content_state, django_assert_num_queries, url, queries
):
    url = url.format(
        **large_rollout,
        last_milestones_page=40,  # 2,000 milestones, 50 a page
        last_organisations_page=40,
        last_sitemap_page=20,  # 2,000 organisations in 3 languages, 300 a page
    )
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200

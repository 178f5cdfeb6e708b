"""The role pages and the glossary: in three languages, linked from every go-live, fresh."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from phases.guidance.roles import ROLE_SLUGS
from phases.models import GlossaryTerm, Organisation, RolePage

pytestmark = pytest.mark.django_db

PREFIXES = {"nb": "", "nn": "/nn", "en": "/en"}
LAST_UPDATED = {"nb": "Sist oppdatert", "nn": "Sist oppdatert", "en": "Last updated"}
GUIDANCE_PAGES = [
    "/hva-betyr-det-for-meg/",
    *(f"/hva-betyr-det-for-meg/{slug}/" for slug in ROLE_SLUGS),
    "/ordliste/",
]


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def main(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_the_five_role_pages_exist_in_three_languages_after_load_content(content):
    roles = list(RolePage.objects.all())
    assert [role.slug for role in roles] == list(ROLE_SLUGS)
    for role in roles:
        for language in ("nb", "nn", "en"):
            for field in ("title", "summary", "body"):
                assert getattr(role, f"{field}_{language}"), (role.slug, field, language)
        # Written in each language, not copied.
        assert len({role.body_nb, role.body_nn, role.body_en}) == 3, role.slug


def test_the_glossary_has_the_domain_words_in_three_languages(content):
    terms = {term.slug: term for term in GlossaryTerm.objects.all()}
    for slug in (
        "produksjonssetting",
        "epic",
        "pasientportal",
        "superbruker",
        "helseforetak",
        "fastlege",
        "avtalespesialist",
        "spesifiseringsfase",
    ):
        for language in ("nb", "nn", "en"):
            assert getattr(terms[slug], f"term_{language}"), (slug, language)
            assert getattr(terms[slug], f"definition_{language}"), (slug, language)


def test_loading_the_content_again_changes_no_guidance(content):
    before = [role.history.count() for role in RolePage.objects.all()]
    output = StringIO()
    call_command("load_content", stdout=output)

    assert "Role pages: 0 created, 0 updated, 5 unchanged" in output.getvalue()
    assert "Glossary terms: 0 created, 0 updated" in output.getvalue()
    assert [role.history.count() for role in RolePage.objects.all()] == before


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
@pytest.mark.parametrize("path", GUIDANCE_PAGES)
def test_each_page_answers_in_each_language_with_its_lang_and_last_updated(
    client, content, clock, language, path
):
    html = page(client, PREFIXES[language] + path)
    assert f'<html lang="{language}">' in html
    assert LAST_UPDATED[language] in html.split('class="freshness"', 1)[1]
    assert "er ikke registrert</span>" not in html.split('class="freshness"', 1)[1].split("·")[0]


def test_the_index_lists_the_roles_in_order_in_the_language_of_the_page(client, content, clock):
    html = main(page(client, "/nn/hva-betyr-det-for-meg/"))
    found = re.findall(r'href="/nn/hva-betyr-det-for-meg/([a-z-]+)/"', html)
    assert found == list(ROLE_SLUGS)
    assert "Pårørande" in html


def test_a_role_page_shows_its_text_and_the_other_roles(client, content, clock):
    html = main(page(client, "/en/hva-betyr-det-for-meg/parorende/"))
    assert "<h1>Relative</h1>" in html
    assert "Where do I get help?" in html
    assert 'href="https://www.helsenorge.no/"' in html
    links = re.findall(r'href="/en/hva-betyr-det-for-meg/([a-z-]+)/"', html)
    assert "parorende" not in links
    assert sorted(links) == sorted(set(ROLE_SLUGS) - {"parorende"})


def test_a_role_page_says_where_the_sources_are_silent_and_restates_no_date(client, content, clock):
    for slug in ROLE_SLUGS:
        html = main(page(client, f"/hva-betyr-det-for-meg/{slug}/"))
        text = html.split('class="freshness"', 1)[0]
        assert "ingen kilde for" in text, slug
        assert 'href="/virksomheter/' in text, slug
        # When it comes is on the organisation pages, never repeated here.
        assert not re.search(r"\b(19|20)\d\d\b", re.sub(r"Planen fra 2019", "", text)), slug


def test_a_translation_left_empty_is_shown_in_bokmal_and_marked_so(client, content, clock):
    role = RolePage.objects.get(slug="parorende")
    role.title_en = ""
    role.save()
    assert '<h1 lang="nb">Pårørende</h1>' in page(client, "/en/hva-betyr-det-for-meg/parorende/")


def test_a_draft_role_page_and_a_draft_term_are_not_public(client, content, clock):
    RolePage.objects.filter(slug="parorende").update(publish_at=None)
    GlossaryTerm.objects.filter(slug="epic").update(publish_at=None)

    assert client.get("/hva-betyr-det-for-meg/parorende/").status_code == 404
    assert "/parorende/" not in main(page(client, "/hva-betyr-det-for-meg/"))
    assert 'id="epic"' not in page(client, "/ordliste/")
    assert "#epic" not in page(client, "/")


def test_an_unknown_role_page_is_not_found(client, content, clock):
    assert client.get("/hva-betyr-det-for-meg/finnes-ikke/").status_code == 404


def test_a_change_to_a_role_page_reaches_the_cached_page(client, content, clock):
    assert "Pårørende" in page(client, "/hva-betyr-det-for-meg/parorende/")
    role = RolePage.objects.get(slug="parorende")
    role.title_nb = "Pårørende og nærmeste"
    role.save()
    clock.advance(seconds=2)  # each process trusts its copy of the content version for a second

    assert "Pårørende og nærmeste" in page(client, "/hva-betyr-det-for-meg/parorende/")


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_glossary_is_a_definition_list_with_an_anchor_per_term(
    client, content, clock, language
):
    html = main(page(client, PREFIXES[language] + "/ordliste/"))
    ids = re.findall(r'<dt[^>]*><dfn id="([a-z-]+)">', html)
    assert sorted(ids) == sorted(GlossaryTerm.objects.values_list("slug", flat=True))
    assert html.count("<dd") == len(ids)
    assert '<dl class="glossary">' in html


def test_the_glossary_is_in_norwegian_alphabetical_order(client, content, clock):
    GlossaryTerm.objects.create(
        slug="aapning", term_nb="åpning", definition_nb="Prøve.", publish_at=clock()
    )
    GlossaryTerm.objects.create(
        slug="oye", term_nb="øye", definition_nb="Prøve.", publish_at=clock()
    )
    html = main(page(client, "/ordliste/"))
    ids = re.findall(r'<dfn id="([a-z-]+)">', html)
    assert ids[-2:] == ["oye", "aapning"]
    assert ids.index("avtalespesialist") < ids.index("epic") < ids.index("superbruker")


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_timeline_links_each_glossary_term_once_at_its_first_use(
    client, content, clock, language
):
    html = main(page(client, PREFIXES[language] + "/"))
    links = re.findall(
        r'href="' + PREFIXES[language] + r'/ordliste/#([a-z-]+)" class="term-link"', html
    )
    assert {"epic", "pasientportal", "superbruker"} <= set(links)
    assert len(links) == len(set(links))
    # Every link has its entry on the glossary page.
    glossary = page(client, PREFIXES[language] + "/ordliste/")
    for slug in links:
        assert f'<dfn id="{slug}">' in glossary


def test_a_phase_page_links_the_terms_in_its_text_but_not_in_its_headings(client, content, clock):
    html = main(page(client, "/fase/utviklingsfase/"))
    assert '<a href="/ordliste/#superbruker" class="term-link">superbrukere</a> av systemet' in html
    assert 'class="term-link">Utviklingsfase' not in html


def test_every_organisation_page_links_its_role_pages(client, content, clock):
    organisations = Organisation.objects.published(at=clock())
    assert organisations.count() > 50
    staff_page = {"helseforetak": "ansatt-pa-sykehus", "kommune": "ansatt-i-kommunen"}
    for organisation in organisations:
        html = main(page(client, organisation.get_absolute_url()))
        roles = html.split('class="role-links"', 1)[1].split("</div>", 1)[0]
        assert 'href="/hva-betyr-det-for-meg/innbygger-og-pasient/"' in roles, organisation.slug
        assert 'href="/hva-betyr-det-for-meg/parorende/"' in roles, organisation.slug
        if organisation.kind in staff_page:
            assert f'href="/hva-betyr-det-for-meg/{staff_page[organisation.kind]}/"' in roles


def test_every_go_live_on_a_phase_page_links_its_role_pages(client, content, clock):
    html = main(page(client, "/fase/produksjonssetting/"))
    sections = html.split('<section class="milestone"')[1:]
    assert sections
    for section in sections:
        assert 'href="/hva-betyr-det-for-meg/innbygger-og-pasient/"' in section
    hospital = next(
        section for section in sections if section.startswith(' id="st-olavs-hospital"')
    )
    assert 'href="/hva-betyr-det-for-meg/ansatt-pa-sykehus/"' in hospital
    assert 'href="/hva-betyr-det-for-meg/ansatt-i-kommunen/"' not in hospital
    municipality = next(
        section for section in sections if section.startswith(' id="trondheim-kommune"')
    )
    assert 'href="/hva-betyr-det-for-meg/ansatt-i-kommunen/"' in municipality
    assert 'href="/hva-betyr-det-for-meg/ansatt-pa-sykehus/"' not in municipality


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_role_links_lead_to_pages_that_exist(client, content, clock, language):
    html = main(page(client, PREFIXES[language] + "/virksomheter/st-olavs-hospital/"))
    links = re.findall(r'href="([^"]*/hva-betyr-det-for-meg/[a-z-]+/)"', html)
    assert len(links) == 4
    for url in links:
        assert client.get(url).status_code == 200, url


def test_the_front_page_and_every_footer_link_to_the_role_pages_and_the_glossary(
    client, content, clock
):
    front = main(page(client, "/nn/"))
    assert 'href="/nn/hva-betyr-det-for-meg/"' in front
    for url in ("/", "/virksomheter/", "/nn/endringer/", "/en/ordliste/"):
        prefix = "/nn" if url.startswith("/nn/") else "/en" if url.startswith("/en/") else ""
        footer = page(client, url).split('class="site-footer"', 1)[1]
        assert f'href="{prefix}/hva-betyr-det-for-meg/"' in footer
        assert f'href="{prefix}/ordliste/"' in footer

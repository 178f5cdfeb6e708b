"""The role pages and the glossary in the admin: editable by Kommunikasjon, in three languages."""

import pytest
from django.contrib.auth.models import Group

from phases.models import GlossaryTerm, RolePage
from tests.admin.conftest import ROLES, make_user

pytestmark = pytest.mark.django_db

LOGIN, OK, DENIED = 302, 200, 403


@pytest.fixture
def role(db):
    return RolePage.objects.create(
        slug="parorende", title_nb="Pårørende", body_nb="<p>Tekst</p>", publish_at=None
    )


@pytest.fixture
def term(db):
    return GlossaryTerm.objects.create(
        slug="superbruker", term_nb="superbruker", definition_nb="En som hjelper kollegene."
    )


def client_as(client, name):
    if name != "anonymous":
        client.force_login(make_user(name))
    return client


# page → (url, expected status per role in ROLES order: anonymous, Kommunikasjon, Analyse, superuser)
PAGES = {
    "role list": (lambda r, t: "/admin/phases/rolepage/", (LOGIN, OK, DENIED, OK)),
    "role add": (lambda r, t: "/admin/phases/rolepage/add/", (LOGIN, OK, DENIED, OK)),
    "role change": (lambda r, t: f"/admin/phases/rolepage/{r.pk}/change/", (LOGIN, OK, DENIED, OK)),
    "role history": (
        lambda r, t: f"/admin/phases/rolepage/{r.pk}/history/",
        (LOGIN, OK, DENIED, OK),
    ),
    "role delete": (
        lambda r, t: f"/admin/phases/rolepage/{r.pk}/delete/",
        (LOGIN, DENIED, DENIED, OK),
    ),
    "term list": (lambda r, t: "/admin/phases/glossaryterm/", (LOGIN, OK, DENIED, OK)),
    "term add": (lambda r, t: "/admin/phases/glossaryterm/add/", (LOGIN, OK, DENIED, OK)),
    "term change": (
        lambda r, t: f"/admin/phases/glossaryterm/{t.pk}/change/",
        (LOGIN, OK, DENIED, OK),
    ),
}


@pytest.mark.parametrize(
    ("page", "role_name"),
    [(page, name) for page in PAGES for name in ROLES],
)
def test_each_role_gets_the_status_the_permission_table_says(client, role, term, page, role_name):
    url, expected = PAGES[page]
    response = client_as(client, role_name).get(url(role, term))
    assert response.status_code == expected[ROLES.index(role_name)]


def test_the_migration_gives_kommunikasjon_add_change_and_view_but_not_delete():
    codenames = set(
        Group.objects.get(name="Kommunikasjon").permissions.values_list("codename", flat=True)
    )
    for model in ("rolepage", "glossaryterm"):
        assert {f"add_{model}", f"change_{model}", f"view_{model}"} <= codenames
        assert f"view_historical{model}" in codenames
        assert f"delete_{model}" not in codenames
    assert "view_rolepage" not in Group.objects.get(name="Analyse").permissions.values_list(
        "codename", flat=True
    )


def test_the_change_form_has_a_tab_per_language_and_the_text_editor(client, role):
    html = client_as(client, "kommunikasjon").get(f"/admin/phases/rolepage/{role.pk}/change/")
    html = html.content.decode()
    for language in ("nb", "nn", "en"):
        for field in ("title", "summary", "body"):
            assert f'name="{field}_{language}"' in html
    assert "tabbed_translation_fields.js" in html
    assert "data-richtext-editor" in html


def test_an_editor_saves_a_role_page_in_three_languages_and_its_history_says_who(client, role):
    editor = client_as(client, "kommunikasjon")
    response = editor.post(
        f"/admin/phases/rolepage/{role.pk}/change/",
        {
            "title_nb": "Pårørende",
            "title_nn": "Pårørande",
            "title_en": "Relative",
            "summary_nb": "",
            "summary_nn": "",
            "summary_en": "",
            "body_nb": "<p>Ny tekst</p>",
            "body_nn": "<p>Ny tekst på nynorsk</p>",
            "body_en": "<p>New text</p>",
            "slug": "parorende",
            "position": 2,
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    role.refresh_from_db()
    assert (role.title_nn, role.body_en, role.position) == ("Pårørande", "<p>New text</p>", 2)
    assert role.updated_at is not None
    assert role.history.latest().history_user.username == "kommunikasjon"


def test_an_editor_adds_a_glossary_term_as_a_draft(client):
    editor = client_as(client, "kommunikasjon")
    response = editor.post(
        "/admin/phases/glossaryterm/add/",
        {
            "term_nb": "avtalespesialist",
            "term_nn": "",
            "term_en": "contract specialist",
            "definition_nb": "En spesialist med avtale.",
            "definition_nn": "",
            "definition_en": "A specialist with an agreement.",
            "other_forms_nb": "",
            "other_forms_nn": "",
            "other_forms_en": "",
            "slug": "avtalespesialist",
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    term = GlossaryTerm.objects.get(slug="avtalespesialist")
    assert term.publish_at is None
    assert term.forms == ("avtalespesialist",)


def test_markup_in_a_definition_is_refused(client):
    editor = client_as(client, "kommunikasjon")
    response = editor.post(
        "/admin/phases/glossaryterm/add/",
        {"term_nb": "x", "definition_nb": "<b>fet</b>", "slug": "x"},
    )
    assert response.status_code == 200
    assert not GlossaryTerm.objects.filter(slug="x").exists()


def test_the_role_list_links_each_page_to_its_preview(client, role):
    html = client_as(client, "kommunikasjon").get(f"/admin/phases/rolepage/{role.pk}/change/")
    assert "side=%2Fhva-betyr-det-for-meg%2Fparorende%2F" in html.content.decode()


def test_the_forms_of_a_term_are_its_word_and_its_other_forms_without_blank_lines():
    term = GlossaryTerm(term_nb="fastlege", other_forms_nb="fastlegar\n\n fastlegane \n")
    assert term.forms == ("fastlege", "fastlegar", "fastlegane")


def test_an_editor_previews_a_draft_role_page_that_visitors_cannot_see(client, role):
    assert client.get("/hva-betyr-det-for-meg/parorende/").status_code == 404
    editor = client_as(client, "kommunikasjon")
    response = editor.get(
        "/admin/phases/phase/forhandsvis/?side=/hva-betyr-det-for-meg/parorende/&sprak=nn"
    )
    assert response.status_code == 200
    assert '<h1 lang="nb">Pårørende</h1>' in response.content.decode()  # no Nynorsk yet

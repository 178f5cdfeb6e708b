"""The admin loads nothing from other origins, and its lists run a fixed number of queries."""

import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from tests.phases.factories import build_large_rollout

pytestmark = pytest.mark.django_db

SCRIPTS_AND_STYLES = re.compile(r"<script\b[^>]*>|<link\b[^>]*stylesheet[^>]*>", re.I)
EXTERNAL = re.compile(r"""(?:src|href)=["'](?:https?:)?//""", re.I)


def external_assets(html):
    return [tag for tag in SCRIPTS_AND_STYLES.findall(html) if EXTERNAL.search(tag)]


def _admin_pages(content):
    return [
        "/admin/",
        "/admin/phases/phase/",
        "/admin/phases/phase/add/",
        f"/admin/phases/phase/{content['phase'].pk}/change/",
        f"/admin/phases/phase/{content['phase'].pk}/history/",
        "/admin/phases/milestone/",
        f"/admin/phases/milestone/{content['milestone'].pk}/change/",
        "/admin/phases/organisation/",
        f"/admin/phases/organisation/{content['organisation'].pk}/change/",
        f"/admin/phases/dateentry/{content['entry'].pk}/change/",
        "/admin/phases/phase/forhandsvis/",
        "/admin/phases/phase/forhandsvis/?side=/",
        "/admin/feedback/feedback/",
    ]


def test_no_admin_page_loads_a_script_or_style_from_another_origin(login, content):
    client = login("superuser")
    for url in _admin_pages(content):
        html = client.get(url).content.decode()
        assert external_assets(html) == [], url


def test_the_tabs_use_jquery_ui_from_our_own_static_files(login, content):
    html = login("kommunikasjon").get(f"/admin/phases/phase/{content['phase'].pk}/change/")
    scripts = re.findall(r'<script src="([^"]+)"', html.content.decode())
    order = [
        "/static/admin/js/jquery.init.js",
        "/static/admin-extra/jquery-ui/jquery-ui.min.js",
        "/static/modeltranslation/js/tabbed_translation_fields.js",
    ]
    assert [s for s in scripts if s in order] == order
    assert "/static/admin/js/core.js" in scripts  # Django's own admin scripts are kept
    assert finders.find("admin-extra/jquery-ui/jquery-ui.min.js")


def test_drag_and_drop_ordering_is_served_as_a_static_file_under_the_csp(login, content):
    response = login("kommunikasjon").get("/admin/phases/phase/")
    html = response.content.decode()
    assert re.search(r'src="/static/adminsortable2/js/adminsortable2(\.min)?\.js"', html)
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.fixture
def many(db):
    build_large_rollout(phases=60, milestones=80, organisations=60)


@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("/admin/phases/phase/", 14),
        ("/admin/phases/phase/?mangler=nn", 14),
        ("/admin/phases/milestone/", 14),
        ("/admin/phases/organisation/", 12),
        ("/admin/phases/dateentry/", 12),
    ],
)
def test_changelists_run_a_fixed_number_of_queries_with_many_objects(
    login, many, django_assert_max_num_queries, url, most
):
    client = login("kommunikasjon")
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200


def test_create_editor_adds_a_staff_user_to_the_group_without_printing_the_password(monkeypatch):
    monkeypatch.setenv("NEW_EDITOR_PASSWORD", "et-langt-og-hemmelig-passord-42")
    out = io.StringIO()
    call_command(
        "create_editor",
        "kari",
        "--group",
        "Kommunikasjon",
        "--email",
        "kari@example.no",
        "--password-from-env",
        "NEW_EDITOR_PASSWORD",
        stdout=out,
    )
    from django.contrib.auth.models import User

    kari = User.objects.get(username="kari")
    assert kari.is_staff and not kari.is_superuser
    assert [g.name for g in kari.groups.all()] == ["Kommunikasjon"]
    assert kari.check_password("et-langt-og-hemmelig-passord-42")
    assert "et-langt" not in out.getvalue()


def test_create_editor_refuses_a_weak_password(monkeypatch):
    from django.core.management.base import CommandError

    monkeypatch.setenv("WEAK", "123")
    with pytest.raises(CommandError, match="refused"):
        call_command("create_editor", "ola", "--group", "Analyse", "--password-from-env", "WEAK")


def test_create_demo_editor_refuses_without_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG=1"):
        call_command("create_demo_editor")


def test_create_demo_editor_makes_a_kommunikasjon_account_and_says_how_to_log_in(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("create_demo_editor", stdout=out)
    from django.contrib.auth.models import User

    user = User.objects.get(username="redaktor")
    password = re.search(r"with the password (\S+)", out.getvalue()).group(1)
    assert user.check_password(password)
    assert [g.name for g in user.groups.all()] == ["Kommunikasjon"]
    assert "http://127.0.0.1:" in out.getvalue()
    assert "/admin/" in out.getvalue()

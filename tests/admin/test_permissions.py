"""The permission matrix: every role against every admin page and every editorial action.

Roles: an anonymous visitor, the groups "Kommunikasjon" and "Analyse" (created by
a migration) and a superuser. Expected statuses are written out in one table per
kind of request, so a change to a role shows up as a changed row.
"""

import pytest
from django.utils import timezone

from phases.models import Phase
from tests.admin.conftest import ROLES

pytestmark = pytest.mark.django_db

LOGIN = 302  # anonymous visitors are sent to the login page
OK = 200
DENIED = 403

# page name -> (url builder, expected status per role in ROLES order)
PAGES = {
    "admin index": (lambda c: "/admin/", (LOGIN, OK, OK, OK)),
    "phase list": (lambda c: "/admin/phases/phase/", (LOGIN, OK, DENIED, OK)),
    "phase add": (lambda c: "/admin/phases/phase/add/", (LOGIN, OK, DENIED, OK)),
    "phase change": (
        lambda c: f"/admin/phases/phase/{c['phase'].pk}/change/",
        (LOGIN, OK, DENIED, OK),
    ),
    "phase history": (
        lambda c: f"/admin/phases/phase/{c['phase'].pk}/history/",
        (LOGIN, OK, DENIED, OK),
    ),
    "phase version (restore form)": (
        lambda c: (
            f"/admin/phases/phase/{c['phase'].pk}/history/"
            f"{c['phase'].history.earliest().history_id}/"
        ),
        (LOGIN, OK, DENIED, OK),
    ),
    "phase compare versions": (
        lambda c: (
            f"/admin/phases/phase/{c['phase'].pk}/historikk/sammenlign/"
            f"?fra={c['phase'].history.earliest().history_id}"
            f"&til={c['phase'].history.latest().history_id}"
        ),
        (LOGIN, OK, DENIED, OK),
    ),
    "delete published phase (confirmation)": (
        lambda c: f"/admin/phases/phase/{c['phase'].pk}/delete/",
        (LOGIN, DENIED, DENIED, OK),
    ),
    "delete draft phase (confirmation)": (
        lambda c: f"/admin/phases/phase/{c['draft'].pk}/delete/",
        (LOGIN, OK, DENIED, OK),
    ),
    "preview form": (lambda c: "/admin/phases/phase/forhandsvis/", (LOGIN, OK, DENIED, OK)),
    "preview of a page": (
        lambda c: "/admin/phases/phase/forhandsvis/?side=/fase/hemmelig/&sprak=nn",
        (LOGIN, OK, DENIED, OK),
    ),
    "milestone list": (lambda c: "/admin/phases/milestone/", (LOGIN, OK, DENIED, OK)),
    "milestone add": (lambda c: "/admin/phases/milestone/add/", (LOGIN, OK, DENIED, OK)),
    "milestone change": (
        lambda c: f"/admin/phases/milestone/{c['milestone'].pk}/change/",
        (LOGIN, OK, DENIED, OK),
    ),
    "milestone history": (
        lambda c: f"/admin/phases/milestone/{c['milestone'].pk}/history/",
        (LOGIN, OK, DENIED, OK),
    ),
    "delete published milestone (confirmation)": (
        lambda c: f"/admin/phases/milestone/{c['milestone'].pk}/delete/",
        (LOGIN, DENIED, DENIED, OK),
    ),
    "organisation list": (lambda c: "/admin/phases/organisation/", (LOGIN, OK, DENIED, OK)),
    "organisation add": (lambda c: "/admin/phases/organisation/add/", (LOGIN, OK, DENIED, OK)),
    "organisation change": (
        lambda c: f"/admin/phases/organisation/{c['organisation'].pk}/change/",
        (LOGIN, OK, DENIED, OK),
    ),
    "organisation history": (
        lambda c: f"/admin/phases/organisation/{c['organisation'].pk}/history/",
        (LOGIN, OK, DENIED, OK),
    ),
    "organisation autocomplete": (
        lambda c: (
            "/admin/autocomplete/?app_label=phases&model_name=milestone"
            "&field_name=organisations&term=Trond"
        ),
        (LOGIN, OK, DENIED, OK),
    ),
    "date history list": (lambda c: "/admin/phases/dateentry/", (LOGIN, OK, DENIED, OK)),
    "date history entry": (
        lambda c: f"/admin/phases/dateentry/{c['entry'].pk}/change/",
        (LOGIN, OK, DENIED, OK),
    ),
    "date history entry history": (
        lambda c: f"/admin/phases/dateentry/{c['entry'].pk}/history/",
        (LOGIN, OK, DENIED, OK),
    ),
    "feedback list": (lambda c: "/admin/feedback/feedback/", (LOGIN, OK, OK, OK)),
    "feedback statistics": (
        lambda c: "/admin/feedback/feedback/statistikk/",
        (LOGIN, OK, OK, OK),
    ),
    "feedback delete (confirmation)": (
        lambda c: f"/admin/feedback/feedback/{c['feedback'].pk}/delete/",
        (LOGIN, DENIED, DENIED, OK),
    ),
    "user list": (lambda c: "/admin/auth/user/", (LOGIN, DENIED, DENIED, OK)),
    "user add": (lambda c: "/admin/auth/user/add/", (LOGIN, DENIED, DENIED, OK)),
    "group list": (lambda c: "/admin/auth/group/", (LOGIN, DENIED, DENIED, OK)),
}

PAGE_CASES = [
    pytest.param(name, role, expected[index], id=f"{name} as {role}")
    for name, (_url, expected) in PAGES.items()
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("page", "role", "expected"), PAGE_CASES)
def test_each_role_gets_the_expected_status_on_each_admin_page(
    login, content, page, role, expected
):
    url = PAGES[page][0](content)
    response = login(role).get(url)
    assert response.status_code == expected
    if expected == LOGIN:
        assert response["Location"].startswith("/admin/login/")


def _action(client, model, action, obj):
    return client.post(
        f"/admin/phases/{model}/",
        {"action": action, "_selected_action": [obj.pk], "post": "yes"},
    )


# action -> expected outcome per role: True = it happened, False = refused
ACTIONS = {
    "publish a draft": (False, True, False, True),
    "unpublish a published phase": (False, True, False, True),
    "delete a published phase": (False, False, False, True),
    "delete a draft phase": (False, True, False, True),
    "delete a published phase with the list action": (False, False, False, True),
    "restore an earlier version": (False, True, False, True),
}


def _do(name, client, content):
    """Perform the action; return a function that says whether it happened."""
    phase, draft = content["phase"], content["draft"]
    if name == "publish a draft":
        _action(client, "phase", "publish_now", draft)
        return lambda: Phase.objects.get(pk=draft.pk).is_published(at=timezone.now())
    if name == "unpublish a published phase":
        _action(client, "phase", "unpublish_now", phase)
        return lambda: not Phase.objects.get(pk=phase.pk).is_published(at=timezone.now())
    if name == "delete a published phase":
        content["milestone"].delete()  # PROTECT would refuse for another reason
        client.post(f"/admin/phases/phase/{phase.pk}/delete/", {"post": "yes"})
        return lambda: not Phase.objects.filter(pk=phase.pk).exists()
    if name == "delete a draft phase":
        client.post(f"/admin/phases/phase/{draft.pk}/delete/", {"post": "yes"})
        return lambda: not Phase.objects.filter(pk=draft.pk).exists()
    if name == "delete a published phase with the list action":
        content["milestone"].delete()
        _action(client, "phase", "delete_selected", phase)
        return lambda: not Phase.objects.filter(pk=phase.pk).exists()
    if name == "restore an earlier version":
        first = phase.history.earliest()
        phase.title_nb = "Feil tittel"
        phase.save()
        url = f"/admin/phases/phase/{phase.pk}/history/{first.history_id}/"
        form = client.get(url)
        if form.status_code != 200:
            client.post(url, {})
            return lambda: Phase.objects.get(pk=phase.pk).title_nb == "Forberedelsesfase"
        data = _form_data(form)
        client.post(url, data)
        return lambda: Phase.objects.get(pk=phase.pk).title_nb == "Forberedelsesfase"
    raise AssertionError(name)


def _form_data(response):
    """Return the values of the admin form as the browser would submit them."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if hasattr(value, "isoformat"):
            # Split date/time widgets submit two parts.
            local = timezone.localtime(value) if hasattr(value, "hour") else value
            data[f"{name}_0"] = local.strftime("%Y-%m-%d")
            data[f"{name}_1"] = local.strftime("%H:%M:%S")
            continue
        data[name] = field.prepare_value(value) if name == "period" else value
    data["_save"] = "1"
    return data


ACTION_CASES = [
    pytest.param(name, role, expected[index], id=f"{name} as {role}")
    for name, expected in ACTIONS.items()
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("action", "role", "happens"), ACTION_CASES)
def test_each_role_may_do_exactly_the_editorial_actions_it_should(
    login, content, action, role, happens
):
    client = login(role)
    happened = _do(action, client, content)
    assert happened() is happens

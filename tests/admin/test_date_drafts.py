"""Date changes with review: a new line is a draft, previewed, published, then only corrected."""

import pytest

from phases.models import DateEntry, in_force
from tests.admin.test_editing import _add_revision, _milestone_form
from tests.phases.factories import make_entry, make_milestone

pytestmark = pytest.mark.django_db


def test_a_new_line_added_in_the_admin_starts_as_a_draft_hidden_from_the_public(editor, content):
    milestone = content["milestone"]
    url, data = _milestone_form(editor, milestone)
    response = editor.post(url, _add_revision(data, period="mai 2022"))
    assert response.status_code == 302
    revision = milestone.date_entries.get(kind="revision")
    assert revision.draft is True
    assert "mai 2022" not in editor.get("/fase/forberedelse/").content.decode()
    assert "mai 2022" not in editor.get("/endringer/").content.decode()


def test_the_preview_shows_the_page_with_the_draft_line_in_place(editor, content):
    make_entry(content["milestone"], "revision", "mai 2022", draft=True, reason_nb="Utsatt")
    preview = editor.get("/admin/phases/phase/forhandsvis/", {"side": "/fase/forberedelse/"})
    html = preview.content.decode()
    assert "mai 2022" in html
    assert "Utsatt" in html


def test_ticking_publish_now_publishes_the_line_on_its_own(editor, content):
    milestone = content["milestone"]
    url, data = _milestone_form(editor, milestone)
    data = _add_revision(data, period="mai 2022")
    index = int(data["date_entries-TOTAL_FORMS"]) - 1
    data[f"date_entries-{index}-publish_now"] = "on"
    assert editor.post(url, data).status_code == 302
    assert milestone.date_entries.get(kind="revision").draft is False
    assert "mai 2022" in editor.get("/fase/forberedelse/").content.decode()


def test_draft_lines_are_published_with_their_milestone(editor, content):
    milestone = make_milestone(phase=content["phase"], slug="ny", publish_at=None)
    entry = make_entry(milestone, "original", "mars 2023", draft=True)
    response = editor.post(
        "/admin/phases/milestone/",
        {"action": "publish_now", "_selected_action": [milestone.pk]},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.draft is False
    assert entry.history.latest().history_change_reason.startswith("Publisert sammen med")


def test_a_published_line_cannot_be_edited_by_a_forged_post(editor, content):
    entry = content["entry"]
    url = f"/admin/phases/dateentry/{entry.pk}/change/"
    editor.post(url, {"period": "2030", "kind": "revision", "reason_nb": "Forfalsket"})
    entry.refresh_from_db()
    assert str(entry.period) == "november 2021"
    assert not entry.reason_nb


def test_a_correction_is_filled_in_from_the_line_it_corrects(editor, content):
    entry = content["entry"]
    response = editor.get("/admin/phases/dateentry/add/", {"retter": entry.pk})
    form = response.context["adminform"].form
    assert form.initial["corrects"] == entry.pk
    assert form.initial["milestone"] == content["milestone"].pk
    assert str(form.initial["period"]) == "november 2021"


def test_a_correction_takes_the_place_of_the_line_it_corrects(content):
    milestone = content["milestone"]
    original = content["entry"]
    later = make_entry(milestone, "revision", "mai 2022")
    correction = make_entry(milestone, "original", "desember 2021", corrects=original)
    lines = in_force(milestone.date_entries.all())
    assert lines == [correction, later]
    dates = type(milestone).objects.get(pk=milestone.pk).dates
    assert str(dates.original) == "desember 2021"
    assert str(dates.planned) == "mai 2022"


def test_the_change_log_shows_a_correction_as_a_correction(client, content):
    original = content["entry"]
    make_entry(
        content["milestone"],
        "original",
        "desember 2021",
        corrects=original,
        reason_nb="Feil måned i kilden",
    )
    html = client.get("/endringer/").content.decode()
    assert "Rettelse" in html
    assert "Feil måned i kilden" in html
    assert "november 2021" in html  # what it corrects is named
    assert "Ny plan" not in html


def test_a_draft_correction_leaves_the_public_dates_as_they_were(client, content):
    make_entry(
        content["milestone"], "original", "desember 2021", corrects=content["entry"], draft=True
    )
    html = client.get("/fase/forberedelse/").content.decode()
    assert "desember 2021" not in html
    assert "november 2021" in html


def test_a_correction_of_another_milestones_line_is_refused(content):
    other = make_milestone(phase=content["phase"], slug="annen")
    correction = DateEntry(milestone=other, kind="original", corrects=content["entry"])
    correction.period = content["entry"].period
    with pytest.raises(Exception, match="samme fase eller milepæl"):
        correction.full_clean()

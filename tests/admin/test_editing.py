"""Editing in the admin: typed periods, the add-only date history, publishing, history and restore."""

import datetime
import re

import pytest
from django.utils import timezone

from phases.models import DateEntry, Phase
from phases.periods import Period
from phases.publication import describe
from tests.admin.test_permissions import _form_data

pytestmark = pytest.mark.django_db


def _milestone_form(client, milestone):
    url = f"/admin/phases/milestone/{milestone.pk}/change/"
    response = client.get(url)
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, datetime.datetime):
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = f"{local:%Y-%m-%d}", f"{local:%H:%M:%S}"
        elif isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = value
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for inline_form in formset.formset.initial_forms:
            data[f"{inline_form.prefix}-id"] = inline_form.instance.pk
            data[f"{inline_form.prefix}-milestone"] = milestone.pk
    return url, data


def _add_revision(data, *, period, reason="Utsatt etter testing", kind="revision"):
    prefix = "date_entries"
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    data.update(
        {
            f"{prefix}-{index}-kind": kind,
            f"{prefix}-{index}-period": period,
            f"{prefix}-{index}-reason_nb": reason,
            f"{prefix}-{index}-decided_on": "2022-01-14",
            f"{prefix}-{index}-decided_on_precision": "day",
            f"{prefix}-{index}-source_url": "https://helse-midt.no/nyheter/utsatt",
            f"{prefix}-{index}-source_title": "Innføringen utsettes",
            f"{prefix}-{index}-source_language": "nb",
        }
    )
    return data


def test_a_revision_is_added_as_a_new_entry_and_the_old_plan_stays(editor, content):
    milestone, original = content["milestone"], content["entry"]
    url, data = _milestone_form(editor, milestone)
    response = editor.post(url, _add_revision(data, period="mai 2022"))
    assert response.status_code == 302, response.context and response.context["errors"]
    entries = list(milestone.date_entries.order_by("id"))
    assert [entry.kind for entry in entries] == ["original", "revision"]
    assert str(entries[0].period) == "november 2021"
    assert str(entries[1].period) == "mai 2022"
    assert entries[1].sort_date == datetime.date(2022, 5, 1)
    assert entries[1].reason_nb == "Utsatt etter testing"
    assert DateEntry.objects.get(pk=original.pk).period == Period.parse("november 2021")


def test_existing_date_entries_are_read_only_in_the_inline(editor, content):
    url, data = _milestone_form(editor, content["milestone"])
    html = editor.get(url).content.decode()
    assert 'name="date_entries-0-period"' not in html
    assert "november 2021" in html
    # A forged edit of the old line is ignored.
    data["date_entries-0-period"] = "2030"
    editor.post(url, data)
    assert str(DateEntry.objects.get(pk=content["entry"].pk).period) == "november 2021"


@pytest.mark.parametrize(
    ("typed", "code", "message"),
    [
        ("", "empty", "Skriv en dato eller en periode"),
        ("snart", "unreadable", "Vi klarte ikke å lese dette"),
        ("høst", "missing_year", "Legg til et årstall"),
        ("1800", "year_out_of_range", "Årstallet må være mellom"),
        ("30. februar 2022", "invalid_date", "Denne datoen finnes ikke"),
        ("desember–februar 2022", "end_before_start", "Slutten av perioden kommer før starten"),
    ],
)
def test_a_period_the_parser_cannot_read_is_refused_with_a_norwegian_message(
    editor, content, typed, code, message
):
    url, data = _milestone_form(editor, content["milestone"])
    response = editor.post(url, _add_revision(data, period=typed))
    assert response.status_code == 200
    (formset,) = (
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "date_entries"
    )
    errors = formset.forms[-1].errors.as_data()["period"]
    assert [error.code for error in errors] == [code]
    assert message in response.content.decode()
    assert content["milestone"].date_entries.count() == 1


def test_a_new_phase_gets_its_period_from_the_typed_period(editor):
    response = editor.post(
        "/admin/phases/phase/add/",
        {
            "title_nb": "Ny fase",
            "slug": "ny-fase",
            "period": "april–august 2019",
            "date_entries-TOTAL_FORMS": 0,
            "date_entries-INITIAL_FORMS": 0,
            "publiserte_datoer-TOTAL_FORMS": 0,
            "publiserte_datoer-INITIAL_FORMS": 0,
            "milestones-TOTAL_FORMS": 0,
            "milestones-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.context["errors"]
    phase = Phase.objects.get(slug="ny-fase")
    assert phase.period == Period.parse("april–august 2019")
    assert phase.sort_date == datetime.date(2019, 4, 1)
    assert phase.publish_at is None  # a draft until published


@pytest.mark.parametrize(
    ("publish", "unpublish", "expected"),
    [
        (None, None, "Utkast"),
        ("2026-11-25T13:05:00+00:00", None, "Planlagt publisert 25.11. kl. 14:05"),
        (
            "2026-11-25T13:05:00+00:00",
            "2026-11-26T13:05:00+00:00",
            "Planlagt publisert 25.11. kl. 14:05",
        ),
        ("2020-01-01T00:00:00+00:00", None, "Publisert"),
        (
            "2020-01-01T00:00:00+00:00",
            "2026-12-01T11:00:00+00:00",
            "Publisert, avpubliseres 1.12. kl. 12:00",
        ),
        ("2020-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00", "Avpublisert"),
    ],
)
def test_the_publishing_state_is_described_in_words(publish, unpublish, expected):
    at = datetime.datetime(2026, 11, 25, 12, 0, tzinfo=datetime.UTC)
    parse = datetime.datetime.fromisoformat
    assert (
        describe(
            publish_at=parse(publish) if publish else None,
            unpublish_at=parse(unpublish) if unpublish else None,
            at=at,
        )
        == expected
    )


def test_publish_now_makes_a_draft_public_at_once_and_records_who(editor, content, client):
    draft = content["draft"]
    editor.post("/admin/phases/phase/", {"action": "publish_now", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published(at=timezone.now())
    latest = draft.history.latest()
    assert latest.history_user.username == "kommunikasjon"
    assert latest.history_change_reason == "Publisert nå"


def test_a_scheduled_phase_appears_on_the_public_page_when_its_time_comes(content, client, clock):
    draft = content["draft"]
    draft.publish_at = clock.moment + datetime.timedelta(minutes=5)
    draft.save()
    assert client.get("/fase/hemmelig/").status_code == 404
    clock.advance(minutes=6)
    assert client.get("/fase/hemmelig/").status_code == 200


def test_the_phase_list_says_which_languages_are_missing_and_filters_by_them(editor, content):
    html = editor.get("/admin/phases/phase/").content.decode()
    assert "engelsk" in html
    only_nn_missing = editor.get("/admin/phases/phase/", {"mangler": "nn"}).content.decode()
    assert "Hemmelig fase" in only_nn_missing
    assert "Forberedelsesfase" not in only_nn_missing
    assert (
        "Forberedelsesfase"
        in editor.get("/admin/phases/phase/", {"mangler": "en"}).content.decode()
    )


def test_the_admin_shows_how_much_published_text_exists_in_nynorsk(editor, content):
    # Published texts: the phase (has Nynorsk) and the milestone (has not); the draft does not count.
    for url in ("/admin/", "/admin/phases/phase/", "/admin/phases/milestone/"):
        html = editor.get(url).content.decode()
        assert re.search(r"Nynorsk:</strong>\s*1 av 2 publiserte tekster", html), url


def test_restoring_an_earlier_version_brings_back_every_language_and_is_recorded(editor, content):
    phase = content["phase"]
    first = phase.history.latest()
    phase.title_nn = "Førebuingsfasa med skrivefeil"
    phase.title_en = "Preparation"
    phase.save()
    url = f"/admin/phases/phase/{phase.pk}/history/{first.history_id}/"
    response = editor.post(url, _form_data(editor.get(url)))
    assert response.status_code == 302
    phase.refresh_from_db()
    assert phase.title_nn == "Førebuingsfase"
    assert not phase.title_en
    restore = phase.history.latest()
    assert restore.history_user.username == "kommunikasjon"
    assert restore.history_change_reason == f"Gjenopprettet versjon {first.history_id}"
    assert restore.history_type == "~"


def test_the_comparison_shows_changed_fields_per_language_and_the_period(editor, content):
    phase = content["phase"]
    older = phase.history.latest()
    phase.title_nn = "Førebuingsfasen"
    phase.period = Period.parse("mai 2022")
    phase.save()
    newer = phase.history.latest()
    response = editor.get(
        f"/admin/phases/phase/{phase.pk}/historikk/sammenlign/",
        {"fra": older.history_id, "til": newer.history_id},
    )
    rows = response.context["rows"]
    assert {"label": "tittel (nynorsk)", "old": "Førebuingsfase", "new": "Førebuingsfasen"} in rows
    assert {"label": "periode", "old": "høst 2021", "new": "mai 2022"} in rows
    assert "sorteringsdato" not in [row["label"] for row in rows]  # derived, not a change
    assert "tittel (bokmål)" not in [row["label"] for row in rows]


def test_the_history_of_a_date_entry_is_kept(editor, content):
    entry = content["entry"]
    response = editor.get(f"/admin/phases/dateentry/{entry.pk}/history/")
    assert response.status_code == 200
    assert entry.history.count() == 1


def test_a_published_date_entry_page_is_read_only_and_offers_a_correction(editor, content):
    entry = content["entry"]
    html = editor.get(f"/admin/phases/dateentry/{entry.pk}/change/").content.decode()
    for name in ("reason_nb", "reason_nn", "period", "kind"):
        assert f'name="{name}"' not in html
    assert f"/admin/phases/dateentry/add/?retter={entry.pk}" in html


def test_a_moved_date_line_is_one_period_change_in_its_milestones_history(editor, content):
    milestone = content["milestone"]
    draft = DateEntry(milestone=milestone, kind="revision", draft=True)
    draft.period = Period.parse("fra høst 2027")
    draft.save()
    draft.period = Period.parse("7.–12. mai 2028")
    draft.save()
    response = editor.get(f"/admin/phases/milestone/{milestone.pk}/history/")
    assert response.status_code == 200
    (moved,) = [
        row
        for row in response.context["history_rows"]
        if row.is_date_line and row.action == "Endret"
    ]
    assert moved.changes == [{"label": "periode", "old": "fra høst 2027", "new": "7.–12. mai 2028"}]
    assert "7.–12. mai 2028" in response.content.decode()

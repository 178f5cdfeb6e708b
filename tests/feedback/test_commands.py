"""The management commands: scrub, rescrub_feedback and purge_feedback."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from feedback.models import Feedback
from tests.feedback.helpers import FNR, make_feedback


def run(name: str, *args, stdin: str | None = None, **options) -> str:
    out = io.StringIO()
    if stdin is not None:
        options["stdin"] = io.StringIO(stdin)
    call_command(name, *args, stdout=out, **options)
    return out.getvalue()


def test_scrub_turns_a_json_list_into_the_scrubbed_list():
    given = [f"Fnr {FNR}", "Ring 912 34 567", "Ingenting personlig her, 2024–2025", ""]
    assert json.loads(run("scrub", stdin=json.dumps(given))) == [
        "Fnr [fødselsnummer fjernet]",
        "Ring [telefonnummer fjernet]",
        "Ingenting personlig her, 2024–2025",
        "",
    ]


def test_scrub_writes_norwegian_letters_as_they_are():
    assert run("scrub", stdin='["Kåre på Ørland"]').strip() == '["Kåre på Ørland"]'


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("not json", "stdin is not valid JSON"),
        ("", "stdin is not valid JSON"),
        ('{"a": "b"}', "Expected a JSON list of strings"),
        ('["ok", 3]', "Expected a JSON list of strings"),
        ('"one string"', "Expected a JSON list of strings"),
    ],
)
def test_scrub_explains_what_it_expected(stdin, message):
    with pytest.raises(CommandError, match=message):
        run("scrub", stdin=stdin)


@pytest.fixture
def stored_with_an_older_scrubber(db):
    """Two comments as an older, weaker scrubber left them (written past save(), as it was)."""
    clean = make_feedback(comment="Fant ikke datoen")
    old = make_feedback(comment="Ingenting")
    Feedback.objects.filter(pk=old.pk).update(comment=f"Fnr {FNR}, ring 912 34 567")
    return clean, old


def test_rescrub_applies_the_current_scrubber_and_counts_what_changed(
    stored_with_an_older_scrubber,
):
    _clean, old = stored_with_an_older_scrubber
    output = run("rescrub_feedback")

    assert output.strip() == "1 of 2 comments changed (fodselsnummer: 1, telefonnummer: 1)."
    old.refresh_from_db()
    assert old.comment == "Fnr [fødselsnummer fjernet], ring [telefonnummer fjernet]"
    assert old.removed == {"fodselsnummer": 1, "telefonnummer": 1}
    assert run("rescrub_feedback").strip() == "0 of 2 comments changed."


def test_rescrub_dry_run_counts_but_changes_nothing(stored_with_an_older_scrubber):
    _clean, old = stored_with_an_older_scrubber
    output = run("rescrub_feedback", "--dry-run")
    assert output.strip() == "1 of 2 comments would change (fodselsnummer: 1, telefonnummer: 1)."
    old.refresh_from_db()
    assert FNR in old.comment


def test_rescrub_removes_the_names_an_older_scrubber_left_and_keeps_a_sign_off_by_role(db):
    signed = make_feedback(comment="Ingenting")
    by_role = make_feedback(comment="Hilsen en pårørende")
    # As the scrubber before issue 17 left them: a name after a dash, a role it had removed.
    Feedback.objects.filter(pk=signed.pk).update(comment="Takk for svar.\n– Per")
    output = run("rescrub_feedback")
    assert output.strip() == "1 of 2 comments changed (navn: 1)."
    signed.refresh_from_db()
    by_role.refresh_from_db()
    assert signed.comment == "Takk for svar.\n– [navn fjernet]"
    assert by_role.comment == "Hilsen en pårørende"


@pytest.fixture
def old_and_new(db, settings):
    settings.FEEDBACK_RETENTION_DAYS = 365
    now = timezone.now()
    old = make_feedback(created=now - timezone.timedelta(days=400))
    recent = make_feedback(created=now - timezone.timedelta(days=100))
    return old, recent


def test_purge_deletes_feedback_older_than_the_retention_period(old_and_new):
    _old, recent = old_and_new
    output = run("purge_feedback")
    assert output.startswith("Deleted 1 feedback entries older than 365 days")
    assert list(Feedback.objects.all()) == [recent]


def test_purge_dry_run_deletes_nothing(old_and_new):
    assert run("purge_feedback", "--dry-run").startswith("Would delete 1 feedback entries")
    assert Feedback.objects.count() == 2


def test_purge_days_overrides_the_setting(old_and_new):
    assert run("purge_feedback", "--days", "30").startswith(
        "Deleted 2 feedback entries older than 30 days"
    )
    assert not Feedback.objects.exists()


def test_purge_refuses_a_period_shorter_than_a_day(db):
    with pytest.raises(CommandError, match="at least 1"):
        run("purge_feedback", "--days", "0")

"""Feedback.save() is the choke point: it scrubs, normalises the page and cuts the time."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone, translation

from feedback.models import Feedback, normalise_page, truncate_to_minute
from tests.feedback.helpers import FNR, PERSONAL_COMMENT, RAW_PIECES, at, make_feedback


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("/", "/"),
        ("/endringer/", "/endringer/"),
        ("/nn/virksomheter/?type=kommune", "/nn/virksomheter/"),
        ("/en/#tilbakemelding", "/en/"),
        ("/endringer/?tilbakemelding=takk#tilbakemelding", "/endringer/"),
        ("endringer/", "/"),
        ("", "/"),
        # Only the path part is kept (the view has already refused other hosts).
        ("//evil.example/x", "/x"),
        ("https://evil.example/x", "/x"),
        ("/" + "a" * 400, "/" + "a" * 254),
    ],
)
def test_it_normalises_the_page_to_a_path(given, stored):
    assert normalise_page(given) == stored


@pytest.mark.parametrize(
    ("moment", "truncated"),
    [
        (
            datetime.datetime(2024, 5, 30, 12, 34, 56, 789, tzinfo=datetime.UTC),
            datetime.datetime(2024, 5, 30, 12, 34, tzinfo=datetime.UTC),
        ),
        (
            datetime.datetime(2024, 5, 30, 12, 34, tzinfo=datetime.UTC),
            datetime.datetime(2024, 5, 30, 12, 34, tzinfo=datetime.UTC),
        ),
    ],
)
def test_it_cuts_the_time_to_the_minute(moment, truncated):
    assert truncate_to_minute(moment) == truncated


@pytest.mark.django_db
def test_recording_scrubs_normalises_and_cuts_before_writing():
    feedback = make_feedback(
        page="/endringer/?q=x#y",
        comment=PERSONAL_COMMENT,
        created=at(2024, 5, 30, 12, 34).replace(second=56, microsecond=1),
    )
    feedback.refresh_from_db()

    assert feedback.page == "/endringer/"
    assert feedback.created == at(2024, 5, 30, 12, 34)
    for piece in RAW_PIECES:
        assert piece not in feedback.comment
    assert sum(feedback.removed.values()) == 3


@pytest.mark.django_db
def test_personal_data_typed_into_an_address_is_removed_from_the_stored_page():
    feedback = make_feedback(page="/kari.nordmann@example.no/?tlf=91234567")
    assert feedback.page == "/[e-post fjernet]/"
    assert make_feedback(page="/virksomheter/2024/").page == "/virksomheter/2024/"


@pytest.mark.django_db
def test_any_save_scrubs_so_no_admin_or_command_can_skip_it():
    feedback = make_feedback(comment="Fant ikke datoen")
    feedback.comment = f"Mitt fnr er {FNR}"
    feedback.save()
    feedback.refresh_from_db()
    assert feedback.comment == "Mitt fnr er [fødselsnummer fjernet]"
    assert feedback.removed == {"fodselsnummer": 1}


@pytest.mark.django_db
def test_saving_again_is_idempotent_and_counts_nothing_twice():
    feedback = make_feedback(comment=PERSONAL_COMMENT)
    comment, removed = feedback.comment, dict(feedback.removed)
    feedback.save()
    feedback.save()
    feedback.refresh_from_db()
    assert (feedback.comment, feedback.removed) == (comment, removed)


@pytest.mark.django_db
def test_a_comment_without_personal_data_is_stored_byte_for_byte():
    comment = "Fant ikke når St. Olavs hospital går over, 2022–2023? Versjon 2.1, 45 % ferdig."
    assert make_feedback(comment=comment).comment == comment


@pytest.mark.django_db
def test_the_database_refuses_an_unknown_answer_even_around_the_form():
    with pytest.raises(IntegrityError):
        Feedback.objects.record(page="/", language="nb", answer="nja", now=timezone.now())


def test_its_text_never_shows_the_comment():
    feedback = Feedback(page="/", answer="no", comment=PERSONAL_COMMENT)
    # In Bokmål whatever language an earlier test's request left active.
    with translation.override("nb"):
        assert str(feedback) == "Nei – /"


@pytest.mark.django_db
def test_older_than_and_between_select_by_time():
    old = make_feedback(created=at(2024, 1, 1))
    new = make_feedback(created=at(2024, 6, 1))
    now = at(2024, 6, 2)
    assert list(Feedback.objects.older_than(days=30, now=now)) == [old]
    assert list(
        Feedback.objects.between(start=datetime.date(2024, 5, 1), end=datetime.date(2024, 6, 1))
    ) == [new]


@pytest.mark.django_db
def test_between_includes_both_days_whole_in_local_time():
    first = make_feedback(created=at(2024, 5, 27, 0, 0))
    last = make_feedback(created=at(2024, 6, 2, 23, 59))
    make_feedback(created=at(2024, 5, 26, 23, 59))
    make_feedback(created=at(2024, 6, 3, 0, 0))
    chosen = Feedback.objects.between(
        start=datetime.date(2024, 5, 27), end=datetime.date(2024, 6, 2)
    )
    assert set(chosen) == {first, last}

"""The server-side page cache: invalidated by every write, on its own, and by the clock.

The pages here come from ``tests/serving/urls.py``, which lists the public phases
through ``Phase.objects.published(at=timezone.now())``; the clock is the ``clock``
fixture, which every ``timezone.now()`` call reads. No test invalidates by hand:
each change goes through the model or the ORM as an editor's would, so a test
fails when a write stops bumping the content version.
"""

import datetime
from io import StringIO

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from helseplattform import caching, content
from helseplattform.models import ContentVersion
from phases.models import Milestone, Organisation, Phase
from phases.periods import Period, Point

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.serving.urls")]


def make_phase(title: str, **fields) -> Phase:
    position = Phase.objects.count() + 1
    # Bokmål explicitly: modeltranslation would write the language the last request activated.
    return Phase.objects.create(
        slug=f"fase-{position}",
        title_nb=title,
        period=Period(start=Point(year=2020)),
        position=position,
        **fields,
    )


def move_local_clock(monkeypatch, seconds: float) -> None:
    """Let this process's copies (content state, cache retries) age by ``seconds``."""
    start = content.monotonic()
    monkeypatch.setattr(content, "monotonic", lambda: start + seconds)
    monkeypatch.setattr(caching, "monotonic", lambda: start + seconds)


def refuse_database(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise OperationalError("the database is down")

    monkeypatch.setattr(connection, "cursor", refuse)


def test_a_publish_is_visible_on_the_next_request(client, clock):
    phase = make_phase("Innføringsfase")
    assert b"Innf" not in client.get("/faser/").content
    phase.publish_at = clock.moment
    phase.save()
    assert "Innføringsfase" in client.get("/faser/").content.decode()


def test_an_unpublish_is_visible_on_the_next_request(client, clock):
    phase = make_phase("Forberedelsesfase", publish_at=clock.moment)
    assert "Forberedelsesfase" in client.get("/nn/faser/").content.decode()
    phase.unpublish_at = clock.moment
    phase.save()
    assert "Forberedelsesfase" not in client.get("/nn/faser/").content.decode()


def test_without_a_write_through_the_models_the_stored_page_is_served(client, clock):
    # Proves the page really is stored: the database changed, the page did not.
    make_phase("Forberedelsesfase", publish_at=clock.moment)
    client.get("/faser/")
    Phase.objects.update(title_nb="Endret bak ryggen på cachen")
    assert "Forberedelsesfase" in client.get("/faser/").content.decode()


def test_a_bulk_delete_is_visible_on_the_next_request(client, clock):
    make_phase("Forberedelsesfase", publish_at=clock.moment)
    assert "Forberedelsesfase" in client.get("/faser/").content.decode()
    Phase.objects.all().delete()
    assert "Forberedelsesfase" not in client.get("/faser/").content.decode()


def test_a_many_to_many_change_makes_every_page_new(client, clock):
    phase = make_phase("Fase", publish_at=clock.moment)
    milestone = Milestone.objects.create(phase=phase, slug="go-live", title_nb="Go-live")
    organisation = Organisation.objects.create(
        name="Trondheim kommune", slug="trondheim", kind=Organisation.Kind.MUNICIPALITY
    )
    before = client.get("/faser/")["ETag"]
    milestone.organisations.add(organisation)
    assert client.get("/faser/")["ETag"] != before


def test_a_management_command_makes_every_page_new(client, clock):
    before = client.get("/faser/")["ETag"]
    call_command("load_content", stdout=StringIO())
    assert client.get("/faser/")["ETag"] != before


def test_the_version_is_written_in_the_transaction_of_the_change(clock):
    make_phase("Fase")
    before = content.stored_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_phase("Rullet tilbake")
        assert content.stored_version() == before + 1
        raise RuntimeError("the editor's save failed")
    assert content.stored_version() == before


def test_a_publish_by_another_process_is_seen_within_a_second(client, clock, monkeypatch):
    make_phase("Forberedelsesfase", publish_at=clock.moment)
    client.get("/faser/")
    # What a save in another process leaves behind: new rows and a higher version.
    Phase.objects.update(title_nb="Publisert i en annen prosess")
    ContentVersion.objects.update(version=F("version") + 1)

    move_local_clock(monkeypatch, content.TRUST_SECONDS - 0.1)
    assert "Forberedelsesfase" in client.get("/faser/").content.decode()
    move_local_clock(monkeypatch, content.TRUST_SECONDS + 0.1)
    assert "Publisert i en annen prosess" in client.get("/faser/").content.decode()


def test_every_process_computes_the_same_etag(client, clock):
    make_phase("Fase", publish_at=clock.moment)
    first = client.get("/faser/")["ETag"]
    # Another process: no copies of its own, an empty shared cache.
    content.content_clock.forget()
    caching.local_pages.forget()
    caches["default"].clear()
    assert client.get("/faser/")["ETag"] == first


def test_a_scheduled_publish_becomes_visible_at_its_moment(client, clock):
    moment = clock.moment + datetime.timedelta(minutes=5)
    make_phase("Planlagt fase", publish_at=moment)

    clock.set(moment - datetime.timedelta(seconds=1))
    before = client.get("/en/faser/")
    assert "Planlagt fase" not in before.content.decode()
    # Shared caches must not keep the page past the moment either.
    assert "s-maxage=1," in before["Cache-Control"]

    clock.set(moment)
    after = client.get("/en/faser/")
    assert "Planlagt fase" in after.content.decode()
    assert after["ETag"] != before["ETag"]


def test_a_scheduled_unpublish_takes_effect_at_its_moment(client, clock):
    moment = clock.moment + datetime.timedelta(hours=2)
    make_phase("Avsluttet fase", publish_at=clock.moment, unpublish_at=moment)
    assert "Avsluttet fase" in client.get("/faser/").content.decode()
    clock.set(moment)
    assert "Avsluttet fase" not in client.get("/faser/").content.decode()


def test_a_client_holding_the_old_etag_gets_the_new_page_after_a_publish(client, clock):
    etag = client.get("/faser/")["ETag"]
    make_phase("Ny fase", publish_at=clock.moment)
    response = client.get("/faser/", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "Ny fase" in response.content.decode()


def test_every_page_changes_version_at_midnight_in_oslo(client, clock):
    # Statuses ("under way", "done") are derived from today's date in Europe/Oslo.
    clock.set(timezone.make_aware(datetime.datetime(2026, 11, 25, 23, 59, 59)))
    before = client.get("/faser/")
    assert "s-maxage=1," in before["Cache-Control"]
    clock.set(timezone.make_aware(datetime.datetime(2026, 11, 26, 0, 0)))
    assert client.get("/faser/")["ETag"] != before["ETag"]


def test_the_schedule_is_read_only_when_something_changes(client, clock, django_assert_num_queries):
    client.get("/faser/")
    # Another URL and another language: a miss renders the page, but the content
    # state is not rebuilt, so the only query is the view's.
    with django_assert_num_queries(1):
        client.get("/nn/faser/")
    clock.advance(minutes=30)
    with django_assert_num_queries(0):
        client.get("/faser/")


def test_the_scheduled_moments_around_now_are_the_nearest_publish_or_unpublish(clock):
    now = clock.moment
    phase = make_phase("Fase", publish_at=now - datetime.timedelta(hours=1))
    Organisation.objects.create(
        name="Trondheim kommune",
        slug="trondheim-kommune",
        kind=Organisation.Kind.MUNICIPALITY,
        publish_at=now + datetime.timedelta(hours=5),
    )
    Milestone.objects.create(
        phase=phase,
        slug="go-live",
        title_nb="Go-live",
        publish_at=now - datetime.timedelta(days=1),
        unpublish_at=now + datetime.timedelta(hours=3),
    )
    assert content.scheduled_moments(now=now) == (
        now - datetime.timedelta(hours=1),
        now + datetime.timedelta(hours=3),
    )


def test_the_scheduled_moments_are_midnights_when_nothing_is_scheduled_today(clock):
    make_phase("Fase", publish_at=clock.moment + datetime.timedelta(days=3))
    assert content.scheduled_moments(now=clock.moment) == (
        timezone.make_aware(datetime.datetime(2026, 11, 25, 0, 0)),
        timezone.make_aware(datetime.datetime(2026, 11, 26, 0, 0)),
    )


def test_a_preview_is_never_cached(client, admin_client, clock):
    # The real staff preview of the real timeline, between two public requests to it.
    make_phase("Synlig fase", publish_at=clock.moment)
    make_phase("Utkastfase")
    assert "Utkastfase" not in client.get("/").content.decode()  # the public page, now cached
    preview = admin_client.get("/admin/phases/phase/forhandsvis/", {"side": "/"})
    assert "Utkastfase" in preview.content.decode()  # not the cached public page
    assert "no-store" in preview["Cache-Control"]
    assert "public" not in preview["Cache-Control"]
    assert "ETag" not in preview
    public = client.get("/")
    assert "Utkastfase" not in public.content.decode()  # the preview was not stored for the public
    assert "public" in public["Cache-Control"]


def test_a_staff_request_never_reaches_or_fills_the_cache(client, admin_client, clock):
    make_phase("Fase", publish_at=clock.moment)
    staff = admin_client.get("/faser/")
    assert "no-store" in staff["Cache-Control"]
    public = client.get("/faser/")
    assert "public" in public["Cache-Control"]


def test_an_error_page_is_never_cached(client):
    client.raise_request_exception = False
    response = client.get("/feil/")
    assert response.status_code == 500
    assert "public" not in response.get("Cache-Control", "")
    assert "ETag" not in response


def test_a_page_that_varies_on_a_header_is_never_stored_here(client, clock):
    first = client.get("/varierer/")
    assert first["Vary"] == "X-Variant"
    assert "public" in first["Cache-Control"]  # nginx honours Vary; it may keep it
    assert caches["default"].get(caching.page_key(first.wsgi_request, language="nb")) is None


def test_the_cached_pages_keep_being_served_while_the_database_is_down(client, clock, monkeypatch):
    make_phase("Forberedelsesfase", publish_at=clock.moment)
    client.get("/faser/")
    refuse_database(monkeypatch)
    for minutes in (1, 11):
        clock.advance(minutes=minutes)
        move_local_clock(monkeypatch, 60 * minutes)
        response = client.get("/faser/")
        assert response.status_code == 200
        assert "Forberedelsesfase" in response.content.decode()


def test_the_last_good_copy_is_served_while_the_database_is_down(client, clock, monkeypatch):
    phase = make_phase("Forberedelsesfase", publish_at=clock.moment)
    assert "Forberedelsesfase" in client.get("/faser/").content.decode()
    phase.title_nb = "Ny tittel"
    phase.save()  # the stored page is now outdated
    refuse_database(monkeypatch)
    response = client.get("/faser/")
    assert response.status_code == 200
    assert "Forberedelsesfase" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/faser/", "Siden er midlertidig utilgjengelig"),
        ("/nn/faser/", "Sida er mellombels utilgjengeleg"),
        ("/en/faser/", "The page is temporarily unavailable"),
    ],
)
def test_a_page_never_stored_answers_503_in_its_language_while_the_database_is_down(
    client, clock, monkeypatch, url, message
):
    refuse_database(monkeypatch)
    response = client.get(url)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert message in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_the_content_state_is_asked_for_again_soon_after_the_database_failed(clock, monkeypatch):
    first = content.content_state(now=clock.moment)
    refuse_database(monkeypatch)
    move_local_clock(monkeypatch, content.TRUST_SECONDS + 0.1)
    assert content.content_state(now=clock.moment) == first  # kept, not lost
    monkeypatch.undo()
    move_local_clock(monkeypatch, content.TRUST_SECONDS + 0.1 + content.RETRY_SECONDS + 0.1)
    make_phase("Fase")  # a change while the copy was kept
    content.content_clock._state = first  # as if the save happened in another process
    assert content.content_state(now=clock.moment) != first


def test_a_hit_on_the_local_copy_asks_neither_the_cache_nor_the_database(
    client, clock, monkeypatch, django_assert_num_queries
):
    make_phase("Forberedelsesfase", publish_at=clock.moment)
    client.get("/faser/")

    def no_shared_cache(*args, **kwargs):
        raise AssertionError("the shared cache was asked")

    monkeypatch.setattr(caches["default"], "get", no_shared_cache)
    with django_assert_num_queries(0):
        assert "Forberedelsesfase" in client.get("/faser/").content.decode()


def test_the_local_copies_are_emptied_when_full(monkeypatch):
    monkeypatch.setattr(caching, "LOCAL_PAGES_MAX", 2)
    pages = caching.LocalPages()
    for key in ("a", "b", "c"):
        pages.keep(key, ("1.0", 200, [], b""))
    assert list(pages._pages) == ["c"]


def test_while_another_worker_renders_a_page_the_previous_copy_is_served(client, clock):
    phase = make_phase("Forberedelsesfase", publish_at=clock.moment)
    first = client.get("/faser/")
    phase.title_nb = "Ny tittel"
    phase.save()
    state = content.content_state(now=clock.moment)
    key = caching.page_key(first.wsgi_request, language="nb")
    caches["default"].add(f"{key}:render:{state.version}", 1, timeout=5)  # another worker
    response = client.get("/faser/")
    assert "Forberedelsesfase" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    caches["default"].delete(f"{key}:render:{state.version}")
    assert "Ny tittel" in client.get("/faser/").content.decode()


def test_a_worker_without_a_previous_copy_waits_briefly_then_renders(client, clock, monkeypatch):
    monkeypatch.setattr(caching, "RENDER_WAIT_SECONDS", 0.05)
    make_phase("Forberedelsesfase", publish_at=clock.moment)
    state = content.content_state(now=clock.moment)
    request = client.get("/faser/?x=1").wsgi_request
    key = caching.page_key(request, language="nb")
    caches["default"].clear()
    caching.local_pages.forget()
    caches["default"].add(f"{key}:render:{state.version}", 1, timeout=5)
    response = client.get("/faser/")
    assert response.status_code == 200
    assert "Forberedelsesfase" in response.content.decode()

"""The server-side page cache: invalidated by a publish, an unpublish and a scheduled moment.

The pages here come from ``tests/serving/urls.py``, which lists the public phases
through ``Phase.objects.published(at=timezone.now())``; the clock is the ``clock``
fixture, which every ``timezone.now()`` call reads.
"""

import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connection
from django.utils import timezone

from helseplattform import caching
from phases.models import Milestone, Organisation, Phase

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.serving.urls")]


def make_phase(title: str, **fields) -> Phase:
    position = Phase.objects.count() + 1
    # Bokmål explicitly: modeltranslation would write the language the last request activated.
    return Phase.objects.create(
        slug=f"fase-{position}", title_nb=title, start_year=2020, position=position, **fields
    )


def test_a_publish_is_visible_on_the_next_request_after_invalidation(client, clock):
    phase = make_phase("Innføringsfase")
    assert b"Innf" not in client.get("/faser/").content
    phase.publish_at = clock.moment
    phase.save()
    caching.bump_content_version()
    assert "Innføringsfase" in client.get("/faser/").content.decode()


def test_an_unpublish_is_visible_on_the_next_request_after_invalidation(client, clock):
    phase = make_phase("Forberedelsesfase", publish_at=clock.moment)
    assert "Forberedelsesfase" in client.get("/nn/faser/").content.decode()
    phase.unpublish_at = clock.moment
    phase.save()
    caching.bump_content_version()
    assert "Forberedelsesfase" not in client.get("/nn/faser/").content.decode()


def test_without_invalidation_the_stored_page_is_served(client, clock):
    # Proves the page really is stored: the database changed, the page did not.
    make_phase("Forberedelsesfase", publish_at=clock.moment)
    client.get("/faser/")
    Phase.objects.update(title="Endret bak ryggen på cachen")
    assert "Forberedelsesfase" in client.get("/faser/").content.decode()


def test_a_scheduled_publish_becomes_visible_at_its_moment(client, clock):
    moment = clock.moment + datetime.timedelta(minutes=5)
    make_phase("Planlagt fase", publish_at=moment)
    caching.bump_content_version()

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
    caching.bump_content_version()
    assert "Avsluttet fase" in client.get("/faser/").content.decode()
    clock.set(moment)
    assert "Avsluttet fase" not in client.get("/faser/").content.decode()


def test_a_client_holding_the_old_etag_gets_the_new_page_after_a_publish(client, clock):
    etag = client.get("/faser/")["ETag"]
    make_phase("Ny fase", publish_at=clock.moment)
    caching.bump_content_version()
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


def test_the_state_is_rebuilt_only_when_something_changes(client, clock, django_assert_num_queries):
    client.get("/faser/")
    # Another URL and another language: a miss renders the page, but the content
    # state is not rebuilt, so the only query is the view's.
    with django_assert_num_queries(1):
        client.get("/nn/faser/")
    clock.advance(minutes=30)
    with django_assert_num_queries(0):
        client.get("/faser/")


def move_local_clock(monkeypatch, seconds: float) -> None:
    """Let this process's copies of the content state age by ``seconds``."""
    start = caching.monotonic()
    monkeypatch.setattr(caching, "monotonic", lambda: start + seconds)


def test_a_lost_content_state_is_rebuilt_with_a_version_never_used_before(
    client, clock, monkeypatch
):
    etag = client.get("/faser/")["ETag"]
    cache.delete_many([caching.VERSION_KEY, caching.NEXT_CHANGE_KEY])
    move_local_clock(monkeypatch, caching.LOCAL_STATE_SECONDS + 0.1)
    response = client.get("/faser/")
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_the_version_is_bumped_again_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    start = caching._bump_version()
    with django_capture_on_commit_callbacks(execute=True):
        caching.bump_content_version()
        assert cache.get(caching.VERSION_KEY) == start + 1
    assert cache.get(caching.VERSION_KEY) == start + 2


def test_the_next_scheduled_change_is_the_earliest_future_publish_or_unpublish(clock):
    now = clock.moment
    phase = make_phase("Fase", publish_at=now - datetime.timedelta(days=1))
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
    assert caching.next_scheduled_change(now=now) == now + datetime.timedelta(hours=3)


def test_the_next_scheduled_change_is_midnight_when_nothing_is_scheduled_today(clock):
    make_phase("Fase", publish_at=clock.moment + datetime.timedelta(days=3))
    expected = timezone.make_aware(datetime.datetime(2026, 11, 26, 0, 0))
    assert caching.next_scheduled_change(now=clock.moment) == expected


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
    assert settings.SESSION_COOKIE_NAME in admin_client.cookies
    public = client.get("/faser/")
    assert "public" in public["Cache-Control"]


def test_an_error_page_is_never_cached(client):
    client.raise_request_exception = False
    response = client.get("/feil/")
    assert response.status_code == 500
    assert "public" not in response.get("Cache-Control", "")
    assert "ETag" not in response


def test_the_last_good_copy_is_served_while_the_database_is_down(client, clock, monkeypatch):
    phase = make_phase("Forberedelsesfase", publish_at=clock.moment)
    assert "Forberedelsesfase" in client.get("/faser/").content.decode()
    phase.title_nb = "Ny tittel"
    phase.save()  # the stored page is now outdated

    def refuse(*args, **kwargs):
        raise OperationalError("the database is down")

    monkeypatch.setattr(connection, "cursor", refuse)
    client.raise_request_exception = False
    response = client.get("/faser/")
    assert response.status_code == 200
    assert "Forberedelsesfase" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_page_never_stored_still_fails_honestly_while_the_database_is_down(
    client, clock, monkeypatch
):
    make_phase("Forberedelsesfase", publish_at=clock.moment)

    def refuse(*args, **kwargs):
        raise OperationalError("the database is down")

    monkeypatch.setattr(connection, "cursor", refuse)
    client.raise_request_exception = False
    assert client.get("/nn/faser/").status_code == 500


def test_the_next_scheduled_change_is_retried_soon_while_the_database_is_down(clock, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("the database is down")

    cache.delete(caching.NEXT_CHANGE_KEY)
    monkeypatch.setattr(connection, "cursor", refuse)
    state = caching.content_state(now=clock.moment)
    assert state.next_change == clock.moment + caching.RETRY_AFTER_OUTAGE
    assert cache.get(caching.NEXT_CHANGE_KEY) is None


def test_a_publish_by_another_process_is_seen_within_a_second(client, clock, monkeypatch):
    make_phase("Forberedelsesfase", publish_at=clock.moment)
    client.get("/faser/")
    Phase.objects.update(title_nb="Publisert i en annen prosess")
    cache.incr(caching.VERSION_KEY)  # what bump_content_version() in another process does

    move_local_clock(monkeypatch, caching.LOCAL_STATE_SECONDS - 0.1)
    assert "Forberedelsesfase" in client.get("/faser/").content.decode()
    move_local_clock(monkeypatch, caching.LOCAL_STATE_SECONDS + 0.1)
    assert "Publisert i en annen prosess" in client.get("/faser/").content.decode()


def test_a_hit_on_the_local_copy_asks_neither_redis_nor_the_database(
    client, clock, monkeypatch, django_assert_num_queries
):
    make_phase("Forberedelsesfase", publish_at=clock.moment)
    client.get("/faser/")

    def no_shared_cache(*args, **kwargs):
        raise AssertionError("the shared cache was asked")

    monkeypatch.setattr(caching.shared_cache, "get_many", no_shared_cache)
    with django_assert_num_queries(0):
        assert "Forberedelsesfase" in client.get("/faser/").content.decode()


def test_the_local_copies_are_emptied_when_full(monkeypatch):
    monkeypatch.setattr(caching, "LOCAL_PAGES_MAX", 2)
    copies = caching.LocalCopies()
    for key in ("a", "b", "c"):
        copies.keep(key, (1, 200, [], b""))
    assert list(copies._pages) == ["c"]


def test_the_content_state_comes_from_this_process_copy_while_it_is_fresh(clock, monkeypatch):
    # The API's validators ask for the state on every request: no round trip for it.
    first = caching.content_state(now=clock.moment)
    asked = []
    real_get_many = caching.shared_cache.get_many

    def counting_get_many(*args, **kwargs):
        asked.append(args)
        return real_get_many(*args, **kwargs)

    monkeypatch.setattr(caching.shared_cache, "get_many", counting_get_many)
    assert caching.content_state(now=clock.moment) == first
    assert asked == []
    move_local_clock(monkeypatch, caching.LOCAL_STATE_SECONDS + 0.1)
    assert caching.content_state(now=clock.moment).version == first.version
    assert len(asked) == 1

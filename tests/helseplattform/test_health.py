"""The probes: /healthz (liveness, no dependencies) and /readyz (readiness, per dependency)."""

import pytest
from django.core.cache import caches
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db


def refuse(*args, **kwargs):
    raise OperationalError("connection refused")


def test_liveness_answers_ok_without_asking_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_liveness_answers_ok_while_the_database_is_down(client, monkeypatch):
    monkeypatch.setattr(connection, "cursor", refuse)
    assert client.get("/healthz").status_code == 200


def test_readiness_reports_each_dependency(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "counters": "ok", "status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readiness_answers_503_when_the_database_is_down(client, monkeypatch):
    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.json()["status"] == "unavailable"


def test_readiness_reports_a_down_cache_but_stays_ready(client, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(caches["default"], "get", down)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["cache"] == "down"
    assert response.json()["status"] == "degraded"


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_the_probes_accept_only_safe_methods(client, path):
    assert client.post(path).status_code == 405


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_the_probes_are_not_redirected_to_https(client, settings, path):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(path).status_code == 200

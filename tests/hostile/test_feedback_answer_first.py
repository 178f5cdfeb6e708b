"""A submission is stored only when its success answer can be given (issue #21).

Old main wrote the row and then built the answer; when that failed the visitor was
told it had not worked, and a retry stored it twice. Each test forces a failure at
one step after validation and checks that no row is left behind.
"""

import pytest
from django.db import OperationalError, connection

from feedback import views
from feedback.models import Feedback

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "http://testserver"}
VALID = {"answer": "no", "comment": "Fant ikke datoen", "page": "/endringer/"}


def refuse_inserts(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith("INSERT"):
        raise OperationalError("the database is down")
    return execute(sql, params, many, context)


def test_a_failure_while_building_the_thank_you_stores_nothing(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the answer could not be built")

    monkeypatch.setattr(views, "thanks", broken)
    client.raise_request_exception = False
    response = client.post("/tilbakemelding/", VALID, **SAME_ORIGIN)
    assert response.status_code == 500
    assert not Feedback.objects.exists()


def test_a_failure_in_the_scrubber_stores_nothing(client, monkeypatch):
    import feedback.models

    def broken(text):
        raise ValueError("the scrubber broke")

    monkeypatch.setattr(feedback.models, "scrub_with_report", broken)
    client.raise_request_exception = False
    response = client.post("/tilbakemelding/", VALID, **SAME_ORIGIN)
    assert response.status_code == 500
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("url", "accept", "words"),
    [
        ("/tilbakemelding/", "text/html", "Vi kunne ikke ta imot"),
        ("/nn/tilbakemelding/", "text/html", "Vi kunne ikkje ta imot"),
        ("/en/tilbakemelding/", "application/json", "We could not receive"),
    ],
)
def test_a_database_failure_answers_503_with_retry_after_and_stores_nothing(
    client, url, accept, words
):
    with connection.execute_wrapper(refuse_inserts):
        response = client.post(url, VALID, HTTP_ACCEPT=accept, **SAME_ORIGIN)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert words in response.content.decode()
    if accept == "application/json":
        assert response.json()["status"] == "error"
    assert not Feedback.objects.exists()


def test_the_answer_is_built_before_the_row_is_written(client, monkeypatch):
    order = []
    real_thanks, real_record = views.thanks, Feedback.objects.record

    def thanks(*args, **kwargs):
        order.append("answer")
        return real_thanks(*args, **kwargs)

    def record(**kwargs):
        order.append("store")
        return real_record(**kwargs)

    monkeypatch.setattr(views, "thanks", thanks)
    monkeypatch.setattr(Feedback.objects, "record", record)
    response = client.post("/tilbakemelding/", VALID, **SAME_ORIGIN)
    assert response.status_code == 302
    assert order == ["answer", "store"]
    assert Feedback.objects.count() == 1

"""Nothing personal reaches a log or an error report, even when saving fails.

Every test posts a comment with a valid fødselsnummer, a phone number and an
e-mail address, makes the save fail, and then searches everything that could
leave the process (captured log records at every level, Django's error report
as text and HTML, the response) for the raw values.
"""

import logging

import pytest
from django.db import OperationalError, connection
from django.test import Client, RequestFactory
from django.views.debug import ExceptionReporter

from feedback import views
from feedback.models import Feedback, ScrubberFailed
from tests.feedback.helpers import PERSONAL_COMMENT, RAW_PIECES, make_feedback

pytestmark = pytest.mark.django_db

VISITOR = {
    "REMOTE_ADDR": "203.0.113.77",
    "HTTP_USER_AGENT": "Mozilla/5.0 (TestVisitorAgent)",
    "HTTP_REFERER": "https://search.example/?q=helseplattformen",
    "HTTP_COOKIE": "tracking=visitor-cookie-value",
}
VISITOR_PIECES = ("203.0.113.77", "TestVisitorAgent", "search.example", "visitor-cookie-value")


def everything_logged(caplog) -> str:
    """Return every captured log record as text: messages, arguments and tracebacks."""
    handler = logging.Formatter()
    return "\n".join(
        handler.format(record) + repr(record.args) + repr(record.__dict__)
        for record in caplog.records
    )


def assert_no_personal_data(text: str) -> None:
    for piece in (*RAW_PIECES, *VISITOR_PIECES):
        assert piece not in text, f"{piece!r} leaked"


def refuse_inserts(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith("INSERT"):
        raise OperationalError("could not write: the database is read-only")
    return execute(sql, params, many, context)


@pytest.fixture
def failing_database():
    with connection.execute_wrapper(refuse_inserts):
        yield


def test_a_database_failure_gives_a_clear_503_and_logs_nothing_personal(
    client, caplog, failing_database
):
    caplog.set_level(logging.DEBUG)
    for accept in ("text/html", "application/json"):
        response = client.post(
            "/tilbakemelding/",
            {"answer": "no", "comment": PERSONAL_COMMENT, "page": "/endringer/"},
            headers={"Accept": accept},
            **VISITOR,
        )
        assert response.status_code == 503
        assert response["Retry-After"] == "60"
        assert "Prøv igjen om litt" in response.content.decode()
        assert_no_personal_data(response.content.decode())

    assert "database failed (OperationalError)" in caplog.text
    assert_no_personal_data(everything_logged(caplog))


def test_an_outage_keeps_what_was_stored_before_it_and_the_pages_keep_working(client):
    make_feedback(comment="Fant ikke datoen")
    # The database refuses writes (read-only after a failover, a full disk): pages only read.
    with connection.execute_wrapper(refuse_inserts):
        response = client.post("/tilbakemelding/", {"answer": "no", "comment": "Hei"})
        page = client.get("/tilgjengelighet/")
    assert response.status_code == 503
    assert page.status_code == 200
    assert 'id="tilbakemelding"' in page.content.decode()
    assert list(Feedback.objects.values_list("comment", flat=True)) == ["Fant ikke datoen"]


def test_an_unexpected_failure_while_saving_leaves_nothing_personal_in_the_error_report(
    monkeypatch, settings
):
    def explode(self, *args, **kwargs):
        raise RuntimeError("the save failed")

    monkeypatch.setattr(Feedback, "save_base", explode)
    request = RequestFactory().post(
        "/tilbakemelding/",
        {"answer": "no", "comment": PERSONAL_COMMENT, "page": "/"},
        **VISITOR,
    )
    with pytest.raises(RuntimeError) as raised:
        views.submit(request)
    reporter = ExceptionReporter(request, raised.type, raised.value, raised.tb)

    for report in (reporter.get_traceback_text(), reporter.get_traceback_html()):
        assert "the save failed" in report  # it is a real report of this failure
        assert "def record" in report or "in record" in report  # the frames are there
        assert_no_personal_data(report)

    # Also with DEBUG on, where Django's default filter would show everything.
    settings.DEBUG = True
    assert_no_personal_data(reporter.get_traceback_text())


def test_an_unexpected_failure_is_logged_without_personal_data(monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)

    def explode(self, *args, **kwargs):
        raise RuntimeError("the save failed")

    monkeypatch.setattr(Feedback, "save_base", explode)
    client = Client(raise_request_exception=False)
    response = client.post(
        "/tilbakemelding/", {"answer": "no", "comment": PERSONAL_COMMENT}, **VISITOR
    )

    assert response.status_code == 500
    assert "the save failed" in caplog.text
    assert_no_personal_data(everything_logged(caplog))


def test_a_failing_scrubber_stores_nothing_and_reports_nothing_personal(monkeypatch, caplog):
    caplog.set_level(logging.DEBUG)

    def broken(text):
        raise ValueError(f"cannot handle {text!r}")  # a careless message that quotes the input

    monkeypatch.setattr("feedback.models.scrub_with_report", broken)
    request = RequestFactory().post(
        "/tilbakemelding/", {"answer": "no", "comment": PERSONAL_COMMENT}, **VISITOR
    )
    with pytest.raises(ScrubberFailed) as raised:
        views.submit(request)
    report = ExceptionReporter(request, raised.type, raised.value, raised.tb)

    assert "ValueError in the scrubber" in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__
    assert_no_personal_data(report.get_traceback_text())
    assert_no_personal_data(report.get_traceback_html())
    assert not Feedback.objects.exists()


def test_the_error_report_filter_hides_the_visitor_but_keeps_the_path():
    request = RequestFactory().post("/tilbakemelding/", {"comment": "x"}, **VISITOR)
    private = views.PrivateExceptionReporterFilter()

    meta = private.get_safe_request_meta(request)
    assert meta["PATH_INFO"] == "/tilbakemelding/"
    for key in ("REMOTE_ADDR", "HTTP_USER_AGENT", "HTTP_REFERER", "HTTP_COOKIE"):
        assert meta[key] == private.cleansed_substitute
    assert private.get_safe_cookies(request) == {"tracking": private.cleansed_substitute}

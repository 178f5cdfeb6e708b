"""A spike raises exactly one alert: a banner in the admin and one e-mail, through a real SMTP server."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from feedback.analysis import spikes
from feedback.models import SpikeAlert
from tests.feedback.helpers import at, make_feedback

pytestmark = pytest.mark.django_db

NOW = at(2024, 6, 20, 12)


@pytest.fixture
def analysts():
    group = Group.objects.get(name="Analyse")
    for name in ("anne", "bjorn"):
        user = User.objects.create_user(name, email=f"{name}@example.no", is_staff=True)
        user.groups.add(group)
    User.objects.create_user("uten", is_staff=True).groups.add(group)  # no address: no mail
    User.objects.create_user("annen", email="annen@example.no", is_staff=True)  # not in the group


@pytest.fixture
def spike():
    """A page that usually gets one answer a day, mostly Ja, then 25 in a day, mostly Nei."""
    for day in range(1, 29):
        moment = NOW - datetime.timedelta(days=1, hours=day * 24 - 12)
        make_feedback(page="/virksomheter/", answer="no" if day % 7 == 0 else "yes", created=moment)
    for minute in range(25):
        moment = NOW - datetime.timedelta(hours=3, minutes=minute)
        make_feedback(page="/virksomheter/", answer="yes" if minute < 3 else "no", created=moment)
    # A quiet page beside it: no alert.
    for hour in range(6):
        make_feedback(page="/", answer="yes", created=NOW - datetime.timedelta(hours=hour))


def test_a_spike_raises_one_alert_mailed_once_to_the_analyse_group(analysts, spike, smtp_server):
    raised = spikes.check(now=NOW)
    spikes.check(now=NOW + datetime.timedelta(minutes=15))  # the next run finds the same spike

    assert sorted(alert.kind for alert in raised) == ["no_share", "volume"]
    assert SpikeAlert.objects.count() == 2
    assert all(alert.mailed_at for alert in SpikeAlert.objects.all())
    assert len(smtp_server.messages) == 2  # one per alert, not per run
    recipients, message = next(m for m in smtp_server.messages if "svarte nei" in m[1]["Subject"])
    assert sorted(recipients) == ["anne@example.no", "bjorn@example.no"]
    assert "/virksomheter/: 22 av 25 svarte nei" in message["Subject"]
    assert "/admin/feedback/spikealert/" in message.get_content()


def test_no_alert_for_ordinary_days(analysts, smtp_server):
    for hour in range(12):
        make_feedback(
            page="/",
            answer="yes" if hour % 3 else "no",
            created=NOW - datetime.timedelta(hours=hour),
        )
    assert spikes.check(now=NOW) == []
    assert smtp_server.messages == []


def test_spam_does_not_raise_an_alert(analysts, smtp_server):
    from feedback.models import Feedback

    for minute in range(30):
        make_feedback(page="/", answer="no", created=NOW - datetime.timedelta(minutes=minute))
    Feedback.objects.update(state=Feedback.State.SPAM)
    assert spikes.check(now=NOW) == []


def test_the_alert_shows_as_a_banner_on_the_feedback_list(analysts, spike, smtp_server, client):
    spikes.check(now=NOW)
    SpikeAlert.objects.update(raised_at=datetime.datetime.now(tz=datetime.UTC))
    client.force_login(User.objects.get(username="anne"))
    html = client.get("/admin/feedback/feedback/").content.decode()
    assert "Varsler om avvik siste sju dager" in html
    assert "22 av 25 svarte nei" in html


def test_an_smtp_failure_keeps_the_alert_without_logging_addresses(
    analysts, spike, settings, caplog
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    from tests.smtp import free_port

    settings.EMAIL_PORT = free_port()  # nothing listens there
    raised = spikes.check(now=NOW)
    assert raised and all(alert.mailed_at is None for alert in SpikeAlert.objects.all())
    assert "Spike alert e-mail not sent" in caplog.text
    assert "example.no" not in caplog.text


def test_the_command_reports_what_it_raised(analysts, spike, smtp_server, monkeypatch):
    import io

    monkeypatch.setattr(spikes.timezone, "now", lambda: NOW)
    out = io.StringIO()
    call_command("check_feedback_spikes", stdout=out)
    assert "2 new alert(s)." in out.getvalue()

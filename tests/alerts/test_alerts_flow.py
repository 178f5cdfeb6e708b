"""Varsle meg end to end, against a real SMTP server on loopback (aiosmtpd).

Subscribe → the confirmation mail arrives → confirm → an editor records a major
revision → exactly one mail per subscriber, in their language, with a working
unsubscribe link; a minor revision sends nothing; an unconfirmed address is
deleted after its expiry; one-click unsubscribe (RFC 8058) deletes the address.
"""

import datetime
import re

import pytest
from django.utils import timezone

from phases.alerts import worker
from phases.alerts.models import Delivery, Subscriber, Subscription
from tests.phases.factories import make_entry, make_milestone, make_organisation

pytestmark = pytest.mark.django_db

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
LINK = re.compile(r"https?://\S+")


@pytest.fixture
def orkdal():
    organisation = make_organisation(name="Orkland kommune", slug="orkland-kommune")
    milestone = make_milestone(
        title="Orkland tar i bruk Helseplattformen", organisations=[organisation]
    )
    make_entry(milestone, "original", "høst 2021")
    worker.run_pass()  # the history before anyone subscribed is announced to nobody
    return organisation, milestone


def subscribe(client, email, *, prefix=""):
    return client.post(
        f"{prefix}/varsler/",
        {"email": email, "organisation": "orkland-kommune"},
        headers=SAME_ORIGIN,
    )


def links_in(message) -> list[str]:
    return LINK.findall(message.get_content())


def path_of(url: str) -> str:
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_subscribe_confirm_and_get_one_mail_per_major_change(client, orkdal, smtp_server, settings):
    settings.SITE_URL = "https://tidslinje.example.no"
    _organisation, milestone = orkdal
    assert subscribe(client, "kari@example.no").status_code == 200
    assert subscribe(client, "Ola@Example.no", prefix="/en").status_code == 200
    assert "Sjekk e-posten din" in subscribe(client, "kari@example.no").content.decode()

    worker.run_pass()
    confirmations = {rcpt[0]: message for rcpt, message in smtp_server.messages}
    assert set(confirmations) == {"kari@example.no", "ola@example.no"}  # once each, that day
    assert (
        confirmations["ola@example.no"]["Subject"]
        == "Confirm that you want alerts about Helseplattformen"
    )
    kari_confirm = next(u for u in links_in(confirmations["kari@example.no"]) if "bekreft" in u)
    ola_confirm = next(u for u in links_in(confirmations["ola@example.no"]) if "bekreft" in u)
    assert ola_confirm.startswith("https://tidslinje.example.no/en/varsler/bekreft/?kode=")

    # The link shows a button; only pressing it confirms (mail scanners follow links).
    code = kari_confirm.split("kode=")[1]
    assert client.get(f"/varsler/bekreft/?kode={code}").status_code == 200
    assert Subscriber.objects.get(email="kari@example.no").confirmed_at is None
    client.post("/varsler/bekreft/", {"kode": code})
    client.post("/en/varsler/bekreft/", {"kode": ola_confirm.split("kode=")[1]})
    assert Subscriber.objects.filter(confirmed_at__isnull=False).count() == 2
    smtp_server.messages.clear()

    # A minor correction sends nothing; a major revision one mail per subscriber.
    make_entry(milestone, "revision", "mai 2022", reason_nb="Skrivefeil rettet", is_major=False)
    worker.run_pass()
    assert smtp_server.messages == []
    make_entry(
        milestone,
        "revision",
        "mai 2022",
        reason_nb="Bedre tid til opplæring",
        reason_en="More time for training",
        source_url="https://helseplattformen.no/nyheter",
    )
    worker.run_pass()
    worker.run_pass()  # running again sends nothing more
    by_address = {rcpt[0]: message for rcpt, message in smtp_server.messages}
    assert len(smtp_server.messages) == 2
    assert by_address["kari@example.no"]["Subject"] == "Orkland kommune: ny plan – mai 2022"
    assert "Begrunnelse: Bedre tid til opplæring" in by_address["kari@example.no"].get_content()
    assert by_address["ola@example.no"]["Subject"] == "Orkland kommune: new plan – May 2022"
    assert "Reason: More time for training" in by_address["ola@example.no"].get_content()

    # Unsubscribe in one click, as a mail program does (RFC 8058).
    message = by_address["kari@example.no"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe in message.get_content()
    response = client.post(path_of(unsubscribe), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email="kari@example.no").exists()
    assert Subscription.objects.count() == 1


def test_an_unconfirmed_address_is_deleted_after_three_days(client, orkdal, smtp_server):
    subscribe(client, "glemsk@example.no")
    worker.run_pass()
    later = timezone.now() + datetime.timedelta(days=3, minutes=1)
    worker.run_pass(now=later)
    assert not Subscriber.objects.exists()
    assert not Subscription.objects.exists()


def test_an_expired_or_forged_confirmation_link_confirms_nothing(client, orkdal, smtp_server):
    subscribe(client, "sen@example.no")
    worker.run_pass()
    code = links_in(smtp_server.messages[0][1])[0].split("kode=")[1]
    assert client.post("/varsler/bekreft/", {"kode": code + "x"}).status_code == 410
    from phases.alerts import links

    assert links.subscriber_id_from_code(code, max_age=datetime.timedelta(seconds=-1)) is None
    assert Subscriber.objects.get().confirmed_at is None


def test_the_confirmation_mail_goes_to_an_address_at_most_once_a_day(client, orkdal, smtp_server):
    for _ in range(4):
        subscribe(client, "offer@example.no")
    worker.run_pass()
    assert len(smtp_server.messages) == 1
    assert Delivery.objects.filter(kind="confirmation").count() == 1


def test_one_client_cannot_subscribe_address_after_address(client, orkdal):
    statuses = [subscribe(client, f"person{n}@example.no").status_code for n in range(12)]
    assert statuses == [200] * 10 + [429] * 2
    assert Subscriber.objects.count() == 10


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "ikke-en-adresse", "organisation": "orkland-kommune"}, "Skriv en e-postadresse"),
        ({"email": "", "organisation": "orkland-kommune"}, "Skriv e-postadressen din"),
        (
            {"email": "a@example.no", "organisation": "finnes-ikke"},
            "Vi finner ikke den virksomheten",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_400(client, orkdal, data, message):
    response = client.post("/varsler/", data, headers=SAME_ORIGIN)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert {"private", "no-store"} <= {d.strip() for d in response["Cache-Control"].split(",")}
    assert not Subscriber.objects.exists()


def test_the_address_never_reaches_the_logs(client, orkdal, smtp_server, caplog, settings):
    settings.EMAIL_PORT = 1  # nothing listens: the worker logs the failure
    subscribe(client, "hemmelig@example.no")
    worker.run_pass()
    assert "not sent" in caplog.text or "unreachable" in caplog.text
    assert "hemmelig" not in caplog.text


def test_the_organisation_page_offers_alerts_feed_and_calendar(client, orkdal):
    html = client.get("/virksomheter/orkland-kommune/").content.decode()
    assert 'action="/varsler/"' in html
    assert "webcal://" in html

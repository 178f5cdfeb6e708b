"""The alert e-mails, in the language the subscriber chose, with one-click unsubscribe.

Every message has a plain-text body with the unsubscribe link, and the headers
mail programs use for their own unsubscribe button: ``List-Unsubscribe`` with
the link and ``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058), so
one POST to that link unsubscribes without a further page.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from phases.alerts import links


def _message(subscriber, *, subject: str, body: str, message_id: str) -> EmailMessage:
    unsubscribe = links.unsubscribe_url(subscriber)
    footer = _(
        "Du får denne e-posten fordi du har bedt om varsler fra Helseplattformen – "
        "tidslinje for innføringen. Meld deg av: %(link)s"
    ) % {"link": unsubscribe}
    return EmailMessage(
        subject=subject,
        body=f"{body}\n\n-- \n{footer}\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Message-ID": message_id,
            "Content-Language": subscriber.language,
            "Auto-Submitted": "auto-generated",
        },
    )


def confirmation(subscriber, *, message_id: str) -> EmailMessage:
    """Return the message that asks the subscriber to confirm the address."""
    with override(subscriber.language):
        names = ", ".join(
            s.organisation.name for s in subscriber.subscriptions.select_related("organisation")
        )
        body = _(
            "Noen, forhåpentligvis du, har bedt om e-post når datoen for å ta i bruk "
            "Helseplattformen endres for: %(names)s.\n\n"
            "Bekreft at du vil ha varsler: %(link)s\n\n"
            "Lenken virker i %(days)s dager. Bekrefter du ikke, sletter vi adressen, og du "
            "hører ikke mer fra oss."
        ) % {"names": names, "link": links.confirm_url(subscriber), "days": 3}
        return _message(
            subscriber,
            subject=_("Bekreft at du vil ha varsler om Helseplattformen"),
            body=body,
            message_id=message_id,
        )


def change(subscriber, *, entry, organisation, message_id: str) -> EmailMessage:
    """Return the message that tells the subscriber an organisation's date changed."""
    with override(subscriber.language):
        period = entry.period.format(subscriber.language) if entry.period else None
        if entry.kind == entry.Kind.UNSETTLED or period is None:
            headline = _("%(organisation)s: ny dato er ikke fastsatt") % {
                "organisation": organisation.name
            }
        elif entry.kind == entry.Kind.ACTUAL:
            headline = _("%(organisation)s har tatt i bruk Helseplattformen (%(period)s)") % {
                "organisation": organisation.name,
                "period": period,
            }
        else:
            headline = _("%(organisation)s: ny plan – %(period)s") % {
                "organisation": organisation.name,
                "period": period,
            }
        page = links.absolute(reverse("phases:organisation", args=[organisation.slug]))
        lines = [headline]
        if entry.reason:
            lines.append(_("Begrunnelse: %(reason)s") % {"reason": entry.reason})
        if entry.source_url:
            lines.append(_("Kilde: %(source)s") % {"source": entry.source_url})
        lines.append(_("Se hele historikken: %(page)s") % {"page": page})
        return _message(
            subscriber, subject=headline, body="\n\n".join(lines), message_id=message_id
        )

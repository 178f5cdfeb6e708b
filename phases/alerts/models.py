"""The alert tables: who asked to be told about which organisations, and what to send them.

The e-mail address is personal data: it is stored here only, for this one
purpose, in its own table; deleting the subscriber (unsubscribe, or no
confirmation within ``CONFIRM_DAYS``) deletes its subscriptions and its pending
messages with it. Nothing else in the site stores an address, and it is never
logged (``worker`` logs delivery ids only).
"""

from __future__ import annotations

import datetime
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

CONFIRM_DAYS = 3


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """One e-mail address that asked for alerts, in the language it subscribed in."""

    class Language(models.TextChoices):
        NB = "nb", "Bokmål"
        NN = "nn", "Nynorsk"
        EN = "en", "English"

    email = models.EmailField(_("e-postadresse"), unique=True)
    language = models.CharField(_("språk"), max_length=2, choices=Language.choices)
    # The secret in the unsubscribe link: random, so the link cannot be guessed from the address.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("meldt på"))
    confirmed_at = models.DateTimeField(_("bekreftet"), null=True, blank=True)
    confirmation_sent_on = models.DateField(_("bekreftelse sendt"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonnent")
        verbose_name_plural = _("abonnenter")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        # Never the address: this text can reach logs and admin messages.
        return f"{_('abonnent')} {self.pk}"

    def confirmation_expires_at(self) -> datetime.datetime:
        return self.created_at + datetime.timedelta(days=CONFIRM_DAYS)


class Subscription(models.Model):
    """A subscriber wants to hear when this organisation's go-live moves."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    organisation = models.ForeignKey(
        "phases.Organisation", on_delete=models.CASCADE, related_name="subscriptions"
    )

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementer")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "organisation"], name="one_subscription_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscriber} – {self.organisation_id}"


class Announcement(models.Model):
    """A major date change that has been fanned out to its subscribers (once)."""

    date_entry = models.OneToOneField(
        "phases.DateEntry", on_delete=models.CASCADE, related_name="announcement"
    )
    announced_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.date_entry_id} ({self.announced_at:%Y-%m-%d %H:%M})"


class Delivery(models.Model):
    """One message to one subscriber: the outbox the worker sends from.

    ``pending`` → ``handed_over`` (committed just before the SMTP server is told to
    accept the message) → ``sent`` (the server said yes). A message is never
    handed over twice: see ``worker``.
    """

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Bekreft abonnement")
        CHANGE = "change", _("Endret dato")

    class State(models.TextChoices):
        PENDING = "pending", _("Venter")
        HANDED_OVER = "handed_over", _("Levert til e-posttjeneren")
        SENT = "sent", _("Sendt")
        FAILED = "failed", _("Feilet")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    date_entry = models.ForeignKey(
        "phases.DateEntry", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "phases.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("utsending")
        verbose_name_plural = _("utsendinger")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "date_entry", "organisation"],
                condition=models.Q(kind="change"),
                name="one_change_message_per_subscriber_and_organisation",
            )
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

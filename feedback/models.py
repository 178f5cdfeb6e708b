"""A visitor's answer to "Fant du det du lette etter?", stored without personal data.

``Feedback.save()`` is the single write choke point: it runs the scrubber over the
comment, adds what was removed to the counts, normalises the page path and cuts the
time to the minute, so no view, admin action or command can store a raw comment.
Write through ``Feedback.objects.record(...)`` or ``save()``; never ``bulk_create``
or ``.update()`` on the comment, which would go around the scrubber.
"""

from __future__ import annotations

import datetime
import traceback
from collections import Counter
from urllib.parse import urlsplit

from django.db import connections, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from feedback.scrubber import ScrubResult, scrub, scrub_with_report
from helseplattform.local_time import local_midnight

PAGE_MAX_LENGTH = 255
COMMENT_MAX_LENGTH = 1000


class ScrubberFailed(Exception):
    """The scrubber raised; the comment was not stored.

    Raised instead of the scrubber's own exception, without its context, so that
    neither the message nor the traceback's local variables carry the raw comment
    into a log or an error report. Only the exception type and the line are kept.
    """


def normalise_page(path: str) -> str:
    """Return the path part of an address on this site: no query, no fragment, at most 255 characters.

    >>> normalise_page("/nn/virksomheter/?kommune=Trondheim#tilbakemelding")
    '/nn/virksomheter/'
    """
    page = urlsplit(path).path if path else ""
    if not page.startswith("/") or page.startswith("//"):
        page = "/"
    return page[:PAGE_MAX_LENGTH]


def truncate_to_minute(moment: datetime.datetime) -> datetime.datetime:
    """Return the moment without seconds: the minute is all the statistics need."""
    return moment.replace(second=0, microsecond=0)


class FeedbackQuerySet(models.QuerySet):
    def older_than(self, *, days: int, now: datetime.datetime) -> FeedbackQuerySet:
        """Return the feedback given more than ``days`` days before ``now``."""
        return self.filter(created__lt=now - datetime.timedelta(days=days))

    def between(
        self, *, start: datetime.date | None = None, end: datetime.date | None = None
    ) -> FeedbackQuerySet:
        """Return the feedback given from ``start`` to ``end`` (both days included, local time)."""
        # Compared as moments rather than created__date, so the index on created is used.
        queryset = self
        if start is not None:
            queryset = queryset.filter(created__gte=local_midnight(start))
        if end is not None:
            queryset = queryset.filter(created__lt=local_midnight(end + datetime.timedelta(days=1)))
        return queryset


class FeedbackManager(models.Manager.from_queryset(FeedbackQuerySet)):
    # The raw comment is a local variable here: keep it out of error reports.
    @sensitive_variables("comment")
    def record(
        self,
        *,
        page: str,
        language: str,
        answer: str,
        comment: str = "",
        now: datetime.datetime | None = None,
    ) -> Feedback:
        """Store one answer; the comment is scrubbed by ``Feedback.save()`` before it is written."""
        feedback = self.model(
            page=page,
            language=language,
            answer=answer,
            comment=comment,
            created=now or timezone.now(),
        )
        # A lone INSERT is atomic by itself, and an explicit transaction would cost two
        # more round trips per post. Inside an outer transaction (ATOMIC_REQUESTS, a
        # test) a savepoint keeps a failed write from breaking it for the caller.
        if connections[self.db].in_atomic_block:
            with transaction.atomic(using=self.db):
                feedback.save(force_insert=True, using=self.db)
        else:
            feedback.save(force_insert=True, using=self.db)
        return feedback


class Feedback(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", _("Ja")
        NO = "no", _("Nei")

    class Language(models.TextChoices):
        NB = "nb", _("Bokmål")
        NN = "nn", _("Nynorsk")
        EN = "en", _("Engelsk")

    page = models.CharField(
        _("side"),
        max_length=PAGE_MAX_LENGTH,
        help_text=_(
            "Adressen til siden tilbakemeldingen ble gitt på, for eksempel /nn/endringer/."
        ),
    )
    language = models.CharField(_("språk"), max_length=2, choices=Language.choices)
    answer = models.CharField(_("svar"), max_length=3, choices=Answer.choices)
    comment = models.TextField(
        _("kommentar"),
        blank=True,
        help_text=_(
            "Det besøkende skrev. Personopplysninger er fjernet før lagring og erstattet "
            "med for eksempel «[telefonnummer fjernet]»."
        ),
    )
    removed = models.JSONField(
        _("fjernede opplysninger"),
        default=dict,
        blank=True,
        help_text=_(
            "Hvor mange opplysninger av hver type som ble fjernet, for eksempel "
            '{"telefonnummer": 1}.'
        ),
    )
    created = models.DateTimeField(
        _("tidspunkt"), db_index=True, help_text=_("Når tilbakemeldingen kom, til nærmeste minutt.")
    )

    objects = FeedbackManager()

    class Meta:
        verbose_name = _("tilbakemelding")
        verbose_name_plural = _("tilbakemeldinger")
        ordering = ["-created", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page__startswith="/"), name="feedback_page_is_a_path"
            ),
            models.CheckConstraint(
                condition=models.Q(answer__in=["yes", "no"]), name="feedback_answer_is_known"
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=["nb", "nn", "en"]),
                name="feedback_language_is_known",
            ),
        ]

    def __str__(self) -> str:
        # Never the comment: this text appears in logs, error reports and admin messages.
        return f"{self.get_answer_display()} – {self.page}"

    @sensitive_variables()
    def save(self, *args, **kwargs) -> None:
        """Scrub and normalise, then write: the one way feedback reaches the database."""
        self.apply_scrubber()
        # The path too: the widget is also on the 404 page, whose address is whatever was typed.
        self.page = normalise_page(scrub(normalise_page(self.page)))
        self.created = truncate_to_minute(self.created or timezone.now())
        if self.removed is None:
            self.removed = {}
        super().save(*args, **kwargs)

    def apply_scrubber(self) -> ScrubResult:
        """Scrub the comment in place, add what was removed to ``removed``, and return the result.

        Idempotent: scrubbing a scrubbed comment changes nothing and counts nothing.
        """
        try:
            result = scrub_with_report(self.comment or "")
        except Exception as error:
            # The scrubber's frames hold the raw text: drop them (from None) and keep the location.
            where = traceback.extract_tb(error.__traceback__)[-1]
            raise ScrubberFailed(
                f"{type(error).__name__} in the scrubber at {where.filename}:{where.lineno}"
            ) from None
        if result.changed:
            self.comment = result.text
            counts = Counter({str(kind): int(n) for kind, n in (self.removed or {}).items()})
            counts.update({str(kind): int(n) for kind, n in result.counts.items()})
            self.removed = dict(sorted(counts.items()))
        return result

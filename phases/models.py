"""The rollout: phases, milestones (go-lives), organisations and their date history.

Dates are fuzzy periods (``phases.periods``) stored in one column each
(``phases.fields.PeriodField``), with a derived ``sort_date`` that ``save()``
computes. A date never changes silently: every new plan is a new ``DateEntry``
(a revision with its reason and source), and what actually happened is an entry
of its own. Status is derived from these entries and the day (``phases.status``),
never stored; what it needs from the entries (a milestone's shown period) is stored
on the milestone, recomputed with every published line, so the database can filter
by status (``phases.status_query``).

"Public" is defined once, by the ``published(at=...)`` queryset methods below.
Translated fields are registered in ``phases/translation.py``; history is
registered in ``PhasesConfig.ready()`` after them (see ``phases/apps.py``).
"""

from __future__ import annotations

import datetime
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, router, transaction
from django.db.models import Q
from django.db.models.functions import Collate
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from helseplattform.content import bump_content_version
from phases import publication
from phases import status as rollout_status
from phases.collation import NORWEGIAN
from phases.fields import PeriodField, period_error
from phases.periods import PeriodError, Point
from phases.plaintext import reject_markup
from phases.slip import Slip, slip_of
from phases.validators import validate_organisation_number


class BumpsContentVersion(models.Model):
    """Mark every cached public page stale, in the same transaction as the save.

    This is the contract of ``helseplattform.content``: whatever writes content
    (the admin, ``load_content``, a shell, a restore) bumps the content version
    the database holds, so every process serves the change within a second.
    Deletes (bulk ones too) and many-to-many changes bump it through the
    signals registered in ``PhasesConfig.ready()``; a bulk ``update()``
    bypasses both and must call ``bump_content_version()`` itself.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with transaction.atomic(using=kwargs.get("using") or router.db_for_write(type(self))):
            super().save(*args, **kwargs)
            bump_content_version(using=kwargs.get("using"))


def _shown(at, *, drafts, prefix=""):
    """Return the condition for being public at ``at`` (with ``drafts``: or never published).

    Drafts (no ``publish_at``) are shown only in the staff preview (``phases.editorial.visibility``).
    """
    started = Q(**{f"{prefix}publish_at__lte": at})
    if drafts:
        started |= Q(**{f"{prefix}publish_at__isnull": True})
    not_ended = Q(**{f"{prefix}unpublish_at__isnull": True}) | Q(
        **{f"{prefix}unpublish_at__gt": at}
    )
    return started & not_ended


class PublishableQuerySet(models.QuerySet):
    def published(self, *, at, drafts=False):
        """Return what visitors may see at the given moment: the one definition of public.

        ``drafts=True`` adds drafts, for the staff preview only.
        """
        return self.filter(_shown(at, drafts=drafts))


class Publishable(BumpsContentVersion):
    publish_at = models.DateTimeField(
        _("publiseres"),
        null=True,
        blank=True,
        help_text=_(
            "Fra når innholdet er synlig på nettstedet. Tomt betyr utkast: bare synlig i "
            "administrasjonen. Et tidspunkt fram i tid publiserer automatisk da."
        ),
    )
    unpublish_at = models.DateTimeField(
        _("avpubliseres"),
        null=True,
        blank=True,
        help_text=_("Fra når innholdet ikke lenger er synlig. Tomt betyr aldri."),
    )
    # Freshness, shown to visitors as «Sist oppdatert» and «Sist kontrollert».
    updated_at = models.DateTimeField(
        _("sist oppdatert"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Når innholdet sist ble lagret med en endring."),
    )
    checked_at = models.DateTimeField(
        _("sist kontrollert"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Når en redaktør sist bekreftet at innholdet fortsatt stemmer, uten å endre det "
            "(handlingen «Bekreft at innholdet stemmer» i listen)."
        ),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Every save is a content change; a check alone goes through ``confirm_still_true``.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "updated_at" in update_fields:
            self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    def last_changed(self, *related) -> datetime.datetime | None:
        """Return the newest change of this object and of ``related`` objects shown with it."""
        moments = [obj.updated_at for obj in (self, *related) if obj.updated_at is not None]
        return max(moments, default=None)

    def clean(self):
        super().clean()
        if self.publish_at and self.unpublish_at and self.unpublish_at <= self.publish_at:
            raise ValidationError(
                {
                    "unpublish_at": ValidationError(
                        _("Avpubliseringen må komme etter publiseringen."),
                        code="unpublish_before_publish",
                    )
                }
            )

    def is_published(self, *, at) -> bool:
        """Return whether the object is public at the moment (same rule as the queryset)."""
        return (
            self.publish_at is not None
            and self.publish_at <= at
            and (self.unpublish_at is None or self.unpublish_at > at)
        )

    def has_been_public(self, *, at) -> bool:
        """Return whether the object was public at any moment before ``at`` (one query).

        Read from the content history, so clearing ``publish_at`` afterwards does not
        hide that it was online; the stored state counts as the newest version.
        """
        versions = list(
            self.history.order_by("history_date", "history_id").values_list(
                "history_date", "publish_at", "unpublish_at"
            )
        )
        last_saved = versions[-1][0] if versions else None
        versions.append((last_saved, self.publish_at, self.unpublish_at))
        return publication.has_been_public(versions, at=at)


class HasPeriod(BumpsContentVersion):
    """A fuzzy period in one column (``PeriodField``), plus its first day derived in ``save()``."""

    period = PeriodField(_("periode"), null=True, blank=True)
    # The first day, for ordering in SQL (phases are ordered by it). A date entry's is
    # not read by the site itself (lines keep their recorded order), but it is the one
    # date of a line the database can compare without reading the period's text.
    sort_date = models.DateField(
        _("sorteringsdato"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Første dag i perioden. Regnes ut automatisk."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.sort_date = self.period.first_day() if self.period is not None else None
        super().save(*args, **kwargs)


def go_lives_prefetch(*, at, drafts=False) -> models.Prefetch:
    """Return the prefetch of organisations' public go-lives with their dates.

    Only the columns that a go-live is shown by (its slug, publication and dates):
    the status filter and the calendar read every organisation's go-live.
    """
    go_lives = (
        Milestone.objects.published(at=at, drafts=drafts)
        .filter(is_go_live=True)
        .only("slug", "publish_at", "unpublish_at", "updated_at", "is_go_live", "phase_id")
        .prefetch_related(date_entries_shown(drafts=drafts))
    )
    return models.Prefetch("milestones", queryset=go_lives, to_attr="public_go_lives")


def prefetch_go_lives(organisations, *, at, drafts=False) -> list[Organisation]:
    """Return the organisations as a list, each with its public go-lives (two queries at most).

    Those that have them already (``with_go_lives``) are left as they are, so a page
    of organisations costs the same whichever way it was filtered.
    """
    organisations = list(organisations)
    missing = [o for o in organisations if not hasattr(o, "public_go_lives")]
    models.prefetch_related_objects(missing, go_lives_prefetch(at=at, drafts=drafts))
    return organisations


def alias_lines(text: str) -> list[str]:
    """Return the other names written one per line, without blank lines."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def date_entries_shown(*, drafts=False) -> models.Prefetch:
    """Prefetch ``date_entries`` with the published lines only (``drafts``: with the drafts too).

    Without ``to_attr``, so ``owner.date_entries.all()`` (the templates, the API, the
    calendars and ``dates``) reads exactly the lines the page may show.
    """
    lines = DateEntry.objects.shown(drafts=drafts).select_related("corrects")
    return models.Prefetch("date_entries", queryset=lines)


class OrganisationQuerySet(PublishableQuerySet):
    def with_go_lives(self, *, at, drafts=False):
        """Prefetch the public go-lives (with their dates) as ``public_go_lives``."""
        return self.prefetch_related(go_lives_prefetch(at=at, drafts=drafts))

    def with_hospitals(self):
        """Prefetch the trusts' hospitals (for the directory search)."""
        return self.prefetch_related("hospitals")


class PhaseQuerySet(PublishableQuerySet):
    def with_dates(self, *, drafts=False):
        """Prefetch the published lines of the date history (``drafts``: the drafts too)."""
        return self.prefetch_related(date_entries_shown(drafts=drafts))

    def with_milestone_counts(self, *, at, drafts=False):
        """Annotate ``milestone_count``: how many of the phase's milestones are public.

        Counted by the database, so a list of phases costs the same however many
        milestones each has (the timeline shows the count, not the milestones).
        """
        return self.annotate(
            milestone_count=models.Count(
                "milestones", filter=_shown(at, drafts=drafts, prefix="milestones__")
            )
        )


class Organisation(Publishable):
    class Kind(models.TextChoices):
        HEALTH_TRUST = "helseforetak", _("Helseforetak og sykehus")
        MUNICIPALITY = "kommune", _("Kommune")
        GP_OFFICE = "fastlegekontor", _("Fastlegekontor")
        SPECIALIST = "avtalespesialist", _("Avtalespesialist")
        OTHER = "annet", _("Annet")

    # Names of counties are the same in every language the site speaks.
    class County(models.TextChoices):
        TRONDELAG = "trondelag", "Trøndelag"
        MORE_OG_ROMSDAL = "more-og-romsdal", "Møre og Romsdal"
        INNLANDET = "innlandet", "Innlandet"
        NORDLAND = "nordland", "Nordland"

    class Decision(models.TextChoices):
        # The legend of the map on helseplattformen.no/nar-kommer-helseplattformen.
        DECIDED = "decided", _("Har besluttet å innføre Helseplattformen")
        PREPARING = "preparing", _("Har startet forberedelser")
        POLITICAL_DECISION_PLANNED = (
            "political_decision_planned",
            _("Planlegger politisk behandling"),
        )
        NO_DECISION_SCHEDULED = "no_decision_scheduled", _("Ingen beslutning planlagt")
        TRUST_IN_USE = "trust_in_use", _("Helseforetaket har tatt Helseplattformen i bruk")
        LAB_IN_USE = "lab_in_use", _("Alle sykehuslaboratorier bruker lab-løsningen")

    # Not translated: "Trondheim kommune" is the organisation's name in every language.
    name = models.CharField(
        _("navn"),
        max_length=200,
        validators=[reject_markup],
        help_text=_("For eksempel «Trondheim kommune»."),
    )
    slug = models.SlugField(
        _("adresse"),
        max_length=200,
        unique=True,
        help_text=_(
            "Delen av nettadressen som navngir virksomheten, for eksempel «trondheim-kommune»."
        ),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    county = models.CharField(_("fylke"), max_length=20, choices=County.choices, blank=True)
    website = models.URLField(
        _("nettsted"), blank=True, help_text=_("For eksempel https://www.trondheim.kommune.no/.")
    )
    decision = models.CharField(
        _("beslutning"),
        max_length=30,
        choices=Decision.choices,
        blank=True,
        help_text=_(
            "Valgfritt: hvor virksomheten står i beslutningen om å innføre Helseplattformen."
        ),
    )

    # Identifiers and search aids (phases.directory): public facts with their source in
    # phases/content/directory.json, loaded by load_content.
    kommunenummer = models.CharField(
        _("kommunenummer"),
        max_length=4,
        blank=True,
        db_index=True,
        validators=[RegexValidator(r"^\d{4}$", _("Skriv fire sifre, for eksempel 5001."))],
        help_text=_("For kommuner: kommunenummeret fra 2024, for eksempel «5001» for Trondheim."),
    )
    organisasjonsnummer = models.CharField(
        _("organisasjonsnummer"),
        max_length=9,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_(
            "Ni sifre fra Enhetsregisteret, for eksempel «942110464». Tomt når vi ikke vet."
        ),
    )
    aliases = models.TextField(
        _("andre navn"),
        blank=True,
        help_text=_(
            "Navn folk søker etter, ett per linje: samiske navn, forkortelser og vanlige "
            "skrivemåter, for eksempel «St. Olav»."
        ),
    )
    latitude = models.DecimalField(
        _("breddegrad"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Et punkt inne i kommunen, for kartet. For eksempel 63.3381."),
    )
    longitude = models.DecimalField(
        _("lengdegrad"),
        max_digits=7,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("For eksempel 10.4751."),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        # Æ, Ø, Å after Z, on SQLite and PostgreSQL alike (phases/collation.py).
        ordering = [Collate("name", NORWEGIAN)]
        verbose_name = _("virksomhet")
        verbose_name_plural = _("virksomheter")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("phases:organisation", kwargs={"slug": self.slug})

    @property
    def go_live(self) -> Milestone | None:
        """The go-live that completes this organisation's introduction, if any.

        Reads ``public_go_lives`` (see ``OrganisationQuerySet.with_go_lives``). With
        several, the latest counts: a date that is not known yet counts as latest.
        """
        go_lives = getattr(self, "public_go_lives", None)
        if not go_lives:
            return None
        return max(go_lives, key=_latest_first_key)

    @property
    def alias_list(self) -> list[str]:
        return alias_lines(self.aliases)


class Hospital(BumpsContentVersion):
    """A hospital: a place where a hospital trust treats patients.

    It has no go-live of its own: it goes live with its trust, and the search
    leads from its name (or a common form of it) to the trust's page.
    """

    trust = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="hospitals",
        limit_choices_to={"kind": Organisation.Kind.HEALTH_TRUST},
        verbose_name=_("helseforetak"),
    )
    name = models.CharField(
        _("navn"),
        max_length=200,
        help_text=_("Slik sykehuset selv skriver det, for eksempel «Molde sjukehus»."),
    )
    aliases = models.TextField(
        _("andre navn"),
        blank=True,
        help_text=_("Vanlige skrivemåter, ett per linje, for eksempel «Molde sykehus»."),
    )
    municipality = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hospitals_here",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
        verbose_name=_("kommune"),
        help_text=_("Kommunen sykehuset ligger i."),
    )
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        ordering = ["trust", "position", "name"]
        verbose_name = _("sykehus")
        verbose_name_plural = _("sykehus")
        constraints = [
            models.UniqueConstraint(fields=["trust", "name"], name="hospital_name_unique_in_trust")
        ]

    def __str__(self):
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return alias_lines(self.aliases)


def _latest_first_key(milestone):
    shown = milestone.dates.shown
    return (shown is None, shown.sort_key() if shown else (), milestone.pk)


class Phase(Publishable, HasPeriod):
    """A phase of the rollout. Its own period is the plan as first published."""

    position = models.PositiveSmallIntegerField(
        _("rekkefølge"),
        default=0,
        db_index=True,
        help_text=_("Fasene vises i stigende rekkefølge."),
    )
    slug = models.SlugField(
        _("adresse"),
        max_length=100,
        unique=True,
        help_text=_(
            "Brukes i nettadressen og som anker på tidslinjen (#forberedelsesfase). "
            "Endres den etter publisering, sendes den gamle adressen videre til den nye."
        ),
    )
    title = models.CharField(
        _("tittel"),
        max_length=200,
        validators=[reject_markup],
        help_text=_("For eksempel «Forberedelsesfase»."),
    )
    summary = models.TextField(
        _("sammendrag"),
        blank=True,
        validators=[reject_markup],
        help_text=_("Én eller to setninger. Vises i søkeresultater."),
    )
    body = models.TextField(
        _("tekst"),
        blank=True,
        help_text=_(
            "Avsnitt, lenker, lister og utheving. Annen formatering fjernes når teksten vises."
        ),
    )
    # The phase's own period is the original plan; a plan is required.
    period = PeriodField(
        _("periode"),
        help_text=_(
            "Perioden slik den først ble planlagt. "
            "Skriv den slik du ville sagt den, for eksempel «april–august 2019» eller "
            "«fra høst 2021». Endres planen senere, legg til en ny plan under «Datohistorikk» "
            "i stedet for å endre denne."
        ),
    )

    objects = PhaseQuerySet.as_manager()

    class Meta:
        ordering = ["position", "sort_date", "id"]
        verbose_name = _("fase")
        verbose_name_plural = _("faser")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("phases:phase", kwargs={"slug": self.slug})

    @cached_property
    def dates(self) -> rollout_status.Dates:
        """The phase's dates; reads ``date_entries`` (prefetch it for lists)."""
        return rollout_status.summarise(
            (entry.as_status_entry() for entry in in_force(self.date_entries.all())),
            original=self.period,
        )

    def status_on(self, day) -> rollout_status.Status:
        return rollout_status.phase_status(self.dates, day)


class MilestoneQuerySet(models.QuerySet):
    def published(self, *, at, drafts=False):
        """Return milestones visitors may see: published, in a published phase."""
        return self.filter(_shown(at, drafts=drafts), _shown(at, drafts=drafts, prefix="phase__"))

    def with_details(self, *, at, drafts=False):
        """Prefetch dates and public organisations (as ``public_organisations``)."""
        return self.select_related("phase").prefetch_related(
            date_entries_shown(drafts=drafts),
            models.Prefetch(
                "organisations",
                queryset=Organisation.objects.published(at=at, drafts=drafts),
                to_attr="public_organisations",
            ),
        )


class Milestone(Publishable):
    """Something that happens on a date, such as a group of organisations going live.

    Organisations that share one identical date history share one milestone; when
    a source reports a date for some of them only, they are split into two.
    """

    phase = models.ForeignKey(
        Phase, on_delete=models.PROTECT, related_name="milestones", verbose_name=_("fase")
    )
    slug = models.SlugField(
        _("adresse"), max_length=120, unique=True, help_text=_("Brukes som anker på fasesiden.")
    )
    title = models.CharField(
        _("tittel"),
        max_length=200,
        validators=[reject_markup],
        help_text=_("For eksempel «Trondheim kommune tar i bruk Helseplattformen»."),
    )
    description = models.TextField(_("beskrivelse"), blank=True, validators=[reject_markup])
    is_go_live = models.BooleanField(
        _("tas i bruk"),
        default=True,
        help_text=_("Kryss av når milepælen er at virksomhetene tar Helseplattformen i bruk."),
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="milestones", verbose_name=_("virksomheter")
    )
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    # The shown period of the published date history (``phases.status.Shown``), derived:
    # recomputed in the transaction that saves or deletes a published line
    # (``refresh_shown_dates``), so the database can filter by status and date
    # (``phases.status_query``). Drafts never count here; a preview reads the history.
    shown_first_day = models.DateField(_("vist periode fra"), null=True, blank=True, editable=False)
    shown_last_day = models.DateField(_("vist periode til"), null=True, blank=True, editable=False)
    shown_is_actual = models.BooleanField(_("vist dato er faktisk"), default=False, editable=False)
    shown_rank = models.PositiveSmallIntegerField(
        _("presisjon av vist periode"), default=0, editable=False
    )
    # What a go-live means for people around the day (``_impact.html``): optional plain
    # text, shown only where filled; never guessed when the sources say nothing.
    impact_period = models.TextField(
        _("periode med redusert drift"),
        blank=True,
        validators=[reject_markup],
        help_text=_(
            "Valgfritt. Når virksomheten tar imot færre pasienter eller gjør mindre enn vanlig, "
            "slik kilden sier det, for eksempel «fra slutten av oktober til midten av "
            "desember». La feltet stå tomt når kildene ikke sier noe."
        ),
    )
    impact_unaffected = models.TextField(
        _("dette går som vanlig"),
        blank=True,
        validators=[reject_markup],
        help_text=_(
            "Valgfritt. Hva som ikke blir berørt, for eksempel «Akutt hjelp får du som vanlig. "
            "Ring 113 ved fare for liv.»"
        ),
    )
    impact_contact = models.TextField(
        _("hvem kontakter hvem"),
        blank=True,
        validators=[reject_markup],
        help_text=_(
            "Valgfritt. Hvem som tar kontakt med hvem, for eksempel «Sykehuset kontakter deg "
            "hvis timen din blir flyttet. Du trenger ikke gjøre noe.»"
        ),
    )

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["phase__position", "position", "id"]
        verbose_name = _("milepæl")
        verbose_name_plural = _("milepæler")

    def __str__(self):
        return self.title

    @cached_property
    def dates(self) -> rollout_status.Dates:
        """The milestone's dates; reads ``date_entries`` (prefetch it for lists)."""
        return rollout_status.summarise(
            entry.as_status_entry() for entry in in_force(self.date_entries.all())
        )

    @cached_property
    def confidence(self):
        """Return how sure the date in force is (a ``DateEntry.Confidence``), None once it happened."""
        if self.dates.actual is not None:
            return None
        if self.dates.planned is None:
            return DateEntry.Confidence.NOT_SET
        entries = list(self.date_entries.all())
        # The plan in force: the newest revision, else the original (as ``summarise`` reads it).
        plans = [entry for entry in entries if entry.kind == DateEntry.Kind.REVISION] or [
            entry for entry in entries if entry.kind == DateEntry.Kind.ORIGINAL
        ]
        return DateEntry.Confidence(plans[-1].confidence or "planned") if plans else None

    @cached_property
    def slip(self) -> Slip | None:
        """How often and how far the date moved since first announced (None if never revised)."""
        return slip_of(entry.as_status_entry() for entry in self.date_entries.all())

    def status_on(self, day) -> rollout_status.Status:
        return rollout_status.milestone_status(self.dates, day)

    @property
    def has_impact(self) -> bool:
        """Return whether any part of the impact window is written (in the active language)."""
        return bool(self.impact_period or self.impact_unaffected or self.impact_contact)

    @property
    def stored_shown(self) -> rollout_status.Shown:
        """The stored form of the published history's shown period (see ``shown_first_day``)."""
        return rollout_status.Shown(
            first_day=self.shown_first_day,
            last_day=self.shown_last_day,
            is_actual=self.shown_is_actual,
            rank=self.shown_rank,
        )


SHOWN_COLUMNS = ("shown_first_day", "shown_last_day", "shown_is_actual", "shown_rank")


def shown_columns(entries) -> dict:
    """Return the stored shown-period columns of a milestone with these published lines."""
    dates = rollout_status.summarise(entry.as_status_entry() for entry in in_force(entries))
    shown = rollout_status.shown_of(dates)
    return {
        "shown_first_day": shown.first_day,
        "shown_last_day": shown.last_day,
        "shown_is_actual": shown.is_actual,
        "shown_rank": shown.rank,
    }


def refresh_shown_dates(milestone_ids, *, using=None) -> None:
    """Recompute the stored shown period of these milestones from their published lines.

    A bulk update: the values are derived, so no history row, no new «Sist oppdatert»;
    the line's own save bumps the content version. Two queries for up to 500 milestones
    (``build_large_rollout`` fills thousands at once).
    """
    milestone_ids = {pk for pk in milestone_ids if pk is not None}
    if not milestone_ids:
        return
    using = using or router.db_for_write(Milestone)
    entries = {pk: [] for pk in milestone_ids}
    for entry in (
        DateEntry.objects.using(using).shown().filter(milestone_id__in=milestone_ids).order_by("id")
    ):
        entries[entry.milestone_id].append(entry)
    rows = [Milestone(pk=pk, **shown_columns(lines)) for pk, lines in entries.items()]
    Milestone.objects.using(using).bulk_update(rows, SHOWN_COLUMNS, batch_size=500)


def publish_draft_dates(owner, *, reason) -> int:
    """Publish the draft lines of a phase's or milestone's date history; return how many.

    One ``save()`` per line, so each publication is in the line's history.
    """
    count = 0
    for entry in owner.date_entries.filter(draft=True):
        entry.draft = False
        entry._change_reason = str(reason)
        entry.save()
        count += 1
    return count


def in_force(entries):
    """Return the lines of a date history in recorded order, each correction in its place.

    A correction stands where the line it corrects stood (the newest correction of
    a line wins), so correcting an old plan never turns it into the newest plan.
    ``entries`` are the lines a page may show; a correction that is not among them
    (a draft on the public site) leaves the line it corrects as it was.
    """
    entries = list(entries)
    correction_of = {}
    for entry in entries:
        if entry.corrects_id is not None:
            correction_of[entry.corrects_id] = entry  # recorded order: the newest wins
    shown = []
    for entry in entries:
        if entry.corrects_id is not None:
            continue
        replacement = entry
        while replacement.pk in correction_of:
            replacement = correction_of[replacement.pk]
        shown.append(replacement)
    return shown


class DateEntryQuerySet(models.QuerySet):
    def shown(self, *, drafts=False):
        """Return the published lines (``drafts``: the drafts too, for the staff preview)."""
        return self if drafts else self.filter(draft=False)

    def published(self, *, at, drafts=False):
        """Return published lines whose phase or milestone (and its phase) is public."""
        phases = Phase.objects.published(at=at, drafts=drafts)
        milestones = Milestone.objects.published(at=at, drafts=drafts)
        return self.shown(drafts=drafts).filter(Q(phase__in=phases) | Q(milestone__in=milestones))

    def changes(self):
        """Return the entries that change a plan, report what happened or correct a line.

        Newest first. A correction of the original plan is a change too.
        """
        return self.exclude(kind=DateEntry.Kind.ORIGINAL, corrects__isnull=True).order_by(
            models.F("decided_on").desc(nulls_last=True), "-id"
        )


class DateEntry(HasPeriod):
    """One line of a date history. Entries are added, never overwritten.

    In the admin a new line starts as a draft (``draft``): it can be edited and
    previewed, and is public only once published, on its own or with its phase or
    milestone. A published line is never edited again; a mistake in it is put
    right by a correction (a new line whose ``corrects`` names it), which takes its
    place in the dates (``in_force``) and is shown as a correction, not as a new plan.
    Rows written by ``load_content`` or a shell are published unless they say otherwise.
    """

    class Kind(models.TextChoices):
        ORIGINAL = rollout_status.Kind.ORIGINAL.value, _("Opprinnelig plan")
        REVISION = rollout_status.Kind.REVISION.value, _("Ny plan")
        UNSETTLED = rollout_status.Kind.UNSETTLED.value, _("Dato ikke fastsatt")
        ACTUAL = rollout_status.Kind.ACTUAL.value, _("Faktisk dato")

    class Precision(models.TextChoices):
        DAY = "day", _("Dag")
        MONTH = "month", _("Måned")
        YEAR = "year", _("År")

    class Language(models.TextChoices):
        NB = "nb", "Bokmål"
        NN = "nn", "Nynorsk"
        EN = "en", _("Engelsk")

    phase = models.ForeignKey(
        Phase,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="date_entries",
        verbose_name=_("fase"),
    )
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="date_entries",
        verbose_name=_("milepæl"),
    )

    class Confidence(models.TextChoices):
        """How sure the source is of a planned date: shown as text beside a future date."""

        CONFIRMED = "confirmed", _("bekreftet")
        PLANNED = "planned", _("planlagt")
        PROVISIONAL = "provisional", _("foreløpig")
        NOT_SET = "not_set", _("ikke fastsatt")

    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    confidence = models.CharField(
        _("hvor sikker"),
        max_length=12,
        choices=Confidence.choices,
        default=Confidence.PLANNED,
        blank=True,  # empty reads as planned: a form without the field still saves
        help_text=_(
            "Hvor sikker kilden er på datoen: «bekreftet» når den er endelig vedtatt, "
            "«foreløpig» når kilden sier at den kan endres. Vises ved datoer fram i tid."
        ),
    )
    reason = models.TextField(
        _("begrunnelse"),
        blank=True,
        validators=[reject_markup],
        help_text=_("Hvorfor datoen ble endret, slik kilden forklarer det."),
    )
    decided_on = models.DateField(
        _("besluttet"),
        null=True,
        blank=True,
        help_text=_("Når endringen ble besluttet eller meldt."),
    )
    decided_on_precision = models.CharField(
        _("presisjon"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("Velg «Måned» når kilden bare sier for eksempel «januar 2021»."),
    )
    source_url = models.URLField(_("kilde (nettadresse)"), max_length=500, blank=True)
    source_title = models.CharField(
        _("kilde (tittel)"),
        max_length=300,
        blank=True,
        validators=[reject_markup],
        help_text=_("Tittelen slik kilden skriver den."),
    )
    source_language = models.CharField(
        _("kildens språk"), max_length=2, choices=Language.choices, default=Language.NB
    )
    is_major = models.BooleanField(
        _("varsle abonnenter"),
        default=True,
        help_text=_(
            "Huk av når en dato for å ta i bruk flyttes eller avlyses: endringen kunngjøres i "
            "feeder og kalendere og sendes på e-post til dem som abonnerer, med begrunnelsen "
            "som endringsnotat. Ta bort haken for en liten rettelse av ordlyden."
        ),
    )
    draft = models.BooleanField(
        _("utkast"),
        default=False,
        help_text=_(
            "Et utkast vises bare i forhåndsvisningen. Publiser linjen når den er klar; "
            "da kan den ikke endres lenger, bare rettes."
        ),
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("retter"),
        help_text=_("Linjen i datohistorikken som denne linjen retter en feil i."),
    )

    objects = DateEntryQuerySet.as_manager()

    class Meta:
        # Recorded order: the newest plan is the last plan recorded.
        ordering = ["id"]
        verbose_name = _("dato i historikken")
        verbose_name_plural = _("datohistorikk")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(phase__isnull=False, milestone__isnull=True)
                    | Q(phase__isnull=True, milestone__isnull=False)
                ),
                name="date_entry_belongs_to_phase_or_milestone",
            ),
            models.CheckConstraint(
                condition=Q(kind="unsettled") | Q(period__isnull=False),
                name="date_entry_has_period_unless_unsettled",
            ),
        ]

    def __str__(self):
        period = self.period
        text = f"{self.get_kind_display()}: {period.format('nb') if period else '–'}"
        return _("Rettelse – %(line)s") % {"line": text} if self.corrects_id else text

    def save(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self))
        with transaction.atomic(using=using):
            super().save(*args, **kwargs)
            # A draft leaves the stored values as they are (they read published lines only),
            # but publishing one, or moving a line, changes them: always recompute.
            refresh_shown_dates(
                {self.milestone_id, getattr(self, "_stored_milestone_id", None)}, using=using
            )
        self._stored_milestone_id = self.milestone_id

    def clean(self):
        super().clean()
        if self.kind and self.kind != self.Kind.UNSETTLED and self.period is None:
            # The message the period field gives for an empty required period.
            raise ValidationError({"period": period_error(PeriodError("empty"))})
        if self.corrects_id and self.corrects.owner != self.owner:
            raise ValidationError(
                {
                    "corrects": ValidationError(
                        _("En rettelse må gjelde samme fase eller milepæl som linjen den retter."),
                        code="correction_of_other_owner",
                    )
                }
            )
        if self.phase_id and self.kind == self.Kind.ORIGINAL:
            raise ValidationError(
                {
                    "kind": ValidationError(
                        _("En fases opprinnelige plan er perioden på selve fasen."),
                        code="phase_original_on_phase",
                    )
                }
            )

    @property
    def owner(self):
        return self.milestone if self.milestone_id else self.phase

    @property
    def decided_point(self) -> Point | None:
        """Return the decision date at the precision the source gives."""
        if self.decided_on is None:
            return None
        day = self.decided_on
        if self.decided_on_precision == self.Precision.YEAR:
            return Point(year=day.year)
        if self.decided_on_precision == self.Precision.MONTH:
            return Point(year=day.year, month=day.month)
        return Point(year=day.year, month=day.month, day=day.day)

    def as_status_entry(self) -> rollout_status.Entry:
        return rollout_status.Entry(rollout_status.Kind(self.kind), self.period)

    @classmethod
    def from_db(cls, db, field_names, values):
        entry = super().from_db(db, field_names, values)
        # The milestone the stored row belongs to: a line moved to another one changes both.
        entry._stored_milestone_id = entry.__dict__.get("milestone_id")
        return entry


@receiver(models.signals.post_delete, sender=DateEntry)
def _refresh_shown_dates_after_delete(sender, instance, using, **kwargs):
    """A deleted published line (one by one or in bulk) changes its milestone's shown period."""
    if instance.milestone_id is not None:
        refresh_shown_dates({instance.milestone_id}, using=using)


# The alert tables live with their code in phases/alerts/; imported here so Django finds them.
from phases.alerts.models import (  # noqa: E402, F401
    Announcement,
    Delivery,
    Subscriber,
    Subscription,
)

# The role pages and the glossary live with their code in phases/guidance/.
from phases.guidance.models import GlossaryTerm, RolePage  # noqa: E402, F401

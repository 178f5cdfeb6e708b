"""The editors' CMS: phases, milestones, organisations and their date history.

Written for the communications staff, in Norwegian:

- Texts in three languages side by side (modeltranslation's tabs: Bokmål,
  Nynorsk, English; jQuery UI served from our own static files through
  modeltranslation's ``JQUERY_UI_URL`` setting, in ``helseplattform/settings.py``),
  a column and a filter for what lacks Nynorsk or English, and a site-wide
  figure of how much published text exists in Nynorsk.
- Periods typed as people write them (``phases.fields.PeriodField``'s form field); the
  phase texts in a text editor with a toolbar (``RichTextEditor``).
- Date changes with review: a date that changes gets a new line in the date
  history, a draft until it is published (on its own, or with its phase or
  milestone) and previewable meanwhile. Published lines are read-only, in an
  inline of their own: a mistake is put right by a correction line (``?retter=``).
- Publishing: ``publish_at``/``unpublish_at`` with a state column and the actions
  "Publiser nå" and "Avpubliser". The public querysets compare with the clock,
  so a scheduled publish happens at its time without any cron job.
- Preview of any public page with drafts, at any moment, in any language
  (``phases.editorial.views.preview``), linked from every change form.
- History (django-simple-history): who changed what and when, a comparison of
  two versions, and a one-click restore that is itself recorded.
- Content that has ever been public (by its history, see ``Publishable.has_been_public``)
  cannot be deleted except by superusers; drafts that never were can.
"""

from __future__ import annotations

from adminsortable2.admin import SortableAdminMixin
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.db.models.functions import Collate
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation import settings as mt_settings
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from helseplattform.content import bump_content_version
from helseplattform.languages import translated_languages
from phases import publication
from phases.collation import NORWEGIAN
from phases.editorial import checks, coverage, history
from phases.editorial import views as admin_views
from phases.editorial.forms import (
    DATE_ENTRY_FIELDS,
    DateEntryForm,
    MilestoneForm,
    PhaseForm,
    RichTextEditor,
)
from phases.guidance.models import GlossaryTerm, RolePage
from phases.models import DateEntry, Hospital, Milestone, Organisation, Phase, publish_draft_dates

admin.site.site_header = _("Helseplattformen – redigering")
admin.site.site_title = _("Helseplattformen – redigering")
admin.site.index_title = _("Innhold og tilbakemeldinger")
admin.site.index_template = "admin/phases/index.html"


PUBLISH_HELP = _(
    "Tom = utkast. Sett et tidspunkt fram i tid for å publisere automatisk. "
    "Et tidspunkt som har vært, publiserer med en gang du lagrer."
)
UNPUBLISH_HELP = _(
    "Tom = blir liggende. Sett et tidspunkt for å ta innholdet bort fra nettstedet da "
    "(det blir liggende her, og kan publiseres igjen). Innhold som noen gang har vært "
    "synlig på nettstedet, kan ikke slettes: avpubliser det i stedet."
)


class AdminStyles:
    """Our admin stylesheet, after modeltranslation's tabs (which it adjusts)."""

    class Media:
        css = {"all": ("admin-extra/admin.css",)}


# --- Shared behaviour -----------------------------------------------------------------------


def has_been_public(obj) -> bool:
    """Return whether ``obj`` was ever public, read once per object (the delete rule).

    Not just "``publish_at`` is set": an editor could clear it and then delete.
    """
    if not hasattr(obj, "_has_been_public"):
        obj._has_been_public = obj.has_been_public(at=timezone.now())
    return obj._has_been_public


# Editors paste addresses without a scheme; they are https today.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin, with a comparison of two versions and restores named as such.

    Its change forms link to the preview of the public page that shows the object.
    """

    object_history_template = "admin/phases/object_history.html"
    object_history_list_template = "admin/phases/object_history_list.html"
    history_list_per_page = 50

    def render_history_view(self, request, template, context, **kwargs):
        if "page_obj" not in context:  # the form of one version, not the list
            return super().render_history_view(request, template, context, **kwargs)
        obj, page_obj = context["object"], context["page_obj"]
        info = self.opts.app_label, self.opts.model_name
        context["history_rows"] = history.history_rows(
            obj,
            page_obj.object_list,
            version_url=lambda record: reverse(
                "admin:{}_{}_simple_history".format(*info), args=[obj.pk, record.history_id]
            ),
            has_older_page=page_obj.has_next(),
            has_newer_page=page_obj.has_previous(),
        )
        return super().render_history_view(request, template, context, **kwargs)

    def save_model(self, request, obj, form, change):
        match = request.resolver_match
        if match and match.url_name and match.url_name.endswith("_simple_history"):
            # Restoring an earlier version (simple-history's revert view): say so in the history.
            version = match.args[1] if len(match.args) > 1 else match.kwargs.get("version_id")
            obj._change_reason = _("Gjenopprettet versjon %(version)s") % {"version": version}
        super().save_model(request, obj, form, change)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # «Forhåndsvis» links on the form: the public page this object is shown on.
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and request.user.has_perm(admin_views.PREVIEW_PERMISSION):
            extra_context = {
                **(extra_context or {}),
                "preview_links": admin_views.preview_links(obj, now=timezone.now()),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/historikk/sammenlign/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    def compare_view(self, request, object_id):
        """Show what differs between two versions (``?fra=&til=`` history ids)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        history = obj.history.select_related("history_user")
        try:
            older = history.get(history_id=int(request.GET.get("fra", "")))
            newer = history.get(history_id=int(request.GET.get("til", "")))
        except (ValueError, obj.history.model.DoesNotExist) as error:
            raise Http404 from error
        if older.history_date > newer.history_date:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "title": _("Sammenlign versjoner: %(object)s") % {"object": obj},
            "older": older,
            "newer": newer,
            "rows": admin_views.version_differences(self.model, older, newer),
            "history_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk]
            ),
            "restore_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_simple_history",
                args=[obj.pk, older.history_id],
            ),
            "can_restore": self.has_change_permission(request, obj),
        }
        return TemplateResponse(request, "admin/phases/compare.html", context)

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "compare_url": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_compare",
                args=[unquote(object_id)],
            ),
        }
        return super().history_view(request, object_id, extra_context)


class PublishingAdmin(HistoryAdmin):
    """Publishing state, publish/unpublish actions, delete rules and preview links for content."""

    formfield_overrides = URL_FIELDS
    actions = ("publish_now", "unpublish_now", checks.confirm_still_true)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "publish_at" and field is not None:
            field.help_text = PUBLISH_HELP
        elif db_field.name == "unpublish_at" and field is not None:
            field.help_text = UNPUBLISH_HELP
        return field

    @admin.display(description=_("publisering"), ordering="publish_at")
    def publication_state(self, obj) -> str:
        return publication.describe(
            publish_at=obj.publish_at, unpublish_at=obj.unpublish_at, at=timezone.now()
        )

    # Content that has been public stays: it may be linked and quoted. Unpublish it instead.
    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None or request.user.is_superuser:
            return True
        return not has_been_public(obj)

    @admin.action(description=_("Publiser nå"), permissions=["change"])
    def publish_now(self, request, queryset):
        moment = timezone.now()
        count = 0
        for obj in queryset:
            if obj.is_published(at=moment):
                continue
            obj.publish_at = moment
            obj.unpublish_at = None
            self._save_with_history(request, obj, _("Publisert nå"))
            self._publish_draft_dates(obj)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d publisert.", "%(count)d publisert.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Avpubliser"), permissions=["change"])
    def unpublish_now(self, request, queryset):
        moment = timezone.now()
        count = 0
        for obj in queryset:
            if obj.publish_at is None or (obj.unpublish_at and obj.unpublish_at <= moment):
                continue
            if obj.publish_at > moment:
                # Scheduled, never shown: back to a draft.
                obj.publish_at = None
            else:
                obj.unpublish_at = moment
            self._save_with_history(request, obj, _("Avpublisert"))
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d avpublisert.", "%(count)d avpublisert.", count) % {"count": count},
            messages.SUCCESS,
        )

    def _save_with_history(self, request, obj, reason):
        # One save() per object, never queryset.update(): the history records who
        # did it, and the page cache learns that public content changed.
        obj._history_user = request.user
        obj._change_reason = str(reason)
        obj.save()
        self.log_change(request, obj, str(reason))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if form.initial.get("publish_at") is None and form.instance.publish_at is not None:
            # Published (or scheduled) for the first time: its draft dates go with it.
            self._publish_draft_dates(form.instance)

    def _publish_draft_dates(self, obj):
        if hasattr(obj, "date_entries"):
            publish_draft_dates(obj, reason=_("Publisert sammen med %(owner)s") % {"owner": obj})

    def delete_queryset(self, request, queryset):
        # Each object on its own: each deletion is in the history, and delete() bumps the cache.
        for obj in queryset:
            obj._history_user = request.user
            obj.delete()

    def view_on_site(self, obj):
        return admin_views.preview_url(admin_views.public_path(obj))


class TranslatedAdmin(AdminStyles, PublishingAdmin, TabbedTranslationAdmin):
    """Publishing and history, with the nb / nn / en tabs."""

    @admin.display(description=_("mangler"))
    def missing_languages(self, obj) -> str:
        missing = coverage.missing_languages(obj)
        return ", ".join(str(admin_views.LANGUAGE_LABELS[code]) for code in missing) or "–"

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "nynorsk_coverage": coverage.published_coverage(at=timezone.now(), language="nn"),
        }
        return super().changelist_view(request, extra_context)


class MissingLanguageFilter(admin.SimpleListFilter):
    title = _("oversettelse")
    parameter_name = "mangler"

    def lookups(self, request, model_admin):
        return [("nn", _("Mangler nynorsk")), ("en", _("Mangler engelsk"))]

    def queryset(self, request, queryset):
        if self.value() in translated_languages():
            return queryset.filter(coverage.lacks_language(queryset.model, self.value()))
        return queryset


class PublicationFilter(admin.SimpleListFilter):
    title = _("publisering")
    parameter_name = "publisering"

    def lookups(self, request, model_admin):
        return list(publication.STATE_LABELS.items())

    def queryset(self, request, queryset):
        moment = timezone.now()
        value = self.value()
        if value == publication.State.DRAFT:
            return queryset.filter(publish_at__isnull=True)
        if value == publication.State.SCHEDULED:
            return queryset.filter(publish_at__gt=moment).exclude(unpublish_at__lte=moment)
        if value == publication.State.PUBLISHED:
            public = queryset.model.objects.published(at=moment).values("pk")
            return queryset.filter(pk__in=public)
        if value == publication.State.UNPUBLISHED:
            return queryset.filter(unpublish_at__lte=moment)
        return queryset


# --- Date history inlines --------------------------------------------------------------------


class PublishedLinesFormSet(forms.BaseInlineFormSet):
    """The published lines, under a prefix of their own (the drafts have ``date_entries``)."""

    @classmethod
    def get_default_prefix(cls):
        return "publiserte_datoer"


class PublishedDateEntryInline(TranslationStackedInline):
    """The published date history: read-only; a mistake is put right by a correction."""

    model = DateEntry
    formset = PublishedLinesFormSet
    extra = 0
    show_change_link = True
    verbose_name = _("publisert linje")
    verbose_name_plural = _("Datohistorikk – publisert (kan ikke endres, bare rettes)")
    fields = (*DATE_ENTRY_FIELDS, "correction_link")
    readonly_fields = fields  # modeltranslation names the reason's languages (reason_nb, …)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(draft=False).select_related("corrects")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # A line may be removed only while what it belongs to has never been public.
        if not request.user.has_perm("phases.delete_dateentry"):
            return False
        return request.user.is_superuser or obj is None or not has_been_public(obj)

    @admin.display(description=_("rettelse"))
    def correction_link(self, obj) -> str:
        return correction_link(obj)


def correction_link(entry) -> str:
    """Return «Retter: …» for a correction and a «Rett denne linjen» link for any published line."""
    parts = []
    if entry.corrects_id:
        parts.append(format_html("{} {}", _("Retter:"), entry.corrects))
    if entry.pk and not entry.draft:
        add_url = reverse("admin:phases_dateentry_add")
        parts.append(
            format_html('<a href="{}?retter={}">{}</a>', add_url, entry.pk, _("Rett denne linjen"))
        )
    return format_html_join(" · ", "{}", ((part,) for part in parts)) if parts else "–"


class DraftDateEntryInline(TranslationStackedInline):
    """The drafts of the date history: add a new line when a date changes, preview, publish."""

    model = DateEntry
    form = DateEntryForm
    formfield_overrides = URL_FIELDS
    extra = 0
    show_change_link = True
    verbose_name = _("dato i historikken")
    verbose_name_plural = _("Datohistorikk – utkast (legg til en ny linje når en dato endres)")
    fields = (*DATE_ENTRY_FIELDS, "publish_now")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(draft=True)

    def has_delete_permission(self, request, obj=None):
        # A draft was never public: it may always be removed.
        return request.user.has_perm("phases.delete_dateentry")


class PhaseDateEntryChoices:
    """A phase's original plan is the period on the phase itself: not a choice in its lines."""

    fk_name = "phase"

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "kind":
            kwargs["choices"] = [
                (value, label)
                for value, label in DateEntry.Kind.choices
                if value != DateEntry.Kind.ORIGINAL
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class PhaseDraftDateEntryInline(PhaseDateEntryChoices, DraftDateEntryInline):
    pass


class PhasePublishedDateEntryInline(PublishedDateEntryInline):
    fk_name = "phase"


class MilestoneDraftDateEntryInline(DraftDateEntryInline):
    fk_name = "milestone"


class MilestonePublishedDateEntryInline(PublishedDateEntryInline):
    fk_name = "milestone"


class MilestoneInline(TranslationTabularInline):
    model = Milestone
    extra = 0
    show_change_link = True
    fields = ("title", "slug", "is_go_live", "publish_at", "publication_state")
    readonly_fields = ("publication_state",)
    prepopulated_fields = {"slug": ("title",)}
    verbose_name_plural = _("Milepæler i fasen (åpne en milepæl for å endre datoene)")

    @admin.display(description=_("publisering"))
    def publication_state(self, obj) -> str:
        if obj.pk is None:
            return "–"
        return publication.describe(
            publish_at=obj.publish_at, unpublish_at=obj.unpublish_at, at=timezone.now()
        )

    def has_delete_permission(self, request, obj=None):
        return False  # delete a milestone on its own page, where the rules are checked


# --- The models ----------------------------------------------------------------------------


@admin.register(Phase)
class PhaseAdmin(SortableAdminMixin, TranslatedAdmin):
    form = PhaseForm
    list_display = (
        "title",
        "period_display",
        "publication_state",
        "missing_languages",
        "milestone_count",
    )
    list_display_links = ("title",)
    list_filter = (PublicationFilter, MissingLanguageFilter, checks.UncheckedFilter)
    search_fields = ("title_nb", "title_nn", "title_en", "slug")
    prepopulated_fields = {"slug": ("title",)}
    inlines = (PhasePublishedDateEntryInline, PhaseDraftDateEntryInline, MilestoneInline)
    list_per_page = 100
    fieldsets = (
        (None, {"fields": ("title", "summary", "body")}),
        (_("Periode"), {"fields": ("period",)}),
        (
            _("Publisering"),
            {
                "fields": ("publish_at", "unpublish_at"),
                "description": _(
                    "Innholdet er et utkast til det har et publiseringstidspunkt. "
                    "Bruk «Forhåndsvis» øverst for å se siden før den publiseres."
                ),
            },
        ),
        (
            _("Adresse"),
            {
                "fields": ("slug",),
                "classes": ("collapse",),
                "description": _(
                    "Lages automatisk fra tittelen. Endrer du den etter publisering, "
                    "sendes besøkende på den gamle adressen videre til den nye."
                ),
            },
        ),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("body"):
            kwargs["widget"] = RichTextEditor
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(milestone_total=Count("milestones"))

    def get_urls(self):
        return [
            path(
                "forhandsvis/",
                self.admin_site.admin_view(admin_views.preview),
                name="phases_phase_preview",
            ),
            *super().get_urls(),
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.publish_at is not None and not request.user.is_superuser:
            # Once public, the original plan stays; a new plan is a line in the date history.
            readonly.append("period")
        return readonly

    @admin.display(description=_("periode"), ordering="sort_date")
    def period_display(self, obj) -> str:
        period = obj.period
        return period.format("nb") if period else "–"

    @admin.display(description=_("milepæler"), ordering="milestone_total")
    def milestone_count(self, obj) -> int:
        return obj.milestone_total

    # admin-sortable2 saves a new order with bulk_update() and update() (no save()): record
    # it in the history of each phase that moved, and tell the page cache.
    def update_order(self, request):
        before = self._positions()
        response = super().update_order(request)
        if response.status_code == 200:
            self._record_new_order(request, before)
        return response

    def _bulk_move(self, request, queryset, method):
        before = self._positions()
        super()._bulk_move(request, queryset, method)
        self._record_new_order(request, before)

    def _positions(self) -> dict[int, int]:
        return dict(Phase.objects.values_list("pk", "position"))

    def _record_new_order(self, request, before: dict[int, int]) -> None:
        """Add a history record «Ny rekkefølge» to each phase whose position changed."""
        moved = [pk for pk, position in self._positions().items() if before.get(pk) != position]
        if moved:
            Phase.history.bulk_history_create(
                Phase.objects.filter(pk__in=moved),
                update=True,
                default_user=request.user,
                default_change_reason=str(_("Ny rekkefølge")),
            )
        bump_content_version()


@admin.register(Milestone)
class MilestoneAdmin(TranslatedAdmin):
    form = MilestoneForm
    list_display = (
        "title",
        "phase",
        "is_go_live",
        "planned_display",
        "organisation_count",
        "publication_state",
        "missing_languages",
    )
    list_filter = ("phase", "is_go_live", PublicationFilter, MissingLanguageFilter)
    list_select_related = ("phase",)
    ordering = ("phase__position", "position", "id")
    search_fields = ("title_nb", "title_nn", "title_en", "slug", "organisations__name")
    autocomplete_fields = ("organisations",)
    prepopulated_fields = {"slug": ("title",)}
    inlines = (MilestonePublishedDateEntryInline, MilestoneDraftDateEntryInline)
    list_per_page = 100
    fieldsets = (
        (None, {"fields": ("phase", "title", "description", "is_go_live", "organisations")}),
        (
            _("Hva betyr dagen for deg?"),
            {
                "fields": ("impact_period", "impact_unaffected", "impact_contact"),
                "description": _(
                    "Vises på milepælen og på sidene til virksomhetene den gjelder, bare der "
                    "et felt er fylt ut. Skriv bare det kildene sier."
                ),
            },
        ),
        (_("Publisering"), {"fields": ("publish_at", "unpublish_at")}),
        (
            _("Adresse og rekkefølge"),
            {
                "fields": ("slug", "position"),
                "classes": ("collapse",),
                "description": _(
                    "Adressen lages automatisk fra tittelen. Rekkefølgen bestemmer "
                    "plassen på fasesiden når flere milepæler har samme dato."
                ),
            },
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(organisation_total=Count("organisations", distinct=True))
            .prefetch_related("date_entries")
        )

    @admin.display(description=_("planlagt"))
    def planned_display(self, obj) -> str:
        dates = obj.dates
        shown = dates.actual or dates.planned
        return shown.format("nb") if shown else "–"

    @admin.display(description=_("virksomheter"), ordering="organisation_total")
    def organisation_count(self, obj) -> int:
        return obj.organisation_total


class HospitalInline(admin.TabularInline):
    """The trust's hospitals: found in the search by their names, leading to the trust."""

    model = Hospital
    fk_name = "trust"
    fields = ("name", "aliases", "municipality", "position")
    raw_id_fields = ("municipality",)
    extra = 0
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}


@admin.register(Organisation)
class OrganisationAdmin(AdminStyles, PublishingAdmin):
    # Norwegian order (Æ, Ø, Å last), said here too: the list's query counts
    # milestones (GROUP BY), and Django drops Meta.ordering from such queries.
    ordering = (Collate("name", NORWEGIAN),)
    list_display = ("name", "kind", "county", "milestone_count", "publication_state")
    list_filter = ("kind", "county", "decision", PublicationFilter, checks.UncheckedFilter)
    search_fields = ("name", "slug", "kommunenummer", "organisasjonsnummer")
    prepopulated_fields = {"slug": ("name",)}
    list_per_page = 100
    inlines = (HospitalInline,)
    fieldsets = (
        (None, {"fields": ("name", "kind", "county", "website", "decision")}),
        (
            _("Nummer, andre navn og kart"),
            {
                "fields": (
                    "kommunenummer",
                    "organisasjonsnummer",
                    "aliases",
                    "latitude",
                    "longitude",
                )
            },
        ),
        (_("Publisering"), {"fields": ("publish_at", "unpublish_at")}),
        (
            _("Adresse"),
            {
                "fields": ("slug",),
                "classes": ("collapse",),
                "description": _(
                    "Lages automatisk fra navnet. Endrer du den etter publisering, "
                    "sendes besøkende på den gamle adressen videre til den nye."
                ),
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(milestone_total=Count("milestones"))

    @admin.display(description=_("milepæler"), ordering="milestone_total")
    def milestone_count(self, obj) -> int:
        return obj.milestone_total


@admin.register(DateEntry)
class DateEntryAdmin(AdminStyles, HistoryAdmin, TabbedTranslationAdmin):
    """One line of the date history on its own page.

    A draft can be edited, previewed and published; a published line is read-only,
    with a link to add a correction (``?retter=<id>`` fills the new line in from it).
    """

    form = DateEntryForm
    formfield_overrides = URL_FIELDS
    list_display = ("__str__", "owner_display", "decided_on", "draft", "source_link")
    list_filter = ("kind", "draft", MissingLanguageFilter)
    list_select_related = ("phase", "milestone", "corrects")
    search_fields = ("reason_nb", "source_title", "milestone__title_nb", "phase__title_nb")
    list_per_page = 100
    fields = ("phase", "milestone", "corrects", *DATE_ENTRY_FIELDS, "publish_now")
    raw_id_fields = ("phase", "milestone", "corrects")
    actions = ("publish_now",)

    def get_fields(self, request, obj=None):
        if obj is not None and not obj.draft:
            return ("phase", "milestone", *DATE_ENTRY_FIELDS, "correction_link")
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        if not obj.draft:
            # Published: never edited again, only corrected by a new line.
            return self.replace_orig_field(self.get_fields(request, obj))
        return ("phase", "milestone", "corrects")

    def get_changeform_initial_data(self, request):
        """Fill a correction in from the line it corrects (``?retter=<id>``)."""
        initial = super().get_changeform_initial_data(request)
        corrected_pk = request.GET.get("retter", "")
        if not corrected_pk.isdigit():
            return initial
        corrected = DateEntry.objects.filter(pk=corrected_pk, draft=False).first()
        if corrected is None:
            return initial
        copied = ("kind", "decided_on", "decided_on_precision")
        copied += ("source_url", "source_title", "source_language")
        copied += tuple(f"reason_{code}" for code in mt_settings.AVAILABLE_LANGUAGES)
        return {
            **initial,
            **{name: getattr(corrected, name) for name in copied},
            "phase": corrected.phase_id,
            "milestone": corrected.milestone_id,
            "period": corrected.period,
            "corrects": corrected.pk,
        }

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        if obj is None or request.user.is_superuser or obj.draft:
            return True
        owner = obj.owner
        return owner is None or not has_been_public(owner)

    @admin.action(description=_("Publiser nå"), permissions=["change"])
    def publish_now(self, request, queryset):
        count = 0
        for entry in queryset.filter(draft=True):
            entry.draft = False
            entry._history_user = request.user
            entry._change_reason = str(_("Publisert nå"))
            entry.save()
            self.log_change(request, entry, str(_("Publisert nå")))
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d publisert.", "%(count)d publisert.", count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.display(description=_("rettelse"))
    def correction_link(self, obj) -> str:
        return correction_link(obj)

    @admin.display(description=_("gjelder"))
    def owner_display(self, obj) -> str:
        return str(obj.owner)

    @admin.display(description=_("kilde"))
    def source_link(self, obj) -> str:
        if not obj.source_url:
            return "–"
        return format_html(
            '<a href="{}" rel="noopener noreferrer">{}</a>',
            obj.source_url,
            obj.source_title or obj.source_url,
        )


# --- Guidance: the role pages and the glossary (phases/guidance/) ----------------------------


@admin.register(RolePage)
class RolePageAdmin(TranslatedAdmin):
    list_display = ("title", "position", "publication_state", "missing_languages")
    list_display_links = ("title",)
    list_editable = ("position",)
    list_filter = (PublicationFilter, MissingLanguageFilter, checks.UncheckedFilter)
    search_fields = ("title_nb", "title_nn", "title_en", "slug")
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = (
        (None, {"fields": ("title", "summary", "body")}),
        (_("Publisering"), {"fields": ("publish_at", "unpublish_at")}),
        (
            _("Adresse og rekkefølge"),
            {
                "fields": ("slug", "position"),
                "classes": ("collapse",),
                "description": _(
                    "Sidene om virksomhetene lenker til rollesidene med adressen: "
                    "endre den ikke for de fem rollene."
                ),
            },
        ),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("body"):
            kwargs["widget"] = RichTextEditor
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(TranslatedAdmin):
    list_display = ("term", "slug", "publication_state", "missing_languages")
    list_display_links = ("term",)
    list_filter = (PublicationFilter, MissingLanguageFilter, checks.UncheckedFilter)
    search_fields = ("term_nb", "term_nn", "term_en", "slug", "definition_nb")
    prepopulated_fields = {"slug": ("term",)}
    fieldsets = (
        (None, {"fields": ("term", "definition", "other_forms")}),
        (_("Publisering"), {"fields": ("publish_at", "unpublish_at")}),
        (_("Adresse"), {"fields": ("slug",), "classes": ("collapse",)}),
    )
    formfield_overrides = {
        **URL_FIELDS,
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})},
    }

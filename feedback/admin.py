"""Feedback in the admin: the analysts' workspace.

Everyone who may see feedback (the ``feedback.view_feedback`` permission, for
example the Kommunikasjon and Analyse groups) gets the list, the statistics, the
rates, the themes and the exports (CSV for Norwegian Excel, JSON). Those who may
triage (``feedback.triage_feedback``) set an answer's status and tags, one by one
or in bulk, and every change is recorded with who and when (``feedback.triage``).
Nobody can add feedback or change what the visitor wrote, and only superusers can
delete it (``purge_feedback`` deletes old feedback on a schedule).

Beside it: tags and themes (the analysts' own words), the spike alerts
(``feedback.analysis.spikes``), revocable API keys for the analysts' own tools
(``feedback.api``), and the public «Du sa – vi gjorde» notes.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
    QueryDict,
    StreamingHttpResponse,
)
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from feedback import export, stats, tokens, triage
from feedback.analysis import rates, themes
from feedback.forms import StatisticsForm
from feedback.models import (
    AnalystToken,
    Feedback,
    ImprovementNote,
    SpikeAlert,
    Tag,
    Theme,
    TriageChange,
)
from helseplattform.local_time import local_midnight

RECENT_ALERT_DAYS = 7


def recent_alerts(*, now: datetime.datetime | None = None):
    """Return the spike alerts of the last week, for the banner on the analysts' pages."""
    now = now or timezone.now()
    return SpikeAlert.objects.filter(
        raised_at__gte=now - datetime.timedelta(days=RECENT_ALERT_DAYS)
    )


SORT_LABELS = {
    "page": _("Side"),
    "yes": _("Ja"),
    "no": _("Nei"),
    "total": _("Svar i alt"),
    "share": _("Andel ja"),
}


def sort_headers(params: QueryDict, *, key: str, order: str) -> list[dict[str, str]]:
    """Return the statistics table's column headers with links that sort by them.

    A click on the sorted column reverses it; another column starts descending
    (pages start ascending, from A).
    """
    headers = []
    for column, label in SORT_LABELS.items():
        if column == key:
            next_order = "asc" if order == "desc" else "desc"
            aria_sort = "ascending" if order == "asc" else "descending"
        else:
            next_order = "asc" if column == "page" else "desc"
            aria_sort = ""
        query = params.copy()
        query["sort"] = column
        query["order"] = next_order
        headers.append(
            {"key": column, "label": label, "url": "?" + query.urlencode(), "aria_sort": aria_sort}
        )
    return headers


def state_action(state: str, description):
    """Return a bulk action of ``FeedbackAdmin`` that gives the selected answers ``state``."""

    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        modeladmin.set_state(request, queryset, state)

    action.__name__ = f"mark_{state}"
    return action


class TriageActionForm(ActionForm):
    """The bulk actions' extra field: which tag «Legg til stikkord» adds."""

    tag = forms.ModelChoiceField(
        queryset=Tag.objects.all(), required=False, label=_("Stikkord"), empty_label="–"
    )


class TriageChangeInline(admin.TabularInline):
    model = TriageChange
    fields = ("changed_at", "changed_by_name", "field", "before", "after")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("Historikk for behandlingen")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        # Whoever may see an answer may see how it was handled.
        return request.user.has_perm("feedback.view_feedback")

    @admin.display(description=_("endret av"))
    def changed_by_name(self, change: TriageChange) -> str:
        user = change.changed_by
        return (
            (user.get_full_name() or user.get_username()) if user else gettext("(slettet bruker)")
        )


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = (
        "created",
        "page",
        "language",
        "answer",
        "state",
        "tag_list",
        "comment_excerpt",
        "removed_summary",
    )
    list_filter = ("state", "answer", "language", "tags", "page", "created")
    search_fields = ("comment",)
    date_hierarchy = "created"
    list_per_page = 50
    fields = (
        "created",
        "page",
        "language",
        "answer",
        "comment",
        "removed_summary",
        "state",
        "tags",
    )
    readonly_fields = ("created", "page", "language", "answer", "comment", "removed_summary")
    inlines = [TriageChangeInline]
    change_list_template = "feedback/admin/change_list.html"
    action_form = TriageActionForm
    actions = [
        "mark_read",
        "mark_acted_on",
        "mark_not_relevant",
        "mark_spam",
        "mark_new",
        "add_tag",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description=_("stikkord"))
    def tag_list(self, obj: Feedback) -> str:
        return ", ".join(tag.name for tag in obj.tags.all()) or "–"

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "spike_alerts": recent_alerts()}
        return super().changelist_view(request, extra_context)

    # --- Triage ----------------------------------------------------------------------------

    def has_triage_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("feedback.triage_feedback")

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_triage_permission(request):
            for name in self.actions:
                actions.pop(name, None)
        return actions

    def set_state(self, request, queryset, state: str) -> None:
        changed = triage.set_state(list(queryset), state=state, by=request.user)
        label = Feedback.State(state).label
        self.message_user(
            request,
            ngettext(
                "%(count)d tilbakemelding fikk status «%(state)s».",
                "%(count)d tilbakemeldinger fikk status «%(state)s».",
                changed,
            )
            % {"count": changed, "state": label},
            messages.SUCCESS,
        )

    mark_read = state_action(Feedback.State.READ, _("Merk som lest"))
    mark_acted_on = state_action(Feedback.State.ACTED_ON, _("Merk som tatt til følge"))
    mark_not_relevant = state_action(Feedback.State.NOT_RELEVANT, _("Merk som ikke relevant"))
    mark_spam = state_action(Feedback.State.SPAM, _("Merk som spam"))
    mark_new = state_action(Feedback.State.NEW, _("Merk som ny igjen"))

    @admin.action(description=_("Legg til stikkordet som er valgt"))
    def add_tag(self, request, queryset):
        try:
            tag = Tag.objects.get(pk=int(request.POST.get("tag", "")))
        except (ValueError, Tag.DoesNotExist):
            tag = None
        if tag is None:
            self.message_user(request, gettext("Velg et stikkord først."), messages.WARNING)
            return
        added = triage.add_tag(list(queryset.prefetch_related("tags")), tag, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d tilbakemelding fikk stikkordet «%(tag)s».",
                "%(count)d tilbakemeldinger fikk stikkordet «%(tag)s».",
                added,
            )
            % {"count": added, "tag": tag.name},
            messages.SUCCESS,
        )

    def save_model(self, request, obj, form, change):
        # Only status and tags can change here; both go through ``triage`` so they are recorded.
        if "state" in form.changed_data:
            previous = Feedback.objects.get(pk=obj.pk)
            triage.set_state([previous], state=obj.state, by=request.user)

    def save_related(self, request, form, formsets, change):
        for formset in formsets:  # the read-only history: nothing to save, but Django asks
            self.save_formset(request, form, formset, change=change)
        if "tags" in form.changed_data:
            triage.set_tags(form.instance, form.cleaned_data["tags"], by=request.user)

    @admin.display(description=_("kommentar"))
    def comment_excerpt(self, obj: Feedback) -> str:
        return Truncator(obj.comment).chars(80) or "–"

    @admin.display(description=_("fjernet"))
    def removed_summary(self, obj: Feedback) -> str:
        removed = obj.removed or {}
        return ", ".join(f"{kind}: {count}" for kind, count in sorted(removed.items())) or "–"

    # Feedback is what visitors wrote: nobody adds or rewrites it (status and tags are the
    # analysts' own), and only superusers delete it.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Feedback | None = None) -> bool:
        return self.has_triage_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Feedback | None = None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "statistikk/",
                self.admin_site.admin_view(self.statistics_view),
                name="{}_{}_statistics".format(*info),
            ),
            path(
                "andeler/",
                self.admin_site.admin_view(self.rates_view),
                name="{}_{}_rates".format(*info),
            ),
            path(
                "temaer/",
                self.admin_site.admin_view(self.themes_view),
                name="{}_{}_themes".format(*info),
            ),
            path(
                "csv/",
                self.admin_site.admin_view(self.csv_view),
                name="{}_{}_csv".format(*info),
            ),
            path(
                "json/",
                self.admin_site.admin_view(self.json_view),
                name="{}_{}_json".format(*info),
            ),
            *super().get_urls(),
        ]

    def statistics_view(self, request: HttpRequest) -> TemplateResponse:
        """Show Ja and Nei per page and over time for a chosen period."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = StatisticsForm.from_query(request.GET)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Statistikk for tilbakemeldinger"),
            "form": form,
            "period_fields": [form["start"], form["end"], form["unit"]],
            "spike_alerts": recent_alerts(),
        }
        if form.is_valid():
            data = form.cleaned_data
            queryset = Feedback.objects.counted().between(start=data["start"], end=data["end"])
            rows = stats.sort_pages(
                stats.per_page(queryset), key=data["sort"], descending=data["order"] == "desc"
            )
            periods = stats.trend(queryset, start=data["start"], end=data["end"], unit=data["unit"])
            period_query = QueryDict(mutable=True)
            period_query["created__gte"] = str(local_midnight(data["start"]))
            period_query["created__lt"] = str(
                local_midnight(data["end"] + datetime.timedelta(days=1))
            )
            context |= {
                "rows": rows,
                "total": stats.totals(rows),
                "headers": sort_headers(request.GET, key=data["sort"], order=data["order"]),
                "columns": stats.trend_chart(periods),
                "chart_width": 600,
                "chart_height": 160,
                "start": data["start"],
                "end": data["end"],
                "unit": data["unit"],
                "list_url": reverse("admin:feedback_feedback_changelist")
                + "?"
                + period_query.urlencode(),
            }
        return TemplateResponse(request, "feedback/admin/statistics.html", context)

    def period_context(self, request: HttpRequest) -> tuple[StatisticsForm, dict]:
        """Bind the period form of the analysts' pages, with the context they share."""
        form = StatisticsForm.from_query(request.GET)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "period_fields": [form["start"], form["end"]],
            "spike_alerts": recent_alerts(),
        }
        return form, context

    def rates_view(self, request: HttpRequest) -> TemplateResponse:
        """Show the share of Ja per page, language and week, with intervals and content changes."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form, context = self.period_context(request)
        context["title"] = _("Andel ja per side, språk og uke")
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
            weekly = rates.weekly_rates(
                Feedback.objects.counted().between(start=start, end=end),
                changed_weeks=rates.content_change_weeks(start=start, end=end),
            )
            context |= {
                "rates": weekly,
                "min_answers": rates.MIN_ANSWERS,
                "start": start,
                "end": end,
            }
        return TemplateResponse(request, "feedback/admin/rates.html", context)

    def themes_view(self, request: HttpRequest) -> TemplateResponse:
        """Show how often each theme comes up, per page and per week, and suggest new themes."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form, context = self.period_context(request)
        context["title"] = _("Temaer i kommentarene")
        if form.is_valid():
            start, end = form.cleaned_data["start"], form.cleaned_data["end"]
            rules = [
                themes.ThemeRule.from_keywords(theme.name, theme.keyword_list())
                for theme in Theme.objects.all()
            ]
            comments = list(
                Feedback.objects.counted()
                .between(start=start, end=end)
                .exclude(comment="")
                .values_list("page", "created", "comment")
            )
            counted = themes.count_themes(
                (
                    (page, rates.week_start(timezone.localtime(created).date()), comment)
                    for page, created, comment in comments
                ),
                rules,
            )
            recent_start = max(start, end - datetime.timedelta(days=13))
            recent = [
                c
                for _p, created, c in comments
                if timezone.localtime(created).date() >= recent_start
            ]
            context |= {
                "theme_counts": counted,
                "suggestions": themes.suggest_themes(
                    recent, (c for _p, _c, c in comments), known=rules
                ),
                "recent_start": recent_start,
                "start": start,
                "end": end,
                "themes_url": reverse("admin:feedback_theme_changelist"),
            }
        return TemplateResponse(request, "feedback/admin/themes.html", context)

    def filtered_queryset(self, request: HttpRequest):
        """Return the list as filtered and searched in the changelist, newest first."""
        changelist = self.get_changelist_instance(request)
        return changelist.get_queryset(request).order_by("-created", "-id").prefetch_related("tags")

    def csv_view(self, request: HttpRequest):
        """Download the list as filtered and searched in the changelist, as CSV for Norwegian Excel."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            queryset = self.filtered_queryset(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(_("Ugyldig filter."))
        response = StreamingHttpResponse(
            export.csv_lines(export.feedback_rows(queryset.iterator(chunk_size=1000))),
            content_type="text/csv; charset=utf-8",
        )
        filename = f"tilbakemeldinger-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def json_view(self, request: HttpRequest) -> HttpResponse:
        """Download the list as filtered and searched in the changelist, as JSON."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            queryset = self.filtered_queryset(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(_("Ugyldig filter."))
        response = JsonResponse(
            {
                "feedback": [
                    export.feedback_record(item) for item in queryset.iterator(chunk_size=1000)
                ]
            },
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
        filename = f"tilbakemeldinger-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "answers")
    search_fields = ("name",)

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(answer_count=Count("feedback"))

    @admin.display(description=_("svar"), ordering="answer_count")
    def answers(self, tag: Tag) -> int:
        return tag.answer_count


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("name", "keyword_summary")
    search_fields = ("name", "keywords")

    @admin.display(description=_("nøkkelord"))
    def keyword_summary(self, theme: Theme) -> str:
        return ", ".join(theme.keyword_list())


@admin.register(SpikeAlert)
class SpikeAlertAdmin(admin.ModelAdmin):
    list_display = ("raised_at", "kind", "page", "summary", "mailed_at")
    list_filter = ("kind", "raised_at")
    readonly_fields = ("raised_at", "kind", "page", "day", "summary", "mailed_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AnalystToken)
class AnalystTokenAdmin(admin.ModelAdmin):
    """API keys: each user makes and revokes their own; the key is shown once, when it is made."""

    list_display = ("name", "prefix", "user", "created_at", "last_used_on", "revoked_at")
    fields = ("name",)
    actions = ["revoke"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("user")
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    def has_module_permission(self, request) -> bool:
        return request.user.has_perm("feedback.view_feedback")

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("feedback.view_feedback")

    def has_add_permission(self, request) -> bool:
        return request.user.has_perm("feedback.view_feedback")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        if request.user.has_perm("feedback.view_feedback"):
            actions["revoke"] = self.get_action("revoke")
        return actions

    def save_model(self, request, obj, form, change):
        obj.user = request.user
        self._new_key = tokens.issue(obj)

    def response_add(self, request, obj, post_url_continue=None):
        # Shown once, on this page only: not in a message (stored in a cookie) nor a redirect.
        response = TemplateResponse(
            request,
            "feedback/admin/token_created.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Ny API-nøkkel"),
                "token": obj,
                "key": self._new_key,
                "api_url": request.build_absolute_uri(reverse("feedback_api:feedback")),
            },
        )
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.action(description=_("Trekk tilbake valgte nøkler"))
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext(
                "%(count)d nøkkel er trukket tilbake.",
                "%(count)d nøkler er trukket tilbake.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ImprovementNote)
class ImprovementNoteAdmin(TranslationAdmin):
    list_display = ("title", "done_on", "is_public")
    list_filter = ("is_public",)
    search_fields = ("title", "body")

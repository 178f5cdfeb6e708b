"""Feedback in the admin: read the answers, see the statistics, export the list.

Everyone who may see feedback (the ``feedback.view_feedback`` permission, for
example the Kommunikasjon and Analyse groups) gets the list, the statistics and
the CSV export; nobody can add or change feedback, and only superusers can
delete it (``purge_feedback`` deletes old feedback on a schedule).
"""

from __future__ import annotations

import datetime

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBadRequest, QueryDict, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from feedback import export, stats
from feedback.forms import StatisticsForm
from feedback.models import Feedback
from helseplattform.local_time import local_midnight

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


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("created", "page", "language", "answer", "comment_excerpt", "removed_summary")
    list_filter = ("answer", "language", "page", "created")
    search_fields = ("comment",)
    date_hierarchy = "created"
    list_per_page = 50
    fields = ("created", "page", "language", "answer", "comment", "removed_summary")
    readonly_fields = fields
    change_list_template = "feedback/admin/change_list.html"

    @admin.display(description=_("kommentar"))
    def comment_excerpt(self, obj: Feedback) -> str:
        return Truncator(obj.comment).chars(80) or "–"

    @admin.display(description=_("fjernet"))
    def removed_summary(self, obj: Feedback) -> str:
        removed = obj.removed or {}
        return ", ".join(f"{kind}: {count}" for kind, count in sorted(removed.items())) or "–"

    # Feedback is what visitors wrote: nobody edits it, and only superusers delete it.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Feedback | None = None) -> bool:
        return False

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
                "csv/",
                self.admin_site.admin_view(self.csv_view),
                name="{}_{}_csv".format(*info),
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
        }
        if form.is_valid():
            data = form.cleaned_data
            queryset = Feedback.objects.between(start=data["start"], end=data["end"])
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

    def csv_view(self, request: HttpRequest):
        """Download the list as filtered and searched in the changelist, as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseBadRequest(_("Ugyldig filter."))
        queryset = changelist.get_queryset(request).order_by("-created", "-id")
        response = StreamingHttpResponse(
            export.csv_lines(export.feedback_rows(queryset.iterator(chunk_size=1000))),
            content_type="text/csv; charset=utf-8",
        )
        filename = f"tilbakemeldinger-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

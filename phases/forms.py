"""The filter form of the organisations page: a plain GET form that works without JavaScript."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from phases.directory.listing import NOT_ANNOUNCED
from phases.labels import GO_LIVE_STATUS, NOT_ANNOUNCED_SHORT
from phases.models import Organisation
from phases.status_query import with_go_live_status


def go_live_status(organisation, today):
    """Return the status of the organisation's go-live on the day, None without one."""
    go_live = organisation.go_live
    return go_live.status_on(today) if go_live else None


ALL = [("", _("Alle"))]
# The texts of the suggestions as you type (static/js/directory-search.js), which puts
# the number of suggestions before the one or the many form.
SUGGESTION_ATTRS = {
    "data-suggest-label": _("Forslag"),
    "data-suggest-one": pgettext_lazy("one", "forslag. Bruk pil ned for å velge."),
    "data-suggest-many": pgettext_lazy("many", "forslag. Bruk pil ned for å velge."),
    "data-suggest-none": _("Ingen forslag."),
}


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Søk etter navn eller kommunenummer"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label=_("Type virksomhet"), required=False, choices=ALL + Organisation.Kind.choices
    )
    county = forms.ChoiceField(
        label=_("Fylke"), required=False, choices=ALL + Organisation.County.choices
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=ALL + [(status.value, label) for status, label in GO_LIVE_STATUS.items()],
    )

    def __init__(self, *args, present: dict[str, set[str]] | None = None, **kwargs):
        """Offer only the choices that ``present`` (``listing.present``) says have entries.

        A filter that could only ever answer "nothing" is left out: a kind nobody has
        (no GP office is listed yet) is not offered, and a filter with one choice
        is not offered at all. Without ``present`` (the API), every choice is known.
        """
        super().__init__(*args, **kwargs)
        if present is None:
            return
        # The script offers suggestions as you type from here (static/js/directory-search.js).
        self.fields["q"].widget.attrs.update(SUGGESTION_ATTRS)
        self.fields["q"].widget.attrs["data-suggest"] = reverse("phases:organisation_suggestions")
        self.fields["status"].choices = [
            *self.fields["status"].choices,
            (NOT_ANNOUNCED, NOT_ANNOUNCED_SHORT),
        ]
        for name, values in present.items():
            field = self.fields[name]
            field.choices = [
                (value, label) for value, label in field.choices if value == "" or value in values
            ]
            if len(field.choices) <= 2:
                del self.fields[name]

    def filters(self) -> dict[str, str]:
        """Return the valid, non-empty filters; invalid values are left out, never fatal."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value}

    def filter_queryset(self, queryset):
        """Apply the filters the database can answer (kind and county)."""
        filters = self.filters()
        return queryset.filter(
            **{name: filters[name] for name in ("kind", "county") if name in filters}
        )

    def matching(self, organisations, *, at, drafts=False, today):
        """Return the organisations that pass every filter, in name order.

        Without the name search, an ordered queryset, so that a page of it is sliced
        in the database and only that page's go-lives are read (``prefetch_go_lives``).
        The status filter is the database's too (each go-live's stored shown period,
        ``phases.status_query``), except in a preview with drafts, which reads every
        candidate's date history.
        """
        filters = self.filters()
        organisations = self.filter_queryset(organisations).order_by("name", "pk")
        if "status" in filters and not drafts:
            organisations = with_go_live_status(organisations, at=at, today=today).filter(
                go_live_status=filters["status"]
            )
        elif "status" in filters:
            organisations = organisations.with_go_lives(at=at, drafts=drafts)
            return [o for o in organisations if self.matches(o, go_live_status(o, today))]
        if "q" in filters:
            return [o for o in organisations if self.matches(o, getattr(o, "go_live_status", None))]
        return organisations

    def matches(self, organisation, status) -> bool:
        """Apply the filters computed in Python: the name search and the derived status.

        The name is matched here rather than with icontains, because SQLite folds
        only ASCII case and "ørland" must find "Ørland kommune".
        """
        filters = self.filters()
        query = filters.get("q", "").strip().casefold()
        if query and query not in organisation.name.casefold():
            return False
        return "status" not in filters or filters["status"] == status

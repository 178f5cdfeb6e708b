"""The filter form of the organisations page: a plain GET form that works without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _

from phases.labels import GO_LIVE_STATUS
from phases.models import Organisation

ALL = [("", _("Alle"))]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Søk etter navn"),
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

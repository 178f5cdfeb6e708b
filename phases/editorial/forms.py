"""Admin forms: one text field per period, typed the way people write dates.

The editor writes «april–august 2019» or «fra høst 2021» in a single field
("Periode"); ``PeriodField`` reads it with ``Period.parse`` and the form stores
the parts in the model's plain columns (``PeriodColumns``), whose ``save()``
derives the sort date. What the parser cannot read is rejected with a Norwegian
message per ``PeriodError.code`` (the code is kept on the ``ValidationError``).
"""

from __future__ import annotations

import contextlib

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from phases.models import PERIOD_COLUMNS, DateEntry, Milestone, Phase
from phases.periods import MAX_YEAR, MIN_YEAR, Period, PeriodError

EXAMPLES = "«2021», «høst 2021», «januar 2020», «7. mai 2022», «april–august 2019», «fra høst 2021»"

PERIOD_HELP = _(
    "Skriv perioden slik du ville sagt den, for eksempel «april–august 2019» eller "
    "«fra høst 2021». Et år, en årstid, en måned eller en dag går også: «2021», "
    "«høst 2021», «januar 2020», «7. mai 2022»."
)

PERIOD_ERRORS = {
    "empty": _("Skriv en dato eller en periode, for eksempel %(examples)s."),
    "unreadable": _(
        "Vi klarte ikke å lese dette som en dato eller en periode. Skriv et år, en årstid, "
        "en måned eller en dag, to av dem med tankestrek imellom, eller «fra» og én av dem, "
        "for eksempel %(examples)s."
    ),
    "missing_year": _("Legg til et årstall, for eksempel «høst 2021» eller «april–august 2019»."),
    "year_out_of_range": _("Årstallet må være mellom %(min)s og %(max)s."),
    "invalid_date": _("Denne datoen finnes ikke (for eksempel 30. februar)."),
    "end_before_start": _(
        "Slutten av perioden kommer før starten. Går perioden over nyttår, skriv begge "
        "årstallene, for eksempel «august 2019–januar 2020»."
    ),
    "open_with_end": _(
        "En periode som varer «fra» et tidspunkt («fra høst 2021») kan ikke også ha en slutt."
    ),
}


class PeriodField(forms.CharField):
    """A fuzzy period typed as text; cleans to a ``Period`` (or None when empty and optional)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Periode"))
        kwargs.setdefault("help_text", PERIOD_HELP)
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 30, "autocomplete": "off"}))
        super().__init__(**kwargs)
        self.error_messages["required"] = PERIOD_ERRORS["empty"] % {"examples": EXAMPLES}

    def clean(self, value):
        text = super().clean(value)  # the text, checked for length and required
        if not text:
            return None
        try:
            return Period.parse(text)
        except PeriodError as error:
            raise ValidationError(
                PERIOD_ERRORS[error.code],
                code=error.code,
                params={"examples": EXAMPLES, "min": MIN_YEAR, "max": MAX_YEAR},
            ) from error

    def has_changed(self, initial, data):
        text = (data or "").strip()
        if not text:
            return initial is not None
        try:
            return Period.parse(text) != initial
        except PeriodError:
            return True

    def prepare_value(self, value):
        if isinstance(value, Period):
            return value.format("nb")
        return value


class PeriodFormMixin:
    """Show the model's period columns as one "Periode" field and write them back.

    Errors the model raises on a period column are shown on the "Periode" field.
    """

    period_field_name = "period"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.period_field_name in self.fields and self.instance.start_year is not None:
            # A stored period the parser no longer accepts is shown empty, to be retyped.
            with contextlib.suppress(PeriodError):
                self.initial.setdefault(self.period_field_name, self.instance.period)

    def _post_clean(self):
        if self.period_field_name in self.fields:
            period = self.cleaned_data.get(self.period_field_name)
            if period is not None or self.period_field_name not in self.errors:
                self.instance.period = period
        super()._post_clean()

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            remapped = {}
            for field, messages in errors.error_dict.items():
                if field in PERIOD_COLUMNS:
                    if self.has_error(self.period_field_name):
                        continue  # the field already says what is wrong
                    field = (
                        self.period_field_name
                        if self.period_field_name in self.fields
                        else NON_FIELD_ERRORS
                    )
                remapped.setdefault(field, []).extend(messages)
            errors = ValidationError(remapped)
        super()._update_errors(errors)


def _formfield(db_field, **kwargs):
    # Editors paste addresses without a scheme; they are https today.
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class PhaseForm(PeriodFormMixin, forms.ModelForm):
    period = PeriodField(
        label=_("Opprinnelig periode"),
        help_text=_(
            "Perioden slik den først ble planlagt. "
            "Skriv den slik du ville sagt den, for eksempel «april–august 2019» eller "
            "«fra høst 2021». Endres planen senere, legg til en ny plan under «Datohistorikk» "
            "i stedet for å endre denne."
        ),
    )

    class Meta:
        model = Phase
        formfield_callback = _formfield
        # The admin's fieldsets choose the fields; the period columns are set from "period".
        fields = ("title", "summary", "body", "slug", "publish_at", "unpublish_at")


# The columns of a line of date history, in the order editors fill them in ("period" is
# the form's own field, written to the period columns).
DATE_ENTRY_FIELDS = (
    "kind",
    "confidence",
    "period",
    "reason",
    "decided_on",
    "decided_on_precision",
    "source_url",
    "source_title",
    "source_language",
)


class DateEntryForm(PeriodFormMixin, forms.ModelForm):
    period = PeriodField(required=False)

    class Meta:
        model = DateEntry
        formfield_callback = _formfield
        # The model's columns only: "period" is declared above and may be left out (read-only).
        fields = ("phase", "milestone", *(name for name in DATE_ENTRY_FIELDS if name != "period"))

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if (
            kind
            and kind != DateEntry.Kind.UNSETTLED
            and cleaned.get("period") is None
            and "period" not in self.errors
        ):
            self.add_error(
                "period",
                ValidationError(
                    PERIOD_ERRORS["empty"], code="empty", params={"examples": EXAMPLES}
                ),
            )
        return cleaned


class MilestoneForm(forms.ModelForm):
    """A milestone. Restoring an earlier version brings back its organisations too.

    simple-history's restore form is built from the version's instance, whose
    many-to-many field would otherwise show today's organisations. Versions saved
    before the organisations were recorded (they have none listed) keep today's.
    """

    class Meta:
        model = Milestone
        # The admin's fieldsets choose the fields.
        fields = (
            "phase",
            "title",
            "description",
            "is_go_live",
            "organisations",
            "publish_at",
            "unpublish_at",
            "slug",
            "position",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # simple-history marks an instance built from a version with the version.
        version = getattr(self.instance, "_history", None)
        if version is None or "organisations" not in self.fields:
            return
        recorded = list(version.organisations.values_list("organisation_id", flat=True))
        if recorded:
            self.initial["organisations"] = recorded

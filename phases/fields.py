"""``PeriodField``: a fuzzy period (``phases.periods.Period``) in one database column.

The column holds the period's canonical text (``Period.serialise``, EDTF: "2021-23",
"2019-04/2019-08", "2021-23/.."), readable in a database shell and in a dump. In
Python the value is always a ``Period`` or None, never the text:

- ``from_db_value`` and ``to_python`` read the text (``Period.deserialise``);
- ``get_prep_value`` writes it, so ``filter(period=Period.parse("høst 2021"))`` works;
- ``formfield`` is ``PeriodFormField``, one text box where the editor writes the
  period as they would say it, in Bokmål, Nynorsk or English (``Period.parse``),
  with a Norwegian message for every ``PeriodError.code``.

Models that store a period also keep its first day in a ``sort_date`` column, for
ordering in SQL (``phases.models.HasPeriod``).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from phases.periods import MAX_INPUT_LENGTH, MAX_YEAR, MIN_YEAR, Period, PeriodError

# In the reader's language: the parser reads Bokmål, Nynorsk and English alike.
EXAMPLES = _(
    "«2021», «høst 2021», «januar 2020», «7. mai 2022», «april–august 2019», «fra høst 2021»"
)

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

# The longest canonical text is two days: "2022-05-07/2023-05-07" (21 characters).
STORED_LENGTH = 32


def period_error(error: PeriodError) -> ValidationError:
    """Return the Norwegian ``ValidationError`` for a ``PeriodError`` (its code kept)."""
    return ValidationError(
        PERIOD_ERRORS[error.code],
        code=error.code,
        params={"examples": EXAMPLES, "min": MIN_YEAR, "max": MAX_YEAR},
    )


class PeriodFormField(forms.CharField):
    """A fuzzy period typed as text; cleans to a ``Period`` (or None when empty and optional)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Periode"))
        kwargs.setdefault("help_text", PERIOD_HELP)
        kwargs["max_length"] = MAX_INPUT_LENGTH
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
            raise period_error(error) from error

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


class PeriodField(models.Field):
    """A ``Period`` stored as its canonical text in one ``varchar`` column."""

    description = _("En periode, for eksempel «høst 2021»")

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = STORED_LENGTH
        kwargs.setdefault("help_text", PERIOD_HELP)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["max_length"]  # always STORED_LENGTH
        return name, path, args, kwargs

    def get_internal_type(self):
        return "CharField"  # the column type; max_length sizes it

    def from_db_value(self, value, expression, connection):
        return None if value is None else Period.deserialise(value)

    def to_python(self, value):
        if value is None or isinstance(value, Period):
            return value
        if value == "":
            return None
        try:
            return Period.deserialise(value)
        except (PeriodError, TypeError) as error:
            raise ValidationError(
                _("«%(value)s» er ikke en lagret periode."),
                code="invalid_stored_period",
                params={"value": value},
            ) from error

    def get_prep_value(self, value):
        value = self.to_python(super().get_prep_value(value))
        return None if value is None else value.serialise()

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else value.serialise()

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PeriodFormField, **kwargs})

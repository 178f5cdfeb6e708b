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
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from phases import richtext
from phases.models import PERIOD_COLUMNS, DateEntry, Milestone, Phase
from phases.periods import MAX_YEAR, MIN_YEAR, Period, PeriodError

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


class RichTextEditor(forms.Textarea):
    """A textarea that django-prose-editor turns into a text editor with a toolbar.

    The editor bundle is the package's own, served from our static files; the module
    that starts it (``static/admin-extra/richtext-editor.js``) asks for only what
    ``phases.richtext`` lets through. Without JavaScript it stays a textarea of HTML.
    """

    def __init__(self, attrs=None):
        super().__init__({"data-richtext-editor": "", "rows": 12, **(attrs or {})})

    @property
    def media(self):
        return forms.Media(
            css={
                "all": (
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                )
            },
            js=(forms.Script("admin-extra/richtext-editor.js", type="module"),),
        )

    def use_required_attribute(self, initial):
        return False  # the editor hides the textarea; the browser could not point at it


def sanitised_richtext(html: str) -> str:
    """Return the editor's HTML as it will be shown: sanitised, and empty when it has no text.

    The editor sends «<p></p>» for an empty field; stored as "", a text that is not
    there stays falsy (and modeltranslation falls back to Bokmål).
    """
    clean = richtext.sanitise(html or "")
    return clean if strip_tags(clean).strip() else ""


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

    def clean(self):
        cleaned = super().clean()
        # Sanitised on save as well as on display: what is stored is what is shown.
        for name in [name for name in cleaned if name == "body" or name.startswith("body_")]:
            if isinstance(cleaned[name], str):
                cleaned[name] = sanitised_richtext(cleaned[name])
        return cleaned


# The columns of a line of date history, in the order editors fill them in: the one
# list the form and the admin's inlines and pages use ("period" is the form's own
# field, written to the period columns).
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
    "is_major",
)


class DateEntryForm(PeriodFormMixin, forms.ModelForm):
    """A line of the date history. New lines are drafts until «Publiser nå» is ticked.

    A published line is never changed again (the admin shows it read-only; a forged
    post is refused here too): a mistake in it is put right by a correction.
    """

    period = PeriodField(required=False)
    publish_now = forms.BooleanField(
        label=_("Publiser linjen nå"),
        required=False,
        help_text=_(
            "Kryss av for å publisere linjen når du lagrer. Uten kryss blir den et utkast "
            "som du kan forhåndsvise, og den publiseres sammen med milepælen eller fasen "
            "hvis de ikke er publisert ennå."
        ),
    )

    class Meta:
        model = DateEntry
        formfield_callback = _formfield
        # The period columns are set from "period", which is a form field.
        fields = (
            "phase",
            "milestone",
            *(name for name in DATE_ENTRY_FIELDS if name != "period"),
            "corrects",
        )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and not self.instance.draft and self.has_changed():
            raise ValidationError(
                _("Linjen er publisert og kan ikke endres. Legg til en rettelse i stedet."),
                code="published_line_is_final",
            )
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

    def save(self, commit=True):
        if self.instance._state.adding or self.instance.draft:
            # Publishing is one way: a published line never becomes a draft again.
            self.instance.draft = not self.cleaned_data.get("publish_now")
        return super().save(commit)


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
            "impact_period",
            "impact_unaffected",
            "impact_contact",
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

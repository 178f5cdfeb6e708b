"""Admin forms: one text field per period, typed the way people write dates.

The editor writes «april–august 2019» or «fra høst 2021» in a single field
("Periode"): the model's ``PeriodField`` (``phases.fields``) gives the form its
``PeriodFormField``, which reads the text with ``Period.parse`` and rejects what
it cannot read with a Norwegian message per ``PeriodError.code``.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from phases import richtext
from phases.models import DateEntry, Milestone, Phase


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


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        formfield_callback = _formfield
        # The admin's fieldsets choose the fields.
        fields = ("title", "summary", "body", "period", "slug", "publish_at", "unpublish_at")
        labels = {"period": _("Opprinnelig periode")}

    def clean(self):
        cleaned = super().clean()
        # Sanitised on save as well as on display: what is stored is what is shown.
        for name in [name for name in cleaned if name == "body" or name.startswith("body_")]:
            if isinstance(cleaned[name], str):
                cleaned[name] = sanitised_richtext(cleaned[name])
        return cleaned


# The fields of a line of date history, in the order editors fill them in: the one
# list the form and the admin's inlines and pages use.
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


class DateEntryForm(forms.ModelForm):
    """A line of the date history. New lines are drafts until «Publiser nå» is ticked.

    A published line is never changed again (the admin shows it read-only; a forged
    post is refused here too): a mistake in it is put right by a correction.
    """

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
        fields = ("phase", "milestone", *DATE_ENTRY_FIELDS, "corrects")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None and not self.instance.draft and self.has_changed():
            raise ValidationError(
                _("Linjen er publisert og kan ikke endres. Legg til en rettelse i stedet."),
                code="published_line_is_final",
            )
        return cleaned

    def _update_errors(self, errors):
        # A line needs a period unless its date is unsettled (``DateEntry.clean``); when
        # the field could not read the period, the model's «no period» would repeat it.
        if self.has_error("period") and hasattr(errors, "error_dict"):
            errors.error_dict.pop("period", None)
        super()._update_errors(errors)

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

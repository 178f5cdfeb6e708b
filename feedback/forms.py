"""Forms for the feedback widget and the statistics view in the admin."""

from __future__ import annotations

import datetime
import unicodedata

from django import forms
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from feedback import stats
from feedback.models import COMMENT_MAX_LENGTH, Feedback

HONEYPOT_FIELD = "website"
RETURN_MAX_LENGTH = 2000


def safe_return_path(value: str, *, host: str) -> str:
    """Return ``value`` when it is a path on this site that is safe to redirect to, else "".

    Only a path starting with a single "/" is accepted: no scheme, no other host,
    no "//evil.example" or "/\\evil.example" (browsers read both as another host),
    no control characters or spaces (header splitting, "java\\nscript:").
    """
    if not value or len(value) > RETURN_MAX_LENGTH:
        return ""
    if any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in value):
        return ""
    if not value.startswith("/") or value[1:2] in {"/", "\\"}:
        return ""
    if not url_has_allowed_host_and_scheme(value, allowed_hosts={host}):
        return ""
    return value


class CommentField(forms.CharField):
    """A comment counted as the visitor sees it: browsers send each line break as two characters."""

    def to_python(self, value) -> str:
        return super().to_python(value).replace("\r\n", "\n")


class FeedbackForm(forms.Form):
    """The widget's one POST: the answer, an optional comment, the page and the honeypot."""

    answer = forms.ChoiceField(
        choices=Feedback.Answer.choices,
        error_messages={
            "required": _("Velg Ja eller Nei."),
            "invalid_choice": _("Svaret må være Ja eller Nei."),
        },
    )
    comment = CommentField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "max_length": _("Kommentaren kan være på høyst 1000 tegn."),
            "null_characters_not_allowed": _("Kommentaren inneholder tegn som ikke er tillatt."),
        },
    )
    page = forms.CharField(
        required=False,
        strip=True,
        error_messages={"null_characters_not_allowed": _("Adressen til siden er ugyldig.")},
    )
    # The honeypot: hidden from people, filled in by robots (see feedback/protection.py).
    website = forms.CharField(required=False, strip=False)

    def __init__(self, *args, host: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.host = host

    def clean_page(self) -> str:
        """Return the page to go back to, or "" when the address is not safe (the view falls back)."""
        return safe_return_path(self.cleaned_data["page"], host=self.host)

    def is_robot(self) -> bool:
        """Return True when the honeypot field was filled in."""
        return bool(self.data.get(HONEYPOT_FIELD))


class StatisticsForm(forms.Form):
    """The period and sort order of the statistics view (a GET form)."""

    start = forms.DateField(
        label=_("Fra og med"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Til og med"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    unit = forms.ChoiceField(
        label=_("Utvikling per"),
        choices=[("week", _("uke")), ("month", _("måned"))],
        required=False,
    )
    sort = forms.ChoiceField(choices=[(key, key) for key in stats.SORT_KEYS], required=False)
    order = forms.ChoiceField(choices=[("asc", "asc"), ("desc", "desc")], required=False)

    DEFAULT_DAYS = 90

    def clean(self) -> dict:
        data = super().clean()
        today = timezone.localdate()
        if not data.get("end"):
            data["end"] = today
        if not data.get("start"):
            data["start"] = data["end"] - datetime.timedelta(days=self.DEFAULT_DAYS - 1)
        if data["start"] > data["end"]:
            raise forms.ValidationError(
                _("«Fra og med» må være før eller lik «Til og med»."), code="period_reversed"
            )
        data["unit"] = data.get("unit") or "week"
        data["sort"] = data.get("sort") or "total"
        data["order"] = data.get("order") or "desc"
        return data

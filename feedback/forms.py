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
    # The honeypot: hidden from people, filled in by robots (see helseplattform/public_forms.py).
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


class DateInput(forms.DateInput):
    """A browser date picker; it needs ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class StatisticsForm(forms.Form):
    """The period and sort order of the statistics view (a GET form)."""

    start = forms.DateField(label=_("Fra og med"), widget=DateInput)
    end = forms.DateField(label=_("Til og med"), widget=DateInput)
    unit = forms.ChoiceField(
        label=_("Utvikling per"), choices=[("week", _("uke")), ("month", _("måned"))]
    )
    sort = forms.ChoiceField(choices=[(key, key) for key in stats.SORT_KEYS])
    order = forms.ChoiceField(choices=[("asc", "asc"), ("desc", "desc")])

    DEFAULT_DAYS = 90

    @classmethod
    def from_query(cls, query, *, today: datetime.date | None = None) -> StatisticsForm:
        """Bind the query string over the defaults (the last 90 days, per week, most answers first).

        Binding the defaults too means the form shows the period the numbers are for.
        """
        today = today or timezone.localdate()
        data = {
            "start": (today - datetime.timedelta(days=cls.DEFAULT_DAYS - 1)).isoformat(),
            "end": today.isoformat(),
            "unit": "week",
            "sort": "total",
            "order": "desc",
        }
        data.update({key: value for key, value in query.items() if value})
        return cls(data)

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(
                _("«Fra og med» må være før eller lik «Til og med»."), code="period_reversed"
            )
        return data

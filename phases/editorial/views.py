"""Staff-only views of the editorial admin: the preview and the comparison of two versions.

The preview renders a public page exactly as the public view does, with a
``phases.editorial.visibility.Visibility`` attached to the request (drafts included, at
the moment the editor chose, in the language chosen) and a banner saying it is
a preview. It lives under ``ADMIN_PATH``: behind the admin login, never in the
public page cache, and sent with ``Cache-Control: private, no-store``.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext_lazy as _

from helseplattform.caching import make_private
from phases.collation import sort_key
from phases.editorial import visibility
from phases.models import DateEntry, Milestone, Organisation, Phase
from phases.periods import Period

PREVIEW_URL_NAME = "admin:phases_phase_preview"
PREVIEW_PERMISSION = "phases.view_phase"
LANGUAGE_LABELS = {"nb": _("bokmål"), "nn": _("nynorsk"), "en": _("engelsk")}


class PreviewForm(forms.Form):
    side = forms.CharField(
        label=_("Side"),
        max_length=300,
        initial="/",
        help_text=_("Adressen på nettstedet, for eksempel /fase/forberedelsesfase/ eller /."),
    )
    tid = forms.DateTimeField(
        label=_("Tidspunkt"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Tomt betyr nå. Velg et tidspunkt for å se hva som er publisert da."),
    )
    sprak = forms.ChoiceField(
        label=_("Språk"), required=False, choices=[("", "–"), *LANGUAGE_LABELS.items()]
    )

    def clean_side(self):
        side = self.cleaned_data["side"].strip().split("#", 1)[0].split("?", 1)[0]
        if not side.startswith("/") or side.startswith("//"):
            raise forms.ValidationError(
                _("Skriv adressen slik den står etter domenet, og start med /."),
                code="not_a_path",
            )
        return side


def public_path(obj) -> str:
    """Return the Bokmål address of the public page that shows ``obj`` (with an anchor)."""
    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(obj, Phase | Organisation):
            return obj.get_absolute_url()
        if isinstance(obj, Milestone):
            return f"{obj.phase.get_absolute_url()}#{obj.slug}"
        if isinstance(obj, DateEntry) and obj.owner is not None:
            return public_path(obj.owner)
        if hasattr(obj, "get_absolute_url"):  # a page of its own (a role page, a glossary entry)
            return obj.get_absolute_url()
        return reverse("phases:timeline")


def preview_url(side: str, *, language: str = "nb", at: datetime.datetime | None = None) -> str:
    """Return the address of the preview of the public page at ``side``."""
    path, _hash, anchor = side.partition("#")
    query = {"side": path, "sprak": language}
    if at is not None:
        query["tid"] = timezone.localtime(at).strftime("%Y-%m-%dT%H:%M")
    url = f"{reverse(PREVIEW_URL_NAME)}?{urlencode(query)}"
    return f"{url}#{anchor}" if anchor else url


def scheduled_moment(obj, *, now: datetime.datetime) -> datetime.datetime | None:
    """Return when ``obj`` (or the phase or milestone a date line belongs to) is due, if ahead.

    The preview of something scheduled opens at that moment, so it is in the preview.
    """
    owner = obj.owner if isinstance(obj, DateEntry) else obj
    moments = [getattr(owner, "publish_at", None)]
    if isinstance(owner, Milestone):
        moments.append(owner.phase.publish_at)  # a milestone is public only with its phase
    ahead = [moment for moment in moments if moment is not None and moment > now]
    return max(ahead, default=None)


def preview_links(obj, *, now: datetime.datetime) -> list[tuple[str, str, str]]:
    """Return (code, label, preview address) of the object's public page in every language.

    At the object's scheduled moment when it is scheduled, else at the moment of viewing.
    """
    side = public_path(obj)
    at = scheduled_moment(obj, now=now)
    return [
        (code, label, preview_url(side, language=code, at=at))
        for code, label in LANGUAGE_LABELS.items()
    ]


def _split_language(side: str) -> tuple[str | None, str]:
    """Return the language prefix of a public path and the path without it."""
    language = get_language_from_path(side)
    if language and side.startswith(f"/{language}/"):
        return language, side[len(language) + 1 :]
    return None, side


def preview(request: HttpRequest) -> HttpResponse:
    """Render a public page with drafts, at a chosen moment and language, marked as a preview."""
    if not request.user.has_perm(PREVIEW_PERMISSION):
        raise PermissionDenied
    form = PreviewForm(request.GET or None)
    if not form.is_valid():
        response = TemplateResponse(
            request,
            "admin/phases/preview_form.html",
            {
                "title": _("Forhåndsvis nettstedet"),
                "form": form,
                "preview_url": reverse(PREVIEW_URL_NAME),
                **_admin_context(request),
            },
            status=400 if form.is_bound else 200,
        )
        return make_private(response)

    prefix_language, side = _split_language(form.cleaned_data["side"])
    language = form.cleaned_data["sprak"] or prefix_language or settings.LANGUAGE_CODE
    chosen = form.cleaned_data["tid"]
    moment = chosen or timezone.now()
    path = side if language == settings.LANGUAGE_CODE else f"/{language}{side}"
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404 as error:
            raise Http404(_("Ingen offentlig side har denne adressen.")) from error
        if match.namespace != "phases":
            raise Http404(_("Bare sidene om innføringen kan forhåndsvises."))
        visibility.attach_preview(request, at=moment)
        request.preview_context = {
            "at": moment,
            "at_chosen": chosen is not None,
            "side": side,
            "language": language,
            "form": PreviewForm(
                initial={"side": side, "tid": timezone.localtime(moment), "sprak": language}
            ),
            "action": reverse(PREVIEW_URL_NAME),
            "languages": [
                (code, label, preview_url(side, language=code, at=form.cleaned_data["tid"]))
                for code, label in LANGUAGE_LABELS.items()
            ],
            "public_url": path,
            "admin_url": reverse("admin:index"),
        }
        request.LANGUAGE_CODE = language
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
    response["X-Robots-Tag"] = "noindex, nofollow"
    # A preview shows drafts: no browser, proxy or page cache may keep it.
    return make_private(response)


def _admin_context(request):
    return admin.site.each_context(request)


# --- Comparing two versions -----------------------------------------------------------------


def _label(model, name: str) -> str:
    """Return «tittel (nynorsk)» for ``title_nn``, the verbose name for other fields."""
    base, _sep, language = name.rpartition("_")
    if language in LANGUAGE_LABELS and base:
        try:
            field = model._meta.get_field(base)
        except FieldDoesNotExist:
            pass
        else:
            return f"{field.verbose_name} ({LANGUAGE_LABELS[language]})"
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _display(model, name: str, value) -> str:
    if value is None or value == "":
        return "–"
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nei"))
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "j. F Y \\k\\l. H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j. F Y")
    if isinstance(value, Period):
        return value.format("nb")
    return str(value)


def _field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _related_names(model, name: str, rows) -> str:
    """Return «A, B» for the rows of a many-to-many field's history (sorted by name)."""
    target = model._meta.get_field(name).m2m_reverse_field_name()
    return ", ".join(sorted((str(row[target]) for row in rows), key=sort_key)) or "–"


def version_differences(model, older, newer) -> list[dict[str, str]]:
    """Return the fields that differ between two historical records, as label/old/new rows.

    The period is one row, as the editor wrote it («høst 2021» → «mai 2022»), and its
    derived sort date none; translated fields are named with their language; a
    many-to-many field (a milestone's organisations) as the names on each side.
    """
    delta = newer.diff_against(older, foreign_keys_are_objs=True, excluded_fields=["sort_date"])
    rows = []
    for change in delta.changes:
        if getattr(_field(model, change.field), "many_to_many", False):
            old = _related_names(model, change.field, change.old)
            new = _related_names(model, change.field, change.new)
        else:
            old = _display(model, change.field, change.old)
            new = _display(model, change.field, change.new)
        if old == new:
            continue  # e.g. None → "" in an untouched language: nothing an editor would see
        rows.append({"label": _label(model, change.field), "old": old, "new": new})
    return rows

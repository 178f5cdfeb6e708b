"""Subscribe, confirm and unsubscribe: thin views over ``phases.alerts``.

Every answer is private (``Cache-Control: private, no-store``): none of these
pages may enter a shared cache. The subscribe form answers the same whether the
address is new or known, so nobody can learn who subscribes; a confirmation mail
goes to one address at most once a day, and one client may post a handful of
subscriptions per 10 minutes (``RateLimit``), so nobody can flood a victim's inbox.
"""

from __future__ import annotations

import datetime

from django import forms
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from helseplattform.caching import make_private, reads_query_parameters
from helseplattform.public_forms import RateLimit, is_cross_site
from phases.alerts import links
from phases.alerts.models import Delivery, Subscriber, Subscription

# Ten subscriptions per address per 10 minutes: a household or an office, not a flood.
SUBSCRIBE_LIMIT = RateLimit(limit=10, address_limit=10, scope="alerts")


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-postadresse"),
        max_length=254,
        error_messages={
            "required": gettext_lazy("Skriv e-postadressen din."),
            "invalid": gettext_lazy("Skriv en e-postadresse som navn@eksempel.no."),
        },
    )
    organisation = forms.SlugField(
        error_messages={"required": gettext_lazy("Velg hvilken virksomhet du vil ha varsler om.")}
    )
    website = forms.CharField(required=False)  # the honeypot, as in the feedback box

    def clean_organisation(self):
        from phases.models import Organisation

        slug = self.cleaned_data["organisation"]
        organisation = Organisation.objects.published(at=timezone.now()).filter(slug=slug).first()
        if organisation is None:
            raise forms.ValidationError(
                _("Vi finner ikke den virksomheten."), code="unknown_organisation"
            )
        return organisation


def page(request: HttpRequest, template: str, context: dict, *, status: int = 200) -> HttpResponse:
    return make_private(render(request, f"phases/alerts/{template}", context, status=status))


@transaction.atomic
def subscribe_address(*, email: str, organisation, language: str, now: datetime.datetime) -> None:
    """Add the subscription, and queue a confirmation mail unless one went out today."""
    subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
        email=email.strip().lower(), defaults={"language": language, "created_at": now}
    )
    Subscription.objects.get_or_create(subscriber=subscriber, organisation=organisation)
    if subscriber.confirmed_at is not None:
        return  # already receiving alerts: the new organisation is simply added
    today = timezone.localdate(now)
    if subscriber.confirmation_sent_on == today:
        return
    subscriber.confirmation_sent_on = today
    subscriber.save(update_fields=["confirmation_sent_on"])
    Delivery.objects.create(
        subscriber=subscriber,
        kind=Delivery.Kind.CONFIRMATION,
        next_attempt_at=now,
        created_at=now,
    )


@csrf_exempt  # public pages set no cookie; the same checks as the feedback box protect it
@never_cache
@sensitive_post_parameters("email")
@require_http_methods(["POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """Take a subscription to one organisation's date changes and ask for confirmation."""
    if is_cross_site(request):
        return page(
            request,
            "problem.html",
            {"message": _("Skjemaet kom fra en annen nettside.")},
            status=403,
        )
    if not SUBSCRIBE_LIMIT.hit(request):
        response = page(
            request,
            "problem.html",
            {
                "message": _(
                    "Du har meldt på mange adresser på kort tid. Vent noen minutter og prøv igjen."
                )
            },
            status=429,
        )
        response["Retry-After"] = str(SUBSCRIBE_LIMIT.retry_after())
        return response
    form = SubscribeForm(request.POST)
    if form.data.get("website"):
        return page(request, "check_your_email.html", {})
    if not form.is_valid():
        return page(request, "subscribe_form.html", {"form": form}, status=400)
    subscribe_address(
        email=form.cleaned_data["email"],
        organisation=form.cleaned_data["organisation"],
        language=get_language() if get_language() in Subscriber.Language.values else "nb",
        now=timezone.now(),
    )
    return page(
        request, "check_your_email.html", {"organisation": form.cleaned_data["organisation"]}
    )


@reads_query_parameters("kode")
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest) -> HttpResponse:
    """Confirm an address: the link shows a button (mail scanners follow links, people press buttons)."""
    code = request.POST.get("kode") or request.GET.get("kode", "")
    subscriber_id = links.subscriber_id_from_code(code)
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first() if subscriber_id else None
    if subscriber is None:
        return page(request, "link_expired.html", {}, status=410 if code else 400)
    if request.method == "POST" and subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    return page(request, "confirm.html", {"subscriber": subscriber, "code": code})


@reads_query_parameters("kode")
@csrf_exempt  # RFC 8058: mail programs POST here without any page or cookie of ours
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest) -> HttpResponse:
    """Unsubscribe: GET shows a button, POST (also one-click from a mail program) deletes the address."""
    token = request.POST.get("kode") or request.GET.get("kode", "")
    subscriber = Subscriber.objects.filter(token=token).first() if token else None
    if request.method == "POST":
        if subscriber is not None:
            subscriber.delete()  # the address, its subscriptions and its pending messages
        return page(request, "unsubscribed.html", {})
    if subscriber is None:
        return page(request, "unsubscribed.html", {"unknown": True}, status=404 if token else 400)
    return page(request, "unsubscribe.html", {"code": token})

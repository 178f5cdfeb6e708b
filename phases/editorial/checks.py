"""«Sist kontrollert»: an editor confirms that content is still true, without changing it.

A check is not an edit: it sets ``checked_at`` only, so «Sist oppdatert» (the last
content change) and the history stay as they were. The admin lists what has not
been checked for ``CHECK_INTERVAL_DAYS`` with ``UncheckedFilter``.
May import the models and ``helseplattform.caching``.
"""

import datetime

from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from helseplattform.caching import bump_content_version

CHECK_INTERVAL_DAYS = 90


def unchecked_since(queryset, *, at: datetime.datetime):
    """Return the rows not checked in the ``CHECK_INTERVAL_DAYS`` before ``at`` (never checked included)."""
    limit = at - datetime.timedelta(days=CHECK_INTERVAL_DAYS)
    return queryset.filter(Q(checked_at__isnull=True) | Q(checked_at__lt=limit))


@admin.action(description=_("Bekreft at innholdet stemmer"), permissions=["change"])
def confirm_still_true(modeladmin, request, queryset):
    """Record that the selected content is still true (one click, nothing else changes)."""
    # update(): a check must not count as a content change, which save() would record.
    count = queryset.update(checked_at=timezone.now())
    bump_content_version()  # the pages show «Sist kontrollert»
    modeladmin.message_user(
        request,
        ngettext(
            "Bekreftet at %(count)d element stemmer.",
            "Bekreftet at %(count)d elementer stemmer.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


class UncheckedFilter(admin.SimpleListFilter):
    title = _("kontroll")
    parameter_name = "kontrollert"

    def lookups(self, request, model_admin):
        return [("nei", _("Ikke kontrollert på %(days)d dager") % {"days": CHECK_INTERVAL_DAYS})]

    def queryset(self, request, queryset):
        if self.value() == "nei":
            return unchecked_since(queryset, at=timezone.now())
        return queryset

"""Spike alerts: when a page's answers depart from its own baseline.

The rule (documented for the analysts in the admin, and tested case by case):

- the **window** is the last 24 hours, the **baseline** the 28 days before it,
  both counting only answers that are not spam or «ikke relevant»;
- **Nei spike**: at least ``MIN_WINDOW_ANSWERS`` answers in the window, and the
  lower end of the Wilson interval of the window's Nei share is above the
  baseline's Nei share plus ``NO_SHARE_MARGIN`` (so chance alone rarely raises
  it). A page with fewer than ``MIN_BASELINE_ANSWERS`` answers in its baseline
  is compared with the whole site's baseline instead;
- **volume spike**: at least ``MIN_VOLUME_ANSWERS`` answers in the window, and
  more than ``VOLUME_FACTOR`` times the baseline's average day;
- an alert is raised once per page, kind and day, however often the check runs.

    >>> detect(Counts(yes=5, no=20), baseline=Counts(yes=100, no=20))
    ['no_share', 'volume']
    >>> detect(Counts(yes=1, no=3), baseline=Counts(yes=100, no=20))
    []
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from feedback.analysis.rates import wilson_interval
from feedback.stats import AnswerCounts

logger = logging.getLogger(__name__)

WINDOW = datetime.timedelta(hours=24)
BASELINE_DAYS = 28
MIN_WINDOW_ANSWERS = 10
MIN_BASELINE_ANSWERS = 20
MIN_VOLUME_ANSWERS = 20
NO_SHARE_MARGIN = 0.15
VOLUME_FACTOR = 3
ALERT_GROUP = "Analyse"


@dataclass(frozen=True)
class Counts(AnswerCounts):
    """Ja and Nei in a window or a baseline, of one page or the whole site."""

    yes: int = 0
    no: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(yes=self.yes + other.yes, no=self.no + other.no)


def is_no_share_spike(window: Counts, *, baseline: Counts) -> bool:
    """Return True when clearly more answered Nei in the window than in the baseline."""
    if window.total < MIN_WINDOW_ANSWERS or not baseline.total:
        return False
    low, _high = wilson_interval(window.no, window.total)
    return low > baseline.share_no + NO_SHARE_MARGIN


def is_volume_spike(
    window: Counts, *, baseline: Counts, baseline_days: int = BASELINE_DAYS
) -> bool:
    """Return True when the window had far more answers than the baseline's average day."""
    average_day = baseline.total / baseline_days
    return window.total >= MIN_VOLUME_ANSWERS and window.total > VOLUME_FACTOR * average_day


def detect(
    window: Counts,
    *,
    baseline: Counts,
    share_baseline: Counts | None = None,
    baseline_days: int = BASELINE_DAYS,
) -> list[str]:
    """Return the kinds of spike the window shows: ``"no_share"``, ``"volume"``, both or none.

    ``share_baseline`` is what the Nei share is compared with (the page's own
    baseline unless it is too small, then the site's); the volume is always
    compared with the page's own baseline.
    """
    kinds = []
    if is_no_share_spike(window, baseline=share_baseline or baseline):
        kinds.append("no_share")
    if is_volume_spike(window, baseline=baseline, baseline_days=baseline_days):
        kinds.append("volume")
    return kinds


def page_counts(queryset) -> dict[str, Counts]:
    """Return the Ja and Nei counts per page of the queryset (one query)."""
    rows = (
        queryset.order_by()
        .values("page")
        .annotate(yes=Count("id", filter=Q(answer="yes")), no=Count("id", filter=Q(answer="no")))
    )
    return {row["page"]: Counts(yes=row["yes"], no=row["no"]) for row in rows}


def summary(kind: str, *, page: str, window: Counts, baseline: Counts) -> str:
    """Return one line for the banner and the e-mail, in Bokmål (the analysts' language)."""
    with override("nb"):
        if kind == "no_share":
            return _(
                "%(page)s: %(no)s av %(total)s svarte nei det siste døgnet "
                "(vanligvis %(usual)s %% nei)."
            ) % {
                "page": page,
                "no": window.no,
                "total": window.total,
                "usual": round(100 * (baseline.share_no or 0)),
            }
        return _("%(page)s: %(total)s svar det siste døgnet (vanligvis %(usual)s per døgn).") % {
            "page": page,
            "total": window.total,
            "usual": round(baseline.total / BASELINE_DAYS, 1),
        }


def check(*, now: datetime.datetime | None = None) -> list:
    """Raise the alerts the rule finds now, mail each new one to the Analyse group, return the new ones."""
    from feedback.models import Feedback, SpikeAlert

    now = now or timezone.now()
    counted = Feedback.objects.counted()
    window_counts = page_counts(counted.filter(created__gt=now - WINDOW, created__lte=now))
    baseline_start = now - WINDOW - datetime.timedelta(days=BASELINE_DAYS)
    baseline_counts = page_counts(
        counted.filter(created__gt=baseline_start, created__lte=now - WINDOW)
    )
    site_baseline = sum(baseline_counts.values(), Counts())
    day = timezone.localdate(now)
    raised = []
    for page, window in sorted(window_counts.items()):
        baseline = baseline_counts.get(page, Counts())
        share_baseline = baseline if baseline.total >= MIN_BASELINE_ANSWERS else site_baseline
        for kind in detect(window, baseline=baseline, share_baseline=share_baseline):
            try:
                with transaction.atomic():
                    alert = SpikeAlert.objects.create(
                        page=page,
                        kind=kind,
                        day=day,
                        summary=summary(
                            kind,
                            page=page,
                            window=window,
                            baseline=share_baseline if kind == "no_share" else baseline,
                        ),
                        raised_at=now,
                    )
            except IntegrityError:
                continue  # already raised today
            raised.append(alert)
    for alert in raised:
        mail_alert(alert)
    return raised


def recipients() -> list[str]:
    """Return the addresses of the active members of the Analyse group."""
    users = (
        get_user_model().objects.filter(is_active=True, groups__name=ALERT_GROUP).exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


def mail_alert(alert) -> None:
    """Send one alert to the Analyse group and note when; a failure is logged without addresses."""
    addresses = recipients()
    if not addresses:
        return
    link = settings.SITE_URL.rstrip("/") + reverse("admin:feedback_spikealert_changelist")
    with override("nb"):
        subject = _("Varsel om tilbakemeldinger: %(summary)s") % {"summary": alert.summary}
        body = _(
            "%(summary)s\n\nSe tilbakemeldingene i administrasjonen: %(link)s\n\n"
            "Du får denne e-posten fordi du er i gruppen Analyse."
        ) % {"summary": alert.summary, "link": link}
    try:
        send_mail(subject, body, None, addresses)
    except Exception as error:  # the SMTP server may be down; the banner still shows the alert
        logger.warning("Spike alert e-mail not sent (%s).", type(error).__name__)
        return
    type(alert).objects.filter(pk=alert.pk).update(mailed_at=timezone.now())

"""The status rule of ``phases.status.shown_status`` as a database expression.

A milestone stores its shown period (``Milestone.shown_first_day`` and the columns
beside it); ``status_expression(day)`` is the same rule as ``shown_status`` in SQL,
with the day as a parameter, so the database filters go-lives by status and by date
window and a page reads only the rows it shows. ``tests/phases/test_status_query.py``
proves that the two agree on every status.

The stored columns follow the *published* history only: a staff preview with drafts
reads the history in Python (``Milestone.status_on``).
"""

from __future__ import annotations

import datetime

from django.db.models import Case, CharField, F, OuterRef, Q, Subquery, Value, When

from phases.status import Status

__all__ = ["counting_go_live", "go_live_order", "status_expression", "with_go_live_status"]


def status_expression(day: datetime.date, *, prefix: str = "") -> Case:
    """Return a milestone's status on ``day`` (a ``Status`` value) from its stored columns."""

    def when(then: Status, **conditions) -> When:
        return When(
            Q(**{prefix + name: value for name, value in conditions.items()}),
            then=Value(then.value),
        )

    return Case(
        when(Status.DONE, shown_is_actual=True, shown_first_day__lte=day),
        when(Status.UPCOMING, shown_is_actual=True),
        when(Status.DATE_UNKNOWN, shown_first_day__isnull=True),
        when(Status.UNCONFIRMED, shown_last_day__lt=day),
        when(Status.UNDER_WAY, shown_first_day__lte=day),
        default=Value(Status.UPCOMING.value),
        output_field=CharField(),
    )


def go_live_order(*, prefix: str = "", pk: str = "pk") -> list:
    """Return the order that puts the go-live that counts first (``Organisation.go_live``).

    The latest shown period counts, and one without a date counts as latest; an
    open-ended period ends last; the precision ranks and then the id break ties,
    as ``Period.sort_key`` and ``_latest_first_key`` do.
    """
    return [
        F(f"{prefix}shown_first_day").desc(nulls_first=True),
        F(f"{prefix}shown_last_day").desc(nulls_first=True),
        F(f"{prefix}shown_rank").desc(),
        F(pk).desc(),
    ]


def counting_go_live(go_lives, *, field: str = "pk") -> Subquery:
    """Return ``field`` of the go-live that counts for the outer organisation, from ``go_lives``.

    ``go_lives`` are the public go-lives (a ``Milestone`` queryset); the outer query is
    one of organisations.
    """
    return Subquery(
        go_lives.filter(organisations=OuterRef("pk")).order_by(*go_live_order()).values(field)[:1]
    )


def with_go_live_status(organisations, *, at, today: datetime.date):
    """Annotate ``go_live_status``: the status of each organisation's go-live that counts.

    None for an organisation without a public go-live. The public site's rule only: a
    preview with drafts reads the histories (``phases.forms.go_live_status``).
    """
    from phases.models import Milestone

    go_lives = (
        Milestone.objects.published(at=at)
        .filter(is_go_live=True)
        .annotate(go_live_status=status_expression(today))
    )
    return organisations.annotate(go_live_status=counting_go_live(go_lives, field="go_live_status"))

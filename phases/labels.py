"""The words the site uses for a status. They must be honest: a plan is never "done".

A phase counts as ended once its period is over (it is a stretch of work); a
go-live counts as done only when a source reports that it happened.
"""

from django.utils.translation import gettext_lazy as _

from phases.status import Status

PHASE_STATUS = {
    Status.DONE: _("Avsluttet"),
    Status.UNDER_WAY: _("Pågår"),
    Status.UPCOMING: _("Kommer"),
    Status.UNCONFIRMED: _("Planlagt slutt er passert"),
    Status.DATE_UNKNOWN: _("Dato er ikke kjent"),
}

GO_LIVE_STATUS = {
    Status.DONE: _("Tatt i bruk"),
    Status.UNDER_WAY: _("Planlagt nå, ikke bekreftet ennå"),
    Status.UPCOMING: _("Planlagt"),
    Status.UNCONFIRMED: _("Planlagt dato er passert, ikke bekreftet"),
    Status.DATE_UNKNOWN: _("Dato er ikke kjent"),
}

# An organisation that no announced wave names, and for which no decision is recorded:
# the site says so rather than guessing (phases.directory.listing.NOT_ANNOUNCED).
NOT_ANNOUNCED = _("Ikke i noen kunngjort bølge – ingen beslutning registrert her")
NOT_ANNOUNCED_SHORT = _("Ikke i noen kunngjort bølge")

MILESTONE_STATUS = {**GO_LIVE_STATUS, Status.DONE: _("Gjennomført")}

SUBJECTS = {"phase": PHASE_STATUS, "go_live": GO_LIVE_STATUS, "milestone": MILESTONE_STATUS}


def status_label(status: Status | str | None, subject: str = "go_live") -> str:
    """Return the visitor-facing words for a status of a phase, go-live or milestone."""
    if status is None:
        return str(_("Ingen dato ennå"))
    return str(SUBJECTS[subject][Status(status)])

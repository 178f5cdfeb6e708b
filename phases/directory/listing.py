"""The directory's rows for the public pages: organisations and hospitals with their go-live.

One row per published organisation, with its go-live and that go-live's status on the
day; a hospital is found by its own names and shown as a row of its trust (it goes
live with it). ``find`` applies the filters and the search (``phases.directory.search``)
to the rows, so the organisations page, the suggestions and the map share one ranking.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from phases.directory import dotmap, search
from phases.models import Organisation

# The status of an organisation that no announced wave names: not a go-live status,
# but a value the status filter offers like one.
NOT_ANNOUNCED = "not_announced"

# Tie-break of the search: a bare place name means the municipality, then the trust.
_RANK = {Organisation.Kind.MUNICIPALITY: 0, Organisation.Kind.HEALTH_TRUST: 1}
_HOSPITAL_RANK = 2
_OTHER_RANK = 3


@dataclass
class Row:
    """An organisation, or one of a trust's hospitals, with the go-live it shares."""

    organisation: Organisation
    go_live: object = None  # Milestone | None
    status: str = NOT_ANNOUNCED
    hospital: object = None  # Hospital | None: set when the row stands for a hospital
    matched: str = ""  # the other name the search found it by, if any

    @property
    def name(self) -> str:
        return self.hospital.name if self.hospital is not None else self.organisation.name

    @property
    def url(self) -> str:
        url = self.organisation.get_absolute_url()
        return f"{url}#sykehus" if self.hospital is not None else url


@dataclass
class Found:
    """What a search of the directory found, and what to say when it is not exact."""

    rows: list[Row]
    query: str = ""
    close_only: bool = False  # True when every hit has a typo: say "Mente du …?"
    suggestions: list[Row] = field(default_factory=list)  # when nothing matched at all


def rows_for(organisations, *, today) -> list[Row]:
    """Return one row per organisation (with ``with_go_lives`` and ``hospitals`` prefetched)."""
    rows = []
    for organisation in organisations:
        go_live = organisation.go_live
        status = go_live.status_on(today).value if go_live else NOT_ANNOUNCED
        rows.append(Row(organisation, go_live, status))
    return rows


def present(rows: list[Row]) -> dict[str, set[str]]:
    """Return the kinds, counties and statuses that at least one row has (the filters' choices)."""
    return {
        "kind": {row.organisation.kind for row in rows},
        "county": {row.organisation.county for row in rows if row.organisation.county},
        "status": {row.status for row in rows},
    }


def _entries(rows: list[Row]) -> dict[search.Entry, Row]:
    entries = {}
    for row in rows:
        organisation = row.organisation
        entry = search.Entry(
            key=("organisation", organisation.pk),
            names=(organisation.name, *_short_names(organisation), *organisation.alias_list),
            numbers=tuple(
                number
                for number in (organisation.kommunenummer, organisation.organisasjonsnummer)
                if number
            ),
            rank=_RANK.get(organisation.kind, _OTHER_RANK),
        )
        entries[entry] = row
        for hospital in organisation.hospitals.all():
            entry = search.Entry(
                key=("hospital", hospital.pk),
                names=(hospital.name, *hospital.alias_list),
                rank=_HOSPITAL_RANK,
            )
            entries[entry] = Row(organisation, row.go_live, row.status, hospital=hospital)
    return entries


def _short_names(organisation) -> tuple[str, ...]:
    """Return "Molde" for "Molde kommune": the name people type for a municipality."""
    suffix = " kommune"
    if organisation.kind == Organisation.Kind.MUNICIPALITY and organisation.name.endswith(suffix):
        return (organisation.name.removesuffix(suffix),)
    return ()


def find(rows: list[Row], *, q="", kind="", county="", status="", **_other) -> Found:
    """Return the rows that pass the filters and match the query, best match first.

    Without a query the organisations are listed by name and hospitals are left out
    (they appear on their trust's page); with one, a hospital is a hit of its own.
    """
    rows = [
        row
        for row in rows
        if (not kind or row.organisation.kind == kind)
        and (not county or row.organisation.county == county)
        and (not status or row.status == status)
    ]
    query = q.strip()
    if not search.fold(query):
        return Found(rows=rows)
    entries = _entries(rows)
    hits = search.search(query, entries)
    found = []
    for hit in hits:
        row = entries[hit.entry]
        if hit.by_other_name and hit.matched not in _short_names(row.organisation):
            row.matched = hit.matched
        found.append(row)
    close_only = bool(hits) and all(hit.tier == search.Tier.FUZZY for hit in hits)
    suggestions = [] if hits else [entries[entry] for entry in search.suggest(query, list(entries))]
    return Found(rows=found, query=query, close_only=close_only, suggestions=suggestions)


def detail(row: Row) -> str:
    """Return the words shown under a row's name: its kind, and a hospital's trust."""
    if row.hospital is not None:
        return _("Sykehus i %(trust)s") % {"trust": row.organisation.name}
    parts = [str(row.organisation.get_kind_display())]
    if row.organisation.kommunenummer:
        parts.append(row.organisation.kommunenummer)
    if row.matched:
        parts.append(_("også kalt %(name)s") % {"name": row.matched})
    return ", ".join(parts)


# The map's statuses in the legend's order, each with its symbol (never colour alone).
SYMBOL = 16
MAP_STATUSES = ("done", "under_way", "upcoming", "unconfirmed", "date_unknown", NOT_ANNOUNCED)


def map_context(rows: list[Row]) -> dict:
    """Return the dots (row, x, y) of the rows that have a point, the legend and the table."""
    placed = [row for row in rows if row.organisation.latitude is not None]
    points = {
        row.organisation.pk: (row.organisation.latitude, row.organisation.longitude)
        for row in placed
    }
    positions, width, height = dotmap.place(points)
    # The symbols are drawn SYMBOL units square with their centre on the point.
    half = SYMBOL / 2
    dots = [
        (row, round(x - half, 1), round(y - half, 1))
        for row in placed
        for x, y in [positions[row.organisation.pk]]
    ]
    counts = Counter(row.status for row in placed)
    legend = [(status, counts[status]) for status in MAP_STATUSES if counts[status]]
    return {"dots": dots, "width": width, "height": height, "legend": legend, "rows": rows}

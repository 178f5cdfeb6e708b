"""The directory's rows for the public pages: organisations and hospitals with their go-live.

One row per published organisation, with its go-live and that go-live's status on the
day; a hospital is found by its own names and shown as a row of its trust (it goes
live with it). ``find`` applies the filters and the search (``phases.directory.search``)
to the rows, so the organisations page, the suggestions and the map share one ranking.

The public pages use ``Directory``: the same filters and search over an index of every
published organisation's names and its go-live's stored dates (``Milestone.shown_first_day``
and the columns beside it), built once per content version (``name_index``), so that a
page costs the rows it shows, not the whole directory. A preview with drafts reads every
history (``rows_for``): the stored dates leave drafts out.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field

from django.db import router
from django.utils.translation import gettext as _

from helseplattform.content import content_state
from phases.directory import dotmap, search
from phases.models import Hospital, Milestone, Organisation, alias_lines, prefetch_go_lives
from phases.status import Shown, shown_status
from phases.status_query import counting_go_live

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
    return _short_names_of(organisation.kind, organisation.name)


def _short_names_of(kind: str, name: str) -> tuple[str, ...]:
    suffix = " kommune"
    if kind == Organisation.Kind.MUNICIPALITY and name.endswith(suffix):
        return (name.removesuffix(suffix),)
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


# --- The public directory: an index per content version, rows read for the page shown ----------


@dataclass(frozen=True)
class Listed:
    """A published organisation in the directory's index: what the filters and search need."""

    pk: int
    kind: str
    county: str
    go_live: Shown | None  # the stored shown period of the go-live that counts; None: none
    entries: tuple[search.Entry, ...]  # its own names, then each of its hospitals'

    @property
    def name(self) -> str:
        return self.entries[0].name

    def status(self, today) -> str:
        return shown_status(self.go_live, today).value if self.go_live else NOT_ANNOUNCED


def build_index(*, at) -> list[Listed]:
    """Read the published organisations in name order, their hospitals' names and go-live dates.

    Three queries, and the names folded once (``search.Entry``). The go-live's dates are
    the stored shown period (``Milestone.shown_first_day``), so the status is the public
    one; a preview with drafts reads the histories (``rows_for``).
    """
    go_lives = Milestone.objects.published(at=at).filter(is_go_live=True)
    organisations = list(
        Organisation.objects.published(at=at)
        .annotate(counting_go_live=counting_go_live(go_lives))
        .values_list(
            "pk",
            "name",
            "kind",
            "county",
            "aliases",
            "kommunenummer",
            "organisasjonsnummer",
            "counting_go_live",
        )
    )
    counted = {pk for *_rest, pk in organisations if pk is not None}
    shown = {
        pk: Shown(first_day=first, last_day=last, is_actual=actual, rank=rank)
        for pk, first, last, actual, rank in Milestone.objects.filter(pk__in=counted).values_list(
            "pk", "shown_first_day", "shown_last_day", "shown_is_actual", "shown_rank"
        )
    }
    hospitals: dict[int, list[search.Entry]] = {}
    for pk, trust, name, aliases in Hospital.objects.filter(
        trust_id__in=[row[0] for row in organisations]
    ).values_list("pk", "trust_id", "name", "aliases"):
        hospitals.setdefault(trust, []).append(
            search.Entry(
                key=("hospital", pk), names=(name, *alias_lines(aliases)), rank=_HOSPITAL_RANK
            )
        )
    index = []
    for pk, name, kind, county, aliases, kommunenummer, orgnr, go_live in organisations:
        own = search.Entry(
            key=("organisation", pk),
            names=(name, *_short_names_of(kind, name), *alias_lines(aliases)),
            numbers=tuple(number for number in (kommunenummer, orgnr) if number),
            rank=_RANK.get(kind, _OTHER_RANK),
        )
        index.append(
            Listed(
                pk=pk,
                kind=kind,
                county=county,
                go_live=shown.get(go_live),
                entries=(own, *hospitals.get(pk, ())),
            )
        )
    return index


@dataclass(frozen=True)
class Prepared:
    """The index of one content version: the organisations, and their names ready to search."""

    listed: list[Listed]
    names: search.Index
    owner: dict[search.Entry, Listed]

    @classmethod
    def of(cls, listed: list[Listed]) -> Prepared:
        owner = {entry: item for item in listed for entry in item.entries}
        return cls(listed=listed, names=search.Index(owner), owner=owner)


class NameIndex:
    """This process's copy of the directory's index, one per database and content version.

    Every change to what the index holds (a name, a publication, a hospital, a date
    line, a scheduled moment passing) raises the content version
    (``helseplattform.content``), so a copy is good until the version moves on; the
    status is worked out for the day of each request from the stored dates.
    """

    KEEP = 4  # versions (and databases) kept at once

    def __init__(self) -> None:
        self._copies: dict[tuple[str, str], Prepared] = {}
        self._lock = threading.Lock()

    def forget(self) -> None:
        with self._lock:
            self._copies.clear()

    def get(self, *, at) -> Prepared:
        state = content_state(now=at)
        if state is None:  # the version cannot be read: no copy can be trusted
            return Prepared.of(build_index(at=at))
        key = (router.db_for_read(Organisation), state.version)
        with self._lock:
            index = self._copies.get(key)
        if index is None:
            index = Prepared.of(build_index(at=at))
            with self._lock:
                while len(self._copies) >= self.KEEP:
                    self._copies.pop(next(iter(self._copies)))
                self._copies[key] = index
        return index


name_index = NameIndex()


@dataclass(frozen=True)
class _Shown:
    """A row as found in the index: read from the database only if its page is shown."""

    listed: Listed
    hospital: int | None = None
    matched: str = ""


class LazyRows:
    """The rows a search of the index found, read from the database a page at a time.

    A slice (a page, the first suggestions) costs four queries: the organisations,
    their hospitals, their go-lives and the go-lives' date lines.
    """

    def __init__(self, found: list[_Shown], *, at, today) -> None:
        self._found, self._at, self._today = found, at, today

    def __len__(self) -> int:
        return len(self._found)

    def __bool__(self) -> bool:
        return bool(self._found)

    def __iter__(self):
        return iter(self._rows(self._found))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._rows(self._found[index])
        return self._rows([self._found[index]])[0]

    def _rows(self, found: list[_Shown]) -> list[Row]:
        if not found:
            return []
        pks = {item.listed.pk for item in found}
        organisations = {
            organisation.pk: organisation
            for organisation in prefetch_go_lives(
                Organisation.objects.filter(pk__in=pks).with_hospitals(), at=self._at
            )
        }
        rows = []
        for item in found:
            organisation = organisations[item.listed.pk]
            hospital = None
            if item.hospital is not None:
                hospital = next(h for h in organisation.hospitals.all() if h.pk == item.hospital)
            rows.append(
                Row(
                    organisation,
                    organisation.go_live,
                    item.listed.status(self._today),
                    hospital=hospital,
                    matched=item.matched,
                )
            )
        return rows


class Directory:
    """The directory as a page sees it: the filters' choices and what a search finds.

    On the public site from the index (``name_index``), so a page reads only its own
    rows' go-lives; in a preview with drafts from every organisation's history.
    """

    def __init__(self, *, at, drafts: bool, today) -> None:
        self.at, self.today = at, today
        self._rows = None
        self._index = None
        if drafts:
            organisations = (
                Organisation.objects.published(at=at, drafts=True)
                .with_go_lives(at=at, drafts=True)
                .with_hospitals()
            )
            self._rows = rows_for(organisations, today=today)
        else:
            self._index = name_index.get(at=at)
            # Each organisation's status on the day, worked out once for the filters and the rows.
            self._status = {item.pk: item.status(today) for item in self._index.listed}

    def present(self) -> dict[str, set[str]]:
        if self._rows is not None:
            return present(self._rows)
        listed = self._index.listed
        return {
            "kind": {item.kind for item in listed},
            "county": {item.county for item in listed if item.county},
            "status": set(self._status.values()),
        }

    def find(self, *, q="", kind="", county="", status="", **_other) -> Found:
        if self._rows is not None:
            return find(self._rows, q=q, kind=kind, county=county, status=status)

        def passes(item: Listed) -> bool:
            return (
                (not kind or item.kind == kind)
                and (not county or item.county == county)
                and (not status or self._status[item.pk] == status)
            )

        query = q.strip()
        if not search.fold(query):
            return Found(
                rows=self._lazy([_Shown(item) for item in self._index.listed if passes(item)])
            )
        owner = self._index.owner
        hits = self._index.names.search(query, allowed=lambda entry: passes(owner[entry]))
        found = []
        for hit in hits:
            item = owner[hit.entry]
            matched = ""
            if hit.by_other_name and hit.matched not in _short_names_of(item.kind, item.name):
                matched = hit.matched
            found.append(_Shown(item, hospital=_hospital_of(hit.entry), matched=matched))
        close_only = bool(hits) and all(hit.tier == search.Tier.FUZZY for hit in hits)
        suggestions = []
        if not hits:
            suggested = search.suggest(query, [e for e in owner if passes(owner[e])])
            suggestions = self._lazy(
                [_Shown(owner[entry], hospital=_hospital_of(entry)) for entry in suggested]
            )[:]
        return Found(
            rows=self._lazy(found), query=query, close_only=close_only, suggestions=suggestions
        )

    def _lazy(self, found: list[_Shown]) -> LazyRows:
        return LazyRows(found, at=self.at, today=self.today)


def _hospital_of(entry: search.Entry) -> int | None:
    """Return the hospital an index entry stands for, None for the organisation's own."""
    kind, pk = entry.key
    return pk if kind == "hospital" else None


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

"""The public directory (an index per content version) finds what the full rows find.

``listing.Directory`` filters and searches an index of names and stored go-live
dates and reads only the rows it shows; ``listing.find`` over ``rows_for`` reads
every organisation's history (what a preview with drafts does). On the real content
and on the large rollout they must give the same rows, statuses, go-lives, other
names, «Mente du …?» and filter choices.
"""

import pytest

from phases.directory import listing
from phases.models import DateEntry, Organisation
from phases.periods import Period
from tests.conftest import NOON_IN_OSLO, TODAY

SEARCHES = [
    {},
    {"kind": "kommune"},
    {"county": "trondelag", "kind": "helseforetak"},
    {"status": "unconfirmed"},
    {"status": "done"},
    {"status": "upcoming"},
    {"status": "date_unknown"},
    {"status": listing.NOT_ANNOUNCED},
    {"q": "molde"},
    {"q": "Molde sjukehus"},
    {"q": "aalesund"},
    {"q": "trondhiem"},
    {"q": "st olav"},
    {"q": "5001"},
    {"q": "kommune", "status": "done"},
    {"q": "virksomhet 12"},
    {"q": "virksomhet 1999"},
    {"q": "zzzzqx"},
    {"q": "e"},
]


def described(found):
    def row(row):
        return (
            row.name,
            row.url,
            row.status,
            row.go_live.pk if row.go_live else None,
            row.matched,
        )

    return (
        [row(r) for r in found.rows],
        found.close_only,
        [row(r) for r in found.suggestions],
    )


def full_rows():
    organisations = (
        Organisation.objects.published(at=NOON_IN_OSLO)
        .with_go_lives(at=NOON_IN_OSLO)
        .with_hospitals()
    )
    return listing.rows_for(organisations, today=TODAY)


def assert_index_finds_what_the_rows_find():
    directory = listing.Directory(at=NOON_IN_OSLO, drafts=False, today=TODAY)
    assert directory.present() == listing.present(full_rows())
    for filters in SEARCHES:
        # Fresh rows each time: ``find`` marks the rows it found by another name.
        index = described(directory.find(**filters))
        assert index == described(listing.find(full_rows(), **filters)), filters


def test_the_index_finds_what_the_rows_find_on_the_real_content(content, clock):
    assert_index_finds_what_the_rows_find()


@pytest.mark.django_db
def test_the_index_finds_what_the_rows_find_on_the_large_rollout(large_rollout, clock):
    assert_index_finds_what_the_rows_find()


def test_a_new_date_line_is_in_the_index_at_once(content, clock):
    """A published line bumps the content version: the next page reads a new index."""
    before = listing.Directory(at=NOON_IN_OSLO, drafts=False, today=TODAY)
    trondheim = next(row for row in before.find(q="Trondheim kommune").rows)
    assert trondheim.status == "done"
    line = DateEntry(milestone=trondheim.go_live, kind="revision")
    line.period = Period.parse("2030")
    line.save()
    after = listing.Directory(at=NOON_IN_OSLO, drafts=False, today=TODAY)
    names = [row.name for row in after.find(status="done").rows]
    assert "Trondheim kommune" in [row.name for row in before.find(status="done").rows]
    # An actual date stays what happened: a later plan does not undo it.
    assert "Trondheim kommune" in names
    unsettled = DateEntry(milestone=trondheim.go_live, kind="actual")
    unsettled.period = Period.parse("2031")
    unsettled.save()
    later = listing.Directory(at=NOON_IN_OSLO, drafts=False, today=TODAY)
    assert "Trondheim kommune" in [row.name for row in later.find(status="upcoming").rows]


def test_a_draft_line_shows_in_the_preview_only(content, clock):
    public = listing.Directory(at=NOON_IN_OSLO, drafts=False, today=TODAY)
    trondheim = public.find(q="Trondheim kommune").rows[0]
    draft = DateEntry(milestone=trondheim.go_live, kind="actual", draft=True)
    draft.period = Period.parse("2031")
    draft.save()
    assert (
        listing.Directory(at=NOON_IN_OSLO, drafts=False, today=TODAY)
        .find(q="Trondheim kommune")
        .rows[0]
        .status
        == "done"
    )
    preview = listing.Directory(at=NOON_IN_OSLO, drafts=True, today=TODAY)
    assert preview.find(q="Trondheim kommune").rows[0].status == "upcoming"

"""How sure a future date is: a level from a closed list, shown as text beside the date."""

import pytest

from tests.phases.factories import make_entry, make_milestone, make_organisation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "entries, shown",
    [
        ([("original", "2030", {})], "Hvor sikker datoen er: planlagt"),
        ([("original", "2030", {"confidence": "confirmed"})], "Hvor sikker datoen er: bekreftet"),
        (
            [
                ("original", "2029", {"confidence": "confirmed"}),
                ("revision", "2030", {"confidence": "provisional"}),
            ],
            "Hvor sikker datoen er: foreløpig",
        ),
        (
            [("original", "2030", {}), ("unsettled", None, {})],
            "Hvor sikker datoen er: ikke fastsatt",
        ),
        # Past dates carry no level: what happened, or a passed plan, is not a forecast.
        ([("original", "2021", {}), ("actual", "7. mai 2022", {})], None),
        ([("original", "2021", {"confidence": "confirmed"})], None),
    ],
)
def test_a_go_live_shows_how_sure_its_future_date_is(client, clock, entries, shown):
    organisation = make_organisation(name="Framtid kommune", slug="framtid")
    milestone = make_milestone(
        title="Framtid tar i bruk", organisations=[organisation], is_go_live=True
    )
    for kind, period, fields in entries:
        make_entry(milestone, kind, period, **fields)
    for path in ("/virksomheter/framtid/", milestone.phase.get_absolute_url()):
        page = client.get(path).content.decode()
        if shown is None:
            assert "Hvor sikker datoen er" not in page
        else:
            assert shown in page, path


def test_the_level_is_translated(client, clock):
    organisation = make_organisation(name="Framtid kommune", slug="framtid")
    milestone = make_milestone(organisations=[organisation], is_go_live=True)
    make_entry(milestone, "original", "2030", confidence="provisional")
    assert (
        "How sure the date is: provisional"
        in client.get("/en/virksomheter/framtid/").content.decode()
    )
    assert (
        "Kor sikker datoen er: førebels" in client.get("/nn/virksomheter/framtid/").content.decode()
    )

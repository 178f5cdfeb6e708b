"""Each change-log row says what changed, from what to what; the same change for several is one row."""

import pytest

from tests.phases.factories import make_entry, make_milestone, make_organisation, make_phase

pytestmark = pytest.mark.django_db


def rows_of(client, prefix=""):
    html = client.get(f"{prefix}/endringer/").content.decode()
    return (
        html.split('<ol class="changes">')[1]
        .split("</ol>")[0]
        .split('<li class="changes__entry">')[1:]
    )


def test_a_revision_says_which_date_it_replaced_with_its_reason_and_source(client, content):
    row = next(
        row
        for row in rows_of(client)
        if "Helse Nord-Trøndelag HF" in row and "9. november 2024" in row
    )
    assert (
        'Planlagt dato flyttet fra <time datetime="2023-11-04">4. november 2023</time> '
        'til <time datetime="2024-11-09">9. november 2024</time>'
    ) in row
    assert "Kilde:" in row
    assert "tar i bruk Helseplattformen" not in row  # the heading names who, not go-live news


def test_it_says_what_changed_in_each_language(client, content):
    nn = next(row for row in rows_of(client, "/nn") if "9. november 2024" in row and "Nord" in row)
    en = next(row for row in rows_of(client, "/en") if "9 November 2024" in row and "Nord" in row)
    assert "Planlagd dato flytta frå" in nn
    assert "Planned date moved from" in en


def test_the_same_change_for_several_milestones_is_one_row(client, clock):
    phase = make_phase(period="2030", slug="utrulling")
    for name in ("Aukra kommune", "Molde kommune"):
        organisation = make_organisation(name=name)
        milestone = make_milestone(phase=phase, organisations=[organisation], is_go_live=True)
        make_entry(milestone, "original", "mai 2030")
        make_entry(
            milestone,
            "revision",
            "november 2030",
            decided_on="2029-01-10",
            reason="Styringsgruppen utsatte bølgen.",
            source_url="https://example.org/bolge",
        )
    rows = [row for row in rows_of(client) if "https://example.org/bolge" in row]
    assert len(rows) == 1
    assert "Aukra kommune" in rows[0] and "Molde kommune" in rows[0]
    assert "Planlagt dato flyttet fra" in rows[0]


def test_a_new_date_after_an_unsettled_one_moves_from_the_last_announced(client, clock):
    milestone = make_milestone(title="Byen tar i bruk", is_go_live=True)
    make_entry(milestone, "original", "mai 2030")
    make_entry(milestone, "unsettled", decided_on="2029-01-01")
    make_entry(milestone, "revision", "mai 2031", decided_on="2029-06-01")
    rows = rows_of(client)
    assert "Planlagt dato flyttet fra" in rows[0] and "mai 2031" in rows[0]
    assert 'Planlagt dato <time datetime="2030-05">mai 2030</time> gjelder ikke lenger' in rows[1]


def test_a_move_from_an_open_ended_plan_quotes_it(client, content):
    row = next(
        row
        for row in rows_of(client)
        if "Helse Nord-Trøndelag HF" in row
        and "4. november 2023" in row
        and "9. november 2024" not in row
    )
    assert 'flyttet fra «<time datetime="2022">fra høst 2022</time>» til' in row

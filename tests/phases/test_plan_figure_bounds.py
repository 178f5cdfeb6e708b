"""The front page with content made in the test: the figure's bound, what it leaves out, freshness, plan labels.

Kept apart from the real content (loaded per module in the other figure tests).
"""

import pytest

from phases.plan_figure import MAX_ROWS
from tests.phases.factories import make_entry, make_milestone, make_phase
from tests.phases.test_plan_figure_page import figure_of, table_rows

pytestmark = pytest.mark.django_db


def test_the_figure_is_left_out_when_no_go_live_has_a_date(client, clock):
    make_phase(slug="forberedelse", title="Forberedelse", period="2019")

    assert 'class="plan-figure"' not in client.get("/").content.decode()


def test_the_figure_draws_a_fixed_number_of_rows_and_says_so_when_there_are_more(client, clock):
    phase = make_phase(slug="produksjon", title="Produksjon", period="2022")
    for number in range(MAX_ROWS + 3):
        milestone = make_milestone(phase=phase, title=f"Bølge {number}", position=number)
        make_entry(milestone, "original", "2024")

    figure = figure_of(client.get("/").content.decode())

    assert len(table_rows(figure)) == MAX_ROWS
    assert f"Figuren viser de {MAX_ROWS} første bølgene." in figure
    assert f"Bølge {MAX_ROWS - 1}<" in figure and f"Bølge {MAX_ROWS}<" not in figure


def test_milestones_that_are_not_go_lives_or_not_public_are_not_drawn(client, clock):
    phase = make_phase(slug="produksjon", title="Produksjon", period="2022")
    shown = make_milestone(phase=phase, title="Kommunen tar i bruk", position=1)
    make_entry(shown, "original", "2024")
    other = make_milestone(phase=phase, title="Styremøte", position=2, is_go_live=False)
    make_entry(other, "original", "2024")
    draft = make_milestone(phase=phase, title="Utkast til bølge", position=3, publish_at=None)
    make_entry(draft, "original", "2024")

    figure = figure_of(client.get("/").content.decode())

    assert "Kommunen tar i bruk" in figure
    assert "Styremøte" not in figure
    assert "Utkast til bølge" not in figure


def test_the_front_page_is_as_fresh_as_the_newest_go_live_in_its_figure(client, clock):
    import datetime

    from phases.models import Milestone, Phase

    phase = make_phase(slug="produksjon", title="Produksjon", period="2022")
    milestone = make_milestone(phase=phase, title="Kommunen tar i bruk", position=1)
    make_entry(milestone, "original", "2024")
    Phase.objects.update(updated_at=datetime.datetime(2026, 1, 5, 12, tzinfo=datetime.UTC))
    Milestone.objects.update(updated_at=datetime.datetime(2026, 3, 9, 12, tzinfo=datetime.UTC))

    html = client.get("/").content.decode()

    assert 'Sist oppdatert <time datetime="2026-03-09">' in html


def test_a_phase_whose_revised_plan_no_longer_holds_is_not_called_a_revised_plan(client, clock):
    phase = make_phase(slug="utvikling", title="Utvikling", period="januar–august 2020")
    make_entry(phase, "revision", "høst 2020", source_url="https://example.no/", source_title="Ny")
    make_entry(phase, "unsettled")

    for url in ("/", "/fase/utvikling/"):
        html = client.get(url).content.decode()
        assert "Revidert plan:" not in html
        assert "Perioden over er en revidert plan" not in html
        assert "Opprinnelig plan, slik den første versjonen av tidslinjesiden oppga den:" in html

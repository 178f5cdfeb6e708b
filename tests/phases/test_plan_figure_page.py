"""The timeline's figure "first announced vs now": the SVG and its table, in nb, nn and en."""

import re

import pytest

pytestmark = pytest.mark.django_db


def figure_of(html):
    return html.split('<section class="plan-figure"')[1].split("</section>")[0]


def table_rows(figure):
    body = figure.split("<tbody>")[1].split("</tbody>")[0]
    return body.split("<tr>")[1:]


@pytest.mark.parametrize(
    ("prefix", "heading", "summary", "trondheim_state"),
    [
        (
            "",
            "Først kunngjort og nå, bølge for bølge",
            "Vis datoene som tabell",
            "tatt i bruk 6 måneder senere enn først kunngjort",
        ),
        (
            "/nn",
            "Først kunngjort og no, bølgje for bølgje",
            "Vis datoane som tabell",
            "teken i bruk 6 månader seinare enn først kunngjort",
        ),
        (
            "/en",
            "First announced and now, wave by wave",
            "Show the dates as a table",
            "went live 6 months later than first announced",
        ),
    ],
)
def test_the_timeline_shows_each_wave_first_announced_and_now_in_every_language(
    client, content, clock, prefix, heading, summary, trondheim_state
):
    figure = figure_of(client.get(f"{prefix}/").content.decode())

    assert f'<h2 id="plan-figure-heading">{heading}</h2>' in figure
    assert f"<summary>{summary}</summary>" in figure
    rows = table_rows(figure)
    # The real content's fifteen go-live waves, each once, in the phases' order.
    assert len(rows) == 15
    trondheim = rows[0]
    assert f'href="{prefix}/fase/produksjonssetting/#trondheim-kommune"' in trondheim
    assert '<time datetime="2021">' in trondheim  # høst 2021, at the precision it has
    assert '<time datetime="2022-05-07">' in trondheim
    assert trondheim_state in trondheim
    # The same words label the row in the figure itself: never colour or shape alone.
    assert figure.count(trondheim_state) == 2


def test_the_figure_is_an_image_named_by_its_title_and_description(client, content, clock):
    figure = figure_of(client.get("/").content.decode())

    svg = re.search(r"<svg class=\"plan-figure__svg\"[^>]*>", figure).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="plan-figure-title plan-figure-desc"' in svg
    assert '<title id="plan-figure-title">' in figure
    assert '<desc id="plan-figure-desc">' in figure
    # A bar for every first plan and every date now that exists: 15 + 14 (one has no date now).
    assert figure.count('class="plan-figure__first"') == 15 + 1  # and one in the legend
    assert figure.count('class="plan-figure__now ') == 14 + 1  # and the key of "went live"


@pytest.mark.parametrize(
    ("slug", "state"),
    [
        ("trondheim-kommune", "tatt i bruk 6 måneder senere enn først kunngjort"),
        ("st-olavs-hospital", "tatt i bruk 12 måneder senere enn først kunngjort"),
        ("to-fastlegekontor-i-trondheim", "planen gjelder ikke lenger, ingen ny dato"),
        ("kommuner-februar-2023", "tatt i bruk som først kunngjort"),
        ("helse-nord-trondelag", "ny plan, 23 måneder senere enn først kunngjort"),
        ("helse-more-og-romsdal", "ny plan, 16 måneder senere enn først kunngjort"),
        ("kommuner-april-2026", "ingen endring kunngjort"),
    ],
)
def test_each_row_says_in_words_what_holds_now(client, content, clock, slug, state):
    figure = figure_of(client.get("/").content.decode())

    (row,) = [row for row in table_rows(figure) if f'#{slug}"' in row]
    assert state in row


def test_the_figure_agrees_with_the_slip_on_the_milestone(client, content, clock):
    figure = figure_of(client.get("/").content.decode())
    phase_page = client.get("/fase/produksjonssetting/").content.decode()

    # Helse Nord-Trøndelag: three revisions, all moves; 23 months in both places.
    assert "Flyttet 3 ganger, 23 måneder senere enn først kunngjort" in phase_page
    (row,) = [row for row in table_rows(figure) if '#helse-nord-trondelag"' in row]
    assert "<td>3 ganger</td>" in row

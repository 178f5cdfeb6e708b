"""The timeline stays one page: a phase shows how many milestones it has, never the milestones."""

import re

import pytest

from tests.phases.factories import make_milestone, make_phase

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "url", "link_text"),
    [
        ("", "/", "Se alle de 40 milepælene i fasen"),
        ("/nn", "/nn/", "Sjå alle dei 40 milepålane i fasen"),
        ("/en", "/en/", "See all 40 milestones of the phase"),
        ("/en", "/en/innebygd/", "40 milestones"),
    ],
)
def test_a_phase_with_many_milestones_links_to_them_instead_of_listing_them(
    client, clock, prefix, url, link_text
):
    phase = make_phase(title="Produksjon", slug="produksjon")
    for number in range(40):
        make_milestone(phase=phase, title=f"Milepæl nummer {number}")
    make_milestone(phase=phase, title="Utkast", publish_at=None)  # a draft is not counted

    html = client.get(url).content.decode()

    assert f'href="{prefix}/fase/produksjon/#milepaeler"' in html
    assert link_text in html
    assert "Milepæl nummer" not in html


def test_the_timeline_costs_the_same_with_4_or_400_milestones_in_a_phase(client, clock):
    phase = make_phase(title="Produksjon", slug="produksjon")
    sizes = []
    for count in (4, 400):
        while phase.milestones.count() < count:
            make_milestone(phase=phase)
        sizes.append(len(client.get("/").content))

    assert sizes[1] - sizes[0] <= 2, "the timeline grew with the milestones of one phase"


def test_a_phase_without_milestones_has_no_link_to_them(client, clock):
    make_phase(title="Forberedelse", slug="forberedelse")

    html = client.get("/").content.decode()

    assert not re.search(r"#milepaeler", html)

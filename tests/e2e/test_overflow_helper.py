"""The "nothing is cut off" check itself: it must catch overflow and leave hidden-by-design text alone."""

import pytest

from tests.e2e.browser import MOBILE, assert_nothing_cut_off, cut_off_text, horizontal_overflow

pytestmark = pytest.mark.e2e

PAGE = """<!doctype html>
<html lang="nb"><head><title>Test</title>
<style>
  body {{ margin: 0; font: 16px sans-serif; }}
  .skip {{ position: absolute; top: -4rem; }}
  .visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }}
  .box {{ width: 120px; overflow: hidden; white-space: nowrap; }}
  .scroll {{ width: 120px; overflow-x: auto; white-space: nowrap; }}
</style></head>
<body>
  <a class="skip" href="#main">Hopp til hovedinnholdet</a>
  <main id="main">
    <span class="visually-hidden">Bare for skjermlesere, en lang tekst som ikke får plass</span>
    <div class="scroll">En tabell som kan rulles sidelengs inne i sin egen boks, med flere kolonner enn
      det er plass til på en telefon: navn, fylke, type, planlagt dato, faktisk dato og status</div>
    {extra}
  </main>
</body></html>"""


@pytest.fixture
def phone(open_page):
    return open_page(MOBILE)


def test_it_accepts_a_page_whose_hidden_text_is_hidden_by_design(phone):
    phone.set_content(PAGE.format(extra="<p>Kort tekst.</p>"))

    assert_nothing_cut_off(phone)


def test_it_catches_a_page_that_scrolls_sideways(phone):
    phone.set_content(PAGE.format(extra='<div style="width: 600px">For bred</div>'))

    assert horizontal_overflow(phone) > 0
    with pytest.raises(AssertionError, match="scrolls sideways"):
        assert_nothing_cut_off(phone)


def test_it_catches_text_clipped_by_its_box(phone):
    phone.set_content(PAGE.format(extra='<p class="box">Fastlegekontor i Trondheim og omegn</p>'))

    problems = cut_off_text(phone)

    assert len(problems) == 1
    assert "Fastlegekontor i Trondheim" in problems[0] and "clipped by p.box" in problems[0]


def test_it_judges_a_scrolling_box_by_the_box_not_by_how_far_its_content_reaches(phone):
    # The content of .scroll is far wider than the phone (whatever the font): reachable by scrolling.
    phone.set_content(PAGE.format(extra="<p>Kort tekst.</p>"))
    content_right = phone.evaluate(
        "() => { const r = document.createRange();"
        " r.selectNodeContents(document.querySelector('.scroll'));"
        " return r.getBoundingClientRect().right; }"
    )

    assert content_right > MOBILE.width
    assert cut_off_text(phone) == []


def test_it_catches_text_that_reaches_past_the_viewport(phone):
    extra = (
        '<p style="position: absolute; left: 300px; white-space: nowrap">Helse Nord-Trøndelag</p>'
    )
    phone.set_content(PAGE.format(extra=extra))

    problems = cut_off_text(phone)

    assert len(problems) == 1
    assert "Helse Nord-Trøndelag" in problems[0] and "reaches past the viewport" in problems[0]


def test_it_catches_a_scrolling_box_that_is_itself_clipped(phone):
    extra = (
        '<div class="box"><div style="width: 200px; overflow-x: auto">'
        "Rullbar tabell i en boks som klipper den</div></div>"
    )
    phone.set_content(PAGE.format(extra=extra))

    problems = cut_off_text(phone)

    assert len(problems) == 1
    assert "Rullbar tabell" in problems[0] and "clipped by div.box" in problems[0]

"""The feedback widget ("Fant du det du lette etter?") in a real browser.

With JavaScript (fetch, inline thank-you in an aria-live region) and without it
(plain POST, redirect back to the widget), by mouse and by keyboard alone, in nb,
nn and en. A comment with a valid fødselsnummer, a phone number and an e-mail
address must reach the database with placeholders only. Interface texts are found
by their Bokmål names on Bokmål pages, and by language-independent attributes
(``value``, ``name``) on Nynorsk and English pages, whose texts may still change.
"""

import re

import pytest
from stdnum.no import fodselsnummer

from feedback.models import Feedback
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.browser import (
    MOBILE,
    assert_nothing_cut_off,
    console_errors,
    expect,
    focused_element,
    tab_to,
)
from tests.e2e.public_urls import localized

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("content")]


def valid_fodselsnummer(birth_date: str = "150585") -> str:
    """Return a fødselsnummer with correct check digits for a person born on ``birth_date``."""
    for individual in range(100, 500):  # 000-499: born 1900-1999
        first = f"{birth_date}{individual:03d}"
        k1 = fodselsnummer.calc_check_digit1(first)
        if len(k1) != 1:
            continue
        k2 = fodselsnummer.calc_check_digit2(first + k1)
        if len(k2) == 1 and fodselsnummer.is_valid(first + k1 + k2):
            return first + k1 + k2
    raise AssertionError("no valid fødselsnummer found")


FODSELSNUMMER = valid_fodselsnummer()
PHONE = "912 34 567"
EMAIL = "kari.nordmann@example.no"
COMMENT = (
    f"Fant ikke datoen for legekontoret. Fnr {FODSELSNUMMER}, ring meg på {PHONE} "
    f"eller skriv til {EMAIL}"
)
SCRUBBED = (
    "Fant ikke datoen for legekontoret. Fnr [fødselsnummer fjernet], ring meg på "
    "[telefonnummer fjernet] eller skriv til [e-post fjernet]"
)
THANKS_NB = "Takk for tilbakemeldingen!"


def widget(page):
    return page.locator("#tilbakemelding")


def stored() -> list[Feedback]:
    return list(Feedback.objects.order_by("pk"))


def assert_stored_with_placeholders_only(*, page: str, language: str) -> None:
    feedback = stored()
    assert len(feedback) == 1, feedback
    [saved] = feedback
    assert saved.answer == "no"
    assert saved.page == page
    assert saved.language == language
    assert saved.comment == SCRUBBED
    digits = re.sub(r"\D", "", saved.comment)
    assert FODSELSNUMMER not in digits
    assert "91234567" not in digits
    assert "@" not in saved.comment and "nordmann" not in saved.comment


def test_nei_with_personal_data_and_javascript_stores_placeholders_only(page):
    page.goto("/")
    box = widget(page)

    box.get_by_role("button", name="Nei").click()
    comment = box.get_by_role("textbox", name="Hva lette du etter?")
    expect(comment).to_be_focused()
    assert_no_axe_violations(page, state="feedback opened after Nei")
    comment.fill(COMMENT)
    expect(box.locator("#feedback-count")).to_contain_text(f"{len(COMMENT)} av 1000")
    box.get_by_role("button", name="Send tilbakemelding").click()

    thanks = box.get_by_role("status")
    expect(thanks).to_contain_text(THANKS_NB)
    expect(thanks).to_be_focused()
    assert_no_axe_violations(page, state="feedback thank-you")
    assert_stored_with_placeholders_only(page="/", language="nb")
    assert console_errors(page) == []


def test_nei_with_personal_data_without_javascript_stores_placeholders_only(
    page_without_js, open_page
):
    page = page_without_js
    page.goto("/virksomheter/")
    box = widget(page)

    box.get_by_label("Hva lette du etter?").fill(COMMENT)
    with page.expect_navigation():
        box.get_by_role("button", name="Nei").click()

    assert page.url.endswith("/virksomheter/?tilbakemelding=takk#tilbakemelding")
    expect(widget(page).get_by_role("status")).to_contain_text(THANKS_NB)
    assert_stored_with_placeholders_only(page="/virksomheter/", language="nb")
    same_state = open_page(site_scripts=False)
    same_state.goto(page.url)
    assert_no_axe_violations(same_state, state="feedback thank-you without JavaScript")
    assert COMMENT not in page.url and FODSELSNUMMER not in page.content()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_ja_is_recorded_with_and_without_javascript(open_page, javascript):
    page = open_page(javascript=javascript)
    page.goto("/endringer/")
    box = widget(page)

    if javascript:
        box.get_by_role("button", name="Ja").click()
        expect(box.get_by_role("textbox", name="Vil du fortelle oss mer?")).to_be_focused()
        box.get_by_role("button", name="Send tilbakemelding").click()
    else:
        with page.expect_navigation():
            box.get_by_role("button", name="Ja").click()

    expect(widget(page).get_by_role("status")).to_contain_text(THANKS_NB)
    [saved] = stored()
    assert (saved.answer, saved.page, saved.comment) == ("yes", "/endringer/", "")


def test_one_page_view_sends_its_feedback_only_once(page):
    page.goto("/")
    box = widget(page)
    box.get_by_role("button", name="Nei").click()
    box.get_by_role("textbox").fill("Fant ikke datoen for Molde.")

    box.get_by_role("button", name="Send tilbakemelding").dblclick()

    expect(box.get_by_role("status")).to_contain_text(THANKS_NB)
    expect(box.locator("form")).to_have_count(0)
    assert len(stored()) == 1


def test_the_feedback_flow_works_by_keyboard_alone_with_visible_focus(page):
    page.goto("/")

    no = tab_to(page, lambda element: element["tag"] == "button" and element["value"] == "no")
    assert no["focusVisible"] and no["indicatorDrawn"], no
    page.keyboard.press("Space")

    comment = focused_element(page)
    assert comment["tag"] == "textarea", comment
    assert comment["indicatorDrawn"], comment
    page.keyboard.type(COMMENT)
    send = tab_to(page, lambda element: element["tag"] == "button", limit=3)
    assert send["text"] == "Send tilbakemelding" and send["indicatorDrawn"], send
    page.keyboard.press("Enter")

    expect(widget(page).get_by_role("status")).to_be_focused()
    expect(widget(page).get_by_role("status")).to_contain_text(THANKS_NB)
    assert_stored_with_placeholders_only(page="/", language="nb")


def test_the_feedback_flow_works_by_keyboard_alone_without_javascript(page_without_js):
    page = page_without_js
    page.goto("/")

    comment = tab_to(page, lambda element: element["tag"] == "textarea")
    assert comment["indicatorDrawn"], comment
    page.keyboard.type(COMMENT)
    tab_to(page, lambda element: element["value"] == "yes", limit=3)
    no = tab_to(page, lambda element: element["value"] == "no", limit=3)
    assert no["focusVisible"] and no["indicatorDrawn"], no
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(widget(page).get_by_role("status")).to_contain_text(THANKS_NB)
    assert_stored_with_placeholders_only(page="/", language="nb")


@pytest.mark.parametrize("language", ["nn", "en"])
@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_widget_works_in_nynorsk_and_english(open_page, language, javascript):
    page = open_page(javascript=javascript)
    address = localized("/", language)
    page.goto(address)
    box = widget(page)

    if javascript:
        box.locator("button[value=no]").click()
        box.locator("textarea[name=comment]").fill(COMMENT)
        box.locator("form button[type=submit]").click()
        expect(box.get_by_role("status")).not_to_be_empty()
        expect(box.locator("form")).to_have_count(0)
    else:
        box.locator("textarea[name=comment]").fill(COMMENT)
        with page.expect_navigation():
            box.locator("button[value=no]").click()
        assert page.url.endswith(f"{address}?tilbakemelding=takk#tilbakemelding")
        expect(widget(page).get_by_role("status")).not_to_be_empty()

    assert page.evaluate("() => document.documentElement.lang") == language
    if javascript:
        assert_no_axe_violations(page, state="feedback thank-you")
    assert_stored_with_placeholders_only(page=address, language=language)


def test_the_opened_widget_fits_a_phone_and_passes_axe(mobile_page):
    page = mobile_page
    page.goto("/")
    widget(page).get_by_role("button", name="Nei").click()

    assert_nothing_cut_off(page)
    assert_no_axe_violations(page, state="feedback opened at 390 px")


def test_the_plain_form_and_its_thank_you_fit_a_phone_and_pass_axe(open_page):
    page = open_page(MOBILE, site_scripts=False)
    page.goto("/")
    assert_nothing_cut_off(page)
    assert_no_axe_violations(page, state="feedback form without JavaScript at 390 px")

    with page.expect_navigation():
        widget(page).get_by_role("button", name="Ja").click()

    assert_nothing_cut_off(page)
    assert_no_axe_violations(page, state="thank-you without JavaScript at 390 px")

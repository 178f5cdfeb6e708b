"""The accessibility check itself: it must fail on a page with known violations."""

import pytest

from tests.e2e.axe import assert_no_axe_violations, axe_violations

pytestmark = pytest.mark.e2e

BAD_PAGE = """<!doctype html>
<html>
<head><title>Bad page</title></head>
<body>
  <main>
    <h1>A deliberately inaccessible page</h1>
    <img id="chart" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
    <p id="faint" style="color:#bbbbbb;background:#ffffff">Grey text nobody can read</p>
    <a href="/somewhere"></a>
  </main>
</body>
</html>"""

GOOD_PAGE = """<!doctype html>
<html lang="nb">
<head><title>God side</title></head>
<body>
  <main>
    <h1>En tilgjengelig side</h1>
    <p>Tekst med god kontrast.</p>
  </main>
</body>
</html>"""


def test_axe_reports_the_violations_of_a_bad_page(page):
    page.set_content(BAD_PAGE)

    rules = {violation["id"] for violation in axe_violations(page)}

    assert {"image-alt", "color-contrast", "html-has-lang", "link-name"} <= rules


def test_the_assertion_names_rule_impact_help_and_element(page):
    page.set_content(BAD_PAGE)

    with pytest.raises(AssertionError) as failure:
        assert_no_axe_violations(page)

    message = str(failure.value)
    assert "image-alt (critical): Images must have alternative text" in message
    assert "at #chart" in message
    assert "color-contrast (serious)" in message
    assert "at #faint" in message
    assert "Grey text nobody can read" in message


def test_the_assertion_passes_on_a_good_page(page):
    page.set_content(GOOD_PAGE)

    assert_no_axe_violations(page)


def test_axe_runs_under_the_sites_content_security_policy(page, live_server):
    page.goto("/tilgjengelighet/")
    assert (
        "script-src 'self'"
        in (page.context.request.get(page.url).headers["content-security-policy"])
    )

    assert isinstance(axe_violations(page), list)


def test_axe_refuses_a_page_without_javascript_instead_of_waiting_forever(page_without_js):
    page_without_js.set_content(GOOD_PAGE)

    with pytest.raises(RuntimeError, match="JavaScript disabled"):
        axe_violations(page_without_js)

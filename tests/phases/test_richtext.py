"""Editorial rich text keeps links, lists and emphasis and loses everything that can run."""

import pytest

from phases.richtext import sanitise, web_url


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Hei<script>alert(1)</script></p>", "<p>Hei</p>"),
        ('<p onclick="steal()">Tekst</p>', "<p>Tekst</p>"),
        ('<img src="x" onerror="steal()">', ""),
        ('<a href="javascript:alert(1)">lenke</a>', '<a rel="noopener noreferrer">lenke</a>'),
        ('<p style="color:red">Tekst</p>', "<p>Tekst</p>"),
        ("<style>p{}</style><p>Tekst</p>", "<p>Tekst</p>"),
        ('<iframe src="https://example.org"></iframe>', ""),
        ("<!-- notat --><p>Tekst</p>", "<p>Tekst</p>"),
    ],
)
def test_it_removes_what_could_run_or_restyle_the_page(html, expected):
    assert sanitise(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        "<p>Les <em>dette</em> og <strong>dette</strong>.</p>",
        "<ul><li>en</li><li>to</li></ul>",
        "<ol><li>først</li></ol>",
        "<p>linje<br>linje</p>",
    ],
)
def test_it_keeps_paragraphs_lists_and_emphasis(html):
    assert sanitise(html) == html


def test_it_keeps_web_links_and_marks_them_noopener():
    assert sanitise('<a href="https://stolav.no/">St. Olav</a>') == (
        '<a href="https://stolav.no/" rel="noopener noreferrer">St. Olav</a>'
    )


def test_it_returns_nothing_for_nothing():
    assert sanitise("") == ""
    assert sanitise(None) == ""


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://nrk.no/mr/", "https://nrk.no/mr/"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", ""),
        ("JaVaScRiPt://x", ""),
        ("data:text/html,x", ""),
        ("//example.org", ""),
        ("", ""),
    ],
)
def test_source_links_must_be_web_addresses(url, expected):
    assert web_url(url) == expected

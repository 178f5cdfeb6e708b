"""The glossary linker: first uses only, text nodes only, sensible case and inflection."""

import doctest

import pytest

from phases.guidance import term_links
from phases.guidance.term_links import Term, link_first_uses
from phases.richtext import sanitise

TERMS = [
    Term("superbruker", ("superbruker",)),
    Term("epic", ("Epic",)),
    Term("pasientportal", ("pasientportal",)),
    Term("produksjonssetting", ("produksjonssetting", "go-live")),
    Term("fastlege", ("fastlege", "fastlegar", "fastlegane")),
    Term("helseforetak", ("helseforetak",)),
    Term("gp", ("GP",)),
    Term("portal", ("portal",)),
]


def href(slug):
    return f"/ordliste/#{slug}"


def link(slug, text):
    return f'<a href="/ordliste/#{slug}" class="term-link">{text}</a>'


def linked(html, already=frozenset()):
    return link_first_uses(html, TERMS, href=href, already_linked=already).html


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # The term as written, and its first use only.
        (
            "<p>En superbruker og en superbruker.</p>",
            f"<p>En {link('superbruker', 'superbruker')} og en superbruker.</p>",
        ),
        # Inflected forms: plural, definite, definite plural, Nynorsk, genitive.
        ("<p>superbrukere</p>", f"<p>{link('superbruker', 'superbrukere')}</p>"),
        ("<p>superbrukeren</p>", f"<p>{link('superbruker', 'superbrukeren')}</p>"),
        ("<p>superbrukerne</p>", f"<p>{link('superbruker', 'superbrukerne')}</p>"),
        ("<p>fastleger</p>", f"<p>{link('fastlege', 'fastleger')}</p>"),
        ("<p>fastlegen</p>", f"<p>{link('fastlege', 'fastlegen')}</p>"),
        ("<p>fastlegane</p>", f"<p>{link('fastlege', 'fastlegane')}</p>"),
        ("<p>helseforetaket</p>", f"<p>{link('helseforetak', 'helseforetaket')}</p>"),
        ("<p>helseforetakene</p>", f"<p>{link('helseforetak', 'helseforetakene')}</p>"),
        ("<p>pasientportalen</p>", f"<p>{link('pasientportal', 'pasientportalen')}</p>"),
        ("<p>Epics system</p>", f"<p>{link('epic', 'Epics')} system</p>"),
        ("<p>two GPs</p>", f"<p>two {link('gp', 'GPs')}</p>"),
        # Another form of the same term; the term's first use, whichever form it is.
        (
            "<p>go-live og produksjonssetting</p>",
            f"<p>{link('produksjonssetting', 'go-live')} og produksjonssetting</p>",
        ),
        # A lower-case form in any case, a capitalised one only as written.
        ("<p>Superbrukere først.</p>", f"<p>{link('superbruker', 'Superbrukere')} først.</p>"),
        ("<p>SUPERBRUKER</p>", f"<p>{link('superbruker', 'SUPERBRUKER')}</p>"),
        ("<p>an epic journey</p>", "<p>an epic journey</p>"),
        ("<p>a gp</p>", "<p>a gp</p>"),
        # Whole words only: not inside a compound, not a longer word, not a prefix.
        ("<p>fastlegekontor</p>", "<p>fastlegekontor</p>"),
        ("<p>superbrukeropplæring</p>", "<p>superbrukeropplæring</p>"),
        ("<p>ikke-superbruker</p>", "<p>ikke-superbruker</p>"),
        ("<p>Epicentre</p>", "<p>Epicentre</p>"),
        ("<p>superbrukerens</p>", f"<p>{link('superbruker', 'superbrukerens')}</p>"),
        # The longest form wins: «pasientportal» is not «portal».
        ("<p>pasientportal</p>", f"<p>{link('pasientportal', 'pasientportal')}</p>"),
        ("<p>en portal</p>", f"<p>en {link('portal', 'portal')}</p>"),
        # Punctuation around a word is fine.
        ("<p>(superbruker)</p>", f"<p>({link('superbruker', 'superbruker')})</p>"),
        ("<p>«Epic».</p>", f"<p>«{link('epic', 'Epic')}».</p>"),
        # Never inside an existing link, even nested in it.
        (
            '<p><a href="https://x.no/">superbruker</a> og superbruker</p>',
            f'<p><a href="https://x.no/">superbruker</a> og {link("superbruker", "superbruker")}</p>',
        ),
        (
            '<p><a href="https://x.no/"><em>Epic</em></a> Epic</p>',
            f'<p><a href="https://x.no/"><em>Epic</em></a> {link("epic", "Epic")}</p>',
        ),
        # Never inside a heading; the first use in the text after it is linked.
        (
            "<h2>Superbruker</h2><p>Superbruker</p>",
            f"<h2>Superbruker</h2><p>{link('superbruker', 'Superbruker')}</p>",
        ),
        ("<h3>Om <em>Epic</em></h3>", "<h3>Om <em>Epic</em></h3>"),
        # Never inside an attribute, even one that contains ">" or the term.
        (
            '<p><a href="https://x.no/?q=>superbruker">lenke</a> superbruker</p>',
            '<p><a href="https://x.no/?q=>superbruker">lenke</a> '
            f"{link('superbruker', 'superbruker')}</p>",
        ),
        ('<p lang="superbruker">tekst</p>', '<p lang="superbruker">tekst</p>'),
        # Inside emphasis and lists it is text like any other.
        ("<p><strong>Epic</strong></p>", f"<p><strong>{link('epic', 'Epic')}</strong></p>"),
        (
            "<ul><li>fastlege</li><li>fastlege</li></ul>",
            f"<ul><li>{link('fastlege', 'fastlege')}</li><li>fastlege</li></ul>",
        ),
        # Several terms in one text node, each linked once.
        (
            "<p>Epic og superbrukere, Epic og superbrukere.</p>",
            f"<p>{link('epic', 'Epic')} og {link('superbruker', 'superbrukere')}, "
            "Epic og superbrukere.</p>",
        ),
        # Character references are left whole, and text around them still links.
        ("<p>Tom &amp; Epic</p>", f"<p>Tom &amp; {link('epic', 'Epic')}</p>"),
        ("<p>x&nbsp;Epic</p>", f"<p>x&nbsp;{link('epic', 'Epic')}</p>"),
        # Plain text without tags, and nothing to link.
        ("Epic", link("epic", "Epic")),
        ("<p>Ingen ord her.</p>", "<p>Ingen ord her.</p>"),
        ("", ""),
    ],
)
def test_it_links_the_first_use_of_each_term_in_the_text_only(html, expected):
    assert linked(html) == expected


def test_terms_linked_earlier_on_the_page_are_not_linked_again():
    first = link_first_uses("<p>Epic</p>", TERMS, href=href)
    second = link_first_uses(
        "<p>Epic og superbruker</p>", TERMS, href=href, already_linked=first.slugs
    )

    assert second.html == f"<p>Epic og {link('superbruker', 'superbruker')}</p>"
    assert second.slugs == {"epic", "superbruker"}


def test_an_entity_name_is_never_taken_for_a_term():
    terms = [Term("amp", ("amp",)), Term("eacute", ("eacute",))]
    html = "<p>Tom &amp; Jerry &eacute;</p>"
    assert link_first_uses(html, terms, href=href).html == html


def test_a_term_with_a_character_that_html_escapes_is_found_in_the_escaped_text():
    terms = [Term("tog", ("tom & jerry",))]
    assert link_first_uses("<p>Tom &amp; Jerry</p>", terms, href=href).html == (
        '<p><a href="/ordliste/#tog" class="term-link">Tom &amp; Jerry</a></p>'
    )


def test_the_address_is_escaped_as_an_attribute():
    result = link_first_uses("<p>Epic</p>", TERMS, href=lambda slug: '/o/?a="b"&c#x')
    assert result.html == '<p><a href="/o/?a=&quot;b&quot;&amp;c#x" class="term-link">Epic</a></p>'


def test_an_unclosed_heading_keeps_its_text_unlinked_to_the_end():
    assert linked("<h2>Epic superbruker") == "<h2>Epic superbruker"


def test_no_terms_leave_the_text_as_it_is():
    assert link_first_uses("<p>Epic</p>", [], href=href).html == "<p>Epic</p>"


def test_the_output_of_the_sanitiser_keeps_its_markup_and_gains_only_links():
    html = sanitise(
        '<h2 onclick="x()">Epic</h2><p>Les om <a href="https://epic.com/">Epic</a>: '
        "superbrukere &lt;script&gt; Epic.</p>"
    )
    assert linked(html) == (
        '<h2>Epic</h2><p>Les om <a href="https://epic.com/" rel="noopener noreferrer">Epic</a>: '
        f"{link('superbruker', 'superbrukere')} &lt;script&gt; {link('epic', 'Epic')}.</p>"
    )


def test_the_module_examples_hold():
    assert doctest.testmod(term_links).failed == 0

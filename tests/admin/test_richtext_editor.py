"""The phase texts' editor: its bundle is ours, and what it sends is sanitised before it is stored."""

import re

import pytest

from phases.editorial.forms import sanitised_richtext

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("<h2>Om fasen</h2><p>Tekst</p>", "<h2>Om fasen</h2><p>Tekst</p>"),
        ('<p onclick="x()">Les <script>alert(1)</script>mer</p>', "<p>Les mer</p>"),
        ('<p style="color:red">Rød</p>', "<p>Rød</p>"),
        ("<h1>For stor</h1>", "For stor"),
        ('<a href="javascript:alert(1)">lenke</a>', '<a rel="noopener noreferrer">lenke</a>'),
        ("<p></p>", ""),
        ("<p> </p><p><br></p>", ""),
    ],
)
def test_it_stores_only_the_html_the_pages_show(sent, stored):
    assert sanitised_richtext(sent) == stored


def test_the_phase_form_has_the_editor_from_our_own_static_files(editor, content):
    html = editor.get(f"/admin/phases/phase/{content['phase'].pk}/change/").content.decode()
    assert "data-richtext-editor" in html
    assert re.search(
        r"<script[^>]+src=\"/static/admin-extra/richtext-editor.js\"[^>]*type=\"module\"|<script[^>]+type=\"module\"[^>]+src=\"/static/admin-extra/richtext-editor.js\"",
        html,
    )
    assert "/static/django_prose_editor/editor.css" in html
    assert "importmap" not in html  # an inline script the CSP would refuse

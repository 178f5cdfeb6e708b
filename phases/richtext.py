"""Editorial rich text: the small subset of HTML editors may use, and nothing else.

Phase texts are written by communications staff and stored as HTML. They are
sanitised every time they are shown, so nothing stored in the database (by the
admin, a fixture or a mistake) reaches a visitor's browser unchecked. Allowed:
paragraphs, line breaks, headings, emphasis, lists, and links to web or e-mail addresses.
Scripts, styles, event handlers and ``javascript:`` links are removed; the
Content-Security-Policy would block most of them anyway, but the page must not
depend on that.

>>> sanitise('<p onclick="x()">Les <a href="javascript:alert(1)">mer</a></p>')
'<p>Les <a rel="noopener noreferrer">mer</a></p>'

Pure Python around nh3 (the Rust ``ammonia`` sanitiser); no Django imports.
"""

import nh3

__all__ = ["ALLOWED_TAGS", "sanitise"]

# h2 and h3: the editor's headings (the page's own title is the h1).
ALLOWED_TAGS = frozenset({"p", "br", "h2", "h3", "em", "strong", "i", "b", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": {"href", "hreflang", "lang"}, "p": {"lang"}, "li": {"lang"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitise(html: str) -> str:
    """Return the HTML with everything outside the editorial subset removed."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        # The text inside <script> and <style> is code, never content: drop it whole.
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def web_url(url: str) -> str:
    """Return the URL if it is an http(s) address, else an empty string.

    Source links come from the database; a URLField validates only in forms, so
    the template checks again rather than trust every way a row can be written.
    """
    text = (url or "").strip()
    scheme, _, rest = text.partition(":")
    if scheme.lower() in {"http", "https"} and rest.startswith("//"):
        return text
    return ""

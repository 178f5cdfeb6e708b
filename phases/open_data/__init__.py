"""Open data: the same published content in machine-readable formats.

Lives here: the JSON API (``api``, ``api_urls``) and its OpenAPI document
(``openapi``), the Atom feed of date changes (``feeds``), the go-live calendars
(``calendars``), the sitemap (``sitemaps``), the embeddable timeline for other sites
(``embed``). ``api_urls`` and ``sitemap_urls`` are included outside the language
prefixes by ``helseplattform/urls.py``.

May import: the domain at the app's root (``phases.models``, ``periods``, ``status``,
``labels``, ``richtext``, ``forms``, ``timeline``) and ``phases.editorial.renamed`` (old slugs keep
working in calendars and embeds), and the project package (``helseplattform``).
Nothing here imports the public page views (tests/helseplattform/test_layout.py
checks).
"""

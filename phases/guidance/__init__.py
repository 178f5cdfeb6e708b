"""«Hva betyr det for meg?» and the glossary: guidance written for the people a go-live concerns.

Lives here: the role pages and the glossary terms (``models``, edited in the admin
in three languages like the phases), which role pages a go-live concerns
(``roles``: by the kinds of organisation it names), the pure function that links
the first use of a glossary term in a text to its entry (``term_links``), and the
public views (``views``) with their template tags (``phases/templatetags/guidance.py``).

May import: the domain at the app's root (``phases.models``, ``richtext``,
``collation``), ``phases.views`` for the shared freshness helper and
``phases.editorial.visibility`` for the staff preview. Nothing at the app's root
imports from here except ``phases/models.py`` (so Django finds the models),
``phases/urls.py``, ``phases/admin.py``, ``phases/translation.py`` and ``phases/apps.py``.
"""

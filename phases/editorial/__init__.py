"""Editorial: what the communications staff use around the Django admin.

Lives here: the admin's own views (``views``: the staff preview at any moment, the
date-history list, restore), its forms (``forms``: periods typed as people write
them), what a request may see (``visibility``: public now, or a preview with drafts;
the preview banner's template is ``templates/admin/phases/preview_banner.html``), old
slugs kept after a rename (``renamed``), and the translation coverage counts
(``coverage``). The ModelAdmin registrations stay in ``phases/admin.py``, where
Django's admin discovery finds them.

May import: the domain at the app's root (``phases.models``, ``periods``, ``status``,
``publication``). The public views import ``visibility`` and ``renamed`` from here;
nothing here imports the public views or ``phases.open_data``
(tests/helseplattform/test_layout.py checks).
"""

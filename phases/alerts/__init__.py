"""Varsle meg: e-mail alerts when an organisation's go-live moves.

Lives here: the subscriber and subscription tables (``models``: the address is
stored only for this, deleted at unsubscribe and when it is not confirmed in
time), the outbox of messages that survives restarts (``models.Delivery``), the
links in the messages (``links``: signed, expiring confirmation; one-click
unsubscribe, RFC 8058), the messages themselves in the subscriber's language
(``messages``), the worker that finds new major date changes and sends each
message once (``worker``, run by ``manage.py send_alerts``), and the public views
to subscribe, confirm and unsubscribe (``views``).

May import: the domain at the app's root (``phases.models``, ``periods``, ``status``)
and Django's e-mail framework. Nothing at the app's root imports from here except
``phases/models.py`` (so Django finds the models) and ``phases/urls.py``.
"""

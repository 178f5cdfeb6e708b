"""The public URLs the serving tests walk (the clock is the suite's, in tests/conftest.py)."""

# The public pages in every language (literal URLs: they are a contract).
PUBLIC_PAGES = [
    "/",
    "/virksomheter/",
    "/endringer/",
    "/tilgjengelighet/",
    "/hva-betyr-det-for-meg/",
    "/ordliste/",
]
PUBLIC_URLS = [f"{prefix}{page}" for prefix in ("", "/nn", "/en") for page in PUBLIC_PAGES]

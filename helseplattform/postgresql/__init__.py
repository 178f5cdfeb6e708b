"""Django's PostgreSQL backend with a client-side timeout and a short breaker (see ``base``)."""

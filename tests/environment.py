"""Environment for the test run, loaded as a pytest plugin before Django reads its settings.

The settings refuse to start without SECRET_KEY when DEBUG is off, as they should in
production; the test run gets a throwaway key here. Everything else (DATABASE_URL,
CACHE_URL) comes from the caller's environment, so `make test` runs on SQLite and
`.ci/run` also runs it against PostgreSQL and Redis.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")

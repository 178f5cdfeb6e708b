"""Settings for the Helseplattformen timeline, read from environment variables.

One module for every environment. The defaults are for the one-command local run
(SQLite file, local-memory cache, DEBUG off unless asked for); production sets
DATABASE_URL, CACHE_URL, SECRET_KEY and ALLOWED_HOSTS. Every variable is listed
in README.md. A missing or malformed value stops startup with one line that
names the variable, never a traceback.
"""

import datetime
import sys
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from helseplattform.environment import (
    ConfigError,
    env_bool,
    env_cache,
    env_database,
    env_int,
    env_list,
    env_str,
    with_connection_pool,
)

BASE_DIR = Path(__file__).resolve().parent.parent

try:
    DEBUG = env_bool("DEBUG", default=False)
    SECRET_KEY = env_str("SECRET_KEY")
    if not SECRET_KEY:
        if not DEBUG:
            raise ConfigError(
                "SECRET_KEY is not set. It is required when DEBUG is off: "
                'generate one with python -c "import secrets; print(secrets.token_urlsafe(50))".'
            )
        SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 - DEBUG only
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])
    DATABASES = {
        "default": env_database(
            "DATABASE_URL",
            default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
            # Connect and statement timeout: a hung database must look like a down one.
            # deploy/gunicorn.conf.py sets 2 s for serving; manage.py commands (migrations
            # that wait for a lock, imports) and the tests run unbounded unless set.
            timeout_seconds=env_int("DATABASE_TIMEOUT_SECONDS", default=0, minimum=0),
        )
    }
    CACHES = {
        # Rendered pages: may evict, may be down (the site then renders from the database).
        "default": env_cache("CACHE_URL", default="locmem://"),
        # Login lock-out and rate-limit counters: never evicted by page pressure, kept
        # across a Redis restart. The database unless a Redis with noeviction is named.
        "counters": env_cache("COUNTER_CACHE_URL", default="database://", socket_timeout=1.0),
    }
    # Connections per process on PostgreSQL; 0 for none (README "Database connections").
    DATABASES["default"] = with_connection_pool(
        DATABASES["default"], max_size=env_int("DATABASE_POOL_SIZE", default=4, minimum=0)
    )
    ADMIN_PATH = env_str("ADMIN_PATH", default="admin/").strip("/") + "/"
    # Whom an editor locked out of the admin should contact, e.g. an email address.
    EDITOR_CONTACT = env_str("EDITOR_CONTACT", default="")
    STATIC_ROOT = Path(env_str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
    BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
    SECURE_COOKIES = env_bool("SECURE_COOKIES", default=not DEBUG)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
    SECURE_HSTS_SECONDS = env_int(
        "SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000, minimum=0
    )
    LOG_FORMAT = env_str("LOG_FORMAT", default="text")
    if LOG_FORMAT not in {"text", "json"}:
        raise ConfigError(f"LOG_FORMAT={LOG_FORMAT!r} is unknown; use text or json.")
    LOG_LEVEL = env_str("LOG_LEVEL", default="INFO").upper()
    if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ConfigError(f"LOG_LEVEL={LOG_LEVEL!r} is unknown; use DEBUG, INFO, WARNING or ERROR.")
    FEEDBACK_RETENTION_DAYS = env_int("FEEDBACK_RETENTION_DAYS", default=365, minimum=1)
    FEEDBACK_RATE_LIMIT = env_int("FEEDBACK_RATE_LIMIT", default=10, minimum=1)
    # Per network address: many people may share one (a hospital's NAT).
    FEEDBACK_ADDRESS_RATE_LIMIT = env_int("FEEDBACK_ADDRESS_RATE_LIMIT", default=60, minimum=1)
    # Where the analysts' rates learn when the public content changed (the timeline app's rule).
    FEEDBACK_CONTENT_CHANGES = "phases.publication.public_change_moments"
    # How long nginx or a CDN may serve a public page without asking the app: the
    # longest a publish can take to reach visitors behind a shared cache. Short,
    # because asking costs the app one cache lookup (and usually ends in a 304).
    PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", default=10, minimum=0)
    # The site's public address, for links in e-mails (which have no request to ask).
    SITE_URL = env_str("SITE_URL", default="http://127.0.0.1:8000")
    # Outgoing mail (spike alerts to the Analyse group): Django's SMTP backend.
    EMAIL_HOST = env_str("EMAIL_HOST", default="localhost")
    EMAIL_PORT = env_int("EMAIL_PORT", default=25, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
    EMAIL_TIMEOUT = 10
    DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="ikke-svar@tidslinje.example.no")
    SERVER_EMAIL = DEFAULT_FROM_EMAIL
    # Query parameters every public page reads, with the values it knows (None: any value);
    # a view adds its own with helseplattform.caching.reads_query_parameters. Every other
    # parameter is dropped before the page is rendered or cached.
    PUBLIC_QUERY_PARAMETERS = {"tilbakemelding": ["takk"]}  # the feedback widget's thank-you
    # Who publishes the site and how the public reaches them (publisher, privacy and
    # accessibility pages). The sources do not say, so the operator sets them; empty,
    # the pages say that the operator has not given them yet.
    PUBLISHER_NAME = env_str("PUBLISHER_NAME", default="")
    CONTACT_EMAIL = env_str("CONTACT_EMAIL", default="")
    # The site's own accessibility statement on uustatus.no, once it is registered there.
    ACCESSIBILITY_STATEMENT_URL = env_str("ACCESSIBILITY_STATEMENT_URL", default="")
except ConfigError as error:
    sys.exit(f"Configuration error: {error}")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin classes patch in first.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "simple_history",
    "adminsortable2",
    "django_prose_editor",  # the rich-text editor's bundle (static files only)
    "axes",
    # The serving core's tables: the content version and the counters (helseplattform.models).
    "helseplattform",
    "phases",
    "feedback",
]

MIDDLEWARE = [
    # Outermost: the security headers on every answer, also errors raised further in;
    # then a 4xx for requests whose headers or body Django cannot read.
    "helseplattform.security.BaselineSecurityHeadersMiddleware",
    "helseplattform.requests.MalformedRequestMiddleware",
    # First: a cached public page returns here without running anything else; the
    # stored page keeps the headers the inner middleware added (security headers, CSP).
    "helseplattform.caching.PublicPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "helseplattform.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # django-csp's middleware, with inline styles allowed under ADMIN_PATH only.
    "helseplattform.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A view that cannot reach the database (or the counters) answers 503, in the page's language.
    "helseplattform.unavailable.DependencyUnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out login before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "helseplattform.urls"
WSGI_APPLICATION = "helseplattform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "helseplattform.languages.language_links",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Bokmål is the default and has no URL prefix; Nynorsk at /nn/, English at /en/.
LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", _("Bokmål")),
    ("nn", _("Nynorsk")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Oslo"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "nb"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("nb",)
# modeltranslation's tabs load jQuery UI from a CDN unless told otherwise (its setting
# has no MODELTRANSLATION_ prefix): from our own static files, as the CSP requires.
JQUERY_UI_URL = "admin-extra/jquery-ui/jquery-ui.min.js"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed (gzip/brotli) copies with content-hashed names, cached forever by browsers.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Sessions and CSRF cookies exist only for the admin: public pages set no cookie,
# so shared caches can hold them (see feedback/views.py for how its POST is protected).
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
# Sessions in the database, never in files: any web container can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Admin logins, rate-limited by django-axes: five wrong passwords for one username, from
# any addresses, lock that username out for 15 minutes (every attempt meanwhile restarts
# the wait). Counted per username alone so a guesser cannot walk around the limit by
# changing address; the price, and the policy, are in helseplattform/lockout.py.
# Counted in the "counters" cache (COUNTER_CACHE_URL: the database's counter table by
# default, atomic across workers, untouched by page floods and Redis restarts); the
# keys are hashes, so no IP address or username is stored, and axes masks both in its
# log lines. While the counters cannot be reached, a login answers 503 (fails closed:
# no password is checked uncounted). Each attempt is counted before its password is
# checked (one atomic add/incr), so concurrent guesses on several workers and servers
# get exactly five passwords checked (helseplattform/login_attempts.py). The lock-out
# page is templates/axes/lockout.html.
AXES_HANDLER = "helseplattform.login_attempts.ReservingCacheHandler"
AXES_CACHE = "counters"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "helseplattform.lockout.lockout_response"
# The same client address as the feedback rate limit: behind our proxy, the entry it appended.
AXES_CLIENT_IP_CALLABLE = "helseplattform.public_forms.client_address"
# The cache handler writes no rows, so axes' admin pages would always be empty.
AXES_ENABLE_ADMIN = False
# No startup banner, and no user agent in the log lines of failed logins.
AXES_VERBOSE = False
# axes.W006 warns when no lock-out parameter includes the address, against counters keyed
# on what a client picks (user agent, cookie); ours is keyed on the username alone, on purpose.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Load balancers and the container healthcheck speak plain HTTP to the app itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if BEHIND_PROXY:
    # Only safe when the proxy in front always sets (and overwrites) this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = False

# A strict policy from the first template on: no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# Browser features no page of this site uses, switched off for it and anything it embeds.
# (interest-cohort, Google's abandoned FLoC, is left out: Chromium now reports it as an
# unrecognised feature on the console. Its successor, browsing-topics, is listed.)
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Large bodies are refused before a view sees them (the feedback comment is at most 1,000 characters).
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        # Both redact digit runs and e-mail-like strings: a path in a message may carry them.
        "text": {
            "class": "helseplattform.logs.TextFormatter",
            "format": "{asctime} {levelname} {name} {message}",
            "style": "{",
        },
        "json": {"()": "helseplattform.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "stream": "ext://sys.stdout",
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # Never the SQL with its parameters (feedback text among them), even at DEBUG,
        # nor the template engine's missing-variable tracebacks: they print the context
        # objects they searched, request.GET with the visitor's query string among them.
        "django.db.backends": {"level": "INFO"},
        "django.template": {"level": "INFO"},
    },
}

"""Settings for the OSCE migration commitments knowledge base.

Every deployment-specific value comes from an environment variable read by a typed helper
that refuses bad values. Defaults suit a laptop (SQLite and a Whoosh index under ``var/``);
with ``DEBUG`` off the secure settings are on unless relaxed one by one.
"""

import ipaddress
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from osce_kb.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode-0123456789abcdefghijklmnop"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    # Lower layers first: model apps, then the layers built on them (see the README's layering).
    "documents",
    "commitments",
    "field_operations",
    "search",
    "importing",
    "operations",
    "curation",
    "web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside WhiteNoise, so that static files (Swagger's oauth2-redirect.html among them) get
    # the same policy as pages: WhiteNoise answers them before the middleware below it runs.
    "osce_kb.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "osce_kb.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "osce_kb.urls"
ADMIN_URL = "admin/"
WSGI_APPLICATION = "osce_kb.wsgi.application"
ASGI_APPLICATION = "osce_kb.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
if not env_str("DATABASE_URL"):
    # SQLite creates its file but not the folder; a fresh clone has no var/ yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", DEFAULT_DATABASE_URL),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# A revert's reason is the curator's own words: longer than simple-history's 100 characters.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Backups keep times to the microsecond (operations/exact_json.py).
SERIALIZATION_MODULES = {"exact-json": "operations.exact_json"}

CACHES = {
    "default": {
        # On disk so that every worker on a machine shares the API throttle's counts.
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
    }
}
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900, minimum=1)
# Attempts from one address across all user names (a password spray), in the same window.
LOGIN_FAILURE_ADDRESS_LIMIT = env_int("LOGIN_FAILURE_ADDRESS_LIMIT", 20, minimum=1)

# Search: the database is the truth, the index a cache rebuilt from it.
SEARCH_INDEX_DIR = Path(env_str("SEARCH_INDEX_DIR", str(VAR_DIR / "index")))
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "whoosh")
# Whether public filters by dimension or category also find provisions with a pending
# suggestion of it (commitments.public_tags); off: only the editors' tags count.
PUBLIC_FILTERS_INCLUDE_SUGGESTIONS = env_bool("PUBLIC_FILTERS_INCLUDE_SUGGESTIONS", False)
if SEARCH_BACKEND not in ("whoosh", "postgres", "database"):
    raise ImproperlyConfigured(f"SEARCH_BACKEND={SEARCH_BACKEND!r}: use whoosh, postgres or database.")
SEARCH_BACKENDS = {
    "default": {
        "BACKEND": f"search.backends.{SEARCH_BACKEND}",
        "PATH": SEARCH_INDEX_DIR,
        # A search stops after this long with what it found so far.
        "TIME_LIMIT": env_int("SEARCH_TIME_LIMIT_MS", 2000, minimum=10) / 1000,
        # How long a save waits for the index's write lock before queueing its update.
        "WRITE_TIMEOUT": env_int("SEARCH_WRITE_TIMEOUT_SECONDS", 10, minimum=0),
    },
}

# Source imports: limits that keep a hostile file from exhausting a worker.
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_BYTES", 50 * 1024 * 1024, minimum=1)
# gunicorn's worker timeout (gunicorn.conf.py reads the same variable); system check
# curation.E001 refuses request-bound limits that do not fit inside it.
WEB_TIMEOUT_SECONDS = env_int("WEB_TIMEOUT_SECONDS", 180, minimum=1)
IMPORT_PDF_MAX_PAGES = env_int("IMPORT_PDF_MAX_PAGES", 2000, minimum=1)
IMPORT_PDF_TIMEOUT_SECONDS = env_int("IMPORT_PDF_TIMEOUT_SECONDS", 120, minimum=1)
IMPORT_PDF_MEMORY_MB = env_int("IMPORT_PDF_MEMORY_MB", 1024, minimum=64)
# Text sources (plain text, the study, OSCE pages), bounded like PDFs: their size and longest
# line before they are parsed, and the time the parse takes. Every source, PDFs too: how many
# provisions it holds, and how long one may be (importing/limits.py).
IMPORT_TEXT_MAX_BYTES = env_int("IMPORT_TEXT_MAX_BYTES", 5 * 1024 * 1024, minimum=1)
IMPORT_TEXT_MAX_LINE_CHARS = env_int("IMPORT_TEXT_MAX_LINE_CHARS", 20_000, minimum=1)
IMPORT_TEXT_TIMEOUT_SECONDS = env_int("IMPORT_TEXT_TIMEOUT_SECONDS", 60, minimum=1)
IMPORT_MAX_PROVISIONS = env_int("IMPORT_MAX_PROVISIONS", 5000, minimum=1)
IMPORT_MAX_PROVISION_CHARS = env_int("IMPORT_MAX_PROVISION_CHARS", 20_000, minimum=1)
# Sources fetched by URL: the same size limit, a time limit, few redirects, and only public
# addresses unless allowed (tests serve files on 127.0.0.1).
IMPORT_URL_TIMEOUT_SECONDS = env_int("IMPORT_URL_TIMEOUT_SECONDS", 30, minimum=1)
IMPORT_URL_MAX_REDIRECTS = env_int("IMPORT_URL_MAX_REDIRECTS", 3, minimum=0)
IMPORT_URL_ALLOW_PRIVATE_ADDRESSES = env_bool("IMPORT_URL_ALLOW_PRIVATE_ADDRESSES", False)
# Uploads checked in the admin wait here, never served, until a curator confirms the import.
IMPORT_STAGING_DIR = Path(env_str("IMPORT_STAGING_DIR", str(VAR_DIR / "import-staging")))

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OSCE Migration Commitments API",
    "DESCRIPTION": (
        "Read-only access to the published OSCE documents, their provisions and the commitments on "
        "migration they contain, with the same filters and search as the site.\n\n"
        "- Lists are paginated: `page` (from 1) and `page_size` (at most 100); answers carry `count`, "
        "`next` and `previous`.\n"
        "- A malformed or unknown parameter is answered `400` with `errors` naming each one.\n"
        "- Anonymous clients are limited to a number of requests per minute and get `429` with a "
        "`Retry-After` header past it. For the whole corpus, download the bulk data at `/data/`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Nothing in the API needs credentials.
    "AUTHENTICATION_WHITELIST": [],
    "ENUM_NAME_OVERRIDES": {
        "DocumentKindEnum": "documents.models.DocumentKind",
        "IssuingBodyEnum": "documents.models.IssuingBody",
        "DatePrecisionEnum": "documents.dates.DatePrecision",
        "RelationKindEnum": "commitments.models.RelationKind",
        "ProvisionOriginEnum": "commitments.models.ProvisionOrigin",
        "ClaimFieldEnum": "documents.models.ClaimField",
    },
    # The documentation page loads Swagger UI from static files, never from a CDN. (Redoc is not
    # offered: its bundle always fetches a logo from a third-party host.)
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Swagger UI would otherwise send the schema to a third-party validator.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}
# Anonymous API clients are throttled per address; the bulk downloads are the way to take everything.
API_THROTTLE_ANON_RATE = env_str("API_THROTTLE_ANON_RATE", "120/minute")
if not re.fullmatch(r"[1-9]\d*/(second|minute|hour|day)", API_THROTTLE_ANON_RATE):
    raise ImproperlyConfigured(
        f"API_THROTTLE_ANON_RATE={API_THROTTLE_ANON_RATE!r} is not a rate like 120/minute "
        "(a whole number per second, minute, hour or day)."
    )
# Proxies in front of the site (addresses or networks, e.g. 10.0.0.0/8): only their
# X-Forwarded-For is believed when throttles count requests per address (osce_kb/client_address.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_proxy!r} is not an address or network such as 10.0.0.1 or 10.0.0.0/8."
        ) from None
# Exports of searches and lists: how many run at once (one per address besides), and how long
# one may stream before it ends with an error row (keep it under the web server's timeout).
EXPORT_MAX_CONCURRENT = env_int("EXPORT_MAX_CONCURRENT", 2, minimum=1)
EXPORT_TIME_LIMIT_SECONDS = env_int("EXPORT_TIME_LIMIT_SECONDS", 100, minimum=0)
EXPORT_SLOT_DIR = Path(env_str("EXPORT_SLOT_DIR", str(VAR_DIR / "export-slots")))
# Bulk exports offered for download are built on demand and cached here.
EXPORT_DIR = Path(env_str("EXPORT_DIR", str(VAR_DIR / "exports")))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# With DEBUG off, everything secure is on; each setting can be relaxed on its own,
# e.g. SECURE_SSL_REDIRECT=0 behind a proxy that terminates TLS.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

"""Settings: one module that reads the environment.

`DJANGO_ENV` is `development` (default), `test` or `production`. Development runs out of the box on
SQLite; production refuses to start with a development secret, with DEBUG on, or without the key
material (see `config/environment.py`). Business configuration (policy tables, retention periods,
holidays) never lives here: it is data with a date of effect.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from config.environment import (
    ConfigurationError,
    database_config,
    env_bool,
    env_list,
    load_key_material,
    parse_optional_date,
    parse_public_keys,
    proxy_ssl_header,
    require_production_safety,
)
from ops.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
DJANGO_ENV = os.environ.get("DJANGO_ENV", "development").strip().lower()
if DJANGO_ENV not in {"development", "test", "production"}:
    raise RuntimeError(f"DJANGO_ENV must be development, test or production, not {DJANGO_ENV!r}")
PRODUCTION = DJANGO_ENV == "production"

DEV_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production-0123456789"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else DEV_SECRET_KEY)
DEBUG = env_bool("DEBUG", default=DJANGO_ENV == "development")
# `manage.py bench` mounts an unfiltered baseline endpoint; never in production (deploy check casework.E020).
BENCH_BASELINE = env_bool("BENCH_BASELINE", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])

# --- key material (field encryption, blind index, audit signing) -------------------------------
KEY_MATERIAL = load_key_material(environ=os.environ, base_dir=BASE_DIR, production=PRODUCTION)

if PRODUCTION:
    require_production_safety(
        secret_key=SECRET_KEY, dev_secret_key=DEV_SECRET_KEY, debug=DEBUG, allowed_hosts=ALLOWED_HOSTS
    )

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "config.staticfiles.StaticFilesConfig",  # django.contrib.staticfiles, unused apps' files left out
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "guardian",
    "simple_history",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "encryption",
    "audit",
    "casework",
    "casework.remedies",
    "casework.penalties",
    "casework.meetings",
    "casework.notifications",
    "casework.documents",
    "casework.figures",
    "casework.pga",
    "casework.damocles",
    "casework.park",
    "casework.woonoverlast",
    "casework.signals",
    "casework.privacy",
    "ops",
]
if DJANGO_ENV == "test":
    # Small models and views the test suite defines to exercise encryption and audit on their own.
    INSTALLED_APPS += ["tests.testapps.crypto", "tests.testapps.auditing", "tests.testapps.exampletype"]
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; never outside tests

MIDDLEWARE = [
    "ops.middleware.HealthCheckMiddleware",  # /health/*: before host checks, TLS redirect and sessions
    "casework.api.middleware.ApiMiddleware",  # /api/: API-Version on every response, every error a problem
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "audit.middleware.AuditMiddleware",
    "ops.middleware.RequestLogMiddleware",
    "ops.middleware.UnavailableMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "encryption.middleware.KeyScopeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.sso.middleware.SingleSignOnRecheckMiddleware",  # at most every N minutes: ask the IdP
    "accounts.middleware.RequireTwoFactorMiddleware",
    "ops.middleware.ReplicaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "casework.refusals.RefusedObjectMiddleware",  # 404s for existing objects are audited refusals
    "casework.web.encoding.FormEncodingMiddleware",  # a form body that is no UTF-8: the Dutch 400 page
    "casework.web.submission.SubmissionTokenMiddleware",  # a repeated form submit creates one object
    "casework.web.context_processors.ForgetCountsAfterWriteMiddleware",  # a write: the navigation counts again
    "casework.web.methods.MethodNotAllowedPageMiddleware",  # a 405 of a page: the Dutch page, not an empty body
]
if BENCH_BASELINE:  # queries per request for `manage.py bench` (casework/bench/middleware.py)
    MIDDLEWARE.insert(1, "casework.bench.middleware.QueryCountMiddleware")

# Idempotent creation (casework/idempotency.py): how long a submission key is remembered, and how long
# a repeated form submit waits for the first one to finish.
SUBMISSION_KEY_TTL_SECONDS = 24 * 3600
SUBMISSION_WAIT_SECONDS = 10
# The overdue count in the navigation is kept this long per user (casework/web/context_processors.py); the
# user's own writes forget it at once. 0: counted on every page.
MY_WORK_COUNT_SECONDS = int(os.environ.get("MY_WORK_COUNT_SECONDS", "60"))

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "django.template.context_processors.i18n",
                "accounts.context_processors.navigation",
                "casework.web.context_processors.my_work",
                "casework.notifications.context_processors.notifications",
                "ops.theme.theme_context",
            ],
            # {% submission_token %} in every form; {% form_field %} (the form pattern), {% partial %} (ADR 0041)
            "builtins": ["casework.templatetags.submission", "casework.templatetags.partials"],
        },
    },
]
# Form widgets are rendered from Django's own Jinja2 widget templates (django/forms/jinja2/): the same
# markup as its template-language ones (whitespace aside) in half the time; the case list's filter form took
# 8 ms of a 48 ms page (issue 15, docs/performance.md). config/forms.py searches templates/forms_jinja2/
# first (select options written inline, ADR 0040). Pages and their includes stay Django templates.
FORM_RENDERER = "config.forms.FormRenderer"

# --- databases -----------------------------------------------------------------------------------
# Three aliases (docs/adr/0003): `default` for the application, `audit` for the append-only audit
# trail, `keys` for wrapped data keys. On SQLite each is its own file; on PostgreSQL its own
# database. The router in config/routers.py keeps each model on its alias.
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "var"))
DATABASES = {
    "default": database_config("DATABASE_URL", DATA_DIR / "app.sqlite3"),
    "audit": database_config("AUDIT_DATABASE_URL", DATA_DIR / "audit.sqlite3"),
    "keys": database_config("KEYS_DATABASE_URL", DATA_DIR / "keys.sqlite3", secure_delete=True),
}
# Opt-in streaming replica for read-only requests (config/replica.py); PostgreSQL only.
if os.environ.get("REPLICA_DATABASE_URL"):
    DATABASES["replica"] = database_config("REPLICA_DATABASE_URL", DATA_DIR / "replica.unused")
    if DATABASES["replica"]["ENGINE"] != "django.db.backends.postgresql":
        raise RuntimeError("REPLICA_DATABASE_URL must name a PostgreSQL streaming replica")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
# How far (seconds) the replica may lag and still serve a request, access decisions included;
# 0: only when it has replayed everything the primary had written when the request began.
REPLICA_MAX_LAG_SECONDS = float(os.environ.get("REPLICA_MAX_LAG_SECONDS", "0"))
DATABASE_ROUTERS = ["config.routers.AliasRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Covering indexes (`Index(include=...)`) serve PostgreSQL's index-only scans of the case lists (ADR 0048);
# SQLite, the development and test database, builds them without their INCLUDE columns, which Django's
# models.W040 warns about on every check.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
# PostgreSQL: no JIT compilation. Compiling costs 0.3-0.8 s per query on this load of short
# queries; it only fires on a (mis)estimated cost above jit_above_cost, and then costs more than
# the query (docs/adr/0009). Nor parallel workers: starting them costs more than these queries (the
# mixed case list 16 -> 8 ms at 1M), and under load they take the cores other requests need
# (docs/adr/0045); a long report asks for them (config/parallel.py). Appended to any libpq `options`.
# And a few hot statements of fixed text (the audit chain's lock, head read and insert; the presence probe
# of case and list pages) are prepared on first use, planned once per connection (config/prepared.py, ADR
# 0042); off behind a pooler in transaction mode that cannot keep prepared statements (PgBouncer before 1.21).
PREPARED_STATEMENTS = env_bool("PREPARED_STATEMENTS", default=True)
# With it, the case and key databases (and a replica) bind every query's parameters on the server, and psycopg
# prepares a statement of the same text once it has run PREPARE_AFTER times on a connection: PostgreSQL then
# plans it once for the connection's life, not on every page (a case page about 2 ms less, a list 1-2 ms; ADR
# 0047). The audit database binds on the client: its appends send statements together (ADR 0043).
PREPARE_AFTER = int(os.environ.get("PREPARE_AFTER", "2"))
# Prepared statements a connection keeps (least recently used first out): every page of a worker fits, at
# about 130 KB of the server's memory each (docs/operations.md).
PREPARED_MAX = int(os.environ.get("PREPARED_MAX", "300"))
SERVER_BINDING_ALIASES = ("default", "keys", "replica")
for _alias, _database in DATABASES.items():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _options = _database.setdefault("OPTIONS", {})
        _options["options"] = f"{_options.get('options', '')} -c jit=off -c max_parallel_workers_per_gather=0".strip()
        if PREPARED_STATEMENTS and _alias in SERVER_BINDING_ALIASES:
            _options["server_side_binding"] = True
            _options["prepare_threshold"] = PREPARE_AFTER
        elif PREPARED_STATEMENTS:
            _options["prepare_threshold"] = 0
# Parallel workers a long report may use per query, in its own transaction (config/parallel.py, ADR 0045).
REPORT_PARALLEL_WORKERS = int(os.environ.get("REPORT_PARALLEL_WORKERS", "2"))

# --- accounts, authentication, sessions ----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PasswordAndTOTPBackend",
    "accounts.backends.PasswordAndPasskeyBackend",
    "accounts.sso.backend.OrganisationOIDCBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_IDLE_TIMEOUT = 15 * 60  # seconds: a session ends at most 15 minutes after the last request
SESSION_ABSOLUTE_LIFETIME = 10 * 60 * 60  # seconds: a session ends 10 hours after login regardless
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT
# The idle timer is renewed by a request at most once per SESSION_RENEW_SECONDS (accounts/middleware.py),
# not on every request: a page then costs no session write. The idle time that ends a session is thus
# between SESSION_IDLE_TIMEOUT - SESSION_RENEW_SECONDS and SESSION_IDLE_TIMEOUT, never longer.
SESSION_RENEW_SECONDS = 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if PRODUCTION:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Single sign-on (accounts/sso/, docs/integrations.md): each organisation's identity provider is data
# (accounts.IdentityProvider); these are mozilla-django-oidc's global switches only. Code flow with
# PKCE (S256), state and nonce; tokens never stored in plaintext (the session keeps them sealed).
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
OIDC_ALLOW_UNSECURED_JWT = False
OIDC_STORE_ACCESS_TOKEN = False
OIDC_STORE_ID_TOKEN = False
OIDC_VERIFY_SSL = True
OIDC_TIMEOUT = 10.0  # seconds per call to an identity provider
OIDC_OP_LOGOUT_URL_METHOD = "accounts.sso.session.end_session_url"

# django-guardian: no anonymous user row; anonymous visitors never hold object permissions.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = True

OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Zorg en Veiligheid")
# Passkeys (accounts/passkeys.py, docs/adr/0036): the domain they are bound to and the origins the
# browser may report; empty: the request's own host (checked against ALLOWED_HOSTS) and scheme.
# Set both behind a proxy, e.g. WEBAUTHN_RP_ID=zorgveilig.gemeente.nl and
# WEBAUTHN_ORIGINS=https://zorgveilig.gemeente.nl
WEBAUTHN_RP_ID = os.environ.get("WEBAUTHN_RP_ID", "").strip()
WEBAUTHN_ORIGINS = env_list("WEBAUTHN_ORIGINS", default=[])
WEBAUTHN_RP_NAME = os.environ.get("WEBAUTHN_RP_NAME", OTP_TOTP_ISSUER)

# django-axes: 5 failures per username + IP lock that combination for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout_response"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None
AXES_ENABLE_ADMIN = False

# --- operations (ops/): health probes, orphan data keys -------------------------------------------
# The readiness details (/health/ready) need `Authorization: Bearer <MONITORING_TOKEN>`; without a
# token configured only the status code is ever shown.
MONITORING_TOKEN = os.environ.get("MONITORING_TOKEN", "")
# Live data keys older than this that no row refers to are destroyed by sweep_orphan_keys.
ORPHAN_KEY_GRACE_MINUTES = float(os.environ.get("ORPHAN_KEY_GRACE_MINUTES", "60"))

# --- audit checkpoints: retired verification keys and the anchor sink (docs/privacy/audit-trail.md) ----
# Public keys (base64 of the raw 32 bytes, `audit_checkpoint --public-key`) of signing keys no longer
# in use: checkpoints they signed still verify. The active key is derived from AUDIT_SIGNING_KEY.
AUDIT_SIGNING_KEYS_RETIRED = parse_public_keys(os.environ.get("AUDIT_SIGNING_KEYS_RETIRED", ""),
                                               "AUDIT_SIGNING_KEYS_RETIRED")
# Where each checkpoint is also written, off the audit database: `file:/path` (opened in append
# mode), `syslog:` / `syslog://host:514`, or an `https://` URL (POST). Empty: no anchors.
AUDIT_ANCHOR_SINK = os.environ.get("AUDIT_ANCHOR_SINK", "").strip()
# Bearer token for an HTTP anchor sink (sent as `Authorization: Bearer ...`).
AUDIT_ANCHOR_TOKEN = os.environ.get("AUDIT_ANCHOR_TOKEN", "")
AUDIT_ANCHOR_TIMEOUT = float(os.environ.get("AUDIT_ANCHOR_TIMEOUT", "10"))

# Refusals (access_denied events) recorded per user per window; beyond it: 429, nothing recorded
# (audit/refusals.py). Counted in Django's cache: use a shared cache with several app processes.
AUDIT_REFUSAL_LIMIT = int(os.environ.get("AUDIT_REFUSAL_LIMIT", "30"))
AUDIT_REFUSAL_WINDOW_SECONDS = int(os.environ.get("AUDIT_REFUSAL_WINDOW_SECONDS", "300"))

# Virus scanner for uploads: dotted path to scan(content, *, name) raising casework.uploads.UploadRejected.
UPLOAD_SCANNER = os.environ.get("UPLOAD_SCANNER", "casework.uploads.no_scan")

# --- BAG addresses: search and pick (casework/bag/; docs/integrations.md, docs/adr/0022) ------------
# "" (default): no address leaves the system, addresses are typed by hand (marked unverified);
# "pdok": the PDOK Locatieserver v3_1 (a third party: the DPIA names it); "municipal": the
# municipality's own BAG source with the same contract at BAG_BASE_URL.
BAG_SOURCE = os.environ.get("BAG_SOURCE", "").strip().lower()
if BAG_SOURCE not in ("", "pdok", "municipal"):
    raise ConfigurationError(f"BAG_SOURCE must be empty, 'pdok' or 'municipal', not {BAG_SOURCE!r}")
BAG_BASE_URL = os.environ.get("BAG_BASE_URL", "").strip().rstrip("/")
if BAG_SOURCE == "municipal" and not BAG_BASE_URL.startswith(("https://", "http://")):
    raise ConfigurationError("BAG_SOURCE=municipal needs BAG_BASE_URL (the Locatieserver-compatible base URL)")
BAG_CONNECT_TIMEOUT = float(os.environ.get("BAG_CONNECT_TIMEOUT", "2"))
BAG_READ_TIMEOUT = float(os.environ.get("BAG_READ_TIMEOUT", "5"))
BAG_RETRIES = int(os.environ.get("BAG_RETRIES", "2"))
BAG_RETRY_BACKOFF = float(os.environ.get("BAG_RETRY_BACKOFF", "0.3"))

# --- BRP: Haal Centraal BRP API Personen and BRP bewoning (casework/brp/; docs/integrations.md, ADR 0025) ---
# "" (default): nothing is sent, persons are typed by hand and marked "niet geverifieerd in BRP";
# "haalcentraal": the BRP API (RvIG, or the municipality's gateway in front of it) at the URLs below.
BRP_SOURCE = os.environ.get("BRP_SOURCE", "").strip().lower()
if BRP_SOURCE not in ("", "haalcentraal"):
    raise ConfigurationError(f"BRP_SOURCE must be empty or 'haalcentraal', not {BRP_SOURCE!r}")
BRP_PERSONEN_URL = os.environ.get("BRP_PERSONEN_URL", "").strip().rstrip("/")
BRP_BEWONING_URL = os.environ.get("BRP_BEWONING_URL", "").strip().rstrip("/")
# Authentication: OAuth2 client credentials (token endpoint, client id and secret, optional scope) and/or
# mutual TLS (client certificate and key paths, e.g. a PKIoverheid certificate; optional CA bundle).
BRP_OAUTH_TOKEN_URL = os.environ.get("BRP_OAUTH_TOKEN_URL", "").strip()
BRP_OAUTH_CLIENT_ID = os.environ.get("BRP_OAUTH_CLIENT_ID", "").strip()
BRP_OAUTH_CLIENT_SECRET = os.environ.get("BRP_OAUTH_CLIENT_SECRET", "")
BRP_OAUTH_SCOPE = os.environ.get("BRP_OAUTH_SCOPE", "").strip()
BRP_CLIENT_CERT = os.environ.get("BRP_CLIENT_CERT", "").strip()
BRP_CLIENT_KEY = os.environ.get("BRP_CLIENT_KEY", "").strip()
BRP_CA_BUNDLE = os.environ.get("BRP_CA_BUNDLE", "").strip()
# The request headers naming purpose (doelbinding) and processing activity: the BRP API documents define none,
# gateways do (Open Formulieren and Open Inwoner send x-doelbinding / x-verwerking / x-origin-oin).
BRP_PURPOSE_HEADER = os.environ.get("BRP_PURPOSE_HEADER", "x-doelbinding").strip()
BRP_ACTIVITY_HEADER = os.environ.get("BRP_ACTIVITY_HEADER", "x-verwerking").strip()
BRP_OIN = os.environ.get("BRP_OIN", "").strip()  # sent as x-origin-oin when set
BRP_CONNECT_TIMEOUT = float(os.environ.get("BRP_CONNECT_TIMEOUT", "2"))
BRP_READ_TIMEOUT = float(os.environ.get("BRP_READ_TIMEOUT", "10"))
BRP_RETRIES = int(os.environ.get("BRP_RETRIES", "2"))
BRP_RETRY_BACKOFF = float(os.environ.get("BRP_RETRY_BACKOFF", "0.3"))
if BRP_SOURCE:
    if not BRP_PERSONEN_URL.startswith(("https://", "http://")):
        raise ConfigurationError("BRP_SOURCE needs BRP_PERSONEN_URL (the base URL of the BRP API Personen)")
    if not (BRP_OAUTH_TOKEN_URL or BRP_CLIENT_CERT):
        raise ConfigurationError("BRP_SOURCE needs BRP_OAUTH_TOKEN_URL (OAuth2) or BRP_CLIENT_CERT (mTLS), or both")
    if BRP_CLIENT_CERT and not BRP_CLIENT_KEY:
        raise ConfigurationError("BRP_CLIENT_CERT needs BRP_CLIENT_KEY")

# --- retention of the audit trail itself (audit_purge; docs/privacy/logging-policy.md) -------------
AUDIT_RETENTION_YEARS = int(os.environ.get("AUDIT_RETENTION_YEARS", "5"))

# --- security headers ----------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
# Behind a TLS-terminating proxy: SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO,https trusts that
# header (the proxy must overwrite it; deploy/nginx does). BEHIND_TLS_PROXY=true is the short form.
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = proxy_ssl_header(os.environ["SECURE_PROXY_SSL_HEADER"])
elif env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Strict Content-Security-Policy: no inline script or style, nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# --- internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "nl"  # the UI is Dutch whatever the browser asks; English msgids are the source
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- static files --------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
WHITENOISE_USE_FINDERS = not PRODUCTION  # development serves straight from the source folders
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files from npm packages, one by one (config/staticfiles.py): never a whole dist/ folder.
# A municipality's NL Design System theme: a token stylesheet among the static files (ops/theme.py).
THEME_CSS = os.environ.get("THEME_CSS", "").strip()
VENDOR_STATIC_FILES = {
    "vendor/utrecht-css/index.css": NODE_MODULES / "@utrecht" / "component-library-css" / "dist" / "index.css",
    "vendor/utrecht-tokens/theme.css": NODE_MODULES / "@utrecht" / "design-tokens" / "dist" / "theme.css",
    "vendor/htmx/htmx.min.js": NODE_MODULES / "htmx.org" / "dist" / "htmx.min.js",
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "config.staticfiles.VendorFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"

# --- REST API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "casework.api.pagination.Pagination",
    "PAGE_SIZE": 25,
    "DEFAULT_PARSER_CLASSES": ["casework.api.parsers.JSONParser"],
    # No OPTIONS self-description: the OpenAPI document describes the API, and an undocumented method is a 405
    # problem (a view without a serializer class answered OPTIONS with a 500). CORS preflights are answered by
    # the CORS middleware before any view.
    "DEFAULT_METADATA_CLASS": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "casework.api.errors.api_exception_handler",
}
# The published document (docs/adr/0010-api-rules.md): paths relative to the server `/api/v1`,
# contact and version as the Logius API Design Rules ask, problem details and the API-Version
# header added by casework/api/schema.py.
SPECTACULAR_SETTINGS = {
    "TITLE": "Zorg en Veiligheid API",
    "DESCRIPTION": "Cases of the zorg- en veiligheidsdomein (PGA, Damocles, park enforcement) for the municipality "
                   "and its chain partners. Rules: docs/adr/0010-api-rules.md.",
    "VERSION": "1.0.0",
    "CONTACT": {"name": "Functioneel beheer Zorg en Veiligheid", "email": "zorgveilig@gemeente.invalid",
                "url": "https://zorgveilig.gemeente.invalid/"},
    "LICENSE": {"name": "EUPL-1.2", "url": "https://interoperable-europe.ec.europa.eu/collection/eupl"},
    "SERVERS": [{"url": "/api/v1", "description": "This installation."}],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    # A PATCH body is checked as a whole (casework.api.base.validated_body), its `version` first: no "Patched…"
    # component with every member optional.
    "COMPONENT_SPLIT_PATCH": False,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "casework.api.schema.problem_details_and_headers"],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# Origins (scheme://host[:port]) whose browser scripts may call the API with CORS; the published
# OpenAPI document is readable from any origin. Empty: no cross-origin calls.
API_CORS_ALLOWED_ORIGINS = env_list("API_CORS_ALLOWED_ORIGINS", default=[])

# --- mail, logging -------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "zorgveilig@gemeente.invalid")
# The address of the application as its users reach it, for links in mail (meeting invitations).
APP_BASE_URL = os.environ.get("APP_BASE_URL", "http://localhost:8000").strip().rstrip("/")

# The accessibility statement (accounts/accessibility.py): who offers this application, where feedback
# goes, and who signed the statement on which date (ISO). Unset: the page says what is missing.
ACCESSIBILITY_STATEMENT = {
    "organisation": os.environ.get("ACCESSIBILITY_ORGANISATION", "").strip(),
    "contact_email": os.environ.get("ACCESSIBILITY_CONTACT_EMAIL", "").strip(),
    "signed_by": os.environ.get("ACCESSIBILITY_SIGNED_BY", "").strip(),
    "signed_on": parse_optional_date(os.environ.get("ACCESSIBILITY_SIGNED_ON", ""), "ACCESSIBILITY_SIGNED_ON"),
}

# Logs never carry request bodies, query strings or personal data (ops/logging.py): JSON lines
# with the request's trace context, one line per request (ops.middleware), and error mails to
# admins are off. LOG_FORMAT=text gives plain lines for a developer's terminal.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text").strip().lower()
if LOG_FORMAT not in {"json", "text"}:
    raise RuntimeError(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOGGING = logging_config(level=os.environ.get("LOG_LEVEL", "INFO" if PRODUCTION else "WARNING").upper(),
                         json_lines=LOG_FORMAT == "json")
ADMINS: list[tuple[str, str]] = []

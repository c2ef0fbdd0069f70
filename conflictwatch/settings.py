"""ConflictWatch settings: one module, configured by the environment.

Defaults are safe for production (DEBUG off, no SECRET_KEY, no hosts) except the database and
the broker: with no DATABASE_URL the app uses an embedded SQLite file, and with no
CELERY_BROKER_URL tasks run in-process. `make demo` opts into DEBUG explicitly.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from conflictwatch.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CONFLICTWATCH_VAR_DIR") or BASE_DIR / "var")

# pytest (>= 8.2) exports PYTEST_VERSION; tests get the same settings plus fast hashing.
TESTING = "PYTEST_VERSION" in os.environ

DEBUG = env_bool("DEBUG", False)

# Left empty in production when unset: Django then refuses anything that signs (sessions,
# CSRF) with a clear error, and `check --deploy` reports it, while commands such as migrate
# and extract still run.
_INSECURE_KEY = "insecure-conflictwatch-key-for-demo-and-tests-only"
SECRET_KEY = env_str("SECRET_KEY") or (_INSECURE_KEY if DEBUG or TESTING else "")
# Sessions, CSRF and password resets are only as strong as the key: a short one is refused
# outright outside DEBUG (a missing one is reported by conflictwatch.core.checks).
SECRET_KEY_MIN_CHARS = 50
if SECRET_KEY and len(SECRET_KEY) < SECRET_KEY_MIN_CHARS and not (DEBUG or TESTING):
    raise ImproperlyConfigured(
        f"SECRET_KEY has {len(SECRET_KEY)} characters; use at least {SECRET_KEY_MIN_CHARS} "
        "random ones (python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG or TESTING else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Trigram and full-text lookups (conflictwatch.core.search); harmless on SQLite.
    "django.contrib.postgres",
    "rest_framework",
    "knox",
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "conflictwatch.core",
    "gazetteer",
    "claims",
    "sources",
    "webhooks",
]

MIDDLEWARE = [
    # First, so sessions and authentication read from where the view will.
    "conflictwatch.core.replicas.ReplicaRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag (a hash of the body) and 304 for If-None-Match on every non-streamed GET, API
    # lists and status included; the streamed exports set their own validators.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "conflictwatch.core.timeouts.ApiReadTimeoutMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account or address is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "conflictwatch.urls"
WSGI_APPLICATION = "conflictwatch.wsgi.application"

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
                "claims.context_processors.review_nav",
                "claims.context_processors.side_labels",
            ],
        },
    },
]

_EMBEDDED_DB = f"sqlite:///{VAR_DIR / 'conflictwatch.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or _EMBEDDED_DB,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# An optional read replica (PostgreSQL streaming replication): safe requests read from it
# until they write (conflictwatch.core.replicas); writes, and reads after them, use the
# primary. After a write the client reads the primary for REPLICA_STICKY_SECONDS (longer
# than the replica's usual lag), so the page after a form shows the change.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
REPLICA_STICKY_SECONDS = env_int("REPLICA_STICKY_SECONDS", 10)
DATABASE_ROUTERS: list[str] = []
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60)
    )
    # Tests against a configured replica read the primary's test database through it.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["conflictwatch.core.replicas.ReplicaRouter"]
elif TESTING and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A second, separate test database standing in for a replica, for the tests that
    # prove the routing (tests/core/test_replicas.py turns the router on); created only
    # when such a test runs.
    DATABASES["replica"] = {
        **DATABASES["default"],
        "TEST": {"NAME": f"test_{DATABASES['default']['NAME']}_replica"},
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # One analyst, one file: WAL lets the page reads go on while in-process tasks write.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "settlement-list"
LOGOUT_REDIRECT_URL = "settlement-list"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT") or VAR_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Articles are wire stories; a larger body is junk or an attack. The API and the form refuse
# bodies over this size with a clear error rather than a bare 400 from Django.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 12 * 1024 * 1024)
ARTICLE_MAX_CHARS = env_int("ARTICLE_MAX_CHARS", 5_000_000)
# Extraction reads at most this many characters of an article and records that it truncated.
EXTRACTION_MAX_CHARS = env_int("EXTRACTION_MAX_CHARS", 100_000)

# PostgreSQL cancels an API read's query after this long (0: never); the client gets 503.
API_READ_STATEMENT_TIMEOUT_MS = env_int("API_READ_STATEMENT_TIMEOUT_MS", 5000)

# Reading pages and the read API is open unless an operator closes it.
PUBLIC_READ = env_bool("PUBLIC_READ", True)
# A raster tile URL template ("https://tile.example.org/{z}/{x}/{y}.png") for deployments
# online. Empty (the default): the map draws the land outlines shipped in static/map/.
MAP_TILE_URL = env_str("MAP_TILE_URL") or ""
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION") or ""

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Behind TLS, an operator turns these on: http is redirected (except the health checks a
# load balancer makes over plain http) and browsers are told to use https only.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)

# No inline script anywhere (pages load static/js/*.js; the API docs use drf-spectacular's
# split view). Inline styles stay allowed: Swagger UI sets them from its own script.
# CSP_IMG_SRC adds image hosts (map tiles, say).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", *env_list("CSP_IMG_SRC", [])],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Throttling (conflictwatch.core.throttling) counts in this cache; give every process the
# same one (CACHE_URL=redis://...) when there is more than one, or each keeps its own count.
_CACHE_URL = env_str("CACHE_URL") or ""
if _CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _CACHE_URL,
            "KEY_PREFIX": "conflictwatch",
        }
    }


NUM_PROXIES = env_int("NUM_PROXIES", 0)


def _rate(name: str, default: str) -> str:
    """A throttle rate from THROTTLE_<NAME> ("120/minute"); tests get roomy defaults so
    that only the tests about throttling meet it."""
    return env_str(f"THROTTLE_{name.upper().replace('-', '_')}") or (
        "100000/minute" if TESTING else default
    )


REST_FRAMEWORK = {
    # Session first: DRF answers a refused request with the first class's challenge, and
    # SessionAuthentication has none, so an anonymous write is 403 (as for a write without
    # the right), not 401. A bad or expired token is still 401 (the exception handler
    # knows TokenRejected). Tokens: hashed knox tokens (conflictwatch.core.models).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "conflictwatch.core.authentication.TokenAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "conflictwatch.core.throttling.ClientRateThrottle",
        "conflictwatch.core.throttling.WriteRateThrottle",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["conflictwatch.core.permissions.ReadOpenWriteByPermission"],
    "DEFAULT_PAGINATION_CLASS": "conflictwatch.core.pagination.StablePageNumberPagination",
    "DEFAULT_PARSER_CLASSES": [
        "conflictwatch.core.api.SizeLimitedJSONParser",
        "conflictwatch.core.api.SizeLimitedFormParser",
        "conflictwatch.core.api.SizeLimitedMultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "conflictwatch.core.schema.ProblemAutoSchema",
    "EXCEPTION_HANDLER": "conflictwatch.core.api.exception_handler",
    # Per client: anonymous clients by address, users by account, tokens by token.
    "DEFAULT_THROTTLE_RATES": {
        "anon": _rate("anon", "120/minute"),
        "user": _rate("user", "600/minute"),
        "token": _rate("token", "600/minute"),
        "write": _rate("write", "60/minute"),
        "auth-failure": _rate("auth-failure", "10/minute"),
    },
    # How many reverse proxies add to X-Forwarded-For; 0 (the default) trusts only the
    # connection's address, so a client cannot pick its own throttle bucket with the header.
    "NUM_PROXIES": NUM_PROXIES,
}

REST_KNOX = {
    "TOKEN_TTL": dt.timedelta(days=env_int("API_TOKEN_TTL_DAYS", 90)),
    "TOKEN_MODEL": "core.ApiToken",
    "AUTH_HEADER_PREFIX": "Token",
}
KNOX_TOKEN_MODEL = "core.ApiToken"
# knox's own migrations create its AuthToken table even though ApiToken replaces it (an
# orphan table that blocks test flushes); without them, nothing of knox's is created.
MIGRATION_MODULES = {"knox": None}

# Login lock-out (django-axes): AXES_FAILURE_LIMIT wrong passwords lock the account, and
# separately the address, for AXES_COOLOFF_MINUTES. The lock-out is logged by axes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_CALLABLE = "conflictwatch.core.lockout.lockout_username"
# The same address as the throttles use (a forged X-Forwarded-For must not dodge it).
if NUM_PROXIES:
    AXES_IPWARE_PROXY_COUNT = NUM_PROXIES
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]

# What exports say about reuse: a licence (its name and URL) and the credit consumers give.
DATA_LICENCE_NAME = env_str("DATA_LICENCE_NAME", "CC BY 4.0")
DATA_LICENCE_URL = env_str("DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")
DATA_ATTRIBUTION = env_str(
    "DATA_ATTRIBUTION",
    "ConflictWatch: attributed claims of territorial control, with editors' reviews. "
    "Claims are what parties say, not facts.",
)

# Who ClaimReview markup names as the reviewer.
CLAIM_REVIEW_PUBLISHER = env_str("CLAIM_REVIEW_PUBLISHER", "ConflictWatch")

SPECTACULAR_SETTINGS = {
    "TITLE": "ConflictWatch API",
    "DESCRIPTION": "Attributed, dated claims about who controls which settlement.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "ClaimKindEnum": "claims.models.Claim.Kind",
        "SettlementStateEnum": "claims.models.SettlementStatus.State",
        "ArticleStatusEnum": "sources.models.Article.Status",
        "ChangeEventEnum": "claims.models.Change.Event",
    },
}

# With no broker, tasks run in-process when they are queued (embedded mode).
# The unfiltered claims list reports PostgreSQL's row estimate instead of counting the
# table once it holds this many rows (claims.api.pagination).
ESTIMATED_COUNT_FROM = env_int("ESTIMATED_COUNT_FROM", 100_000)

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or ""
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Celery closes the worker's database connection before and after every task unless told
# to reuse it: each extraction then paid a new PostgreSQL session (connect, a backend
# forked, its catalog caches cold). Reused here, and closed as for requests instead:
# past CONN_MAX_AGE or once unusable (conflictwatch.celery, task_prerun/postrun).
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 10_000)
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE") or "conflictwatch"
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message a dead worker held comes back once this passes: sized to the task's hard limit
# (Redis's default of an hour would strand it). A request never waits long on a broker
# that is down: a few quick publish retries, then the article waits as "not queued".
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 120}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-articles": {
        "task": "claims.tasks.requeue_stale_articles",
        "schedule": env_int("REQUEUE_INTERVAL_SECONDS", 300),
    },
    "requeue-stale-fetches": {
        "task": "sources.tasks.requeue_stale_fetches_task",
        "schedule": env_int("REQUEUE_INTERVAL_SECONDS", 300),
    },
    # Each feed has its own interval; this only looks for the feeds that are due.
    "poll-due-feeds": {"task": "sources.tasks.poll_due_feeds", "schedule": 60},
    # Retries are queued with their back-off as a countdown; this catches what a broker
    # outage or a dead worker lost, and feed entries whose dispatch was never queued.
    "send-due-webhooks": {
        "task": "webhooks.tasks.send_due_deliveries",
        "schedule": env_int("WEBHOOK_SWEEP_SECONDS", 60),
    },
}
# Webhooks (webhooks/): attempts per delivery, back-off (base * 2^(n-1) seconds, capped),
# the time one POST may take, how much of an answer is kept, subscriptions per account.
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8)
WEBHOOK_RETRY_BASE_SECONDS = env_int("WEBHOOK_RETRY_BASE_SECONDS", 30)
WEBHOOK_RETRY_MAX_SECONDS = env_int("WEBHOOK_RETRY_MAX_SECONDS", 6 * 3600)
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)
WEBHOOK_RESPONSE_SNIPPET_BYTES = env_int("WEBHOOK_RESPONSE_SNIPPET_BYTES", 2000)
WEBHOOK_MAX_SUBSCRIPTIONS_PER_USER = env_int("WEBHOOK_MAX_SUBSCRIPTIONS_PER_USER", 25)
# Rotating a secret: how long the old one still signs by default, and at most.
WEBHOOK_SECRET_OVERLAP_SECONDS = env_int("WEBHOOK_SECRET_OVERLAP_SECONDS", 24 * 3600)
WEBHOOK_SECRET_OVERLAP_MAX_SECONDS = env_int("WEBHOOK_SECRET_OVERLAP_MAX_SECONDS", 7 * 24 * 3600)
# Fetching pages and feeds (conflictwatch.core.outbound): limits per fetch, and hosts the
# SSRF guard lets through although they resolve to private addresses (tests, an intranet).
OUTBOUND_ALLOWED_HOSTS = env_list("OUTBOUND_ALLOWED_HOSTS", [])
FETCH_MAX_BYTES = env_int("FETCH_MAX_BYTES", 5 * 1024 * 1024)
FETCH_TIMEOUT_SECONDS = env_int("FETCH_TIMEOUT_SECONDS", 20)
FETCH_MAX_REDIRECTS = env_int("FETCH_MAX_REDIRECTS", 5)
# Fetches wait on the network, extraction on the CPU: each has its own queue, so slow sites
# never hold up extraction, and fetch workers can run many more processes than cores while
# extract workers run one per core (docs/scaling.md). Housekeeping (the sweepers, the feed
# scheduler) stays on the default queue, which extract workers also consume. Webhook
# sends wait on receivers that may be slow or down for hours: their own queue too, so a
# backlog of retries never delays a fetch or an extraction (nor the other way round).
CELERY_FETCH_QUEUE = env_str("CELERY_FETCH_QUEUE") or "fetch"
CELERY_EXTRACT_QUEUE = env_str("CELERY_EXTRACT_QUEUE") or "extract"
CELERY_WEBHOOK_QUEUE = env_str("CELERY_WEBHOOK_QUEUE") or "webhooks"
CELERY_TASK_ROUTES = {
    "sources.tasks.fetch_url": {"queue": CELERY_FETCH_QUEUE},
    "sources.tasks.poll_feed": {"queue": CELERY_FETCH_QUEUE},
    "claims.tasks.extract_article": {"queue": CELERY_EXTRACT_QUEUE},
    "claims.tasks.reextract_articles": {"queue": CELERY_EXTRACT_QUEUE},
    "webhooks.tasks.dispatch_changes": {"queue": CELERY_WEBHOOK_QUEUE},
    "webhooks.tasks.deliver": {"queue": CELERY_WEBHOOK_QUEUE},
}
# Load the spaCy pipeline in each worker process as it starts (conflictwatch.celery), not
# on its first article; on by default only for workers that consume the extract queue.
CELERY_WARM_UP_EXTRACTION = env_bool("CELERY_WARM_UP_EXTRACTION", True)
FEED_POLL_INTERVAL_SECONDS = env_int("FEED_POLL_INTERVAL_SECONDS", 900)
# An article left pending or extracting longer than this is queued again.
ARTICLE_STALE_AFTER_SECONDS = env_int("ARTICLE_STALE_AFTER_SECONDS", 600)

# JSON lines in production (one object per event, for log shippers); plain text on a
# terminal (demo, tests). LOG_FORMAT=json|plain overrides.
LOG_FORMAT = env_str("LOG_FORMAT") or ("plain" if DEBUG or TESTING else "json")
if LOG_FORMAT not in ("json", "plain"):
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} is not json or plain")
# Celery replaces the root logger's handlers in workers unless told not to; with JSON logs
# the workers keep ours, so every process writes the same JSON lines.
CELERY_WORKER_HIJACK_ROOT_LOGGER = LOG_FORMAT != "json"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {
            "()": "conflictwatch.core.logs.PlainFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
        "json": {"()": "conflictwatch.core.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

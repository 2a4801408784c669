"""Quorum settings: one module, read from the environment, with clear defaults.

With nothing set: SQLite and a real Celery worker on kombu's filesystem transport.
With DATABASE_URL / CELERY_BROKER_URL: PostgreSQL / Redis.
A bad value fails at start with a message (django-environ raises ImproperlyConfigured).
"""
import datetime
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import environ
from celery.schedules import crontab
from django_guid.integrations import CeleryIntegration
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("QUORUM_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    SECURE=(bool, False),
)

def envint(name: str, default: int) -> int:
    """An integer setting; a bad value stops start-up with a message naming the variable."""
    raw = env.str(name, default=str(default))
    try:
        return int(raw)
    except ValueError:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


DEBUG = env("DEBUG")
DEV_SECRET_KEY = "dev-insecure-quorum-key-change-me-in-production-0123456789"
SECRET_KEY = env("SECRET_KEY", default=DEV_SECRET_KEY)
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "csp",
    "simple_history",
    "axes",
    "health_check",
    "django_guid",
    "core",
    "boards",
    "meetings",
    "minutes",
    "actions",
    "performance",
    "packs",
    "oparl",
    "public",
    "reader",
    "search",
    "alerts",
    "quorum",  # the demo loader, which uses every app
]

MIDDLEWARE = [
    # First, so that every log line of the request, and the tasks it enqueues, carry its request id.
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session, CSRF and auth middleware so that they see the cookies those set and the user.
    "core.headers.PrivateResponseMiddleware",
    "core.headers.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "quorum.urls"
WSGI_APPLICATION = "quorum.wsgi.application"

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
                "core.menu.menu",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'quorum.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Each web and worker process keeps its connection for a minute instead of opening one per request
# (on PostgreSQL a new connection costs more than a note save's queries), and checks it is still
# alive before reusing it, so a database restart costs one retry, not an error page.
# DB_CONN_MAX_AGE=0 (or ?conn_max_age=0 on DATABASE_URL) goes back to a connection per request.
if "CONN_MAX_AGE" not in DATABASES["default"]:
    DATABASES["default"]["CONN_MAX_AGE"] = envint("DB_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves two web workers and a Celery worker at once. WAL lets readers
    # carry on while one writer commits; IMMEDIATE takes the write lock when a transaction starts,
    # so a transaction that read first never fails on upgrading its lock ("database is locked"
    # without waiting); the busy timeout makes a writer wait its turn instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "transaction_mode": "IMMEDIATE",
        "timeout": envint("SQLITE_BUSY_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# Dates a template prints without a filter read "18 November 2013", not "18 Nov 2013"; date inputs
# are filled in ISO form, the only one browsers keep (core/locale_formats/en_GB/formats.py).
FORMAT_MODULE_PATH = ["core.locale_formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": env.str("DEFAULT_FILE_STORAGE", default="django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Uploads: appendices are checked by content; this is the size limit in bytes.
QUORUM_MAX_UPLOAD_BYTES = envint("QUORUM_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = QUORUM_MAX_UPLOAD_BYTES + 1024 * 1024
# Word and Excel appendices are zips: refused if they unpack to more than this, or if a part is
# compressed more than this many times over (a zip bomb), or hold more parts than this.
QUORUM_OFFICE_MAX_UNPACKED_BYTES = envint("QUORUM_OFFICE_MAX_UNPACKED_BYTES", 256 * 1024 * 1024)
QUORUM_OFFICE_MAX_RATIO = envint("QUORUM_OFFICE_MAX_RATIO", 200)
QUORUM_OFFICE_MAX_PARTS = envint("QUORUM_OFFICE_MAX_PARTS", 5000)
# LibreOffice runs sandboxed (core/office.py) within these limits: wall clock and CPU seconds, and
# the address space of each of its processes.
QUORUM_OFFICE_WALL_SECONDS = envint("QUORUM_OFFICE_WALL_SECONDS", 180)
QUORUM_OFFICE_CPU_SECONDS = envint("QUORUM_OFFICE_CPU_SECONDS", 150)
QUORUM_OFFICE_MEMORY_BYTES = envint("QUORUM_OFFICE_MEMORY_BYTES", 2 * 1024 * 1024 * 1024)

# Celery: a real worker always. Default broker is kombu's filesystem transport.
# The public pages' cache (public/cache.py): Redis when CACHE_URL names one (redis://host:6379/1),
# this process's memory otherwise. Pages are keyed by an edition kept in the database, so a change
# made by any process (the Celery worker too) makes every process's cached pages stale.
CACHE_URL = env.str("CACHE_URL", default="")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL,
                          "KEY_PREFIX": "quorum"}}
elif CACHE_URL:
    raise ImproperlyConfigured(f"CACHE_URL must be a redis:// address (or unset for local memory), not {CACHE_URL!r}.")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "quorum-public"}}

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery-queue"
    for _d in (_queue_dir, VAR_DIR / "celery-processed", VAR_DIR / "celery-control"):
        _d.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        # Exchange tables go under var/ too, not into a "control" folder in the working directory.
        "control_folder": str(VAR_DIR / "celery-control"),
        "store_processed": False,
    }
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="quorum")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TIMEZONE = TIME_ZONE
# Reminders to action leads go out each morning (a lead never gets the same reminder twice a day).
CELERY_BEAT_SCHEDULE = {
    "actions-reminders": {"task": "actions.tasks.send_action_reminders", "schedule": crontab(hour=7, minute=30)},
    "report-due-reminders": {"task": "meetings.tasks.send_report_due_reminders", "schedule": crontab(hour=7, minute=40)},
    # The worker proves it is alive (and beat and the broker with it): /health/ reads the row.
    "worker-heartbeat": {"task": "core.tasks.record_worker_heartbeat", "schedule": 30.0},
    # Phrase alerts: new public documents matching a subscriber's words (also queued on publication).
    "alerts-phrases": {"task": "alerts.tasks.send_phrase_alerts", "schedule": 15 * 60.0},
}
# /health/ reports the worker as not working when no heartbeat arrived for this many seconds.
WORKER_HEARTBEAT_MAX_AGE = envint("WORKER_HEARTBEAT_MAX_AGE", 120)
# Reports: the author of a draft report is reminded daily from this many days before its agenda
# item's "report due by" date, and every day once it is overdue, until it is submitted.
REPORT_DUE_REMINDER_DAYS = envint("REPORT_DUE_REMINDER_DAYS", 3)
# Action plans: an action with no update this many days before the next meeting is flagged.
ACTIONS_NO_UPDATE_DAYS = envint("ACTIONS_NO_UPDATE_DAYS", 28)

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="quorum@nottinghamcity.gov.uk")
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
# Links in e-mails (alerts, confirmations, unsubscribe) start with this.
QUORUM_SITE_URL = env.str("QUORUM_SITE_URL", default="http://127.0.0.1:8000")
# The alerts form: at most this many requests an hour from one address, and for one e-mail address.
ALERTS_PER_IP_PER_HOUR = envint("ALERTS_PER_IP_PER_HOUR", 20)
ALERTS_PER_ADDRESS_PER_HOUR = envint("ALERTS_PER_ADDRESS_PER_HOUR", 3)

# The accessibility statement (Public Sector Bodies Accessibility Regulations 2018): who runs the
# site and how a person asks for another format or reports a problem.
ACCESSIBILITY_COUNCIL = env.str("ACCESSIBILITY_COUNCIL", default="Nottingham City Council")
ACCESSIBILITY_EMAIL = env.str("ACCESSIBILITY_EMAIL", default=DEFAULT_FROM_EMAIL)
ACCESSIBILITY_PHONE = env.str("ACCESSIBILITY_PHONE", default="0115 876 4298")
# The date of the last accessibility check of the site (ISO date): the statement says it was
# prepared then. Set it to the day of the next check whenever the site is checked again.
_ACCESSIBILITY_CHECKED = env.str("ACCESSIBILITY_LAST_CHECKED", default="2026-11-23")
try:
    ACCESSIBILITY_LAST_CHECKED = datetime.date.fromisoformat(_ACCESSIBILITY_CHECKED)
except ValueError:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"ACCESSIBILITY_LAST_CHECKED must be a date such as 2026-11-23, not {_ACCESSIBILITY_CHECKED!r}.") from None

# Login throttling (django-axes).
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
# Locked per account (whatever the address) and per account-and-address. A success clears only the
# failures of the account that signed in: signing in to one's own account from an address must
# not wipe the failures an attacker ran up there against other accounts. Recovery: README.
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# Production hardening: SECURE=true turns on what `check --deploy` asks for.
if env("SECURE"):
    if SECRET_KEY == DEV_SECRET_KEY:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("SECURE=true needs a SECRET_KEY of its own (the development key is public).")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy (django-csp 4): scripts only from our own static files, never inline.
# Styles: our own files, the SHA-256 of each fixed <style> block in the paper templates (added by
# core.headers), and a per-response nonce only where a library inserts a <style> element (none
# does now: the report editor's styles are a static file). No 'unsafe-inline' for scripts or styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        # Bootstrap's icons are data: SVGs in its stylesheet.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # pdf.js's worker (the pack reader) and the reader's offline service worker: our own files only.
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Request ids (django-guid): taken from the proxy's X-Request-ID when it is a valid UUID, made up
# otherwise, returned in the response's X-Request-ID header, passed on to every Celery task the
# request enqueues, and written on every log line. LOG_FORMAT=json writes one JSON object a line
# (python-json-logger) for a log collector; the default is one readable line.
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": True,
    "INTEGRATIONS": [CeleryIntegration(log_parent=True)],
}
_LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if _LOG_FORMAT not in ("text", "json"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {_LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "django_guid.log_filters.CorrelationId", "correlation_id_field": "request_id"},
        "task_ids": {"()": "django_guid.integrations.celery.log_filters.CeleryTracing"},
    },
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["asctime", "levelname", "name", "message", "request_id", "celery_parent_id", "celery_current_id"],
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id", "task_ids"], "formatter": _LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {"django_guid": {"level": "WARNING"}},
}
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"

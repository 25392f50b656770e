"""Jiazhou settings: one module, every environment value read through ``config.env``.

Works out of the box on SQLite under ``var/``; set ``DATABASE_URL`` for PostgreSQL. See
``.env.example`` for every variable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import pgettext_lazy

from jiazhou_web.config.env import env_bool, env_int, env_list, env_secret, env_str

django_stubs_ext.monkeypatch()  # lets admin/querysets take type parameters at run time

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(env_str("JIAZHOU_VAR_DIR", str(BASE_DIR / "var")))
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DEBUG 关闭时必须设置 SECRET_KEY / SECRET_KEY is required when DEBUG is off"
        )
    SECRET_KEY = "jiazhou-development-only-insecure-key"  # noqa: S105 - DEBUG only
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
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
    "django_htmx",
    "jiazhou_web.core",
    "jiazhou_web.accounts",
    "jiazhou_web.regions",
    "jiazhou_web.enterprises",
    "jiazhou_web.monitoring",
    "jiazhou_web.scoring",
    "jiazhou_web.pools",
    "jiazhou_web.supervision",
    "jiazhou_web.indices",
    "jiazhou_web.evaluations",
    # -- enterprise workspace and 企业诉求 (issue 15): add app lines directly below
    "jiazhou_web.workspace",
    "jiazhou_web.tickets",
    # -- 政策兑现 and 创新券 (issue 16)
    "jiazhou_web.subsidies",
    # -- 技术市场 (issue 17)
    "jiazhou_web.market",
    # -- 产业链图谱 and 考核 (issue 19)
    "jiazhou_web.chains",
    "jiazhou_web.assessments",
    # -- 科技项目, 创新平台, 人才 (issue 20)
    "jiazhou_web.projects",
    "jiazhou_web.platforms",
    "jiazhou_web.talent",
    # -- open API and operations (issue 21)
    "jiazhou_web.operations",
    "django_q",  # qcluster: schedules and background jobs (docs/adr/0021-background-jobs.md)
    "jiazhou_web.jobs",
    "ninja",  # the API docs page's Swagger UI from the package's own static files (no CDN)
    "jiazhou_web.api",
]

MIDDLEWARE = [
    "jiazhou_web.core.request_ids.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jiazhou_web.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jiazhou_web.core.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "jiazhou_web.core.failures.FailureMiddleware",
]
CSRF_FAILURE_VIEW = "jiazhou_web.core.error_views.csrf_failure"

ROOT_URLCONF = "jiazhou_web.config.urls"
WSGI_APPLICATION = "jiazhou_web.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["jiazhou_web.core.templatetags.zh"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jiazhou_web.core.context_processors.shell",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    # Connections live 60 s; each request first checks a reused one (CONN_HEALTH_CHECKS), so
    # after a database restart the next request reconnects instead of failing.
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("CONN_MAX_AGE", 60),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "jiazhou.sqlite3"),
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
            "CONN_HEALTH_CHECKS": True,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["jiazhou_web.accounts.backends.LockoutModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "jiazhou_web.accounts.password_validation.CharacterClassValidator"},
]
# 登录失败锁定: lock an account for LOGIN_LOCKOUT_MINUTES after this many failures in a row.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# ... per account from any addresses, and per client address over any accounts
# (accounts/throttle.py): LOGIN_MAX_FAILURES applies to one account from one address.
LOGIN_ACCOUNT_MAX_FAILURES = env_int("LOGIN_ACCOUNT_MAX_FAILURES", 20)
LOGIN_ADDRESS_MAX_FAILURES = env_int("LOGIN_ADDRESS_MAX_FAILURES", 50)
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
# HTTPS (check --deploy is clean with DEBUG off): redirect, HSTS, and the proxy header only
# when the deployment says its reverse proxy sets it, e.g.
# SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO=https (never trust it without a proxy).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer's plain-HTTP health check
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
_proxy_header = env_str("SECURE_PROXY_SSL_HEADER", "")
if _proxy_header:
    _name, _, _value = _proxy_header.partition("=")
    SECURE_PROXY_SSL_HEADER = (_name.strip(), _value.strip() or "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (core.csp.ContentSecurityPolicyMiddleware): scripts only from
# this site or inline with the per-request nonce; no framing, plugins or foreign form targets.
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", default=False)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Uploads: the import pages refuse anything larger with a clear message.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
# ... and any sheet with more data rows than this (the error file stays small and quick).
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 10_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "jiazhou@localhost")

# The city this deployment serves (GB/T 2260 code) and its name in the UI.
JIAZHOU_CITY_CODE = env_str("JIAZHOU_CITY_CODE", "511100")
# Its high-tech zone (regions data file code), the bureau that signs documents, and the
# 发文字号 prefixes (机关代字) of each document series (core/locality.py).
JIAZHOU_ZONE_CODE = env_str("JIAZHOU_ZONE_CODE", "LS-HTZ")
JIAZHOU_ISSUING_AUTHORITY = env_str("JIAZHOU_ISSUING_AUTHORITY", "乐山市科学技术局")
JIAZHOU_DOCUMENT_PREFIXES = {
    "notice_blue": env_str("JIAZHOU_PREFIX_NOTICE_BLUE", "乐科督提"),
    "notice": env_str("JIAZHOU_PREFIX_NOTICE", "乐科督"),
    "bulletin": env_str("JIAZHOU_PREFIX_BULLETIN", "乐科督通"),
    "monitoring_report": env_str("JIAZHOU_PREFIX_MONITORING_REPORT", "乐科监测"),
    "tickets_report": env_str("JIAZHOU_PREFIX_TICKETS_REPORT", "乐科诉析"),
}
JIAZHOU_SITE_TITLE = env_str("JIAZHOU_SITE_TITLE", "嘉州 · 乐山科技创新治理平台")
JIAZHOU_SHOW_SYNTHETIC = env_bool("JIAZHOU_SHOW_SYNTHETIC", default=True)

# 三张清单 supervision rules (working days; see supervision/rules.py).
SUPERVISION_DUE_SOON_WORKING_DAYS = env_int("SUPERVISION_DUE_SOON_WORKING_DAYS", 5)
SUPERVISION_REPLY_WORKING_DAYS = env_int("SUPERVISION_REPLY_WORKING_DAYS", 3)
SUPERVISION_REISSUE_WORKING_DAYS = env_int("SUPERVISION_REISSUE_WORKING_DAYS", 10)
SUPERVISION_ATTACHMENT_MAX_BYTES = env_int("SUPERVISION_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
# Virus-scan hook of every upload (core/virus_scan.py): unset = off; a dotted path to
# scan(bytes) -> finding | None, e.g. jiazhou_web.core.virus_scan.clamdscan (ClamAV daemon via
# `clamdscan --fdpass`). jiazhou_web.core.virus_scan.eicar_only knows only the EICAR test file
# (tests and demonstrations, not protection). A scanner that cannot answer refuses uploads
# unless JIAZHOU_VIRUS_SCAN_FAIL_CLOSED is false.
JIAZHOU_VIRUS_SCANNER = env_str("JIAZHOU_VIRUS_SCANNER") or None
JIAZHOU_CLAMDSCAN_COMMAND = env_list(
    "JIAZHOU_CLAMDSCAN_COMMAND", ["clamdscan", "--fdpass", "--no-summary", "--stdout"]
)
JIAZHOU_VIRUS_SCAN_TIMEOUT = env_int("JIAZHOU_VIRUS_SCAN_TIMEOUT", 30)
JIAZHOU_VIRUS_SCAN_FAIL_CLOSED = env_bool("JIAZHOU_VIRUS_SCAN_FAIL_CLOSED", default=True)

# The open API (/api/v1/, docs/adr/0025-open-api-django-ninja.md): requests per token in each
# fixed window (429 with Retry-After beyond it), the longest a personal token may live, and the
# page size (a client may ask for less, never more).
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 600)
API_RATE_WINDOW_SECONDS = env_int("API_RATE_WINDOW_SECONDS", 60)
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 365)
API_IDEMPOTENCY_DAYS = env_int("API_IDEMPOTENCY_DAYS", 7)  # manage.py prune_api_records
API_MAX_PAGE_SIZE = 200

# Background jobs (docs/adr/0021-background-jobs.md): django-q2 with the ORM broker — the queue
# is a table of this database (SQLite for `make run`, PostgreSQL in production), no Redis.
# A task is killed after `timeout` seconds and redelivered `retry` seconds after it was taken
# when it was not acknowledged (retry > timeout, or a running task would be delivered twice);
# a failed task is redelivered up to `max_attempts` times. Schedules (manage.py schedule_jobs)
# are read in TIME_ZONE; missed runs are not caught up after a stop (catch_up False).
Q_CLUSTER: dict[str, Any] = {
    "name": "jiazhou",
    "orm": "default",
    "workers": env_int("QCLUSTER_WORKERS", 2),
    "timeout": env_int("QCLUSTER_TIMEOUT", 1800),
    "retry": env_int("QCLUSTER_RETRY", 2100),
    "max_attempts": env_int("QCLUSTER_MAX_ATTEMPTS", 3),
    "save_limit": env_int("QCLUSTER_SAVE_LIMIT", 500),
    "catch_up": False,
    "time_zone": TIME_ZONE,
    "label": "后台任务 / Background tasks",
    "poll": 2,
    "queue_limit": 20,
}
# Exports of at least this many rows run as a background job (the page shows its progress and
# the file is downloaded from 我的后台任务); smaller exports are written inside the request.
EXPORT_JOB_MIN_ROWS = env_int("EXPORT_JOB_MIN_ROWS", 5000)
# The empty choice of every filter select reads 全部 / All, not Django's "---------".
FILTERS_EMPTY_CHOICE_LABEL = pgettext_lazy("filter", "All")
# The files of finished jobs are deleted this many days after the job finished (the job and
# its message stay; manage.py expire_job_files, scheduled daily at 04:00).
JOB_FILE_RETENTION_DAYS = env_int("JOB_FILE_RETENTION_DAYS", 30)

# Every log line carries the request ID (请求编号) shown on the error pages.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "jiazhou_web.core.request_ids.RequestIdLogFilter"}},
    "formatters": {
        "with_request_id": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
        },
        "json": {"()": "jiazhou_web.core.logjson.JsonFormatter"},  # LOG_FORMAT=json (issue 21)
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if env_str("LOG_FORMAT", "text") == "json" else "with_request_id",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

"""One settings module, driven by the environment.

DATABASE_URL   sqlite (default: var/fazhi.sqlite3) or postgres://…
SECRET_KEY     generated into var/secret_key on first run when unset
DEBUG          off unless "1"/"true"
ALLOWED_HOSTS  comma-separated, default 127.0.0.1,localhost
FAZHI_VAR      where the embedded database, secret key and uploads live (default ./var)
"""

import json
import os
import secrets
import sys
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap as xbootstrap
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("FAZHI_VAR", Path.cwd() / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


# Under pytest: plain static storage (no collectstatic) and the test client's host.
TESTING = _flag("FAZHI_TESTING") or "pytest" in sys.modules

SECRET_KEY = _secret_key()
DEBUG = _flag("DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
if TESTING:
    ALLOWED_HOSTS.append("testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # django-ninja as an app: /api/docs then loads Swagger UI from its static files (served
    # by the app) instead of a CDN, so the docs page works on an intranet under the CSP.
    "ninja",
    "fazhi.core",
    "fazhi.plans",
    "fazhi.indicators",
    "fazhi.legal",
    "fazhi.consultation",
    "fazhi.decisions",
    "fazhi.documents",
    "fazhi.enforcement",
    "fazhi.inspections",
    "fazhi.reconsideration",
    "fazhi.disclosure",
    "fazhi.mediation",
    "fazhi.learning",
    "fazhi.reports",
    "fazhi.portal",
    "fazhi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "fazhi.core.middleware.SecurityHeadersMiddleware",
    # Outside the session and CSRF middleware, so it sees the cookies they set.
    "fazhi.core.middleware.SecureCookiesOverHttpsMiddleware",
    # Control characters in the path, query, form fields, JSON and cookies: removed or
    # refused with 400 here, once, before the session, any view or the database sees them.
    "fazhi.core.middleware.CleanInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After auth and messages: logs out a session idle for FAZHI_SESSION_IDLE_MINUTES.
    "fazhi.core.sessions.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Innermost, so the JSON it gives /api/ errors still gets the headers set above.
    "fazhi.core.middleware.ApiJsonErrorsMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.core.context.navigation",
                "fazhi.portal.context.portal",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'fazhi.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the portal read while a clerk writes; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue instead of failing half-way.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not memory: threads in tests (live server, concurrency) share it with locking.
    # One file per test process, so two test runs in one checkout never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}

AUTH_USER_MODEL = "core.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "fazhi.core.passwords.PersonalInfoValidator"},
    {"NAME": "fazhi.core.passwords.PatternValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:board"
LOGOUT_REDIRECT_URL = "core:login"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end libraries from the npm registry, pinned in assets/package-lock.json and
# installed by `make install` (npm ci) into assets/node_modules: served by the app like
# Bootstrap, never from a CDN (architecture.md). FAZHI_ASSETS_DIR points elsewhere when the
# package is installed outside the checkout.
ASSETS_DIR = Path(os.environ.get("FAZHI_ASSETS_DIR") or BASE_DIR.parent / "assets" / "node_modules")
STATICFILES_DIRS = [
    ("vendor/bootstrap", xbootstrap.BASE_DIR),
    ("vendor/chartjs", ASSETS_DIR / "chart.js" / "dist"),
    ("vendor/tom-select/js", ASSETS_DIR / "tom-select" / "dist" / "js"),
    ("vendor/tom-select/css", ASSETS_DIR / "tom-select" / "dist" / "css"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (styles.1a2b3c4d5e6f.css) that WhiteNoise serves with a far-future
    # Cache-Control, plus gzip copies; `fazhi serve`, `fazhi demo` and `fazhi migrate`
    # run collectstatic, so pages render with DEBUG off however the install was set up.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def _storage_from_env() -> dict | None:
    """The default (attachments) storage named by FAZHI_STORAGE_BACKEND, with the keyword
    arguments of FAZHI_STORAGE_OPTIONS (a JSON object), so several app servers can share
    S3-compatible object storage (e.g. django-storages' ``storages.backends.s3.S3Storage``,
    installed by the deployer) without a code change."""
    backend = os.environ.get("FAZHI_STORAGE_BACKEND", "").strip()
    if not backend:
        return None
    raw = os.environ.get("FAZHI_STORAGE_OPTIONS", "").strip() or "{}"
    try:
        options = json.loads(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"FAZHI_STORAGE_OPTIONS 不是有效的 JSON：{exc}") from exc
    if not isinstance(options, dict):
        raise ImproperlyConfigured(
            'FAZHI_STORAGE_OPTIONS 应为 JSON 对象，如 {"bucket_name": "fazhi"}'
        )
    return {"BACKEND": backend, "OPTIONS": options}


# Attachment storage from the environment (default: files under FAZHI_VAR/media).
_DEFAULT_STORAGE = _storage_from_env()
if _DEFAULT_STORAGE:
    STORAGES["default"] = _DEFAULT_STORAGE
if TESTING:
    # Tests create many accounts; the production hasher is deliberately slow.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
MEDIA_ROOT = VAR_DIR / "media"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
FAZHI_BEHIND_PROXY = _flag("FAZHI_BEHIND_PROXY")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if _flag("FAZHI_BEHIND_PROXY") else None
)
CSRF_FAILURE_VIEW = "fazhi.portal.views.csrf_failure"
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
# Content-Security-Policy: everything from this origin only (no CDN, no inline script).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# HTTPS deployment (FAZHI_HTTPS=1, served through TLS, usually by nginx with
# FAZHI_BEHIND_PROXY=1): redirect HTTP to HTTPS, HSTS (default one year, subdomains and
# preload on, each configurable), cookies only over HTTPS. With the flag off (plain-HTTP
# intranets) none of this is set and SecureCookiesOverHttpsMiddleware still marks cookies
# Secure on any request that did arrive over HTTPS. `fazhi check --deploy` is clean with the
# flag on, a real SECRET_KEY and DEBUG off (core/tests/test_https_settings.py).
FAZHI_HTTPS = _flag("FAZHI_HTTPS")
if FAZHI_HTTPS:
    SECURE_SSL_REDIRECT = _flag("FAZHI_SSL_REDIRECT", True)
    # The load balancer probes /healthz over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("FAZHI_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("FAZHI_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = _flag("FAZHI_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Login throttling (core/throttle.py): this many failures for one account at one address
# within the window lock that pair for the window (four times as many lock the address);
# over all addresses, an account's failures beyond SLOW_AFTER make each further attempt
# wait twice as long as the last, at most MAX_DELAY seconds: slowed, never locked out.
FAZHI_LOGIN_MAX_FAILURES = int(os.environ.get("FAZHI_LOGIN_MAX_FAILURES", "5"))
FAZHI_LOGIN_WINDOW_MINUTES = int(os.environ.get("FAZHI_LOGIN_WINDOW_MINUTES", "15"))
FAZHI_LOGIN_ACCOUNT_SLOW_AFTER = int(os.environ.get("FAZHI_LOGIN_ACCOUNT_SLOW_AFTER", "10"))
FAZHI_LOGIN_ACCOUNT_MAX_DELAY_SECONDS = int(
    os.environ.get("FAZHI_LOGIN_ACCOUNT_MAX_DELAY_SECONDS", "120")
)

# Sessions and passwords (core/sessions.py, core/passwords.py): an office session ends
# after this many idle minutes and when the browser closes, unless “记住我” was ticked at
# login (then it lasts REMEMBER_DAYS, still ending after the idle time).
FAZHI_SESSION_IDLE_MINUTES = int(os.environ.get("FAZHI_SESSION_IDLE_MINUTES", "120"))
FAZHI_SESSION_REMEMBER_DAYS = int(os.environ.get("FAZHI_SESSION_REMEMBER_DAYS", "14"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = FAZHI_SESSION_REMEMBER_DAYS * 24 * 3600

# Attachments: size limit and the allow-list of sniffed types (see core/sniff.py).
FAZHI_UPLOAD_MAX_BYTES = int(os.environ.get("FAZHI_UPLOAD_MAX_BYTES", str(50 * 1024 * 1024)))
FAZHI_UPLOAD_ALLOWED = os.environ.get(
    "FAZHI_UPLOAD_ALLOWED", "pdf,ofd,docx,xlsx,pptx,doc,xls,png,jpeg,gif,txt,csv,zip"
).split(",")
# Request size limits. A request body other than file uploads (form fields, JSON) may be at
# most 10 MB (a pasted plan or notice is well under 1 MB), with at most 10,000 fields (above
# Django's 1,000: a 清理 may tick a whole district's stock of normative documents at once);
# more is answered 400. Uploads stream to disk past 5 MB and are capped by
# FAZHI_UPLOAD_MAX_BYTES. The reverse proxy's body limit
# (nginx client_max_body_size, docs/deploy.md) must be at least FAZHI_UPLOAD_MAX_BYTES.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000
DATA_UPLOAD_MAX_NUMBER_FILES = 100
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

NINJA_PAGINATION_PER_PAGE = 50
# Every paginated API route validates limit (1—500) and offset (see core/pagination.py):
# garbage or numbers past the database's range are answered 422, never 500.
NINJA_PAGINATION_CLASS = "fazhi.core.pagination.LimitOffset"
NINJA_PAGINATION_MAX_LIMIT = 500

# The installation's public address (e.g. https://fzzf.example.gov.cn): links in exported
# reports' 数据来源 appendix are made absolute with it; empty leaves them as site paths.
FAZHI_SITE_URL = os.environ.get("FAZHI_SITE_URL", "").strip()

# A returned progress report must be resubmitted within this many working days.
FAZHI_PLAN_RESUBMIT_DAYS = int(os.environ.get("FAZHI_PLAN_RESUBMIT_DAYS", "5"))


def _int_map(name: str) -> dict[str, int]:
    """A per-kind table from the environment: ``kind=days,kind=days`` (empty = national defaults)."""
    out: dict[str, int] = {}
    for part in os.environ.get(name, "").split(","):
        if "=" in part:
            kind, _, days = part.partition("=")
            out[kind.strip()] = int(days)
    return out


# Legality review (legal/conf.py holds the national defaults and their sources):
# minimum review time and review period per subject kind, in working days, and the code of
# the reviewing 法制机构 (default: the unit whose name contains 司法局).
FAZHI_LEGAL_MIN_WORKING_DAYS = _int_map("FAZHI_LEGAL_MIN_WORKING_DAYS")
FAZHI_LEGAL_MAX_WORKING_DAYS = _int_map("FAZHI_LEGAL_MAX_WORKING_DAYS")
FAZHI_LEGAL_REVIEW_UNIT = os.environ.get("FAZHI_LEGAL_REVIEW_UNIT", "")

# Online consultation: minimum period per kind in calendar days (条例 第15条: 30 days for major
# decisions), comments per client per hour on one consultation and over all of them, and the
# working days after closing within which the summary of comments is due.
FAZHI_CONSULTATION_MIN_DAYS = _int_map("FAZHI_CONSULTATION_MIN_DAYS")
FAZHI_CONSULTATION_RATE = int(os.environ.get("FAZHI_CONSULTATION_RATE", "5"))
FAZHI_CONSULTATION_RATE_GLOBAL = int(os.environ.get("FAZHI_CONSULTATION_RATE_GLOBAL", "20"))
FAZHI_CONSULTATION_SUMMARY_DAYS = int(os.environ.get("FAZHI_CONSULTATION_SUMMARY_DAYS", "10"))

# Major decisions: working days after the collective decision within which it is published.
FAZHI_DECISION_PUBLISH_DAYS = int(os.environ.get("FAZHI_DECISION_PUBLISH_DAYS", "20"))

# Normative documents: filing period (days after publication, 法规规章备案条例 第3条 / 地方规定),
# default validity, validity of 暂行/试行 documents, and months before expiry an evaluation is due.
FAZHI_DOCUMENT_FILING_DAYS = int(os.environ.get("FAZHI_DOCUMENT_FILING_DAYS", "30"))
FAZHI_DOCUMENT_VALID_YEARS = int(os.environ.get("FAZHI_DOCUMENT_VALID_YEARS", "5"))
FAZHI_DOCUMENT_TRIAL_YEARS = int(os.environ.get("FAZHI_DOCUMENT_TRIAL_YEARS", "2"))
FAZHI_DOCUMENT_EVALUATE_MONTHS = int(os.environ.get("FAZHI_DOCUMENT_EVALUATE_MONTHS", "6"))

# Normative documents: a filing period whose last day is a holiday or rest day ends on the
# next working day (民法典 第二百零三条; documents/rules.py). Off only if a provincial rule
# says otherwise.
FAZHI_DOCUMENT_FILING_ROLL_FORWARD = _flag("FAZHI_DOCUMENT_FILING_ROLL_FORWARD", True)

# Enforcement (fazhi/enforcement/conf.py gives each number's legal source). Decision periods
# (行政处罚法 第60条 90 days; 行政许可法 第42条 20+10 working days; other kinds: district rule),
# hearing request (5 working days) and notice (7 days), summary-procedure limits (第51条),
# publication (国办发〔2018〕118号: 7 working days for 许可/处罚, 20 for others), withdrawal
# (第48条, 3 working days), the hearing fine thresholds, penalty extension (市场监管 30 days)
# and the officers' yearly training hours.
for _name, _default in {
    "FAZHI_ENFORCEMENT_PENALTY_DAYS": 90,
    "FAZHI_ENFORCEMENT_PENALTY_EXTENSION_DAYS": 30,
    "FAZHI_ENFORCEMENT_LICENSE_WORKING_DAYS": 20,
    "FAZHI_ENFORCEMENT_LICENSE_EXTENSION_DAYS": 10,
    "FAZHI_ENFORCEMENT_OTHER_DAYS": 90,
    "FAZHI_ENFORCEMENT_HEARING_REQUEST_DAYS": 5,
    "FAZHI_ENFORCEMENT_HEARING_NOTICE_DAYS": 7,
    "FAZHI_ENFORCEMENT_SUMMARY_LIMIT_PERSON": 200,
    "FAZHI_ENFORCEMENT_SUMMARY_LIMIT_ORGANISATION": 3000,
    "FAZHI_ENFORCEMENT_PUBLISH_DAYS_LICENSE_PENALTY": 7,
    "FAZHI_ENFORCEMENT_PUBLISH_DAYS_OTHER": 20,
    "FAZHI_ENFORCEMENT_WITHDRAW_DAYS": 3,
    "FAZHI_ENFORCEMENT_HEARING_FINE_PERSON": 10000,
    "FAZHI_ENFORCEMENT_HEARING_FINE_ORGANISATION": 100000,
    "FAZHI_ENFORCEMENT_TRAINING_HOURS": 60,
    "FAZHI_ENFORCEMENT_CERTIFICATE_WARN_DAYS": 60,
    # 送达 of a penalty decision to a party not present: 7 working days (第61条、第85条).
    "FAZHI_ENFORCEMENT_SERVICE_DAYS": 7,
}.items():
    globals()[_name] = int(os.environ.get(_name, str(_default)))

# 双随机、一公开 (fazhi/inspections/conf.py gives each number's source): default sampling
# ratios per credit-risk class A,B,C,D (no national percentages: the platform's own, A lower
# and D much higher, 国市监信发〔2022〕6号), result publication (20 working days from the
# check), inspectors per department per entity, rows per batch of the entity import.
FAZHI_INSPECTIONS_RATIOS = dict(
    zip(
        "ABCD",
        os.environ.get("FAZHI_INSPECTIONS_RATIOS", "0.01,0.03,0.05,0.10").split(","),
        strict=True,
    )
)
for _name, _default in {
    "FAZHI_INSPECTIONS_PUBLISH_DAYS": 20,
    "FAZHI_INSPECTIONS_PER_DEPARTMENT": 2,
    "FAZHI_INSPECTIONS_IMPORT_BATCH": 5000,
}.items():
    globals()[_name] = int(os.environ.get(_name, str(_default)))

# Enforcement case ledger uploaded from the office page (enforcement/views_ledger.py): the
# largest file (MB) and number of data rows one request takes; larger ledgers go through the
# command `fazhi enforcement import`, which streams and shows its progress.
FAZHI_ENFORCEMENT_LEDGER_MAX_MB = int(os.environ.get("FAZHI_ENFORCEMENT_LEDGER_MAX_MB", "10"))
FAZHI_ENFORCEMENT_LEDGER_MAX_ROWS = int(
    os.environ.get("FAZHI_ENFORCEMENT_LEDGER_MAX_ROWS", "20000")
)

# Document library search (documents/search.py): matches are counted up to this number;
# above it a list says 超过N件 and offers its first N only (refine rather than page on).
FAZHI_SEARCH_COUNT_CAP = int(os.environ.get("FAZHI_SEARCH_COUNT_CAP", "1000"))

# Scheduled jobs and notifications (core/jobs.py, core/notify.py; README "定时任务与通知").
# Mail goes through Django's SMTP settings; the mail channel is on when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS")
EMAIL_USE_SSL = _flag("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "fazhi@localhost")
FAZHI_NOTIFY_EMAIL = bool(EMAIL_HOST)
# Optional webhook of a 政务即时通讯 robot (钉钉/企业微信-style): URL, body template with
# $title $body $link $recipient $username $unit $kind (values JSON-escaped when the content
# type is JSON), content type and timeout in seconds.
FAZHI_WEBHOOK_URL = os.environ.get("FAZHI_WEBHOOK_URL", "")
FAZHI_WEBHOOK_TEMPLATE = os.environ.get(
    "FAZHI_WEBHOOK_TEMPLATE",
    '{"msgtype": "text", "text": {"content": "$title\\n$body\\n$link"}}',
)
FAZHI_WEBHOOK_CONTENT_TYPE = os.environ.get("FAZHI_WEBHOOK_CONTENT_TYPE", "application/json")
FAZHI_WEBHOOK_TIMEOUT = float(os.environ.get("FAZHI_WEBHOOK_TIMEOUT", "5"))
# immediate | digest for people who have not chosen; the daily digest goes out on the
# first run at or after this local hour.
FAZHI_NOTIFY_DEFAULT_MODE = os.environ.get("FAZHI_NOTIFY_DEFAULT_MODE", "immediate")
FAZHI_DIGEST_HOUR = int(os.environ.get("FAZHI_DIGEST_HOUR", "8"))
# Reminder lead days: annual 法治政府建设 report (publish by 1 April), 政府信息公开工作年度报告
# (by 31 January); the calendar of next year is asked for from this month/day on.
FAZHI_REPORT_REMIND_DAYS = int(os.environ.get("FAZHI_REPORT_REMIND_DAYS", "30"))
FAZHI_DISCLOSURE_REMIND_DAYS = int(os.environ.get("FAZHI_DISCLOSURE_REMIND_DAYS", "15"))
FAZHI_CALENDAR_REMIND_FROM = (11, 1)

# The 工作台's 即将到期: every clock due within this many working days (on the working-day
# calendar), whatever its kind; clocks due more than FAZHI_BOARD_FAR_DAYS calendar days
# ahead (a 规范性文件's five-year evaluation) leave the default view and are shown on request.
FAZHI_DUE_SOON_WORKDAYS = int(os.environ.get("FAZHI_DUE_SOON_WORKDAYS", "10"))
FAZHI_BOARD_FAR_DAYS = int(os.environ.get("FAZHI_BOARD_FAR_DAYS", "365"))
# 驾驶舱 (leaders' and coordinators' landing page): the key indicators shown with their
# three-year trend (indicator codes, comma-separated; the defaults are the rates a 法治政府
# assessment watches most).
FAZHI_COCKPIT_INDICATORS = [
    c.strip()
    for c in os.environ.get(
        "FAZHI_COCKPIT_INDICATORS",
        "litigation.head_appearance_rate,litigation.loss_rate,reconsideration.correction_rate,"
        "documents.legality_review_rate,decisions.legality_review_rate,documents.filing_rate",
    ).split(",")
    if c.strip()
]

# Enforcement: case-file review and supervision (fazhi/enforcement/conf_review.py). Handling
# period of a complaint about enforcement in calendar days from acceptance (信访工作条例
# 第32条: 60), and the (month, day) by which an agency publishes last year's 行政执法数据
# (国办发〔2018〕118号: 31 January).
FAZHI_ENFORCEMENT_COMPLAINT_DAYS = int(os.environ.get("FAZHI_ENFORCEMENT_COMPLAINT_DAYS", 60))
FAZHI_ENFORCEMENT_ANNUAL_DATA_DUE = (1, 31)

# 双随机、一公开 portal: the largest copy of a draw's result a member of the public may paste
# or upload on the verify page (bytes). A result line is about 50 bytes: a 3% draw from a
# 5,000,000-entity pool (150,000 lines) is about 7.5 MB.
FAZHI_INSPECTIONS_VERIFY_MAX_BYTES = int(
    os.environ.get("FAZHI_INSPECTIONS_VERIFY_MAX_BYTES", str(8 * 1024 * 1024))
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# 行政复议与应诉 (fazhi/reconsideration/conf.py gives each period's legal source): the code of
# the 行政复议机构 unit that receives applications (default: the unit whose name contains
# 司法局). The periods themselves are settings named in conf.py (FAZHI_RECON_*,
# FAZHI_LITIGATION_*, FAZHI_SUGGESTION_*); their defaults are the law's.
FAZHI_RECON_BODY_UNIT = os.environ.get("FAZHI_RECON_BODY_UNIT", "")

# 政府信息公开工作年度报告 (fazhi/disclosure/annual/scope.py): the unit whose staff read every
# unit's report besides the coordinators (a unit code; default: the unit named 司法局).
FAZHI_DISCLOSURE_SUPERVISOR_UNIT = os.environ.get("FAZHI_DISCLOSURE_SUPERVISOR_UNIT", "")

# 行政复议 portal (fazhi/reconsideration/public_throttle.py): per client address and window
# (minutes), the applications sent and the failed status look-ups (wrong number or query code)
# allowed before the portal asks to wait.
FAZHI_RECON_RATE_WINDOW_MINUTES = int(os.environ.get("FAZHI_RECON_RATE_WINDOW_MINUTES", "60"))
FAZHI_RECON_APPLY_RATE = int(os.environ.get("FAZHI_RECON_APPLY_RATE", "5"))
FAZHI_RECON_STATUS_TRIES = int(os.environ.get("FAZHI_RECON_STATUS_TRIES", "10"))

# 政府信息公开 documents out (fazhi/disclosure/services/documents.py): the 机关代字 of each
# agency's 发文字号 (GB/T 9704-2012 7.2.4), as unit-code=代字 pairs, comma-separated
# ("D23=示区市监,G00=示区府"); a unit not listed uses its government's district name and its
# own short name (测试区市场监管局公开答〔2025〕3号).
FAZHI_DISCLOSURE_DOC_PREFIX = os.environ.get("FAZHI_DISCLOSURE_DOC_PREFIX", "")
# The way of paying the 信息处理费 printed on the fee notice (empty: "contact the agency's
# 政府信息公开工作机构").
FAZHI_DISCLOSURE_FEE_PAYMENT_WAY = os.environ.get("FAZHI_DISCLOSURE_FEE_PAYMENT_WAY", "")

# 政府信息公开 portal (fazhi/disclosure/public_requests.py, counted by core.portal_throttle):
# per client address and window (minutes), the online requests sent and the failed status
# look-ups (wrong number, query code or link) allowed before the portal asks to wait.
FAZHI_DISCLOSURE_RATE_WINDOW_MINUTES = int(
    os.environ.get("FAZHI_DISCLOSURE_RATE_WINDOW_MINUTES", "60")
)
FAZHI_DISCLOSURE_APPLY_RATE = int(os.environ.get("FAZHI_DISCLOSURE_APPLY_RATE", "10"))
FAZHI_DISCLOSURE_STATUS_TRIES = int(os.environ.get("FAZHI_DISCLOSURE_STATUS_TRIES", "10"))

"""HTTPS deployment settings (FAZHI_HTTPS=1): `fazhi check --deploy` is clean under them,
plain-HTTP intranets keep working without them. Each run is a fresh process, since the
settings are read from the environment at start-up."""

import json
import os
import secrets
import subprocess
import sys

import pytest

PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "fazhi.example.gov.cn",
    "CSRF_TRUSTED_ORIGINS": "https://fazhi.example.gov.cn",
}


def fazhi(tmp_path, env_extra, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAZHI_", "DEBUG"))}
    env.pop("SECRET_KEY", None)
    # Set by tests that drive a live server from a browser in this process; never in production.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(
        FAZHI_VAR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        **env_extra,
    )
    return subprocess.run(
        [sys.executable, "-m", "fazhi", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def deploy_check(tmp_path, env_extra):
    done = fazhi(tmp_path, env_extra, "check", "--deploy", "--fail-level", "WARNING")
    return done.returncode, done.stdout + done.stderr


def test_check_deploy_is_clean_over_https(tmp_path):
    rc, output = deploy_check(tmp_path, {**PRODUCTION, "FAZHI_HTTPS": "1"})
    assert rc == 0, output
    assert "System check identified no issues" in output


def test_without_the_flag_the_https_warnings_remain(tmp_path):
    """Plain HTTP (an intranet without TLS): no redirect, no HSTS, cookies not Secure-only —
    exactly what check --deploy warns about."""
    rc, output = deploy_check(tmp_path, PRODUCTION)
    assert rc != 0
    for code in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert code in output, output


SHOW = (
    "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k)"
    " for k in ['SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS',"
    " 'SECURE_HSTS_PRELOAD', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
    " 'SECURE_REDIRECT_EXEMPT']}))"
)


def effective(tmp_path, env_extra):
    done = fazhi(tmp_path, {**PRODUCTION, **env_extra}, "shell", "-c", SHOW)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("env_extra", "expected"),
    [
        (
            {},
            {
                "SECURE_SSL_REDIRECT": False,
                "SECURE_HSTS_SECONDS": 0,
                "SESSION_COOKIE_SECURE": False,
                "CSRF_COOKIE_SECURE": False,
            },
        ),
        (
            {"FAZHI_HTTPS": "1"},
            {
                "SECURE_SSL_REDIRECT": True,
                "SECURE_HSTS_SECONDS": 31536000,
                "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
                "SECURE_HSTS_PRELOAD": True,
                "SESSION_COOKIE_SECURE": True,
                "CSRF_COOKIE_SECURE": True,
                "SECURE_REDIRECT_EXEMPT": ["^healthz$"],
            },
        ),
        (
            {
                "FAZHI_HTTPS": "1",
                "FAZHI_HSTS_SECONDS": "3600",
                "FAZHI_HSTS_INCLUDE_SUBDOMAINS": "0",
                "FAZHI_HSTS_PRELOAD": "0",
                "FAZHI_SSL_REDIRECT": "0",
            },
            {
                "SECURE_SSL_REDIRECT": False,
                "SECURE_HSTS_SECONDS": 3600,
                "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
                "SECURE_HSTS_PRELOAD": False,
                "SESSION_COOKIE_SECURE": True,
            },
        ),
    ],
)
def test_https_settings_from_the_environment(tmp_path, env_extra, expected):
    got = effective(tmp_path, env_extra)
    assert {k: got[k] for k in expected} == expected

"""Headers and settings a production deployment depends on: CSP without inline script,
HSTS and the https redirect from the environment, SECRET_KEY refused when short and
reported when missing, and `check --deploy` clean with a production environment."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.claims.factories import ClaimFactory

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "9f3b1c7e-5d2a-4e8b-a6c0-" + "z" * 20
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "conflictwatch.example.org",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
    environment.update({"CONFLICTWATCH_VAR_DIR": "/tmp/cw-trust-settings", **env})
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_a_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_missing_secret_key_is_reported_by_the_projects_check_not_a_traceback():
    result = manage("check", "--deploy", **{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "conflictwatch.E001" in result.stderr and "Traceback" not in result.stderr


def test_a_short_secret_key_is_refused_outside_debug():
    key = "short-but-not-fifty-characters-long-0123456789"
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": key})
    assert result.returncode != 0
    assert "at least 50" in result.stderr
    assert manage("check", **{**PRODUCTION, "SECRET_KEY": key, "DEBUG": "true"}).returncode == 0


def test_hsts_and_the_https_redirect_come_from_the_environment():
    probe = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD)"
    )
    on = manage("shell", "-v", "0", "-c", probe, **PRODUCTION)
    assert on.stdout.split() == ["True", "31536000", "True"], on.stderr
    # Unset (as in these tests' own environment): off, so plain-http setups keep working.
    assert (settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS) == (False, 0)


@pytest.mark.django_db
def test_pages_send_a_policy_that_forbids_inline_script(client):
    claim = ClaimFactory()
    for url in ("/settlements/", f"/settlements/{claim.settlement_id}/", "/api/v1/docs/"):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        script_src = re.search(r"script-src ([^;]*)", policy).group(1)
        assert script_src.split() == ["'self'"], url
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


TEMPLATES = ROOT / "templates"


def test_no_template_carries_inline_script_or_event_handlers():
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I)
    handler = re.compile(r"\son[a-z]+\s*=", re.I)
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not inline.search(text), path
        assert not handler.search(text), path

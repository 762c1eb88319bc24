"""The documented production settings pass Django's deployment checks; bad ones stop start-up."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(tmp_path, *args, **env):
    # The test process's own switches (test settings, the browser tests' async allowance) are
    # not part of a production environment.
    unset = ("DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment.update(DJANGO_SETTINGS_MODULE="osce_kb.settings", VAR_DIR=str(tmp_path), **env)
    environment.setdefault("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_debug_off_a_secret_key_and_allowed_hosts(tmp_path):
    result = _manage(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x7Gm2pQ9vL4sT8wZ1nB6cR3yH5kJ0dF2aE9uW7iO4pL1mN8qS6tV3xY5zC2bD0gK",
        ALLOWED_HOSTS="kb.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_off_without_a_secret_key_is_a_clear_start_up_error(tmp_path):
    result = _manage(tmp_path, "check", DEBUG="0", ALLOWED_HOSTS="kb.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_setting_with_a_bad_value_is_refused_by_name(tmp_path):
    result = _manage(tmp_path, "check", SECURE_SSL_REDIRECT="perhaps")
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT='perhaps' is not a boolean" in result.stderr


def test_a_trusted_proxy_that_is_not_an_address_is_refused(tmp_path):
    result = _manage(tmp_path, "check", TRUSTED_PROXIES="10.0.0.1,proxy.example.org")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES: 'proxy.example.org' is not an address or network" in result.stderr

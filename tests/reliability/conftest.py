"""A real site for fault and load tests: gunicorn over its own PostgreSQL database.

These tests restart PostgreSQL, kill processes and generate load, so they run only with
``make reliability`` (marker ``reliability``), never inside ``make test``.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
DATABASE = "osce_kb_reliability"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_environment(var_dir: Path) -> dict[str, str]:
    unset = ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")  # the test process's own
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(
        DJANGO_SETTINGS_MODULE="osce_kb.settings",
        DATABASE_URL=DATABASE_URL,
        VAR_DIR=str(var_dir),
        DEBUG="0",
        SECRET_KEY="reliability-tests-secret-key-that-is-long-enough-0123456789",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_CONN_MAX_AGE="60",
        API_THROTTLE_ANON_RATE="100000/minute",
    )
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c", sql],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="session")
def site_env(tmp_path_factory):
    """A fresh database with the bundled corpus and its index, and the environment to reach it."""
    var_dir = tmp_path_factory.mktemp("site-var")
    _psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    _psql(f"CREATE DATABASE {DATABASE}")
    env = site_environment(var_dir)
    for step in (
        ["migrate", "--noinput"],
        ["load_corpus"],
        ["search_index", "rebuild"],
        ["collectstatic", "--noinput"],
    ):
        result = manage(env, *step)
        assert result.returncode == 0, f"{step}: {result.stderr[-2000:]}"
    return env


@pytest.fixture(scope="session")
def live_site(site_env):
    """gunicorn serving the site; yields its base URL."""
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "osce_kb.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=site_env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            requests.get(base + "/", timeout=2)
            break
        except requests.ConnectionError:
            time.sleep(0.2)
    yield base
    server.terminate()
    server.wait(timeout=30)

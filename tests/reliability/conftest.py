"""A real site for fault and load tests: gunicorn over its own PostgreSQL database.

These tests restart PostgreSQL, kill processes and generate load, so they run only with
``make reliability`` (marker ``reliability``), never inside ``make test``.
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
# A run of some cases beside another one gives them a database of their own.
DATABASE = os.environ.get("RELIABILITY_DATABASE", "osce_kb_reliability")
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


# How long gunicorn may take to answer its first page (it imports Django and opens the index).
START_SECONDS = 60


@contextlib.contextmanager
def serve(env: dict[str, str]):
    """gunicorn serving the site with ``env``; yields its base URL once it answers."""
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "osce_kb.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4", "--log-level", "warning",
        ],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_it_answers(server, base)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_until_it_answers(server: subprocess.Popen, base: str) -> None:
    # A busy machine makes the first answer slow: a refused connection and a read timeout
    # both mean "not yet", until the bound; a server that exits is a failure at once.
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited with status {server.returncode} before answering")
        try:
            requests.get(base + "/", timeout=5)
            return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.5)
    pytest.fail(f"gunicorn did not answer {base}/ within {START_SECONDS} s")


@pytest.fixture(scope="session")
def live_site(site_env):
    """gunicorn serving the site; yields its base URL."""
    with serve(site_env) as base:
        yield base

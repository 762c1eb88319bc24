"""PostgreSQL restarted under live traffic: requests fail cleanly, then the site recovers."""

import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import requests

pytestmark = pytest.mark.reliability


def _restart_postgres() -> None:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[0]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        capture_output=True,
        timeout=120,
    )


def test_requests_fail_cleanly_during_a_restart_and_succeed_after(live_site):
    statuses: Counter[int] = Counter()
    errors: list[str] = []
    stop = threading.Event()

    def traffic():
        while not stop.is_set():
            for path in ("/", "/search/?q=migration", "/api/search/?q=border"):
                try:
                    statuses[requests.get(live_site + path, timeout=30).status_code] += 1
                except requests.RequestException as exc:
                    errors.append(repr(exc))

    workers = [threading.Thread(target=traffic) for _ in range(4)]
    for worker in workers:
        worker.start()
    time.sleep(2)
    _restart_postgres()
    time.sleep(3)
    stop.set()
    for worker in workers:
        worker.join()

    assert errors == [], "the server must keep answering"
    assert set(statuses) <= {200, 503}, statuses
    # Without restarting the app, every page answers again.
    for path in ("/", "/search/?q=migration", "/api/search/?q=border"):
        assert requests.get(live_site + path, timeout=30).status_code == 200
    print(f"statuses during the restart: {dict(statuses)}")

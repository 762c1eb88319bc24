"""Faults in the Whoosh index's writers: a writer killed mid-write, two rebuilds at once."""

import contextlib
import io
import signal
import subprocess
import sys
import time

import pytest
from django.core.management import call_command

from commitments.models import Provision
from search import SearchRequest, search_provisions
from tests.search.library import build_library
from tests.search.test_concurrent_writers import ROOT, child_environment

pytestmark = pytest.mark.django_db(transaction=True)  # other processes must see the rows


def _differences() -> str:
    report = io.StringIO()
    with contextlib.suppress(SystemExit):
        call_command("search_index", "check", stdout=report)
    return report.getvalue()


def _writer(env, rounds: int, go, ids):
    return subprocess.Popen(
        [sys.executable, "-m", "tests.search.writer_process", "0", str(rounds), str(go), *map(str, ids)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_writer_killed_mid_write_leaves_a_searchable_index_that_update_repairs(
    whoosh_index, settings, tmp_path
):
    build_library()
    whoosh_index.rebuild()
    ids = list(Provision.objects.published().values_list("pk", flat=True))
    env = child_environment("whoosh", settings.SEARCH_INDEX_DIR, tmp_path / "var")
    go = tmp_path / "go"
    go.touch()
    writer = _writer(env, 10_000, go, ids)
    time.sleep(4)
    assert writer.poll() is None, writer.communicate()[1]
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)

    results = search_provisions(SearchRequest(query="wrote"))  # the killed writer's texts
    assert results.backend == "whoosh" and results.total > 0

    call_command("search_index", "update", stdout=io.StringIO())
    assert "0 differences found." in _differences()
    # The killed writer's lock is gone with it: the next writer finishes.
    survivor = _writer(env, 3, go, ids)
    _, err = survivor.communicate(timeout=120)
    assert survivor.returncode == 0, err
    assert "0 differences found." in _differences()


def test_two_rebuilds_at_once_leave_one_complete_index(whoosh_index, settings, tmp_path):
    build_library()
    env = child_environment("whoosh", settings.SEARCH_INDEX_DIR, tmp_path / "var")
    rebuilds = [
        subprocess.Popen(
            [sys.executable, "manage.py", "search_index", "rebuild"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outcomes = [(rebuild.communicate(timeout=300)[1], rebuild.wait()) for rebuild in rebuilds]
    # One rebuild at a time: the second either waits its turn or is refused, saying why.
    assert any(code == 0 for _, code in outcomes), outcomes
    for err, code in outcomes:
        assert "Traceback" not in err, err
        assert code == 0 or "a rebuild of the index" in err and "is already running" in err, err
    assert "0 differences found." in _differences()
    assert search_provisions(SearchRequest(query="dignified treatment")).total >= 1

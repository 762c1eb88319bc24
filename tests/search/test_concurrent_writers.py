"""Several processes saving at once, and a rebuild among them, lose no index update."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from commitments.models import Provision
from search import SearchRequest, get_search_backend, reset_search_backends, search_provisions
from tests.search.library import build_library

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4
ROUNDS = 12


def child_environment(backend: str, index_dir: Path, var_dir: Path) -> dict[str, str]:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        # IMMEDIATE: writers queue for SQLite's lock instead of failing on upgrade.
        url = f"sqlite:///{settings['NAME']}?timeout=60&transaction_mode=IMMEDIATE"
    else:
        url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="osce_kb.settings",
        DATABASE_URL=url,
        VAR_DIR=str(var_dir),
        SEARCH_BACKEND=backend,
        SEARCH_INDEX_DIR=str(index_dir),
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="WARNING",
    )
    return env


@pytest.fixture(params=["whoosh", "postgres"])
def backend(request, settings, tmp_path):
    if request.param == "postgres":
        if connection.vendor != "postgresql":
            pytest.skip("the postgres backend needs PostgreSQL")
        settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.postgres"}}
        yield get_search_backend()
        reset_search_backends()
    else:
        yield request.getfixturevalue("whoosh_index")


# Committed data, so that other processes see it.
@pytest.mark.django_db(transaction=True)
def test_processes_saving_at_once_leave_an_index_with_no_difference(backend, settings, tmp_path):
    build_library()
    backend.rebuild()
    ids = list(Provision.objects.published().values_list("pk", flat=True))
    env = child_environment(backend.name, settings.SEARCH_INDEX_DIR, tmp_path / "var")
    go = tmp_path / "go"

    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.search.writer_process", str(n), str(ROUNDS), str(go)]
            + [str(pk) for pk in ids],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    # A management command at the same moment: a rebuild swapping a new index in.
    rebuild = subprocess.Popen(
        [sys.executable, "manage.py", "search_index", "rebuild"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    go.touch()
    outputs = [process.communicate(timeout=300) for process in [*writers, rebuild]]
    for process, (_, err) in zip([*writers, rebuild], outputs, strict=True):
        assert process.returncode == 0, err
        assert "Traceback" not in err, err

    report = io.StringIO()
    call_command("search_index", "check", stdout=report)
    assert "0 differences found." in report.getvalue()
    for provision in Provision.objects.filter(pk__in=ids):
        token = provision.text.split()[3]  # "wNrM", unique to the last write
        results = search_provisions(SearchRequest(query=token))
        assert results.backend == backend.name
        assert [hit.provision_id for hit in results.hits] == [provision.pk], provision.text

"""Mixed load at 32 connections for 60 s while an import and index updates run: no 5xx."""

import json
import re
import shutil
import subprocess
import sys
import textwrap
import time

import pytest

from tests.reliability.conftest import ROOT, manage

pytestmark = pytest.mark.reliability

DURATION_SECONDS = 60
CONNECTIONS = 32

WRK_SCRIPT = """
paths = {PATHS}
counter = 0
server_errors = 0
threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counter = 0; server_errors = 0 end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("server_errors") end
  io.write(string.format("SERVER_ERRORS %d\\n", total))
  io.write(string.format("LATENCY_MS p50=%.1f p90=%.1f p99=%.1f max=%.1f\\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def _sample_paths(env) -> list[str]:
    code = textwrap.dedent(
        """
        import json
        from commitments.models import Provision
        from documents.models import Document
        docs = [d.get_absolute_url() for d in Document.objects.published()[:5]]
        provs = [p.get_absolute_url() for p in Provision.objects.published()[:10]]
        print(json.dumps({"documents": docs, "provisions": provs}))
        """
    )
    result = manage(env, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    sample = json.loads(result.stdout.strip().splitlines()[-1])
    return [
        "/",
        "/search/?q=migration",
        "/search/?q=%22border+security%22&category=illegal",
        "/search/?q=migrant+workers&year_from=1975&year_to=1990",
        "/api/search/?q=refugees",
        "/api/documents/",
        "/documents/",
        *sample["documents"],
        *sample["provisions"],
    ]


def _background_writes(env, stop_after: float) -> subprocess.Popen:
    """Re-import a source and re-save provisions in a loop: imports and index updates under load."""
    code = textwrap.dedent(
        f"""
        import time
        from django.core.management import call_command
        from commitments.models import Provision
        deadline = time.monotonic() + {stop_after}
        rounds = 0
        while time.monotonic() < deadline:
            call_command("import_source", "fixtures/corpus/004_d74716776d70ede2.txt", verbosity=0)
            for provision in Provision.objects.order_by("?")[:20]:
                provision.text = provision.text.rstrip() + " "
                provision.save()
            rounds += 1
        print("write rounds", rounds)
        """
    )
    return subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_mixed_load_with_concurrent_writes_has_no_server_errors(live_site, site_env, tmp_path):
    assert shutil.which("wrk"), "make reliability installs wrk"
    paths = _sample_paths(site_env)
    script = tmp_path / "mixed.lua"
    script.write_text(WRK_SCRIPT.replace("{PATHS}", "{" + ", ".join(json.dumps(p) for p in paths) + "}"))

    writer = _background_writes(site_env, stop_after=DURATION_SECONDS)
    started = time.monotonic()
    load = subprocess.run(
        [
            "wrk",
            "-t",
            "4",
            "-c",
            str(CONNECTIONS),
            "-d",
            f"{DURATION_SECONDS}s",
            "--timeout",
            "30s",
            "-s",
            str(script),
            live_site,
        ],
        capture_output=True,
        text=True,
        timeout=DURATION_SECONDS + 120,
        check=True,
    )
    out, err = writer.communicate(timeout=300)
    print(load.stdout)
    print(out, err[-2000:])
    assert writer.returncode == 0, err[-2000:]
    assert time.monotonic() - started >= DURATION_SECONDS

    assert re.search(r"SERVER_ERRORS 0\b", load.stdout), load.stdout
    assert "Socket errors" not in load.stdout, load.stdout
    non_success = re.search(r"Non-2xx or 3xx responses: (\d+)", load.stdout)
    assert non_success is None, load.stdout
    requests_per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", load.stdout).group(1))
    assert requests_per_second > 0
    check = manage(site_env, "search_index", "check")
    assert check.returncode == 0, check.stdout + check.stderr

"""HTTP throughput and latency under gunicorn, driven by wrk on loopback, and a worker's peak memory.

The server runs the project's own settings (not the harness's) with ``DEBUG=0``, as the README
deploys it; the load generator is wrk, run for a bounded time against 127.0.0.1 only.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.urls import Resolver404, resolve

from bench.queries import BenchQuery
from bench.stats import not_measured
from commitments.models import Provision

CONNECTIONS = 8
WARM_UP_SECONDS = 2
READY_TIMEOUT_SECONDS = 60

_LUA = """
local paths = {%(paths)s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "bytes": %%d, "errors": {"connect": %%d, "read": %%d, ' ..
    '"write": %%d, "status": %%d, "timeout": %%d}, "latency_us": {"p50": %%d, "p95": %%d, "p99": %%d, ' ..
    '"mean": %%d, "max": %%d}}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean, latency.max))
end
"""


def _params(query: BenchQuery) -> dict:
    params: dict = {"q": query.as_project_query()}
    f = query.filters
    if f.dimensions:
        params["dimension"] = list(f.dimensions)
    if f.categories:
        params["category"] = list(f.categories)
    if f.year_from is not None:
        params["year_from"] = f.year_from
    if f.year_to is not None:
        params["year_to"] = f.year_to
    return params


# Each query in every order a reader can choose: 72 distinct searches from the 24 queries, so
# that no cache of whole pages can answer for the search (at least 50 were asked for).
ORDERS = (None, "-date", "date")


def endpoint_paths(*, queries: list[BenchQuery]) -> dict[str, list[str]]:
    """The URLs each endpoint is loaded with: every query of the set in each order, and a
    spread of provisions."""
    ids = list(Provision.objects.published().order_by("pk").values_list("pk", flat=True))
    step = max(1, len(ids) // 200)
    searches = [
        urlencode({**_params(q), **({"order": order} if order else {})}, doseq=True)
        for order in ORDERS
        for q in queries
    ]
    return {
        "search page": [f"/search/?{query}" for query in searches],
        "provision page": [f"/provisions/{pk}/" for pk in ids[::step]],
        "search API": [f"/api/search/?{query}" for query in searches],
    }


def _routed(path: str) -> bool:
    try:
        resolve(path.split("?", 1)[0])
    except Resolver404:
        return False
    return True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback only)
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _wrk(*, base: str, paths: list[str], seconds: int, script: Path) -> dict:
    quoted = ", ".join(json.dumps(p) for p in paths)
    script.write_text(_LUA % {"paths": quoted})
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), base]
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith('{"requests"'))
    raw = json.loads(line)
    errors = sum(raw["errors"].values())
    seconds_run = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "seconds": round(seconds_run, 2),
        "requests_per_second": round(raw["requests"] / seconds_run, 1),
        "median_ms": round(raw["latency_us"]["p50"] / 1000, 2),
        "p95_ms": round(raw["latency_us"]["p95"] / 1000, 2),
        "p99_ms": round(raw["latency_us"]["p99"] / 1000, 2),
        "errors": errors,
        "error_detail": raw["errors"],
        "connections": CONNECTIONS,
    }


def _server_env(*, database_url: str, backend: str, index_dir: Path, work_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SEARCH_", "BENCH_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="osce_kb.settings",
        DEBUG="0",
        SECRET_KEY="benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",  # noqa: S106
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        SEARCH_BACKEND=backend,
        SEARCH_INDEX_DIR=str(index_dir),
        VAR_DIR=str(work_dir / "server-var"),
        STATIC_ROOT=str(_static_root(work_dir)),
        LOG_LEVEL="WARNING",
        # wrk is one client asking as fast as it can: the API's per-client limit would answer it 429.
        API_THROTTLE_ANON_RATE="1000000/second",
    )
    return env


def _static_root(work_dir: Path) -> Path:
    """Collected once per run, beside the corpus sizes' own directories."""
    return work_dir.parent.parent / "static"


def _worker_memory(master_pid: int) -> dict:
    import psutil

    peaks, current = [], []
    for child in psutil.Process(master_pid).children():
        status = Path(f"/proc/{child.pid}/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        peaks.append(int(fields["VmHWM"].split()[0]) / 1024)
        current.append(int(fields["VmRSS"].split()[0]) / 1024)
    return {
        "workers": len(peaks),
        "peak_rss_mib_max": round(max(peaks), 1),
        "peak_rss_mib_each": [round(p, 1) for p in sorted(peaks)],
        "rss_mib_after_load_max": round(max(current), 1),
        "source": "VmHWM of each gunicorn worker in /proc after the load runs",
    }


def measure_http(
    *,
    database_url: str,
    backend: str,
    index_dir: Path,
    work_dir: Path,
    queries: list[BenchQuery],
    seconds: int,
    workers: int,
) -> dict:
    """Serve the corpus with gunicorn and load each endpoint with wrk; then read worker memory."""
    paths = endpoint_paths(queries=queries)
    result: dict = {"backend": backend, "endpoints": {}}
    missing_tools = [tool for tool in ("wrk",) if shutil.which(tool) is None]
    if missing_tools:
        reason = f"{', '.join(missing_tools)} is not installed (apt-get install -y wrk)"
        result["endpoints"] = {name: not_measured(reason) for name in paths}
        result["memory"] = not_measured(reason)
        return result
    work_dir.mkdir(parents=True, exist_ok=True)
    env = _server_env(database_url=database_url, backend=backend, index_dir=index_dir, work_dir=work_dir)
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    if not (_static_root(work_dir) / "staticfiles.json").exists():
        subprocess.run(
            [*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=settings.BASE_DIR
        )
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = [
        str(Path(sys.executable).with_name("gunicorn")),
        "osce_kb.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--error-logfile",
        str(work_dir / "gunicorn.log"),
    ]
    result["server"] = " ".join(["gunicorn", *gunicorn[1:]])
    server = subprocess.Popen(gunicorn, env=env, cwd=settings.BASE_DIR, start_new_session=True)
    try:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while True:
            try:
                if _get(f"{base}/") == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                log = work_dir / "gunicorn.log"
                reason = f"gunicorn did not answer within {READY_TIMEOUT_SECONDS} s (see {log})"
                result["endpoints"] = {name: not_measured(reason) for name in paths}
                result["memory"] = not_measured(reason)
                return result
            time.sleep(0.2)
        for name, endpoint_paths_ in paths.items():
            if not endpoint_paths_:
                result["endpoints"][name] = not_measured("no URLs to request")
                continue
            if not _routed(endpoint_paths_[0]):
                route = endpoint_paths_[0].split("?", 1)[0]
                result["endpoints"][name] = not_measured(f"{route} is not routed on this branch yet")
                continue
            status = _get(base + endpoint_paths_[0])
            if status != 200:
                result["endpoints"][name] = not_measured(f"GET {endpoint_paths_[0]} answered {status}")
                continue
            script = work_dir / f"wrk-{name.replace(' ', '-')}.lua"
            _wrk(base=base, paths=endpoint_paths_, seconds=min(WARM_UP_SECONDS, seconds), script=script)
            result["endpoints"][name] = _wrk(base=base, paths=endpoint_paths_, seconds=seconds, script=script)
        result["memory"] = _worker_memory(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    return result

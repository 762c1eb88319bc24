"""The whole run: one fresh database and one process per corpus size, then the PDF import, then the report.

Runs without Django itself: each corpus size is measured by ``python -m bench scale`` in a
process configured for that size's database, so sizes never share caches or memory.
"""

import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url

from bench.report import splice_pdf_figures, write_markdown

BASE_DIR = Path(__file__).resolve().parent.parent


class BenchFailed(Exception):
    """A step of the run failed in a way that leaves nothing to report."""


def scale_database_url(database_url: str, scale: int, work_dir: Path) -> str:
    """The database a corpus size gets: ``<name>_<scale>`` on PostgreSQL, a file on SQLite."""
    config = dj_database_url.parse(database_url)
    if config["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{work_dir / f'bench-{scale}.sqlite3'}"
    base, _, _ = database_url.rpartition("/")
    return f"{base}/{config['NAME']}_{scale}"


def recreate_database(database_url: str) -> None:
    """Drop and create the database, so every run starts from nothing."""
    config = dj_database_url.parse(database_url)
    if config["ENGINE"].endswith("sqlite3"):
        Path(config["NAME"]).unlink(missing_ok=True)
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        return
    from psycopg2 import sql

    admin = _admin_connection(config)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(config["NAME"]))
        )
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
    admin.close()


def _admin_connection(config: dict):
    import psycopg2

    try:
        return psycopg2.connect(
            dbname="postgres",
            user=config.get("USER") or None,
            password=config.get("PASSWORD") or None,
            host=config.get("HOST") or None,
            port=config.get("PORT") or None,
        )
    except psycopg2.OperationalError as exc:
        raise BenchFailed(
            f"cannot reach PostgreSQL at {config.get('HOST')}:{config.get('PORT')} ({exc}); start it, or "
            "give "
            "--database-url sqlite:///var/bench/bench.sqlite3 to measure without the postgres backend"
        ) from exc


def drop_database(database_url: str) -> None:
    config = dj_database_url.parse(database_url)
    if config["ENGINE"].endswith("sqlite3"):
        Path(config["NAME"]).unlink(missing_ok=True)
        return
    from psycopg2 import sql

    admin = _admin_connection(config)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(config["NAME"]))
        )
    admin.close()


def machine() -> dict:
    """The facts a reader needs to compare figures: cores, CPU, memory, versions."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in _read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kib = next(
        (int(line.split()[1]) for line in _read("/proc/meminfo").splitlines() if line.startswith("MemTotal")),
        0,
    )
    return {
        "cores": os.cpu_count(),
        "cores_available": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(mem_kib / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "wrk": _version(["wrk", "-v"]),
        "pdftotext": _version(["pdftotext", "-v"]),
    }


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _version(command: list[str]) -> str | None:
    if shutil.which(command[0]) is None:
        return None
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return (
        ((done.stdout or "") + (done.stderr or "")).strip().splitlines()[0]
        if (done.stdout or done.stderr)
        else None
    )


def _git(*args: str) -> str | None:
    done = subprocess.run(["git", *args], capture_output=True, text=True, cwd=BASE_DIR, check=False)
    return done.stdout.strip() or None if done.returncode == 0 else None


def _child(args: list[str], *, database_url: str, work_dir: Path, out: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "BENCH_WORK_DIR": str(work_dir),
        "VAR_DIR": str(work_dir / "var"),
    }
    env.pop("SEARCH_BACKEND", None)
    env.pop("SEARCH_INDEX_DIR", None)
    log = work_dir / f"{out.stem}.log"
    work_dir.mkdir(parents=True, exist_ok=True)
    with log.open("w") as log_file:
        done = subprocess.run(
            [sys.executable, "-m", "bench", *args, "--out", str(out)],
            env=env,
            cwd=BASE_DIR,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if done.returncode != 0 or not out.exists():
        tail = log.read_text()[-1500:]
        partial = out.with_suffix(".partial.json")
        if partial.exists():  # keep what was measured before the step stopped
            figures = json.loads(partial.read_text())
            figures["incomplete"] = (
                f"stopped after the {figures.pop('stopped_after')} step (exit {done.returncode})"
            )
            return figures
        return {"not_measured": f"the step failed (exit {done.returncode}); end of {log}:\n{tail}"}
    return json.loads(out.read_text())


def run(
    *,
    scales: list[int],
    repetitions: int,
    edits: int,
    http_seconds: int,
    workers: int,
    pdf_pages: int,
    database_url: str,
    work_dir: Path,
    results_path: Path,
    markdown_path: Path | None,
    command: str,
    profile: bool = True,
    warm_up: bool = True,
    drop_databases: bool = False,
) -> dict:
    """Measure every size in ``scales``, the PDF import once, and write the results and the report."""
    started = time.perf_counter()
    work_dir.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "schema": 1,
        "command": command,
        "generated_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "git": {"commit": _git("rev-parse", "HEAD"), "branch": _git("rev-parse", "--abbrev-ref", "HEAD")},
        "machine": machine(),
        "settings": {
            "scales": scales,
            "repetitions": repetitions,
            "edits": edits,
            "http_seconds": http_seconds,
            "gunicorn_workers": workers,
            "pdf_pages": pdf_pages,
            "warm_up": warm_up,
            "profile": profile,
            "database": dj_database_url.parse(database_url)["ENGINE"].rsplit(".", 1)[-1],
        },
        "scales": {},
        "pdf_import": {"not_measured": "the run stopped before measuring the PDF import"},
        "complete": False,
    }
    databases = []
    for scale in scales:  # until measured, a size says so: an interrupted run leaves an honest report
        results["scales"][str(scale)] = {"not_measured": "the run stopped before measuring this size"}
    for scale in scales:
        url = scale_database_url(database_url, scale, work_dir)
        databases.append(url)
        recreate_database(url)
        scale_dir = work_dir / f"scale-{scale}"
        shutil.rmtree(scale_dir, ignore_errors=True)
        args = [
            "scale",
            "--scale",
            str(scale),
            "--repetitions",
            str(repetitions),
            "--edits",
            str(edits),
            "--http-seconds",
            str(http_seconds),
            "--workers",
            str(workers),
            "--database-url",
            url,
        ]
        if not profile:
            args.append("--no-profile")
        if not warm_up:
            args.append("--no-warm-up")
        print(f"bench: measuring {scale:,} provisions …", flush=True)
        results["scales"][str(scale)] = _child(
            args, database_url=url, work_dir=scale_dir, out=scale_dir / "scale.json"
        )
        if scale == scales[0]:  # the PDF import, once, in the first size's database
            print("bench: measuring PDF import …", flush=True)
            pdf_dir = work_dir / "pdf"
            shutil.rmtree(pdf_dir, ignore_errors=True)
            args = ["pdf", "--pages", str(pdf_pages), "--repetitions", str(min(repetitions, 3))]
            results["pdf_import"] = _child(args, database_url=url, work_dir=pdf_dir, out=pdf_dir / "pdf.json")
        _write(results, started=started, results_path=results_path, markdown_path=markdown_path)
    if drop_databases:
        for url in databases:
            drop_database(url)
    results["complete"] = True
    _write(results, started=started, results_path=results_path, markdown_path=markdown_path)
    return results


def run_pdf_only(
    *,
    pdf_pages: int,
    repetitions: int,
    database_url: str,
    work_dir: Path,
    results_path: Path,
    markdown_path: Path | None,
    command: str,
) -> dict:
    """Measure the PDF import alone and put its figures into the last run's results and report
    (the other figures stay those of that run; the report says both commands)."""
    started = time.perf_counter()
    results = (
        json.loads(results_path.read_text()) if results_path.exists() else {"scales": {}, "complete": False}
    )
    url = scale_database_url(database_url, 0, work_dir).replace("_0", "_pdf")
    recreate_database(url)
    pdf_dir = work_dir / "pdf"
    shutil.rmtree(pdf_dir, ignore_errors=True)
    args = ["pdf", "--pages", str(pdf_pages), "--repetitions", str(repetitions)]
    results["pdf_import"] = _child(args, database_url=url, work_dir=pdf_dir, out=pdf_dir / "pdf.json")
    results["pdf_import"]["command"] = command
    results["pdf_import"]["generated_at"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    results["pdf_import"]["git"] = {"commit": _git("rev-parse", "HEAD")}
    results["pdf_import"]["machine"] = machine()
    # The whole run's figures and duration stay as they were; only the PDF part is new.
    results_path.parent.mkdir(parents=True, exist_ok=True)
    results_path.write_text(json.dumps(results, indent=2, sort_keys=False) + "\n")
    if markdown_path is not None:
        splice_pdf_figures(results=results, path=markdown_path)
    drop_database(url)
    print(f"bench: the PDF import measured in {time.perf_counter() - started:.0f} s", flush=True)
    return results


def _write(results: dict, *, started: float, results_path: Path, markdown_path: Path | None) -> None:
    results["seconds"] = round(time.perf_counter() - started, 1)
    results_path.parent.mkdir(parents=True, exist_ok=True)
    results_path.write_text(json.dumps(results, indent=2, sort_keys=False) + "\n")
    if markdown_path is not None:
        write_markdown(results=results, path=markdown_path)

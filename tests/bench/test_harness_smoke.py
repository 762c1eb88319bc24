"""The benchmark harness runs end to end at 1,000 provisions and writes well-formed, real figures.

One repetition of everything ``make bench`` does, in a database of its own. Figures are checked
for shape and sanity only: speed targets live in BENCHMARKS.md, never in tests.
"""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from bench import run

pytestmark = pytest.mark.bench
BASE_DIR = Path(settings.BASE_DIR)
ENGINES = ("whoosh", "postgres", "database", "haystack-whoosh", "orm-icontains")
QUERY_KINDS = {"word", "and", "phrase", "or"}


def _bench_database_url(work: Path) -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}_benchsmoke"
    return f"sqlite:///{work / 'bench.sqlite3'}"


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    work = tmp_path_factory.mktemp("bench")
    command = [
        sys.executable,
        "-m",
        "bench",
        "run",
        "--scales",
        "1000",
        "--repetitions",
        "1",
        "--edits",
        "2",
        "--http-seconds",
        "1",
        "--pdf-pages",
        "2",
        "--database-url",
        _bench_database_url(work),
        "--work-dir",
        str(work),
        "--results",
        str(work / "results.json"),
        "--markdown",
        str(work / "BENCHMARKS.md"),
        "--no-warm-up",
    ]
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "SEARCH_BACKEND")}
    done = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=900)
    scale_database_url = run.scale_database_url(_bench_database_url(work), 1000, work)
    try:
        assert done.returncode == 0, done.stdout + done.stderr
        results = json.loads((work / "results.json").read_text())
        yield {
            "results": results,
            "scale": results["scales"]["1000"],
            "markdown": (work / "BENCHMARKS.md").read_text(),
            # What the run left behind, for measuring again.
            "env": {**env, "DATABASE_URL": scale_database_url, "BENCH_WORK_DIR": str(work / "scale-1000")},
        }
    finally:
        run.drop_database(scale_database_url)


def _measured(record: dict) -> bool:
    if "not_measured" in record:
        assert isinstance(record["not_measured"], str) and record["not_measured"].strip()
        return False
    return True


def _expected_to_measure(engine: str, vendor: str) -> bool:
    if engine in ("whoosh", "postgres"):
        present = importlib.util.find_spec(f"search.backends.{engine}") is not None
        return present and (engine != "postgres" or vendor == "postgresql")
    return True


def test_results_name_the_run_and_the_machine(smoke):
    results = smoke["results"]
    assert results["schema"] == 1
    assert results["command"].startswith("python -m bench run --scales 1000")
    assert results["machine"]["cores"] == os.cpu_count()
    assert results["settings"]["scales"] == [1000]
    assert "not_measured" not in smoke["scale"], smoke["scale"].get("not_measured")


def test_the_corpus_has_the_requested_size_with_tags_and_years(smoke):
    corpus = smoke["scale"]["corpus"]
    assert corpus["provisions"] == 1000
    assert 1 <= corpus["documents"] < 1000
    assert corpus["mean_words"] > 10
    assert all(n > 0 for n in corpus["tagged_categories"].values())
    assert all(n > 0 for n in corpus["tagged_dimensions"].values())
    assert corpus["vocabulary_sources"], "the vocabulary must come from real texts"


def test_the_query_set_mixes_every_kind_plain_and_filtered(smoke):
    queries = smoke["scale"]["queries"]
    assert {q["kind"] for q in queries} == QUERY_KINDS
    for kind in QUERY_KINDS:
        assert {q["filtered"] for q in queries if q["kind"] == kind} == {True, False}


def test_every_engine_that_exists_has_real_search_latencies(smoke):
    scale = smoke["scale"]
    n_queries = len(scale["queries"])
    for engine in ENGINES:
        record = scale["search"][engine]
        if not _expected_to_measure(engine, scale["database"]):
            assert not _measured(record)
            continue
        assert _measured(record), record
        assert record["samples"] == n_queries
        assert 0 < record["median_ms"] <= record["p95_ms"] <= record["p99_ms"]
        assert record["per_second"] > 0
        plain = [q["name"] for q in scale["queries"] if not q["filtered"]]
        assert all(record["queries"][name]["hits"] > 0 for name in plain), record["queries"]


def test_ratios_pair_each_project_backend_with_each_peer(smoke):
    ratios = smoke["scale"]["ratios"]
    assert {(r["ours"], r["peer"]) for r in ratios} >= {
        ("whoosh", "haystack-whoosh"),
        ("postgres", "orm-icontains"),
    }
    for ratio in ratios:
        if _measured(ratio):
            assert ratio["throughput_ratio"] > 0 and ratio["median_latency_ratio"] > 0


def test_index_builds_and_edits_are_timed(smoke):
    scale = smoke["scale"]
    build = scale["index_build"]["haystack-whoosh"]
    assert _measured(build) and build["provisions"] > 0 and build["provisions_per_second"] > 0
    for engine in ENGINES:
        edits = scale["save_to_searchable"][engine]
        if _expected_to_measure(engine, scale["database"]) and engine not in ("whoosh", "postgres"):
            assert _measured(edits) and edits["samples"] == 2, edits
        elif _measured(edits):
            assert edits["samples"] == 2 and edits["median_ms"] > 0


def test_http_endpoints_are_loaded_without_errors_and_worker_memory_is_read(smoke):
    http = smoke["scale"]["http"]
    page = http["endpoints"]["provision page"]
    if shutil.which("wrk") is None:
        assert "wrk" in page["not_measured"]
        return
    assert _measured(page), page
    assert page["requests"] > 0 and page["requests_per_second"] > 0
    assert page["errors"] == 0, page["error_detail"]
    for name, endpoint in http["endpoints"].items():
        if _measured(endpoint):
            assert endpoint["errors"] == 0, (name, endpoint)
    assert http["memory"]["peak_rss_mib_max"] > 0


def test_pdf_import_is_compared_with_pdftotext(smoke):
    pdf = smoke["results"]["pdf_import"]
    assert pdf["pages"] >= 2
    if shutil.which("pdftotext") is None:
        assert not _measured(pdf["pdftotext"])
    else:
        assert pdf["pdftotext"]["pages_per_second"] > 0
    parse = pdf["importer_parse"]
    if _measured(parse):
        assert parse["pages_per_second"] > 0
        assert 0 < parse["provisions_parsed"] <= pdf["provisions_written"]


def test_the_report_is_a_table_with_every_target_and_the_command(smoke):
    markdown = smoke["markdown"]
    assert smoke["results"]["command"] in markdown
    assert f"**{os.cpu_count()} cores**" in markdown
    assert "| target | figure | verdict |" in markdown
    for target in (
        "p50 ≤ 30 ms",
        "p95 ≤ 100 ms",
        "5× the throughput",
        "2,500 provisions/s",
        "200 ms",
        "100 req/s",
    ):
        assert target in markdown


@pytest.mark.django_db
def test_profiling_names_where_search_time_goes(tmp_path):
    from bench.engines import OrmScanEngine
    from bench.profiling import profile_search
    from bench.queries import query_set
    from tests.factories import ProvisionFactory

    ProvisionFactory.create_batch(
        5, text="Border security and illegal migration: the participating States will act."
    )
    profile = profile_search(engine=OrmScanEngine(), queries=query_set(), text_path=tmp_path / "tree.txt")

    assert profile["queries"] == len(query_set())
    assert profile["top_functions_self_time"]
    assert all(0 < entry["share"] <= 1 for entry in profile["top_functions_self_time"])
    assert "search" in (tmp_path / "tree.txt").read_text()


def _bench(*arguments: str, env: dict) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "bench", *arguments]
    return subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300)


def test_search_can_be_measured_again_on_what_a_run_left(smoke):
    done = _bench("search", "--engines", "whoosh,orm-icontains", "--repetitions", "1", env=smoke["env"])
    assert done.returncode == 0, done.stdout + done.stderr
    measured = json.loads(done.stdout.splitlines()[-1])
    n_queries = len(smoke["scale"]["queries"])
    assert set(measured) == {"whoosh", "orm-icontains"}
    assert all(record["samples"] == n_queries and record["median_ms"] > 0 for record in measured.values())


def test_measuring_again_names_the_engines_it_knows(smoke):
    done = _bench("search", "--engines", "whoosh,lucene", env=smoke["env"])
    assert done.returncode == 2
    assert "unknown engine in 'whoosh,lucene'" in done.stderr and "haystack-whoosh" in done.stderr

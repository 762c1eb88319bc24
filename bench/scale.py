"""Every measurement at one corpus size, in one process configured for that size's database."""

import json
import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from bench.corpus import generate_corpus
from bench.engines import all_engines
from bench.measure_http import measure_http
from bench.measure_index import measure_build, measure_edits
from bench.measure_search import hit_agreement, measure_search, pair_ratios
from bench.profiling import profile_search
from bench.queries import query_set
from bench.stats import not_measured
from bench.vocabulary import build_vocabulary
from osce_kb.db import refresh_planner_statistics


def measure_scale(
    *,
    scale: int,
    repetitions: int,
    edits: int,
    http_seconds: int,
    workers: int,
    database_url: str,
    work_dir: Path,
    profile: bool,
    warm_up: bool = True,
    partial_path: Path | None = None,
) -> dict:
    """Build the corpus of ``scale`` provisions in the (empty) configured database and measure it.

    After each step the figures so far go to ``partial_path``, so a run stopped part-way
    still reports what it measured.
    """

    def checkpoint(step: str) -> None:
        if partial_path is not None:
            partial_path.write_text(json.dumps({**result, "stopped_after": step}, default=str))

    started = time.perf_counter()
    steps: dict[str, float] = {}
    load_before = os.getloadavg()
    call_command("migrate", verbosity=0, interactive=False)
    steps["migrate"] = round(time.perf_counter() - started, 1)
    vocabulary = build_vocabulary()
    start = time.perf_counter()
    corpus = generate_corpus(vocabulary=vocabulary, provisions=scale)
    refresh_planner_statistics()
    corpus_seconds = time.perf_counter() - start
    steps["corpus"] = round(corpus_seconds, 1)
    queries = query_set()
    result: dict = {
        "scale": scale,
        "database": connection.vendor,
        "corpus": {
            **corpus.__dict__,
            "seconds": round(corpus_seconds, 1),
            "vocabulary_fingerprint": vocabulary.fingerprint,
            "vocabulary_sources": [Path(p).name for p in vocabulary.sources],
        },
        "queries": [{"name": q.name, "kind": q.kind, "filtered": q.filtered} for q in queries],
        "repetitions": repetitions,
        "warm_up": warm_up,
    }

    engines, build, unavailable = [], {}, {}
    for engine in all_engines():
        reason = engine.unavailable_reason()
        if reason:
            unavailable[engine.name] = not_measured(reason)
            continue
        build[engine.name] = measure_build(engine=engine)
        if "not_measured" in build[engine.name] and engine.has_index:
            unavailable[engine.name] = build[engine.name]
            continue
        engines.append(engine)
    steps["index_build"] = round(time.perf_counter() - start - corpus_seconds, 1)
    result["engines"] = {e.name: e.role for e in all_engines()}
    result["index_build"] = {**unavailable, **build}
    checkpoint("index build")

    start = time.perf_counter()
    result["search"] = {
        **unavailable,
        **measure_search(engines=engines, queries=queries, repetitions=repetitions, warm_up=warm_up),
    }
    steps["search"] = round(time.perf_counter() - start, 1)
    result["ratios"] = pair_ratios(result["search"])
    result["hit_agreement"] = hit_agreement(result["search"])
    checkpoint("search")

    result["profiles"] = {}
    if profile:
        for engine in engines:
            # The backends with an index: the database backend's time is all in SQL.
            if (
                engine.role == "project"
                and engine.has_index
                and "median_ms" in result["search"].get(engine.name, {})
            ):
                result["profiles"][engine.name] = profile_search(
                    engine=engine,
                    queries=queries,
                    text_path=work_dir / "profiles" / f"{scale}-{engine.name}.txt",
                )

    start = time.perf_counter()
    served_by = "whoosh" if any(e.name == "whoosh" for e in engines) else "database"
    result["http"] = measure_http(
        database_url=database_url,
        backend=served_by,
        index_dir=Path(settings.BENCH_BACKENDS["whoosh"]["PATH"]),
        work_dir=work_dir / "http",
        queries=queries,
        seconds=http_seconds,
        workers=workers,
    )

    steps["http"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    checkpoint("HTTP")
    result["save_to_searchable"] = dict(unavailable)
    for i, engine in enumerate(engines):
        result["save_to_searchable"][engine.name] = measure_edits(
            engine=engine, edits=edits, first=i * 100_000
        )
    steps["edits"] = round(time.perf_counter() - start, 1)
    result["step_seconds"] = steps
    result["load_average"] = {
        "before": [round(x, 2) for x in load_before],
        "after": [round(x, 2) for x in os.getloadavg()],
    }
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result

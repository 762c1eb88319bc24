"""Search latency: the query set through every engine, interleaved, many times over."""

import time
from collections import defaultdict

from bench.engines import PAIRS, Engine
from bench.queries import BenchQuery
from bench.stats import not_measured, summarize

# An engine whose timed passes add up to more than this (the ORM scan at 100,000 provisions)
# stops being sampled once it has its minimum number of passes: one slow peer must not hold
# the shared machine for an hour.
ENGINE_BUDGET_SECONDS = 120.0
MIN_PASSES = 1
# No engine is sampled for longer than this, even in the middle of its first pass.
ENGINE_HARD_CAP_SECONDS = 300.0
# The warm-up pass of such an engine stops early too: it only fills caches.
WARM_UP_BUDGET_SECONDS = 20.0


def measure_search(
    *, engines: list[Engine], queries: list[BenchQuery], repetitions: int, warm_up: bool = True
) -> dict:
    """Run ``queries`` ``repetitions`` times through each engine (after one warm-up pass, unless not).

    Engines take turns pass by pass, in rotating order, so that drift in the machine's load
    falls on all of them alike.
    """
    samples: dict[str, list[float]] = defaultdict(list)
    per_query: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    totals: dict[str, dict[str, int]] = defaultdict(dict)
    errors: dict[str, list[str]] = defaultdict(list)
    spent: dict[str, float] = defaultdict(float)
    passes: dict[str, int] = defaultdict(int)
    messages: dict[str, set[str]] = defaultdict(set)
    censored: dict[str, list[str]] = defaultdict(list)  # queries stopped at the engine's time cap
    stopped_early: set[str] = set()
    # The warm-up pass, timed: what the first searches after a start or a rebuild cost.
    cold: dict[str, dict] = {}

    for engine in engines if warm_up else []:  # open searchers, fill caches
        started = time.perf_counter()
        done = 0
        with engine.active():
            for query in queries:
                try:
                    answer = engine.search(query)
                    totals[engine.name][query.name] = answer.total
                except Exception as exc:  # recorded, not hidden: the report shows every error
                    if not engine.timed_out(exc):
                        errors[engine.name].append(f"{query.name}: {type(exc).__name__}: {exc}")
                done += 1
                if time.perf_counter() - started > WARM_UP_BUDGET_SECONDS:
                    break
        cold[engine.name] = {"queries": done, "seconds": round(time.perf_counter() - started, 3)}

    for rep in range(repetitions):
        order = engines[rep % len(engines) :] + engines[: rep % len(engines)]
        for engine in order:
            if errors[engine.name] or (
                passes[engine.name] >= MIN_PASSES and spent[engine.name] > ENGINE_BUDGET_SECONDS
            ):
                continue
            with engine.active():
                # Switching backends may reset them (closing searchers): reopen before timing.
                if not _warm(engine, queries[0], errors):
                    continue
                for query in queries:
                    if spent[engine.name] > ENGINE_HARD_CAP_SECONDS:
                        stopped_early.add(engine.name)
                        break
                    start = time.perf_counter()
                    try:
                        answer = engine.search(query)
                    except Exception as exc:
                        if not engine.timed_out(exc):
                            errors[engine.name].append(f"{query.name}: {type(exc).__name__}: {exc}")
                            break
                        # Kept as a sample at the cap: the percentiles become lower bounds.
                        answer = None
                        censored[engine.name].append(query.name)
                    elapsed = time.perf_counter() - start
                    if answer is not None:
                        totals[engine.name][query.name] = answer.total
                        if answer.message:
                            messages[engine.name].add(f"{query.name}: {answer.message}")
                    samples[engine.name].append(elapsed)
                    per_query[engine.name][query.name].append(elapsed)
                    spent[engine.name] += elapsed
            passes[engine.name] += 1

    result = {}
    for engine in engines:
        if errors[engine.name]:
            result[engine.name] = not_measured(f"search failed: {errors[engine.name][0]}") | {
                "errors": errors[engine.name]
            }
            continue
        summary = summarize(samples[engine.name])
        summary["passes"] = passes[engine.name]
        summary["messages"] = sorted(messages[engine.name])[:10]
        summary["stopped_at_time_cap"] = censored[engine.name]
        summary["stopped_early"] = engine.name in stopped_early
        if engine.name in cold:
            summary["cold_pass"] = cold[engine.name]
        summary["queries"] = {
            name: {
                "median_ms": round(sorted(times)[len(times) // 2] * 1000, 3),
                # None: every pass of this query stopped at the time cap, so its total is unknown.
                "hits": totals[engine.name].get(name),
            }
            for name, times in per_query[engine.name].items()
        }
        result[engine.name] = summary
    return result


def hit_agreement(search: dict) -> dict:
    """For each engine, on how many queries its total equals the first project backend's.

    Engines asked the same thing should find the same provisions; the ORM scan matches
    substrings without stemming, so it is expected to differ a little.
    """
    measured = {name: rec["queries"] for name, rec in search.items() if "queries" in rec}
    reference = next((name for name in ("whoosh", "postgres", "database") if name in measured), None)
    if reference is None:
        return {}
    agreement = {"reference": reference, "engines": {}}
    for name, queries in measured.items():
        same = sum(
            1 for q, rec in queries.items() if measured[reference].get(q, {}).get("hits") == rec["hits"]
        )
        agreement["engines"][name] = {"same_total": same, "queries": len(queries)}
    return agreement


def _warm(engine: Engine, query: BenchQuery, errors: dict[str, list[str]]) -> bool:
    try:
        engine.search(query)
    except Exception as exc:
        errors[engine.name].append(f"{query.name}: {type(exc).__name__}: {exc}")
        return False
    return True


def pair_ratios(search: dict) -> list[dict]:
    """Each project backend against each peer, from the same run: how many times faster."""
    ratios = []
    for ours, peer in PAIRS:
        a, b = search.get(ours, {}), search.get(peer, {})
        if "median_ms" not in a or "median_ms" not in b:
            reason = a.get("not_measured") or b.get("not_measured") or "missing"
            ratios.append({"ours": ours, "peer": peer, "not_measured": reason})
            continue
        per_query = [
            b["queries"][name]["median_ms"] / a["queries"][name]["median_ms"]
            for name in a["queries"]
            if name in b["queries"] and a["queries"][name]["median_ms"] > 0
        ]
        geometric = 1.0
        for r in per_query:
            geometric *= r
        ratios.append(
            {
                "ours": ours,
                "peer": peer,
                # Queries run one after another, so throughput is the inverse of the mean; the
                # rounded queries/s of a slow peer (0.25) would make the ratio off by a few %.
                "throughput_ratio": round(b["mean_ms"] / a["mean_ms"], 2),
                "median_latency_ratio": round(b["median_ms"] / a["median_ms"], 2),
                "per_query_geometric_mean_ratio": round(geometric ** (1 / len(per_query)), 2)
                if per_query
                else None,
            }
        )
    return ratios

"""Ratios to the peers are computed from the unrounded figures of the same run."""

import pytest

from bench.measure_search import pair_ratios
from bench.stats import summarize


def _engine(seconds_per_query: list[float]) -> dict:
    record = summarize(seconds_per_query)
    record["queries"] = {f"q{i}": summarize([s]) for i, s in enumerate(seconds_per_query)}
    return record


def test_the_throughput_ratio_to_a_slow_peer_is_not_skewed_by_rounded_rates():
    ours = _engine([0.030, 0.046] * 12)
    slow_peer = _engine([3.9, 3.95] * 12)
    # Rounded to two decimals, a peer at 3.93 s a query and one at 4.05 s both show 0.25 queries/s.
    assert slow_peer["per_second"] == 0.25

    ratios = pair_ratios({"whoosh": ours, "haystack-whoosh": slow_peer})
    whoosh_vs_haystack = next(r for r in ratios if r["peer"] == "haystack-whoosh")

    assert whoosh_vs_haystack["throughput_ratio"] == round(3.925 / 0.038, 2)
    assert whoosh_vs_haystack["median_latency_ratio"] == round(3.925 / 0.038, 2)
    assert whoosh_vs_haystack["per_query_geometric_mean_ratio"] == pytest.approx(
        (3.9 / 0.030 * 3.95 / 0.046) ** 0.5, abs=0.01
    )

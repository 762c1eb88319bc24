"""Summaries of timing samples: median and tail percentiles, in milliseconds."""

import math
import statistics


def percentile(samples: list[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest sample with ``fraction`` of samples at or below it."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summarize(seconds: list[float]) -> dict:
    """Median, p95, p99 and mean in milliseconds, the sample count, and runs per second."""
    total = sum(seconds)
    return {
        "samples": len(seconds),
        "median_ms": round(statistics.median(seconds) * 1000, 3),
        "p95_ms": round(percentile(seconds, 0.95) * 1000, 3),
        "p99_ms": round(percentile(seconds, 0.99) * 1000, 3),
        "mean_ms": round(total / len(seconds) * 1000, 3),
        "per_second": round(len(seconds) / total, 2) if total else None,
    }


def not_measured(reason: str) -> dict:
    """The record of a measurement that could not be made, with its reason."""
    return {"not_measured": reason}

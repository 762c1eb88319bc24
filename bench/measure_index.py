"""Index cost: a full rebuild (provisions per second) and how soon one saved edit is searchable."""

import time

from django.db import transaction

from bench.engines import Engine
from bench.stats import not_measured, summarize
from commitments.models import Provision

EDIT_TIMEOUT_SECONDS = 5.0
POLL_SECONDS = 0.002


def measure_build(*, engine: Engine) -> dict:
    """Rebuild the engine's index from the database and time it."""
    if not engine.has_index:
        return not_measured("no index: it searches the database directly")
    start = time.perf_counter()
    try:
        indexed = engine.build()
    except Exception as exc:
        return not_measured(f"rebuild failed: {type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - start
    return {
        "provisions": indexed,
        "seconds": round(seconds, 3),
        "provisions_per_second": round(indexed / seconds, 1) if seconds else None,
    }


def _edit_word(n: int) -> str:
    """A word no provision contains and no stemmer shortens: ``zqbenchedit`` plus letters."""
    letters = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(ord("a") + r) + letters
    return f"zqbenchedit{letters}x"


def measure_edits(*, engine: Engine, edits: int, first: int = 0) -> dict:
    """Save ``edits`` provisions, each with a new word, and time save → first search that finds it.

    The clock starts before ``save()`` and stops when a search through the engine returns the
    provision, so it includes the commit, the index update however the engine does it, and
    the searcher seeing the change.
    """
    provisions = list(
        Provision.objects.published().order_by("pk").values_list("pk", flat=True)[:: max(1, 97)]
    )
    if not provisions:
        return not_measured("no provisions to edit")
    samples: list[float] = []
    with engine.active():
        for i in range(edits):
            word = _edit_word(first + i)
            provision = Provision.objects.select_related("document").get(pk=provisions[i % len(provisions)])
            start = time.perf_counter()
            with transaction.atomic():
                provision.text = f"{provision.text} {word}"
                provision.save()
                engine.after_save(provision)
            while not engine.finds(word, provision):
                if time.perf_counter() - start > EDIT_TIMEOUT_SECONDS:
                    return not_measured(
                        f"an edit was not searchable {EDIT_TIMEOUT_SECONDS:.0f} s after saving "
                        f"(provision {provision.pk}, word {word!r}); {len(samples)} earlier edit(s) were"
                    )
                time.sleep(POLL_SECONDS)
            samples.append(time.perf_counter() - start)
    return summarize(samples)

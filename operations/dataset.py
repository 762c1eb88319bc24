"""The version of the dataset: which state of the knowledge base a citation or an export was
taken from, so that a researcher can say so and a reader can tell whether it has changed since.
"""

import datetime
import threading
from dataclasses import dataclass

from django.utils import timezone

from operations.bulk.latest import CorpusState, change_marks, corpus_state
from search import get_search_backend


@dataclass(frozen=True)
class DatasetVersion:
    changed: datetime.date | None  # the day of the latest change
    fingerprint: str  # changes with any change of what an export holds

    def __str__(self) -> str:
        """``2026-12-03.3f2a9c1e``: readable by date, distinct by fingerprint."""
        day = self.changed.isoformat() if self.changed else "empty"
        return f"{day}.{self.fingerprint[:8]}"


_last: dict[str, tuple[tuple, "DatasetVersion"]] = {}
_lock = threading.Lock()


def dataset_version() -> DatasetVersion:
    """The version of the knowledge base as it is now. It changes whenever the corpus does
    (the fingerprint the bulk downloads are rebuilt by), and names the day of the latest change.

    Every search and provision page prints it, and the fingerprint counts every table's rows,
    which at 100,000 provisions costs more than the rest of the page's queries. So this
    process keeps the last version read with what marks a change cheaply: the latest history
    time of each model, the newest attachment, and the search index's generation (which bulk
    changes that bypass history move, as ``search.sync`` asks of them). While those stand
    still, the counts are not read again; on a backend without a generation they always are.
    """
    generation = get_search_backend().generation()
    if generation is None:
        return _version_of(corpus_state())
    last = _last.get("version")
    if last is not None and last[0] == (generation, *change_marks()):
        return last[1]
    # The full read carries the marks too: a process's first page pays one query, not two.
    state = corpus_state()
    version = _version_of(state)
    with _lock:
        _last["version"] = ((generation, *state.marks), version)
    return version


def forget() -> None:
    """Drop the version this process remembers (the next call reads it afresh)."""
    with _lock:
        _last.clear()


def _version_of(state: CorpusState) -> DatasetVersion:
    changed = timezone.localdate(state.last_change) if state.last_change else None
    return DatasetVersion(changed=changed, fingerprint=state.fingerprint)

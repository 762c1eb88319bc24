"""The version of the dataset: which state of the knowledge base a citation or an export was
taken from, so that a researcher can say so and a reader can tell whether it has changed since.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from operations.bulk.latest import corpus_state


@dataclass(frozen=True)
class DatasetVersion:
    changed: datetime.date | None  # the day of the latest change
    fingerprint: str  # changes with any change of what an export holds

    def __str__(self) -> str:
        """``2026-12-03.3f2a9c1e``: readable by date, distinct by fingerprint."""
        day = self.changed.isoformat() if self.changed else "empty"
        return f"{day}.{self.fingerprint[:8]}"


def dataset_version() -> DatasetVersion:
    """The version of the knowledge base as it is now, in one query. It changes whenever the
    corpus does (the fingerprint the bulk downloads are rebuilt by), and names the day of the
    latest change."""
    state = corpus_state()
    changed = timezone.localdate(state.last_change) if state.last_change else None
    return DatasetVersion(changed=changed, fingerprint=state.fingerprint)

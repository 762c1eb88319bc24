"""A writer that cannot get the index's write lock in time queues its update, and the next
writer applies it: no update is lost to a busy index."""

import logging
import threading

import pytest
from django.db import connection, connections, transaction

from search import SearchRequest, get_search_backend, reset_search_backends, search_provisions
from search.backends.postgres import LOCK_KEY
from search.maintenance import compare_index
from tests.search.library import build_library


@pytest.fixture(params=["whoosh", "postgres"])
def backend(request, settings):
    if request.param == "postgres" and connection.vendor != "postgresql":
        pytest.skip("the postgres backend needs PostgreSQL")
    build_library()
    if request.param == "whoosh":
        yield request.getfixturevalue("whoosh_index")
        return
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.postgres"}}
    search_backend = get_search_backend()
    search_backend.rebuild()
    yield search_backend
    reset_search_backends()


class LockHolder(threading.Thread):
    """Holds the backend's write lock, as another process busy writing would."""

    def __init__(self, backend):
        super().__init__(daemon=True)
        self.backend = backend
        self.holding = threading.Event()
        self.release = threading.Event()
        self.error: BaseException | None = None

    def run(self):
        try:
            self._hold()
        except BaseException as exc:  # shown by the test, which would otherwise wait in vain
            self.error = exc
            self.holding.set()

    def _hold(self):
        if self.backend.name == "whoosh":
            with self.backend.store.write_lock(timeout=5):
                self.holding.set()
                self.release.wait(30)
            return
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
                self.holding.set()
                self.release.wait(30)
        finally:
            connections.close_all()


# Committed rows and a committed rebuild: PostgreSQL's advisory lock lasts until the
# transaction ends, and the other thread needs its own connection to see the data.
@pytest.mark.django_db(transaction=True)
def test_a_writer_kept_waiting_queues_its_update_for_the_next_writer(backend, caplog):
    from commitments.models import Provision

    provision = Provision.objects.get(label="2", document__symbol="MC.DEC/5/09")
    # Committed without signals, so that only the update below tells the index.
    Provision.objects.filter(pk=provision.pk).update(text="The participating States will protect beekeepers.")

    holder = LockHolder(backend)
    holder.start()
    assert holder.holding.wait(10)
    assert holder.error is None, holder.error
    backend.write_timeout = 0.2
    with caplog.at_level(logging.WARNING):
        backend.update([provision.pk])  # gives up waiting, queues, does not raise
    holder.release.set()
    holder.join(10)
    assert "queued for the next writer" in caplog.text
    assert compare_index().stale == [provision.pk]

    backend.update([])  # the next writer, with nothing of its own to write
    assert not compare_index()
    hits = search_provisions(SearchRequest(query="beekeepers")).hits
    assert [hit.provision_id for hit in hits] == [provision.pk]

"""A full build of a new Whoosh index, on several cores.

Whoosh is pure Python, so one process indexes on one core. Here this process reads the
records from the database and hands them, in chunks, to worker processes that each write
one segment; the segments then go into the index together. Worker ``n`` takes the ``n``-th
contiguous share of the provisions (by id), so the documents keep the id order a
single writer would give them.

Workers are forked and never touch the database: the records reach them through a pipe,
so a build inside a transaction sees the same rows in every process.
"""

import contextlib
import multiprocessing
from collections.abc import Callable, Iterator
from itertools import zip_longest

from search.backends.whoosh_indexing import IndexWriter
from search.backends.whoosh_internals import WITHOUT_INDEX_LOCK, finish_segment
from search.backends.whoosh_query import document_fields
from search.index import CHUNK_SIZE, indexable_ids, indexed_provision_chunks

# At some 60 bytes a posting (``whoosh_internals.TermPool``), this much keeps about 8 million
# postings in memory, a worker's share of 100,000 provisions, without temporary runs.
POOL_MB = 512
MIN_PER_WORKER = 2 * CHUNK_SIZE  # below this, starting workers costs more than it saves


class BuildFailed(Exception):
    """A worker process could not write its segment."""


def fill_index(index, *, processes: int, progress: Callable[[int], None] | None = None) -> int:
    """Index every indexable provision into the new, empty ``index``; return how many."""
    ids = indexable_ids()
    if multiprocessing.current_process().daemon:
        processes = 1  # a daemon process (a pool worker, say) may not start processes
    writer = IndexWriter(index, limitmb=POOL_MB)
    try:
        shares = _split(ids, min(processes, len(ids) // MIN_PER_WORKER))
        if len(shares) > 1:
            segments = _write_in_workers(index, shares, progress)
            writer.commit(mergetype=lambda _writer, existing: [*existing, *segments])
        else:
            _add_all(writer, indexed_provision_chunks(ids), progress)
            writer.commit()
    except BaseException:
        if not writer.is_closed:
            writer.cancel()
        raise
    if progress:
        progress(len(ids))
    return len(ids)


def _split(ids: list[int], parts: int) -> list[list[int]]:
    if parts <= 1:
        return [ids]
    size = -(-len(ids) // parts)
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def _add_all(writer, chunks: Iterator, progress: Callable[[int], None] | None) -> None:
    done = 0
    for records in chunks:
        for record in records:
            writer.add_document(**document_fields(record))
        done += len(records)
        if progress:
            progress(done)


def _write_in_workers(index, shares: list[list[int]], progress) -> list:
    workers = [_Worker(index) for _ in shares]
    try:
        done = 0
        # A chunk for each worker in turn, so that all of them are busy from the start.
        for round_of_chunks in zip_longest(*(indexed_provision_chunks(share) for share in shares)):
            for worker, records in zip(workers, round_of_chunks, strict=True):
                if records:
                    worker.send([document_fields(record) for record in records])
                    done += len(records)
            if progress:
                progress(done)
        return [worker.finish() for worker in workers]
    finally:
        for worker in workers:
            worker.stop()


class _Worker:
    """A forked process that adds the documents it is sent to a segment of its own."""

    def __init__(self, index):
        context = multiprocessing.get_context("fork")
        self.connection, child_end = context.Pipe()
        self.process = context.Process(target=_write_segment, args=(index, child_end), daemon=True)
        self.process.start()
        child_end.close()

    def send(self, documents: list[dict]) -> None:
        try:
            self.connection.send(documents)
        except OSError:  # the worker failed and closed its end: say why
            self.finish()
            raise

    def finish(self):
        """The worker's finished segment, once it has written it."""
        with contextlib.suppress(OSError):  # a worker that failed has closed its end already
            self.connection.send(None)
        try:
            outcome, value = self.connection.recv()
        except (EOFError, OSError):
            raise BuildFailed(f"index worker {self.process.pid} ended without a segment") from None
        if outcome != "segment":
            raise BuildFailed(f"index worker {self.process.pid} failed: {value}")
        return value

    def stop(self) -> None:
        self.connection.close()
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _write_segment(index, connection) -> None:
    # The parent holds the index's lock; each worker writes only its own new segment.
    writer = IndexWriter(index, limitmb=POOL_MB, **WITHOUT_INDEX_LOCK)
    try:
        while (documents := connection.recv()) is not None:
            for fields in documents:
                writer.add_document(**fields)
        connection.send(("segment", finish_segment(writer)))
    except BaseException as exc:
        connection.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        connection.close()

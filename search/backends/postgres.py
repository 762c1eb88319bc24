"""Search with PostgreSQL full-text search, for deployments with several app servers.

The index is the ``search_provision`` table (see the ``search`` app's migration): one
record per published provision with a weighted ``tsvector`` under a GIN index. Writers
take turns on a transaction-scoped advisory lock, waiting up to ``WRITE_TIMEOUT`` seconds
and otherwise leaving their ids in ``search_pending`` for the next writer; holding the
lock, they read the provisions' current state, so the last writer writes the newest. A
rebuild replaces every record in one transaction: searches see the old index until it
commits. Each search statement runs under a ``statement_timeout`` of ``TIME_LIMIT``.
"""

import contextlib
import logging
import random
import time
from collections.abc import Callable, Iterable

from django.db import DatabaseError, OperationalError, connection, transaction
from django.utils.html import escape

from search import parsing
from search.backends.postgres_query import (
    ENGLISH,
    ORDERS,
    SIMPLE,
    TABLE,
    PostgresQueryCompiler,
    filter_condition,
    stop_word_texts,
)
from search.base import BaseSearchBackend, SearchUnavailable
from search.highlight import highlight
from search.index import IndexedProvision, indexed_provisions_for, iter_indexed_provisions
from search.query import MatchingIds, SearchHit, SearchRequest, SearchResults

logger = logging.getLogger(__name__)

LOCK_KEY = 0x05CE_5EA4  # the advisory lock writers of the index take turns on
SUGGEST_BELOW = 3


class SearchTookTooLong(Exception):
    """PostgreSQL cancelled the search at the time limit."""


BATCH = 200
MARK_START, MARK_STOP = "\ue000", "\ue001"  # private-use sentinels, replaced after escaping
HEADLINE_OPTIONS = f"StartSel={MARK_START}, StopSel={MARK_STOP}, MaxWords=45, MinWords=20, MaxFragments=2"

INSERT = f"""
INSERT INTO {TABLE} (
    provision_id, document_id, document_slug, symbol, kind, body, date, year, decade, position,
    label_key, text, text_html, dimensions, categories, is_commitment, fingerprint, vector, spelling
) VALUES (
    %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,
    setweight(to_tsvector('{ENGLISH}', %s), 'A')
        || setweight(to_tsvector('{ENGLISH}', %s), 'B')
        || setweight(to_tsvector('{ENGLISH}', %s), 'D'),
    to_tsvector('{SIMPLE}', %s)
)
"""

FACETS = f"""
WITH m AS (SELECT s.* FROM {TABLE} s WHERE {{condition}})
SELECT 'total', NULL, count(*) FROM m
UNION ALL SELECT 'dimension', d, count(*) FROM m, unnest(m.dimensions) AS d GROUP BY d
UNION ALL SELECT 'category', c, count(*) FROM m, unnest(m.categories) AS c GROUP BY c
UNION ALL SELECT 'year', year::text, count(*) FROM m WHERE year IS NOT NULL GROUP BY year
UNION ALL SELECT 'decade', decade, count(*) FROM m WHERE decade IS NOT NULL GROUP BY decade
UNION ALL SELECT 'kind', kind, count(*) FROM m GROUP BY kind
UNION ALL SELECT 'document', document_slug, count(*) FROM m GROUP BY document_slug
"""


def _row(record: IndexedProvision) -> list:
    text = record.text.replace(MARK_START, " ").replace(MARK_STOP, " ")
    return [
        record.id,
        record.document_id,
        record.document_slug,
        record.symbol,
        record.kind,
        record.body,
        record.date,
        record.year,
        record.decade,
        record.position,
        record.label.lower(),
        text,
        # Escaped before ts_headline sees it: the headline then adds only its markers.
        escape(text),
        list(record.dimensions),
        list(record.categories),
        record.is_commitment,
        record.fingerprint,
        record.title_and_authors,
        record.heading,
        text,
        " ".join((record.title_and_authors, record.heading, text)),
    ]


class PostgresSearchBackend(BaseSearchBackend):
    name = "postgres"

    def __init__(self, params: dict):
        super().__init__(params)
        self.time_limit = float(params.get("TIME_LIMIT", 2.0))
        self.write_timeout = float(params.get("WRITE_TIMEOUT", 10.0))
        self.rebuild_timeout = float(params.get("SWAP_TIMEOUT", 60.0))

    # Writing

    def update(self, provision_ids: Iterable[int]) -> None:
        ids = set(provision_ids)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                if not ids:
                    cursor.execute("SELECT EXISTS (SELECT 1 FROM search_pending)")
                    if not cursor.fetchone()[0]:
                        return
                if self._lock(cursor, timeout=self.write_timeout):
                    cursor.execute("DELETE FROM search_pending RETURNING provision_id")
                    ids |= {row[0] for row in cursor.fetchall()}
                    self._write(cursor, ids)
                    return
                cursor.executemany(
                    "INSERT INTO search_pending (provision_id) VALUES (%s)", [[i] for i in ids]
                )
            logger.warning(
                "Search index busy for %ss: %d provision(s) queued for the next writer",
                self.write_timeout,
                len(ids),
            )
        except DatabaseError as exc:
            raise SearchUnavailable(f"the search table cannot be written: {exc}") from exc

    def _lock(self, cursor, *, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY])
            if cursor.fetchone()[0]:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01 + random.random() * 0.04)  # noqa: S311 - jitter, not security

    def _write(self, cursor, ids: set[int]) -> None:
        """Write the current state of ``ids``; call holding the lock, in a transaction.
        Under READ COMMITTED each statement sees every transaction committed before it."""
        records = indexed_provisions_for(ids)
        cursor.execute(f"DELETE FROM {TABLE} WHERE provision_id = ANY(%s)", [sorted(ids)])
        rows = [_row(records[i]) for i in sorted(records)]
        for start in range(0, len(rows), BATCH):
            cursor.executemany(INSERT, rows[start : start + BATCH])

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                if not self._lock(cursor, timeout=self.rebuild_timeout):
                    raise SearchUnavailable("another writer held the search index too long")
                cursor.execute(f"DELETE FROM {TABLE}")
                batch, count = [], 0
                for record in iter_indexed_provisions():
                    batch.append(_row(record))
                    if len(batch) >= BATCH:
                        cursor.executemany(INSERT, batch)
                        count += len(batch)
                        batch = []
                        if progress:
                            progress(count)
                cursor.executemany(INSERT, batch)
                count += len(batch)
                # Writers that gave up waiting while this rebuild held the lock queued their
                # ids; the records above may predate their changes.
                cursor.execute("DELETE FROM search_pending RETURNING provision_id")
                queued = {row[0] for row in cursor.fetchall()}
                if queued:
                    self._write(cursor, queued)
                cursor.execute(f"SELECT count(*) FROM {TABLE}")
                count = cursor.fetchone()[0]
                # Until the table's statistics are renewed the planner plans searches for the
                # table as it was before; autovacuum may be late or switched off.
                cursor.execute(f"ANALYZE {TABLE}")
        except DatabaseError as exc:
            raise SearchUnavailable(f"the search table cannot be rebuilt: {exc}") from exc
        if progress:
            progress(count)
        return count

    def indexed_fingerprints(self) -> dict[int, str]:
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT provision_id, fingerprint FROM {TABLE}")
                return dict(cursor.fetchall())
        except DatabaseError as exc:
            raise SearchUnavailable(f"the search table cannot be read: {exc}") from exc

    # Reading

    def search(self, request: SearchRequest) -> SearchResults:
        notes = request.notes
        try:
            with self._searching() as cursor:
                compiler, where, params = self._where(cursor, request)
                if request.with_facets:
                    facets, total = self._facets(cursor, where, params)
                else:
                    facets = {}
                    cursor.execute(f"SELECT count(*) FROM {TABLE} s WHERE {where}", params)
                    total = cursor.fetchone()[0]
                rank = compiler.rank()
                cursor.execute(
                    f"SELECT s.provision_id, {rank.sql} AS rank FROM {TABLE} s WHERE {where} "
                    f"ORDER BY {ORDERS[request.effective_order]} LIMIT %s OFFSET %s",
                    [*rank.params, *params, request.page_size, request.offset],
                )
                page = cursor.fetchall()
                snippets = (
                    self._snippets(cursor, [row[0] for row in page], compiler.headline_query())
                    if request.with_snippets
                    else {}
                )
                suggestion = (
                    self._suggest(cursor, request.parsed, request.query)
                    if request.with_suggestion and total < SUGGEST_BELOW
                    else None
                )
        except SearchTookTooLong:
            notes.append("The search took too long and was stopped: try a more specific query.")
            return SearchResults(request, 0, [], notes=notes, backend=self.name)
        hits = [SearchHit(pid, float(rank or 0.0), snippets.get(pid, "")) for pid, rank in page]
        return SearchResults(
            request=request,
            total=total,
            hits=hits,
            facets=facets,
            suggestion=suggestion,
            notes=notes,
            backend=self.name,
        )

    def matching_ids(self, request: SearchRequest) -> MatchingIds:
        try:
            with self._searching() as cursor:
                compiler, where, params = self._where(cursor, request)
                rank = compiler.rank()
                cursor.execute(
                    f"SELECT s.provision_id, {rank.sql} AS rank FROM {TABLE} s WHERE {where} "
                    f"ORDER BY {ORDERS[request.effective_order]}",
                    [*rank.params, *params],
                )
                return MatchingIds([row[0] for row in cursor.fetchall()])
        except SearchTookTooLong:
            return MatchingIds([], complete=False)

    @contextlib.contextmanager
    def _searching(self):
        """A cursor under the search time limit; ``SearchTookTooLong`` when it runs out."""
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                # Inside a savepoint when a transaction is open: the limit goes with it.
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [f"{self.time_limit}s"])
                yield cursor
        except OperationalError as exc:
            if getattr(exc.__cause__, "pgcode", None) == "57014":  # query_canceled
                raise SearchTookTooLong from exc
            raise SearchUnavailable(f"the search table cannot be searched: {exc}") from exc
        except DatabaseError as exc:
            raise SearchUnavailable(f"the search table cannot be searched: {exc}") from exc

    def _where(self, cursor, request: SearchRequest):
        compiler = PostgresQueryCompiler(stop_word_texts(cursor, request.parsed))
        condition = compiler.condition(request.parsed)
        filters = filter_condition(request.filters)
        return compiler, f"({condition.sql}) AND ({filters.sql})", [*condition.params, *filters.params]

    def _facets(self, cursor, where: str, params: list) -> tuple[dict[str, dict[str, int]], int]:
        cursor.execute(FACETS.format(condition=where), params)
        counts: dict[str, dict[str, int]] = {}
        total = 0
        for name, value, count in cursor.fetchall():
            if name == "total":
                total = count
            else:
                counts.setdefault(name, {})[value] = count
        return counts, total

    def _snippets(self, cursor, ids: list[int], query) -> dict[int, str]:
        if not ids:
            return {}
        if query is None:
            cursor.execute(f"SELECT provision_id, text FROM {TABLE} WHERE provision_id = ANY(%s)", [ids])
            return {pid: highlight(text, []) for pid, text in cursor.fetchall()}
        cursor.execute(
            f"SELECT provision_id, text, ts_headline('{ENGLISH}', text_html, {query.sql}, %s) "
            f"FROM {TABLE} WHERE provision_id = ANY(%s)",
            [*query.params, HEADLINE_OPTIONS, ids],
        )
        return {pid: _marked(text, headline) for pid, text, headline in cursor.fetchall()}

    def _suggest(self, cursor, parsed: parsing.ParsedQuery, query: str) -> str | None:
        replacements: dict[str, str] = {}
        for word in parsed.spelled_words():
            cursor.execute(
                f"SELECT array(SELECT lexeme FROM unnest(to_tsvector('{SIMPLE}', %s))), "
                f"numnode(phraseto_tsquery('{ENGLISH}', %s)) > 0",
                [word, word],
            )
            lexemes, meaningful = cursor.fetchone()
            if len(lexemes) != 1 or not meaningful:
                continue
            cursor.execute(
                f"SELECT 1 FROM {TABLE} WHERE spelling @@ to_tsquery('{SIMPLE}', %s) LIMIT 1",
                [_quoted(lexemes[0])],
            )
            if cursor.fetchone():
                continue
            cursor.execute(
                f"SELECT word FROM ts_stat('SELECT spelling FROM {TABLE}') "
                "WHERE levenshtein_less_equal(word, %s, 2) <= 2 "
                "ORDER BY levenshtein(word, %s), ndoc DESC, word LIMIT 1",
                [lexemes[0], lexemes[0]],
            )
            row = cursor.fetchone()
            if row:
                replacements[word] = row[0]
        suggestion = parsing.rewrite_words(query, replacements)
        return suggestion if suggestion != query else None

    def configuration_errors(self) -> list[str]:
        if connection.vendor != "postgresql":
            return [f"the postgres backend needs PostgreSQL, but the database is {connection.vendor}."]
        return []


def _quoted(lexeme: str) -> str:
    """A lexeme as a tsquery literal: quoted, inner quotes and backslashes escaped."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _marked(text: str, headline: str) -> str:
    """The headline of the escaped text with its markers turned into ``<mark>``; the text's
    opening when nothing in the text matched."""
    if MARK_START not in headline:
        return highlight(text, [])
    return headline.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")


SearchBackend = PostgresSearchBackend

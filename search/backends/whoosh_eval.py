"""Answers a compiled Whoosh query over whole segments at once, with numpy arrays.

Whoosh's own collector visits every matching document in Python, scores it and asks one
categoriser per facet for its key, so a search cost grew with its number of hits, not
with the page it shows (bench/FINDINGS.md). Here a segment's postings are read a block at
a time into arrays and kept while the segment lives (segments never change once written;
their deletions are read afresh for each search). A query becomes array operations: a
boolean mask of the matching documents and a BM25F score for each, computed as Whoosh's
``BM25F`` weighting computes it. Facet counts are one ``bincount`` per facet over the
mask, and only the page's hits are sorted and have their stored fields read.

Only the query types ``WhooshQueryCompiler`` and ``compile_filters`` produce are known
here; anything else is a programming error and raises ``UnsupportedQuery``.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from math import log

import numpy as np
from whoosh import query as wq
from whoosh.util.numeric import byte_to_length

from search.backends import whoosh_internals

BM25_B = 0.75
BM25_K1 = 1.2
POSITION_BITS = 24  # a position key is (document << POSITION_BITS) | position
LENGTH_OF_BYTE = np.array([byte_to_length(b) or 0 for b in range(256)], dtype=np.float32)


class UnsupportedQuery(TypeError):
    """A query type this evaluator does not know."""


class OutOfTime(Exception):
    """The search passed its deadline."""


class ArrayCache:
    """Arrays read from immutable segments, least recently used first out, within a byte budget."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple, object] = OrderedDict()
        self._sizes: dict[tuple, int] = {}
        self._total = 0
        self._lock = threading.Lock()

    def get(self, key: tuple, load: Callable[[], object]):
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = load()  # outside the lock: two threads may load the same arrays once each
        size = _nbytes(value)
        with self._lock:
            if key not in self._entries:
                self._entries[key] = value
                self._sizes[key] = size
                self._total += size
            while self._total > self.max_bytes and len(self._entries) > 1:
                oldest, _ = self._entries.popitem(last=False)
                self._total -= self._sizes.pop(oldest)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._sizes.clear()
            self._total = 0


def _nbytes(value) -> int:
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, tuple | list):
        return sum(_nbytes(v) for v in value) + 64
    return 64


@dataclass
class Match:
    """Which documents of a segment match, and the score of each (None: all zero)."""

    mask: np.ndarray
    scores: np.ndarray | None = None


@dataclass
class Hit:
    score: float
    docnum: int  # in the whole index
    stored: dict


@dataclass
class Answer:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    complete: bool = True


@dataclass
class _Candidate:
    sort_key: tuple
    score: float
    docnum: int
    leaf: object
    local: int


def in_sorted_keys(values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Which of ``values`` are among ``keys``, which are ascending: a binary search for each
    value, where ``np.isin`` would hash both arrays on every call."""
    if not len(keys):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(keys, values), len(keys) - 1)
    return keys[at] == values


class IndexStatistics:
    """What BM25F takes from the whole index (a term's idf, a field's average length), read
    once per search rather than once for each segment the term is scored in."""

    def __init__(self, searcher):
        self.searcher = searcher
        self._idf: dict[tuple[str, bytes], float] = {}
        self._average: dict[str, float] = {}

    def idf(self, fieldname: str, btext: bytes) -> float:
        key = (fieldname, btext)
        if key not in self._idf:
            searcher = self.searcher
            self._idf[key] = (
                log(searcher.doc_count_all() / (searcher.doc_frequency(fieldname, btext) + 1)) + 1
            )
        return self._idf[key]

    def average_length(self, fieldname: str) -> float:
        if fieldname not in self._average:
            self._average[fieldname] = self.searcher.avg_field_length(fieldname) or 1.0
        return self._average[fieldname]


class SegmentSearch:
    """One query over one segment (a leaf reader), its arrays taken from ``cache``."""

    def __init__(
        self, statistics: IndexStatistics, leaf, segment_key: tuple, cache: ArrayCache, deadline: float
    ):
        self.statistics = statistics
        self.leaf = leaf
        self.schema = statistics.searcher.schema
        self.key = segment_key
        self.cache = cache
        self.deadline = deadline
        self.size = leaf.doc_count_all()

    def _check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise OutOfTime

    # Reading the segment

    def postings(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        return self.cache.get((*self.key, "postings", fieldname, btext), lambda: self._read(fieldname, btext))

    def _read(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        fmt = self.schema[fieldname].format
        ids, weights = whoosh_internals.read_postings(self.leaf, fieldname, btext, fmt)
        return np.array(ids, dtype=np.int32), np.array(weights, dtype=np.float32)

    def position_keys(self, fieldname: str, btext: bytes) -> np.ndarray:
        """Every position of a term as a key, ascending: postings come in document order and
        each document's positions in order."""
        return self.cache.get(
            (*self.key, "positions", fieldname, btext), lambda: self._read_positions(fieldname, btext)
        )

    def _read_positions(self, fieldname: str, btext: bytes) -> np.ndarray:
        matcher = whoosh_internals.term_matcher(self.leaf, fieldname, btext, self.schema[fieldname].format)
        if matcher is None:
            return np.empty(0, np.int64)
        keys: list[int] = []
        while matcher.is_active():
            base = matcher.id() << POSITION_BITS
            keys.extend(base | position for position in matcher.value_as("positions"))
            matcher.next()
        return np.array(keys, dtype=np.int64)

    def lengths(self, fieldname: str) -> np.ndarray | None:
        """Each document's length of ``fieldname`` as Whoosh stores it (one byte, approximate)."""
        if not self.schema[fieldname].scorable:
            return None
        return self.cache.get((*self.key, "lengths", fieldname), lambda: self._read_lengths(fieldname))

    def _read_lengths(self, fieldname: str) -> np.ndarray:
        encoded = whoosh_internals.segment_length_bytes(self.leaf, fieldname)
        if encoded is None:
            return np.zeros(self.size, np.float32)
        return LENGTH_OF_BYTE[np.fromiter(encoded, dtype=np.uint8, count=self.size)]

    def facet_table(self, fieldname: str) -> tuple[list[str], np.ndarray, np.ndarray]:
        """The field's values, and for each posting its document and the index of its value."""
        return self.cache.get((*self.key, "facet", fieldname), lambda: self._read_facet(fieldname))

    def _read_facet(self, fieldname: str) -> tuple[list[str], np.ndarray, np.ndarray]:
        if self.schema[fieldname].column_type is not None:
            # One value per document, in a column: one pass instead of a posting list per value.
            codes: dict[str, int] = {}
            value_indexes = np.fromiter(
                (codes.setdefault(value, len(codes)) for value in self.leaf.column_reader(fieldname)),
                dtype=np.int32,
                count=self.size,
            )
            return list(codes), np.arange(self.size, dtype=np.int32), value_indexes
        values, documents, value_indexes = [], [], []
        for btext in self.leaf.lexicon(fieldname):
            ids, _ = self._read(fieldname, btext)
            value_indexes.append(np.full(len(ids), len(values), np.int32))
            documents.append(ids)
            values.append(btext.decode())
        if not values:
            return [], np.empty(0, np.int32), np.empty(0, np.int32)
        return values, np.concatenate(documents), np.concatenate(value_indexes)

    def date_keys(self) -> tuple[np.ndarray, ...]:
        """Per document: undated (0/1), date as YYYYMMDD, document id, position."""
        return self.cache.get((*self.key, "date-order"), self._read_date_keys)

    def _read_date_keys(self) -> tuple[np.ndarray, ...]:
        def column(name):
            return list(self.leaf.column_reader(name))

        dates = np.array([int(d.replace("-", "") or 0) for d in column("date")], dtype=np.int64)
        return (
            np.array(column("undated"), dtype=np.int64),
            dates,
            np.array(column("document_id"), dtype=np.int64),
            np.array(column("position"), dtype=np.int64),
        )

    def live(self) -> np.ndarray:
        mask = np.ones(self.size, dtype=bool)
        if self.leaf.has_deletions():
            deleted = np.fromiter(self.leaf.segment().deleted_docs(), dtype=np.int64)
            mask[deleted] = False
        return mask

    # Evaluating a query

    def evaluate(self, query: wq.Query) -> Match:
        self._check_time()
        method = _EVALUATORS.get(type(query))
        if method is None:
            if query is wq.NullQuery:
                return self._none()
            raise UnsupportedQuery(f"no evaluator for {type(query).__name__}")
        return method(self, query)

    def _none(self) -> Match:
        return Match(np.zeros(self.size, dtype=bool))

    def _term(self, query: wq.Term) -> Match:
        if query.fieldname not in self.schema:
            return self._none()
        fieldobj = self.schema[query.fieldname]
        btext = fieldobj.to_bytes(query.text)
        ids, weights = self.postings(query.fieldname, btext)
        mask = np.zeros(self.size, dtype=bool)
        mask[ids] = True
        scores = np.zeros(self.size, dtype=np.float32)
        scores[ids] = self._bm25(query.fieldname, btext, ids, weights) * query.boost
        return Match(mask, scores)

    def _bm25(self, fieldname: str, btext: bytes, ids: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Whoosh's BM25F, with its index-wide idf and average length; a field without
        lengths (an identifier) scores its term frequency, as in Whoosh."""
        lengths = self.lengths(fieldname)
        if lengths is None:
            return weights
        idf = self.statistics.idf(fieldname, btext)
        average = self.statistics.average_length(fieldname)
        norm = BM25_K1 * ((1 - BM25_B) + BM25_B * lengths[ids] / average)
        return (idf * (weights * (BM25_K1 + 1)) / (weights + norm)).astype(np.float32)

    def _or(self, query: wq.Or) -> Match:
        matches = [self.evaluate(child) for child in query.subqueries]
        mask = np.zeros(self.size, dtype=bool)
        scores = np.zeros(self.size, dtype=np.float32)
        for match in matches:
            mask |= match.mask
            if match.scores is not None:
                scores += match.scores
        return Match(mask, scores * query.boost if query.boost != 1 else scores)

    def _and(self, query: wq.And) -> Match:
        matches = [self.evaluate(child) for child in query.subqueries]
        mask = np.ones(self.size, dtype=bool)
        scores = np.zeros(self.size, dtype=np.float32)
        for match in matches:
            mask &= match.mask
            if match.scores is not None:
                scores += match.scores
        scores[~mask] = 0
        return Match(mask, scores * query.boost if query.boost != 1 else scores)

    def _and_maybe(self, query: wq.AndMaybe) -> Match:
        required, optional = self.evaluate(query.a), self.evaluate(query.b)
        scores = np.zeros(self.size, dtype=np.float32) if required.scores is None else required.scores.copy()
        if optional.scores is not None:
            both = required.mask & optional.mask
            scores[both] += optional.scores[both]
        return Match(required.mask, scores)

    def _not(self, query: wq.Not) -> Match:
        mask = ~self.evaluate(query.query).mask
        return Match(mask, mask.astype(np.float32) * query.boost)  # as Whoosh scores it

    def _every(self, query: wq.Every) -> Match:
        # Scored 1 each, as Whoosh scores it.
        return Match(np.ones(self.size, dtype=bool), np.ones(self.size, dtype=np.float32))

    def _constant(self, query: wq.ConstantScoreQuery) -> Match:
        mask = self.evaluate(query.child).mask
        if not query.score:
            return Match(mask)
        return Match(mask, np.where(mask, np.float32(query.score), np.float32(0)))

    def _phrase(self, query: wq.Phrase) -> Match:
        """Documents where the words follow each other in order, at most ``slop`` apart."""
        if query.fieldname not in self.schema:
            return self._none()
        fieldobj = self.schema[query.fieldname]
        words = [fieldobj.to_bytes(word) for word in query.words]
        current = self.position_keys(query.fieldname, words[0])
        for word in words[1:]:
            following = self.position_keys(query.fieldname, word)
            near = np.zeros(len(following), dtype=bool)
            for gap in range(1, max(1, query.slop) + 1):
                near |= in_sorted_keys(following - gap, current)
            current = following[near]
            self._check_time()
        mask = np.zeros(self.size, dtype=bool)
        mask[current >> POSITION_BITS] = True
        scores = np.zeros(self.size, dtype=np.float32)
        for word in words:
            ids, weights = self.postings(query.fieldname, word)
            in_phrase = mask[ids]
            scores[ids[in_phrase]] += self._bm25(query.fieldname, word, ids[in_phrase], weights[in_phrase])
        return Match(mask, scores * query.boost)

    def _expansion(self, fieldname: str, btexts) -> Match:
        """The documents of any of ``btexts`` in ``fieldname``, unscored."""
        mask = np.zeros(self.size, dtype=bool)
        for btext in btexts:
            ids, _ = self.postings(fieldname, btext)
            mask[ids] = True
            self._check_time()
        return Match(mask)

    def _prefix(self, query: wq.Prefix) -> Match:
        """Every word that starts with the prefix, each scored as a word of its own.

        Whoosh would give expansions a score that ignores their rarity; summing BM25F ranks
        a document with a rare expansion above one with a common expansion, as for words.
        """
        if query.fieldname not in self.schema:
            return self._none()
        mask = np.zeros(self.size, dtype=bool)
        scores = np.zeros(self.size, dtype=np.float32)
        for term in self.leaf.expand_prefix(query.fieldname, query.text):
            btext = term if isinstance(term, bytes) else term.encode()
            ids, weights = self.postings(query.fieldname, btext)
            mask[ids] = True
            scores[ids] += self._bm25(query.fieldname, btext, ids, weights)
            self._check_time()
        return Match(mask, scores * query.boost)

    def _term_range(self, query: wq.TermRange) -> Match:
        if query.fieldname not in self.schema:
            return self._none()

        def inside(value: str) -> bool:
            if query.start is not None and (
                value < query.start or (query.startexcl and value == query.start)
            ):
                return False
            return query.end is None or not (value > query.end or (query.endexcl and value == query.end))

        btexts = [b for b in self.leaf.lexicon(query.fieldname) if inside(b.decode())]
        return self._expansion(query.fieldname, btexts)

    # Answering

    def facet_counts(self, fieldname: str, mask: np.ndarray) -> dict[str, int]:
        values, documents, value_indexes = self.facet_table(fieldname)
        if not values:
            return {}
        counts = np.bincount(value_indexes[mask[documents]], minlength=len(values))
        # A document without a value (an undated one has no year) has "" in a column.
        return {values[i]: int(counts[i]) for i in np.flatnonzero(counts) if values[i]}

    def best(self, match: Match, *, order: str, limit: int, offset: int) -> list[_Candidate]:
        """This segment's first ``limit`` hits in ``order``, each with the key that merges them."""
        matched = np.flatnonzero(match.mask)
        if not len(matched) or not limit:
            return []
        if order == "relevance":
            scores = match.scores[matched] if match.scores is not None else np.zeros(len(matched), np.float32)
            if len(matched) > limit:
                # Every hit scoring at least the limit-th best, ties included, so that the hits
                # kept are the first in (score, document) order whatever the limit: pages of
                # one search never share or skip a hit.
                kth = np.partition(-scores, limit - 1)[limit - 1]
                top = np.flatnonzero(-scores <= kth)
                matched, scores = matched[top], scores[top]
            ranked = np.lexsort((matched, -scores))[:limit]
            return [
                self._candidate((-float(scores[i]),), float(scores[i]), int(matched[i]), offset)
                for i in ranked
            ]
        undated, dates, documents, positions = (keys[matched] for keys in self.date_keys())
        dates = -dates if order == "-date" else dates
        ranked = np.lexsort((matched, positions, documents, dates, undated))[:limit]
        return [
            self._candidate(
                (int(undated[i]), int(dates[i]), int(documents[i]), int(positions[i])),
                0.0,
                int(matched[i]),
                offset,
            )
            for i in ranked
        ]

    def provision_ids(self) -> np.ndarray:
        """The provision id of each document of the segment, deleted ones included."""
        return self.cache.get((*self.key, "provision-ids"), self._read_provision_ids)

    def _read_provision_ids(self) -> np.ndarray:
        stored = self.leaf.stored_fields
        return np.array([int(stored(docnum)["id"]) for docnum in range(self.size)], dtype=np.int64)

    def ranked_keys(self, match: Match, matched: np.ndarray, *, order: str) -> tuple[np.ndarray, ...]:
        """The keys ``best`` orders the ``matched`` documents by, most significant first."""
        if order == "relevance":
            scores = match.scores[matched] if match.scores is not None else np.zeros(len(matched), np.float32)
            return (-scores,)
        undated, dates, documents, positions = (keys[matched] for keys in self.date_keys())
        return (undated, -dates if order == "-date" else dates, documents, positions)

    def _candidate(self, sort_key: tuple, score: float, local: int, offset: int) -> _Candidate:
        """A hit of this segment; its index-wide document number breaks ties in ``sort_key``."""
        return _Candidate((*sort_key, offset + local), score, offset + local, self.leaf, local)


_EVALUATORS = {
    wq.Term: SegmentSearch._term,
    wq.Or: SegmentSearch._or,
    wq.And: SegmentSearch._and,
    wq.AndMaybe: SegmentSearch._and_maybe,
    wq.Not: SegmentSearch._not,
    wq.Every: SegmentSearch._every,
    wq.ConstantScoreQuery: SegmentSearch._constant,
    wq.Phrase: SegmentSearch._phrase,
    wq.Prefix: SegmentSearch._prefix,
    wq.TermRange: SegmentSearch._term_range,
}


# One per process, shared by every backend instance: a segment's arrays are keyed by its index
# directory and segment id, and segments never change, so they never go stale.
SEGMENT_ARRAYS = ArrayCache(256 * 1024 * 1024)


@dataclass
class Evaluator:
    """Runs queries against the segments of one index directory (``index_key``)."""

    index_key: str
    cache: ArrayCache = SEGMENT_ARRAYS

    def run(
        self,
        searcher,
        query: wq.Query,
        *,
        facets: tuple[str, ...],
        order: str,
        offset: int,
        page_size: int,
        time_limit: float,
    ) -> Answer:
        """The total, the facet counts over every hit, and the hits of one page."""
        deadline = time.monotonic() + time_limit
        total = 0
        counts: dict[str, dict[str, int]] = {name: {} for name in facets}
        candidates: list[_Candidate] = []
        complete = True
        statistics = IndexStatistics(searcher)
        for leaf, docbase in searcher.reader().leaf_readers():
            if leaf.segment() is None:  # an index without documents reads as one empty reader
                continue
            segment = SegmentSearch(
                statistics, leaf, (self.index_key, leaf.segment().segment_id()), self.cache, deadline
            )
            try:
                match = segment.evaluate(query)
                mask = match.mask & segment.live()
            except OutOfTime:
                complete = False
                break
            total += int(mask.sum())
            for name in facets:
                for value, count in segment.facet_counts(name, mask).items():
                    counts[name][value] = counts[name].get(value, 0) + count
            candidates += segment.best(
                Match(mask, match.scores), order=order, limit=offset + page_size, offset=docbase
            )
        candidates.sort(key=lambda candidate: candidate.sort_key)
        hits = [
            Hit(
                score=candidate.score,
                docnum=candidate.docnum,
                stored=candidate.leaf.stored_fields(candidate.local),
            )
            for candidate in candidates[offset : offset + page_size]
        ]
        return Answer(total=total, hits=hits, facets=counts, complete=complete)

    def matching_ids(
        self, searcher, query: wq.Query, *, order: str, time_limit: float
    ) -> tuple[list[int], bool]:
        """The provision id of every hit, in the order ``run`` pages them, and whether the
        search finished in time. No hit's stored fields are read: the ids come from an array
        kept per segment, and the hits of all segments are ordered in one sort."""
        deadline = time.monotonic() + time_limit
        complete = True
        keys, ids = [], []
        statistics = IndexStatistics(searcher)
        for leaf, _ in searcher.reader().leaf_readers():
            if leaf.segment() is None:
                continue
            segment = SegmentSearch(
                statistics, leaf, (self.index_key, leaf.segment().segment_id()), self.cache, deadline
            )
            try:
                match = segment.evaluate(query)
                matched = np.flatnonzero(match.mask & segment.live())
            except OutOfTime:
                complete = False
                break
            keys.append(segment.ranked_keys(match, matched, order=order))
            ids.append(segment.provision_ids()[matched])
        if not ids:
            return [], complete
        # Hits come in document order, segment after segment, and lexsort is stable: equal
        # keys stay in document order, as in ``run``.
        columns = [np.concatenate(column) for column in zip(*keys, strict=True)]
        ranked = np.lexsort(tuple(reversed(columns)))
        return np.concatenate(ids)[ranked].tolist(), complete

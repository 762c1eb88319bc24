"""Search on an embedded Whoosh index, the default backend.

The index lives in ``PATH`` (``SEARCH_INDEX_DIR``) on this machine's disk; a deployment
with several app servers uses the ``postgres`` backend instead. Searchers are opened once
per thread and refreshed when the index changes; a search stops after ``TIME_LIMIT``
seconds with what it found so far. A missing or unreadable index raises
``SearchUnavailable`` so that ``search_provisions`` can answer from the database.
"""

import contextlib
import functools
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.writing import NO_MERGE

from search import spelling
from search.backends.whoosh_build import BuildFailed, fill_index
from search.backends.whoosh_damage import MAYBE_DAMAGE, is_index_damage
from search.backends.whoosh_eval import Evaluator
from search.backends.whoosh_indexing import (
    WORD,
    IndexWriter,
    fit_to_schema,
    index_term,
    reindex_smallest,
)
from search.backends.whoosh_query import (
    SCHEMA,
    SPELLING,
    STEMMING,
    WhooshQueryCompiler,
    analyzed,
    compile_filters,
    document_fields,
)
from search.backends.whoosh_reopen import reopen_searcher
from search.backends.whoosh_store import IndexStore, LockTimeout, RebuildRunning
from search.base import BaseSearchBackend, IndexMissing, SearchUnavailable
from search.highlight import MAX_SCANNED_CHARACTERS, SNIPPET_LENGTH, mark_spans, spans_near_first
from search.index import indexed_provisions_for
from search.query import FACET_NAMES, MatchingIds, SearchHit, SearchRequest, SearchResults

logger = logging.getLogger(__name__)

SUGGEST_BELOW = 3  # offer "did you mean" when a query finds fewer hits than this
MERGE_AT_SEGMENTS = 8  # a write into an index of this many segments merges the smallest


class WhooshSearchBackend(BaseSearchBackend):
    name = "whoosh"

    def __init__(self, params: dict):
        super().__init__(params)
        self.store = IndexStore(Path(params.get("PATH") or settings.SEARCH_INDEX_DIR))
        self.time_limit = float(params.get("TIME_LIMIT", 2.0))
        self.write_timeout = float(params.get("WRITE_TIMEOUT", 10.0))
        self.swap_timeout = float(params.get("SWAP_TIMEOUT", 60.0))
        self.build_processes = int(params.get("BUILD_PROCESSES", min(2, os.cpu_count() or 1)))
        self._local = threading.local()

    # Writing

    def update(self, provision_ids: Iterable[int]) -> None:
        ids = set(provision_ids)
        if not ids and not self.store.has_pending():
            return
        if not self.store.exists():
            raise IndexMissing(f"no search index at {self.store.root}")
        try:
            with self.store.write_lock(timeout=self.write_timeout):
                pending, files = self.store.take_pending()
                ids |= pending
                if self.store.journal_active():
                    self.store.append_journal(ids)
                directory = self.store.current_dir()
                if directory is None:
                    raise IndexMissing(f"no search index at {self.store.root}")
                self._write(directory, ids)
                self.store.discard(files)
        except LockTimeout:
            self.store.queue(ids)
            logger.warning(
                "Search index busy for %ss: %d provision(s) queued for the next writer",
                self.write_timeout,
                len(ids),
            )
        except FileNotFoundError as exc:  # the index directory went away under us
            raise IndexMissing(f"search index at {self.store.root} disappeared: {exc}") from exc

    def _write(self, directory: Path, ids: set[int]) -> None:
        """Write the database's current state of ``ids``; call with the write lock held."""
        records = indexed_provisions_for(ids)
        try:
            writer = IndexWriter(whoosh_index.open_dir(str(directory)), timeout=self.write_timeout)
        except MAYBE_DAMAGE as exc:
            if not is_index_damage(exc):
                raise
            raise SearchUnavailable(f"search index at {directory} cannot be written: {exc}") from exc
        try:
            for provision_id in sorted(ids):
                if provision_id in records:
                    writer.update_document(
                        **fit_to_schema(document_fields(records[provision_id]), writer.schema)
                    )
                else:
                    writer.delete_by_term("id", str(provision_id))
            # Each write adds a small segment; once they pile up, a write folds the smallest
            # few into its own. Whoosh's default merge fell on some edits and not others.
            if len(writer.segments) >= MERGE_AT_SEGMENTS:
                writer.commit(mergetype=reindex_smallest(functools.partial(_documents_for, writer.schema)))
            else:
                writer.commit(mergetype=NO_MERGE)
        except BaseException:
            writer.cancel()
            raise

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        try:
            with self.store.rebuild_lock():
                directory = self._rebuild(progress)
        except (RebuildRunning, LockTimeout) as exc:
            raise SearchUnavailable(f"the search index cannot be rebuilt now: {exc}") from exc
        except (OSError, BuildFailed) as exc:
            # A full disk, say: the index in use was never touched, and stays.
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise SearchUnavailable(
                f"the search index could not be rebuilt ({reason}); the index in use is unchanged"
            ) from exc
        self.close()
        return whoosh_index.open_dir(str(directory)).doc_count()

    def _rebuild(self, progress: Callable[[int], None] | None) -> Path:
        """Build beside the live index, then swap; call holding the rebuild lock."""
        with self.store.write_lock(timeout=self.swap_timeout):
            # From here on, writers note what they write for this rebuild to re-apply.
            self.store.start_journal()
        try:
            directory = self.store.new_dir()
            try:
                self._fill(directory, progress)
            except BaseException:
                shutil.rmtree(directory, ignore_errors=True)  # a half-built index serves no one
                raise
            with self.store.write_lock(timeout=self.swap_timeout):
                # Changes saved while the new index was being built: apply them to it.
                pending, files = self.store.take_pending()
                changed = self.store.read_journal() | pending
                if changed:
                    self._write(directory, changed)
                previous = self.store.current_dir()
                self.store.swap(directory)
                self.store.end_journal()
                self.store.discard(files)
        finally:
            self.store.end_journal()
        self.store.remove_old_dirs(keep=[d for d in (directory, previous) if d is not None])
        return directory

    def _fill(self, directory: Path, progress: Callable[[int], None] | None) -> None:
        fill_index(
            whoosh_index.create_in(str(directory), SCHEMA), processes=self.build_processes, progress=progress
        )

    def indexed_fingerprints(self) -> dict[int, str]:
        searcher = self._searcher()
        return {int(fields["id"]): fields["fingerprint"] for fields in searcher.reader().all_stored_fields()}

    # Reading

    def _searcher(self):
        """This thread's searcher on the live index, reopened or refreshed when it changed."""
        state = self._local
        directory = self.store.current_dir()
        if directory is None:
            self.close()
            raise IndexMissing(f"no search index at {self.store.root}")
        try:
            current = getattr(state, "searcher", None)
            if getattr(state, "directory", None) != directory:
                self.close()
                state.searcher = reopen_searcher(whoosh_index.open_dir(str(directory)))
                state.directory = directory
            elif not current.up_to_date():
                state.searcher = reopen_searcher(whoosh_index.open_dir(str(directory)), current)
        except MAYBE_DAMAGE as exc:
            self.close()
            if not is_index_damage(exc):
                raise
            raise SearchUnavailable(f"search index at {directory} cannot be read: {exc}") from exc
        return state.searcher

    def generation(self) -> str | None:
        try:
            searcher = self._searcher()
        except SearchUnavailable:
            return None
        return f"{self._local.directory.name}:{searcher.reader().generation()}"

    def close(self) -> None:
        state = self._local
        searcher = getattr(state, "searcher", None)
        state.searcher = state.directory = None
        if searcher is not None:
            # Closing a broken index must not hide the error that made us close it.
            with contextlib.suppress(Exception):
                searcher.close()

    def search(self, request: SearchRequest) -> SearchResults:
        searcher = self._searcher()
        notes = request.notes
        try:
            compiler, query = self._compile(searcher, request)
            answer = self._evaluator().run(
                searcher,
                query,
                facets=FACET_NAMES if request.with_facets else (),
                order=request.effective_order,
                offset=request.offset,
                page_size=request.page_size,
                time_limit=self.time_limit,
            )
            if not answer.complete:
                notes.append("The search took too long and was stopped: results and counts are incomplete.")
            terms = compiler.highlight_terms
            hits = [
                SearchHit(
                    provision_id=int(hit.stored["id"]),
                    score=hit.score,
                    highlight=_snippet(hit.stored["text"], terms) if request.with_snippets else "",
                )
                for hit in answer.hits
            ]
            suggestion = (
                self._suggest(searcher, request)
                if request.with_suggestion and answer.total < SUGGEST_BELOW
                else None
            )
        except SearchUnavailable:
            raise
        except MAYBE_DAMAGE as exc:
            self._failed(exc)
        return SearchResults(
            request=request,
            total=answer.total,
            hits=hits,
            facets=answer.facets,
            suggestion=suggestion,
            notes=notes,
            backend=self.name,
        )

    def matching_ids(self, request: SearchRequest) -> MatchingIds:
        searcher = self._searcher()
        try:
            _, query = self._compile(searcher, request)
            ids, complete = self._evaluator().matching_ids(
                searcher, query, order=request.effective_order, time_limit=self.time_limit
            )
        except SearchUnavailable:
            raise
        except MAYBE_DAMAGE as exc:
            self._failed(exc)
        return MatchingIds(ids, complete=complete)

    def _compile(self, searcher, request: SearchRequest):
        compiler = WhooshQueryCompiler(searcher.reader())
        query = compiler.compile(request.parsed)
        filters = compile_filters(request.filters)
        if filters is not None:
            # A constant score of 0 leaves ranking alone.
            query = wq.And([query, wq.ConstantScoreQuery(filters, 0.0)])
        return compiler, query

    def _evaluator(self) -> Evaluator:
        return Evaluator(index_key=str(self._local.directory))

    def _failed(self, exc: BaseException):
        """Close the searcher; a damaged index becomes ``SearchUnavailable``, a bug goes on up."""
        self.close()
        if not is_index_damage(exc):
            raise exc
        raise SearchUnavailable(f"search index at {self.store.root} failed: {exc!r}") from exc

    def _suggest(self, searcher, request: SearchRequest) -> str | None:
        """A correction of the query's misspelt words from the index's own vocabulary (the
        ``spelling`` field: every word, lower case and accents folded, not stemmed), chosen by
        ``search.spelling``."""
        reader = searcher.reader()
        corrector = searcher.corrector("spelling")

        def fold(word: str) -> str:
            folded = analyzed(word, SPELLING)
            return folded[0] if len(folded) == 1 and analyzed(word, STEMMING) else ""

        def candidates(folded: str) -> list[tuple[str, int]]:
            terms = corrector.suggest(folded, limit=12, maxdist=spelling.MAX_DISTANCE)
            return [(term, reader.doc_frequency("spelling", term)) for term in terms]

        def finds_something(text: str) -> bool:
            corrected = replace(
                request, query=text, page=1, page_size=1, with_facets=False, with_suggestion=False
            )
            _, query = self._compile(searcher, corrected)
            answer = self._evaluator().run(
                searcher,
                query,
                facets=(),
                order="relevance",
                offset=0,
                page_size=1,
                time_limit=self.time_limit,
            )
            return answer.total > 0

        return spelling.suggestion(
            request.query,
            request.parsed,
            known=lambda folded: reader.doc_frequency("spelling", folded) > 0,
            fold=fold,
            candidates=candidates,
            finds_something=finds_something,
        )

    def configuration_errors(self) -> list[str]:
        root = self.store.root
        existing = root if root.exists() else next((p for p in root.parents if p.exists()), None)
        if existing is None or not existing.is_dir():
            return [f"SEARCH_INDEX_DIR {root} cannot be created."]
        if not os.access(existing, os.W_OK | os.X_OK):
            return [f"SEARCH_INDEX_DIR {root} is not writable ({existing} is read-only for this user)."]
        return []


def _documents_for(schema, ids: list[int]) -> list[dict]:
    return [fit_to_schema(document_fields(record), schema) for record in indexed_provisions_for(ids).values()]


def _snippet(text: str, terms: set[str]) -> str:
    """Escaped text around the first match, with ``<mark>`` on every word whose index term is
    one of ``terms``; the opening of the text when nothing in it matched (the match was in
    the title or the symbol)."""
    words = WORD.finditer(text, 0, MAX_SCANNED_CHARACTERS + SNIPPET_LENGTH)
    matches = (word.span() for word in words if index_term(word.group()) in terms)
    return mark_spans(text, spans_near_first(matches) if terms else [])


SearchBackend = WhooshSearchBackend

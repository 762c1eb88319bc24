"""A full build writes the index Whoosh's own writer and analysers would, on one core or several."""

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import TEXT, Schema

from commitments.models import Provision
from search import SearchRequest, search_provisions
from search.backends import whoosh_build, whoosh_internals
from search.backends.whoosh_indexing import (
    SPELLING,
    STEMMING,
    IndexWriter,
    SpellingText,
    StemmedText,
)
from search.backends.whoosh_query import SCHEMA, document_fields
from search.index import iter_indexed_provisions


def index_contents(ix) -> dict:
    """Everything a search reads: stored fields, every posting, and every field length."""
    with ix.reader() as reader:
        postings = {
            (field, term): list(reader.postings(field, term).all_items())
            for field, term in reader.all_terms()
        }
        lengths = {
            field: [reader.doc_field_length(n, field) for n in range(reader.doc_count_all())]
            for field in ix.schema.scorable_names()
        }
        return {"stored": list(reader.all_stored_fields()), "postings": postings, "lengths": lengths}


def whoosh_reference_index(directory):
    """The index as plain Whoosh writes it: its TEXT fields and analysers, its SegmentWriter."""
    fields = {}
    for name, field in SCHEMA.items():
        if isinstance(field, StemmedText):
            field = TEXT(analyzer=STEMMING, stored=field.stored)
        elif isinstance(field, SpellingText):
            field = TEXT(analyzer=SPELLING, phrase=False, spelling=True)
        fields[name] = field
    directory.mkdir()
    ix = whoosh_index.create_in(str(directory), Schema(**fields))
    with ix.writer() as writer:
        for record in iter_indexed_provisions():
            document = document_fields(record)
            document["spelling"] = " ".join(document["spelling"])
            writer.add_document(**document)
    return ix


def build(directory, *, processes: int):
    directory.mkdir()
    ix = whoosh_index.create_in(str(directory), SCHEMA)
    whoosh_build.fill_index(ix, processes=processes)
    return whoosh_index.open_dir(str(directory))


@pytest.fixture
def workers_for_any_size(monkeypatch):
    monkeypatch.setattr(whoosh_build, "MIN_PER_WORKER", 1)


def test_one_process_writes_what_whoosh_would(corpus, tmp_path):
    reference = whoosh_reference_index(tmp_path / "reference")
    built = build(tmp_path / "built", processes=1)
    assert built.doc_count() == reference.doc_count() > 100
    assert index_contents(built) == index_contents(reference)


def test_workers_write_the_same_documents_in_the_same_order(corpus, tmp_path, workers_for_any_size):
    one = build(tmp_path / "one", processes=1)
    two = build(tmp_path / "two", processes=2)
    assert len(two._segments()) == 2
    one_contents, two_contents = index_contents(one), index_contents(two)
    assert two_contents["stored"] == one_contents["stored"]
    assert two_contents["postings"] == one_contents["postings"]
    assert two_contents["lengths"] == one_contents["lengths"]


def test_small_builds_stay_in_one_process(corpus, tmp_path):
    assert len(build(tmp_path / "index", processes=2)._segments()) == 1


def test_a_failing_worker_fails_the_rebuild_and_leaves_the_live_index(
    corpus, whoosh_index, workers_for_any_size, monkeypatch
):
    def unknown_field(record):
        return {**document_fields(record), "no_such_field": "x"}

    monkeypatch.setattr(whoosh_build, "document_fields", unknown_field)
    before = whoosh_index.store.current_dir()
    with pytest.raises(Exception, match="no_such_field"):
        whoosh_index.rebuild()
    assert whoosh_index.store.current_dir() == before
    assert search_provisions(SearchRequest(query="migration")).total > 0


def test_the_pool_sorts_through_temporary_runs(corpus, tmp_path, monkeypatch):
    """A tiny pool spills to disk many times; the index is the same as sorted in memory."""
    in_memory = build(tmp_path / "memory", processes=1)
    monkeypatch.setattr(whoosh_build, "POOL_MB", 1)
    monkeypatch.setattr(whoosh_internals, "RUN_BATCH", 7)
    runs = []
    save = whoosh_internals.TermPool.save
    monkeypatch.setattr(whoosh_internals.TermPool, "save", lambda pool: runs.append(1) or save(pool))
    spilled = build(tmp_path / "spilled", processes=1)
    assert len(runs) > 2
    assert index_contents(spilled) == index_contents(in_memory)


def test_the_index_writer_is_a_whoosh_segment_writer(tmp_path):
    ix = whoosh_index.create_in(str(tmp_path), SCHEMA)
    writer = IndexWriter(ix)
    try:
        assert writer.pool.limit_bytes > 0
    finally:
        writer.cancel()


def test_an_index_built_before_keeps_its_spelling_words_through_edits(corpus, whoosh_index):
    """An index whose schema predates SpellingText still gets words, not whole texts."""
    directory = whoosh_index.store.root / "index-before"
    reference = whoosh_reference_index(directory)
    whoosh_index.store.swap(directory)
    provision = Provision.objects.published().order_by("pk").first()
    provision.text = f"{provision.text} Zqspellingword"
    provision.save()
    whoosh_index.update({provision.pk})
    with reference.refresh().reader() as reader:
        assert reader.doc_frequency("spelling", "zqspellingword") == 1
        assert all(" " not in term.decode() for term in reader.lexicon("spelling"))


def test_the_pool_hands_on_postings_by_term_and_document_in_any_order_of_arrival(tmp_path):
    writer = IndexWriter(whoosh_index.create_in(str(tmp_path), SCHEMA))
    arrived = [
        ("text", b"border", 3, 1.0, b"\x01"),
        ("text", b"asylum", 5, 1.0, b"\x02"),
        ("text", b"border", 1, 2.0, None),  # before document 3: as a merged segment's might
        ("id", b"17", 0, 1.0, b""),
    ]
    try:
        for posting in arrived:
            writer.pool.add(posting)
        assert list(writer.pool.items()) == sorted(arrived, key=lambda posting: posting[:3])
    finally:
        writer.cancel()


def test_the_date_order_is_kept_in_columns_without_postings(corpus, tmp_path):
    built = build(tmp_path / "built", processes=1)
    with built.reader() as reader:
        fields = {field for field, _ in reader.all_terms()}
        assert {"document_id", "position", "undated"}.isdisjoint(fields) and "text" in fields
        assert len(list(reader.column_reader("position"))) == reader.doc_count_all() > 100

"""The fastest local engine a user could pick instead: Tantivy (Rust), through its official
Python bindings, doing the work every engine here does for a query.

It indexes the same records the project's backends index (``search.index``): title, heading
and text stemmed in English (title boosted 2, heading 1.5, as the Whoosh backend weighs
them), the six facet fields as raw fast fields, the year as a number. A query is the same
clauses in Tantivy's query language; filters are a constant-score part of the query; facet
counts are one terms aggregation per facet over every hit; the top 20 come with highlighted
snippets of their text. It lives in the benchmark only: the project itself never imports it.
"""

import importlib.util
import shutil
from pathlib import Path

from django.conf import settings

from bench.engines import TOP_HITS, Answer, Engine
from bench.queries import BenchQuery
from commitments.models import Provision
from search.index import IndexedProvision, indexable_ids, indexed_provision_chunks, indexed_provisions_for

FACETS = ("dimension", "category", "year", "decade", "kind", "document")
TEXT_BOOSTS = {"title": 2.0, "heading": 1.5, "text": 1.0}
WRITER_HEAP = 256 * 1024 * 1024
FACET_SIZE = 100_000  # every value counted, as the project's engines count them


class TantivyEngine(Engine):
    name = "tantivy"
    role = "peer"

    def __init__(self, path: Path | None = None):
        self.path = Path(path or Path(settings.BENCH_WORK_DIR) / "tantivy")
        self._index = None

    def unavailable_reason(self) -> str | None:
        if importlib.util.find_spec("tantivy") is None:
            return "tantivy is not installed (pip install -r requirements-bench.txt)"
        return None

    # Index

    @staticmethod
    def _schema():
        import tantivy

        builder = tantivy.SchemaBuilder()
        builder.add_integer_field("id", stored=True, indexed=True, fast=True)
        for field in TEXT_BOOSTS:
            builder.add_text_field(field, stored=field == "text", tokenizer_name="en_stem")
        for field in ("dimension", "category", "decade", "kind", "document"):
            builder.add_text_field(field, tokenizer_name="raw", fast=True)
        builder.add_integer_field("year", indexed=True, fast=True)
        return builder.build()

    def _open(self):
        import tantivy

        if self._index is None:
            self._index = tantivy.Index(self._schema(), path=str(self.path), reuse=True)
        return self._index

    def build(self) -> int:
        import tantivy

        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir(parents=True)
        self._index = tantivy.Index(self._schema(), path=str(self.path))
        writer = self._index.writer(WRITER_HEAP)
        count = 0
        for records in indexed_provision_chunks(indexable_ids()):
            for record in records:
                writer.add_document(_document(record))
            count += len(records)
        writer.commit()
        writer.wait_merging_threads()
        self._index.reload()
        return count

    def after_save(self, provision: Provision) -> None:
        # What an application keeping a Tantivy index does on save: replace the document, commit.
        index = self._open()
        writer = index.writer(WRITER_HEAP // 4)
        writer.delete_documents_by_term("id", provision.pk)
        record = indexed_provisions_for([provision.pk]).get(provision.pk)
        if record is not None:
            writer.add_document(_document(record))
        writer.commit()
        writer.wait_merging_threads()
        index.reload()

    # Search

    def _query(self, query: BenchQuery):
        import tantivy

        index = self._open()
        text = " AND ".join(
            "(" + " OR ".join(f'"{term}"' if " " in term else term for term in clause) + ")"
            for clause in query.clauses
        )
        parsed = index.parse_query(text, list(TEXT_BOOSTS), field_boosts=TEXT_BOOSTS)
        filters = _filters(index.schema, query)
        if not filters:
            return parsed
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, parsed)]
            + [(tantivy.Occur.Must, tantivy.Query.const_score_query(f, 0.0)) for f in filters]
        )

    def search(self, query: BenchQuery) -> Answer:
        import tantivy

        index = self._open()
        searcher = index.searcher()
        compiled = self._query(query)
        result = searcher.search(compiled, limit=TOP_HITS, count=True)
        aggregations = searcher.aggregate(
            compiled, {name: {"terms": {"field": name, "size": FACET_SIZE}} for name in FACETS}
        )
        facet_values = sum(len(aggregations.get(name, {}).get("buckets", [])) for name in FACETS)
        snippets = tantivy.SnippetGenerator.create(searcher, compiled, index.schema, "text")
        marked = 0
        for _score, address in result.hits:
            html = snippets.snippet_from_doc(searcher.doc(address)).to_html()
            marked += "<b>" in html
        return Answer(total=result.count, snippets=marked, facet_values=facet_values)

    def finds(self, word: str, provision: Provision) -> bool:
        import tantivy

        index = self._open()
        searcher = index.searcher()
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, index.parse_query(word, list(TEXT_BOOSTS))),
                (tantivy.Occur.Must, tantivy.Query.term_query(index.schema, "id", provision.pk)),
            ]
        )
        return searcher.search(query, limit=1).count > 0


def _document(record: IndexedProvision):
    import tantivy

    fields = {
        "id": record.id,
        "title": record.title,
        "heading": record.heading,
        "text": record.text,
        "dimension": list(record.dimensions),
        "category": list(record.categories),
        "kind": record.kind,
        "document": record.document_slug,
    }
    if record.date:
        fields["year"] = record.year
        fields["decade"] = record.decade
    return tantivy.Document(**fields)


def _filters(schema, query: BenchQuery) -> list:
    import tantivy

    f = query.filters
    clauses = []
    for field, values in (
        ("dimension", f.dimensions),
        ("category", f.categories),
        ("kind", f.kinds),
        ("document", f.documents),
    ):
        if values:
            clauses.append(tantivy.Query.term_set_query(schema, field, list(values)))
    if f.year_from is not None or f.year_to is not None:
        clauses.append(
            tantivy.Query.range_query(schema, "year", tantivy.FieldType.Integer, f.year_from, f.year_to)
        )
    return clauses

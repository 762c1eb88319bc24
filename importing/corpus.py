"""The bundled corpus: the project's own copies of its sources under ``fixtures/corpus``.

``fixtures/corpus/manifest.json`` lists the files in import order with the format and
symbol each gets. ``load_corpus`` imports them all; it is idempotent. ``make run`` calls it
with ``only_if_changed`` at every start: it loads the files only when the database has none of
the corpus or the bundled files (corpus and curation) changed since the last load
(``CorpusLoad``), so that a restart never re-imports over what curators did since.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import transaction

from commitments.taxonomy import ensure_taxonomy
from documents.models import Document, PublicationStatus
from importing.catalogue import apply_catalogue, read_catalogue
from importing.curated_attributions import AttributionRun, apply_attributions
from importing.curated_operations import OperationsCurationRun, apply_operations_curation
from importing.curated_records import RecordsRun, apply_records
from importing.curated_tags import CURATION_DIR, CurationRun, apply_curation
from importing.identity import find_document
from importing.lineage import record_lineage
from importing.models import CorpusLoad
from importing.parsed import ParsedSource
from importing.save import ImportReport
from importing.service import import_file
from importing.sources import parse_source

CORPUS_DIR = Path(settings.BASE_DIR) / "fixtures" / "corpus"


@dataclass(frozen=True)
class CorpusEntry:
    file: str
    format: str
    symbol: str = ""
    metadata: tuple[tuple[str, str], ...] = ()


@dataclass
class LoadedCorpus:
    """What ``load_corpus`` stored: one report per source, in manifest order."""

    reports: list[ImportReport] = field(default_factory=list)
    skipped: bool = False  # the bundled files were loaded as they are: nothing was imported
    curation: CurationRun = field(default_factory=CurationRun)
    catalogue_changes: int = 0
    lineage_changes: int = 0
    operations: OperationsCurationRun = field(default_factory=OperationsCurationRun)
    attributions: AttributionRun = field(default_factory=AttributionRun)
    records: RecordsRun = field(default_factory=RecordsRun)

    def document(self, symbol_or_title: str) -> Document:
        """A corpus document by symbol (``MC.DOC/2/05``) or exact title."""
        by_symbol = Document.objects.by_symbol(symbol_or_title).first()
        return by_symbol or Document.objects.get(title=symbol_or_title)

    def source_document(self, file: str) -> Document:
        """The document a corpus file is the source of, by file name."""
        report = next(r for r in self.reports if r.source == file)
        return Document.objects.get(pk=report.document_id)


def corpus_entries(directory: Path = CORPUS_DIR) -> list[CorpusEntry]:
    """The manifest's entries, in import order."""
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    return [
        CorpusEntry(
            file=item["file"],
            format=item["format"],
            symbol=item.get("symbol", ""),
            metadata=tuple(sorted(item.get("metadata", {}).items())),
        )
        for item in manifest["sources"]
    ]


def _parsed_corpus(directory: Path) -> tuple[tuple[ParsedSource, bytes], ...]:
    return _parsed_files(directory, _files_fingerprint(directory))


@cache
def _parsed_files(directory: Path, fingerprint: str) -> tuple[tuple[ParsedSource, bytes], ...]:
    # Parsing is the slow part and its result never changes while the files do not; tests load
    # the corpus many times and only pay for saving.
    parsed = []
    for entry in corpus_entries(directory):
        data = (directory / entry.file).read_bytes()
        parsed.append(
            (
                parse_source(
                    data,
                    name=entry.file,
                    format=entry.format,
                    symbol=entry.symbol,
                    metadata=dict(entry.metadata),
                ),
                data,
            )
        )
    return tuple(parsed)


def bundled_fingerprint(directory: Path = CORPUS_DIR, curation_directory: Path = CURATION_DIR) -> str:
    """SHA-256 over the names and bytes of every bundled file a load reads."""
    return _files_fingerprint(directory, curation_directory)


def _files_fingerprint(*roots: Path) -> str:
    digest = hashlib.sha256()
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def corpus_is_loaded(fingerprint: str) -> bool:
    """Whether the last load read exactly these files, and its documents are still there."""
    last = CorpusLoad.objects.order_by("-loaded_at", "-pk").first()
    return last is not None and last.fingerprint == fingerprint and Document.objects.exists()


@transaction.atomic
def load_corpus(
    *,
    progress: Callable[[int, int, str], None] | None = None,
    directory: Path = CORPUS_DIR,
    curation_directory: Path = CURATION_DIR,
    keep_files: bool = True,
    only_if_changed: bool = False,
) -> LoadedCorpus:
    """Import the bundled corpus and apply the editors' decisions shipped with it
    (``fixtures/curation``); running it again changes nothing.

    With ``only_if_changed``, nothing is read when the last load read the same files
    (``LoadedCorpus.skipped``). ``progress(done, total, file_name)`` is called after each
    source. Everything is one transaction: a bad corpus file (``ImportRejected``) or a bad
    curation entry (``CurationRejected``) leaves the database as it was.
    """
    fingerprint = bundled_fingerprint(directory, curation_directory)
    if only_if_changed and corpus_is_loaded(fingerprint):
        return LoadedCorpus(skipped=True)
    ensure_taxonomy()
    sources = _parsed_corpus(directory)
    loaded = LoadedCorpus()
    for done, (parsed, data) in enumerate(sources, start=1):
        # The bundled corpus is the knowledge base's published content, read by its curators.
        result = import_file(
            data,
            name=parsed.name,
            parsed=parsed,
            keep_file=keep_files,
            new_documents=PublicationStatus.PUBLISHED,
            # The manifest says which file is which document: a corpus file that changed is
            # still the text of the document it was.
            replace=True,
        )
        loaded.reports.append(result.report)
        if progress:
            progress(done, len(sources), parsed.name)
    catalogue = read_catalogue(curation_directory / "catalogue")
    loaded.catalogue_changes = apply_catalogue(catalogue)
    loaded.lineage_changes = record_lineage(catalogue.aliases())
    # Merges and splits first: attributions and tags name the documents they make.
    loaded.records = apply_records(curation_directory / "records")
    # Before the tags: an attribution moves a quoted passage to the document it is from, where
    # its tag decisions name it.
    loaded.attributions = apply_attributions(curation_directory / "attributions")
    loaded.curation = apply_curation(curation_directory)
    loaded.operations = apply_operations_curation(curation_directory / "operations")
    CorpusLoad.objects.create(fingerprint=fingerprint)
    return loaded


def bundled_commitment_readings(directory: Path = CORPUS_DIR) -> dict[tuple[int, str], bool]:
    """What the importers make of each provision of the bundled corpus, before any curator:
    ``(document id, label) -> is_commitment``, for the documents already stored."""
    readings = {}
    for parsed, _ in _parsed_corpus(directory):
        own = find_document(parsed.document, sha256=parsed.sha256)
        for document in (parsed.document, *parsed.cited):
            stored = own if document is parsed.document else find_document(document)
            if stored is None:
                continue
            for provision in document.provisions:
                readings[(stored.pk, provision.label)] = provision.is_commitment and not provision.preamble
    return readings

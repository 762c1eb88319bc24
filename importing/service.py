"""The one way a source file enters the knowledge base, shared by the admin, ``import_source``
and ``load_corpus``: parse (unless a parse is handed in), save in one transaction, give the
documents it creates their publication status, and propose tags for what it stored.
"""

from dataclasses import dataclass

from django.db import transaction

from commitments.models import Provision
from commitments.suggestions import suggest_tags
from documents.models import Document, PublicationStatus
from importing.parsed import ParsedSource
from importing.save import ImportReport, save_parsed_source
from importing.sources import parse_source, record_source_url, refuse_lost_text


@dataclass
class ImportResult:
    parsed: ParsedSource
    report: ImportReport


def import_file(
    data: bytes,
    *,
    name: str,
    format: str | None = None,
    symbol: str = "",
    metadata: dict[str, str] | None = None,
    parsed: ParsedSource | None = None,
    new_documents: str = PublicationStatus.DRAFT,
    keep_file: bool = True,
    source_url: str = "",
    accept_lost_text: bool = True,
) -> ImportResult:
    """Import one source file; all or nothing.

    ``parsed`` is the parse of ``data`` when the caller already has it (the admin's staged
    upload, the corpus loader's cache), so that a file is parsed once. ``new_documents`` is
    the status of the documents the import creates, draft unless said otherwise, so that a
    curator reads them before the public does; documents that exist keep theirs.
    ``source_url`` is where the file was fetched from (its official text). Unless
    ``accept_lost_text``, a source whose body text went partly into nothing is refused.
    Raises ``ImportRejected`` for a file that cannot be imported; nothing is written then.
    """
    if parsed is None:
        parsed = parse_source(data, name=name, format=format, symbol=symbol, metadata=metadata)
    if source_url:
        record_source_url(parsed, source_url)
    if not accept_lost_text:
        refuse_lost_text(parsed)
    with transaction.atomic():
        report = save_parsed_source(parsed, source_bytes=data if keep_file else None)
        created = [outcome.document_id for outcome in report.outcomes if outcome.created]
        for document in Document.objects.filter(pk__in=created).exclude(status=new_documents):
            document.status = new_documents
            document.save()
        touched = [outcome.document_id for outcome in report.outcomes]
        suggest_tags(provisions=Provision.objects.filter(document_id__in=touched))
    return ImportResult(parsed=parsed, report=report)

"""The one way a source file enters the knowledge base, shared by the admin, ``import_source``
and ``load_corpus``: parse (unless a parse is handed in), save in one transaction, give the
documents it creates their publication status, propose tags for what it stored and read the
lineage its text states.
"""

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import DataError, IntegrityError, transaction

from commitments.models import Provision
from commitments.suggestions import suggest_tags
from documents.models import PublicationStatus
from importing.catalogue import read_catalogue
from importing.errors import ImportRejected
from importing.limits import check_provisions
from importing.lineage import record_lineage
from importing.parsed import ParsedSource
from importing.save import ImportReport, save_parsed_source
from importing.sources import parse_source, record_source_url, refuse_lost_text
from importing.storable import check_storable


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
    replace: bool = False,
) -> ImportResult:
    """Import one source file; all or nothing.

    ``parsed`` is the parse of ``data`` when the caller already has it (the admin's staged
    upload, the corpus loader's cache), so that a file is parsed once. ``new_documents`` is
    the status of the documents the import creates, draft unless said otherwise, so that a
    curator reads them before the public does; documents that exist keep theirs.
    ``source_url`` is where the file was fetched from (its official text). Unless
    ``accept_lost_text``, a source whose body text went partly into nothing is refused.
    ``replace`` lets a source without a symbol replace the stored document it only resembles
    (otherwise ``importing.identity.SameDocumentQuestion``). Raises ``ImportRejected`` for a
    file that cannot be imported (also when the database refuses what the checks on the parse
    could not foresee); nothing is written then, neither rows nor the source file.
    """
    if parsed is None:
        parsed = parse_source(data, name=name, format=format, symbol=symbol, metadata=metadata)
    if source_url:
        record_source_url(parsed, source_url)
    try:
        check_provisions(parsed)  # a handed-in parse may predate a limit
        check_storable(parsed)
        if not accept_lost_text:
            refuse_lost_text(parsed)
    except ImportRejected as exc:
        exc.source_name = exc.source_name or name
        raise
    files_written: list[str] = []
    try:
        with transaction.atomic():
            report = save_parsed_source(
                parsed,
                source_bytes=data if keep_file else None,
                files_written=files_written,
                new_documents=new_documents,
                replace=replace,
            )
            touched = [outcome.document_id for outcome in report.outcomes]
            suggest_tags(provisions=Provision.objects.filter(document_id__in=touched))
            # What the imported text says of the documents of the catalogue (its lineage).
            record_lineage(read_catalogue().aliases(), document_ids=[report.document_id])
    except (DataError, IntegrityError) as exc:
        _delete(files_written)
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ImportRejected(f"the database refused the import: {reason}", source_name=name) from exc
    except BaseException:
        _delete(files_written)
        raise
    return ImportResult(parsed=parsed, report=report)


def _delete(names: list[str]) -> None:
    """Source files written by a transaction that rolled back: no row names them."""
    for stored in names:
        default_storage.delete(stored)

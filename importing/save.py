"""Persisting a parsed source: one transaction, provenance for every value, no silent overwrite.

``save_parsed_source`` is the only writer of imported data. Every metadata value a source
states becomes a MetadataClaim with that source; a document's field then takes the value of
its best claim (the document's own text first, then the earliest source) unless a curator
has decided the field. Disagreeing claims stay side by side and show up in
``Document.conflicting_fields()`` for a curator.
"""

import hashlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from commitments.models import (
    MigrationCategory,
    Provision,
    ProvisionOrigin,
    Relation,
    RelationKind,
    RelationOrigin,
)
from documents.conflicts import claim_value_of, counts
from documents.dates import partial_date_from_iso
from documents.models import (
    Document,
    DocumentAttachment,
    FieldDecision,
    FieldOfWork,
    MetadataClaim,
    PublicationStatus,
)
from importing.diff import (
    ADD,
    REMOVE,
    STAYS_DELETED,
    UNCHANGED,
    UPDATE,
    ProvisionDiff,
    base_values,
    merge_set,
    provision_values,
)
from importing.document_split import skip_split_provisions
from importing.identity import find_document, find_own_document
from importing.models import DeletedProvision, ImportedProvision, ImportWarning
from importing.operations_save import link_mentions, save_operations
from importing.parsed import CLAIMED_FIELDS, ParsedDocument, ParsedSource
from importing.quotations import save_quotations
from importing.warnings import describe_warning


@dataclass
class DocumentOutcome:
    """What one import did to one document."""

    document_id: int
    name: str
    created: bool = False
    fields_changed: list[str] = field(default_factory=list)
    claims_added: int = 0
    claims_changed: int = 0
    provisions: ProvisionDiff = field(default_factory=ProvisionDiff)
    conflicts: list[str] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(
            self.created
            or self.fields_changed
            or self.claims_added
            or self.claims_changed
            or self.provisions.has_changes
        )


@dataclass
class ImportReport:
    """The outcome of ``save_parsed_source``: per document, and for the source as a whole."""

    source: str
    document_id: int
    outcomes: list[DocumentOutcome] = field(default_factory=list)
    relations_added: int = 0
    quotations_changed: int = 0
    removed: int = 0
    warnings: list[str] = field(default_factory=list)
    # Of the warnings, what curators changed that the import kept against the source's change.
    curation_warnings: list[str] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(
            self.relations_added
            or self.quotations_changed
            or self.removed
            or any(o.has_changes for o in self.outcomes)
        )

    def totals(self) -> dict[str, int]:
        return {
            "documents_created": sum(o.created for o in self.outcomes),
            "documents_changed": sum(bool(o.fields_changed) and not o.created for o in self.outcomes),
            "provisions_added": sum(len(o.provisions.added) for o in self.outcomes),
            "provisions_changed": sum(len(o.provisions.changed) for o in self.outcomes),
            "provisions_removed": sum(len(o.provisions.removed) for o in self.outcomes),
            "provisions_unchanged": sum(len(o.provisions.unchanged) for o in self.outcomes),
            "claims_added": sum(o.claims_added for o in self.outcomes),
            "relations_added": self.relations_added,
            "quotations_changed": self.quotations_changed,
        }

    def conflicts(self) -> dict[str, list[str]]:
        return {o.name: o.conflicts for o in self.outcomes if o.conflicts}

    def summary(self) -> str:
        """What the import did in words: ``1 document created, 59 provisions added``."""
        if not self.has_changes:
            return "nothing changed"
        return ", ".join(
            f"{count} {_TOTAL_WORDS[key][count != 1]}" for key, count in self.totals().items() if count
        )


_TOTAL_WORDS = {
    "documents_created": ("document created", "documents created"),
    "documents_changed": ("document changed", "documents changed"),
    "provisions_added": ("provision added", "provisions added"),
    "provisions_changed": ("provision changed", "provisions changed"),
    "provisions_removed": ("provision removed", "provisions removed"),
    "provisions_unchanged": ("provision unchanged", "provisions unchanged"),
    "claims_added": ("metadata claim added", "metadata claims added"),
    "relations_added": ("relation added", "relations added"),
    "quotations_changed": ("quotation added or changed", "quotations added or changed"),
}


@transaction.atomic
def save_parsed_source(
    parsed: ParsedSource,
    *,
    source_bytes: bytes | None = None,
    files_written: list[str] | None = None,
    new_documents: str = PublicationStatus.PUBLISHED,
    replace: bool = False,
) -> ImportReport:
    """Store ``parsed``: its own document, the documents it cites, their claims and provisions.

    All or nothing. Re-saving an unchanged source changes nothing; a changed one updates its
    provisions in place by label and removes the ones it no longer has, changing only what the
    source changed since its last import, never what a curator changed (the three-way merge of
    ``importing.diff``; what it kept against the source is in the report's warnings). ``source_bytes``, when
    given, is kept as the document's source file, and its storage name added to
    ``files_written``: storage is outside the transaction, so a caller whose transaction rolls
    back deletes what that list names. A source that only resembles a stored document
    raises ``SameDocumentQuestion`` unless ``replace`` (``importing.identity``). The documents
    it creates have the status ``new_documents`` from the start: what an unpublished source
    states about a published document is kept as its claims, and changes none of its values.
    """
    own_outcome, own = _save_document(
        parsed.document,
        source=None,
        sha256=parsed.sha256,
        status=new_documents,
        replace=replace,
        source_name=parsed.name,
    )
    report = ImportReport(source=parsed.name, document_id=own.pk, outcomes=[own_outcome])
    report.warnings.extend(parsed.warnings)
    written = _store_source(own, parsed, source_bytes)
    if written and files_written is not None:
        files_written.append(written)

    cited_ids: set[int] = set()
    stored_cited: dict[int, Document] = {}
    cited_documents: list[Document] = []
    for cited in parsed.cited:
        outcome, document = _save_document(cited, source=own, status=new_documents, source_name=parsed.name)
        report.outcomes.append(outcome)
        cited_ids.add(document.pk)
        stored_cited[id(cited)] = document
        cited_documents.append(document)
        evidence = "; ".join([cited.citation_evidence or cited.locator, *cited.citation_conflicts])[:300]
        relation, created = Relation.objects.get_or_create(
            kind=RelationKind.CITES,
            source_document=own,
            source_provision=None,
            target_document=document,
            target_provision=None,
            defaults={"evidence": evidence},
        )
        if created:
            report.relations_added += 1
        elif relation.evidence != evidence:
            relation.evidence = evidence
            relation.save(update_fields=["evidence"])
    report.quotations_changed, quotation_warnings, withdrawn = save_quotations(
        own, parsed.quotations, cited_documents
    )
    report.warnings = [w for w in report.warnings if w not in withdrawn] + quotation_warnings
    report.removed += _forget_uncited(own, cited_ids)
    _save_field_operations(parsed, own, stored_cited, report)
    for outcome in report.outcomes:
        outcome.conflicts = Document.objects.get(pk=outcome.document_id).conflicting_fields()
        # What the source changed that a curator had decided otherwise: the curator's stands.
        report.curation_warnings.extend(outcome.provisions.warnings)
    report.warnings.extend(report.curation_warnings)
    _keep_warnings(own, source_name=parsed.name, warnings=report.warnings)
    return report


def _save_field_operations(
    parsed: ParsedSource, own: Document, cited: dict[int, Document], report: ImportReport
) -> None:
    """The operations the source describes, and the links from its documents to the operations
    they name; a new operation may be named by documents imported before, which are linked again."""
    created = save_operations(parsed, own, cited)
    documents = [own, *dict.fromkeys(cited.values())]
    report.warnings.extend(link_mentions(documents))
    if created:
        link_mentions(list(Document.objects.exclude(pk__in=[d.pk for d in documents])))


def _keep_warnings(document: Document, *, source_name: str, warnings: list[str]) -> None:
    """The warnings of this import replace those of the source's previous one."""
    ImportWarning.objects.filter(document=document).delete()
    ImportWarning.objects.bulk_create(
        ImportWarning(
            document=document,
            source_name=source_name[:255],
            message=message,
            kind=facts.kind,
            locator=facts.locator[:200],
        )
        for message in warnings
        for facts in [describe_warning(message)]
    )


def _save_document(
    parsed: ParsedDocument,
    *,
    source: Document | None,
    status: str,
    source_name: str,
    sha256: str = "",
    replace: bool = False,
) -> tuple[DocumentOutcome, Document]:
    if source is None:
        document = find_own_document(parsed, sha256=sha256, replace=replace)
    else:
        document = find_document(parsed)
    created = document is None
    if created:
        document = Document(title=parsed.title[:500] or parsed.symbol, symbol=parsed.symbol, status=status)
        _set_fields(document, parsed.stated_values())
        document.save()
    outcome = DocumentOutcome(document_id=document.pk, name=parsed.display_name(), created=created)
    _record_claims(document, parsed, source, outcome)
    outcome.fields_changed = [] if created else apply_claims(document)
    if created:
        apply_claims(document)
    if source is None and parsed.full_text and document.full_text != parsed.full_text:
        document.full_text = parsed.full_text
        outcome.fields_changed.append("full_text")
        document.save()
    outcome.provisions = _sync_provisions(document, parsed, quoted_in=source, source_name=source_name)
    if source is None:
        _sync_attachments(document, parsed, outcome)
    return outcome, document


def _record_claims(
    document: Document, parsed: ParsedDocument, source: Document | None, outcome: DocumentOutcome
) -> None:
    # One statement per field and source; the document's own text may be stated by several
    # locators (the text itself, the corpus manifest), each kept apart.
    # Claims the editors read from this source (the catalogue) are theirs to keep, not the importer's.
    own = MetadataClaim.objects.filter(document=document, source_document=source, read_by_editors=False)
    stored = list(own.order_by("pk"))
    for name, value in parsed.stated_values().items():
        locator = parsed.metadata_locators.get(name, parsed.locator)[:200]
        claim = next(
            (c for c in stored if c.field == name and (source is not None or c.source_locator == locator)),
            None,
        )
        if claim is None:
            MetadataClaim.objects.create(
                document=document, field=name, value=value, source_document=source, source_locator=locator
            )
            outcome.claims_added += 1
        elif claim.value != value or claim.source_locator != locator:
            claim.value, claim.source_locator = value, locator
            claim.save()
            outcome.claims_changed += 1


def record_admin_edits(document: Document, *, fields: list[str], user) -> list[str]:
    """Record each metadata field a curator changed in the admin as the decided value of that
    field (``FieldDecision``), which ``apply_claims`` gives precedence over every source; return
    the fields recorded."""
    recorded = [name for name in fields if name in CLAIMED_FIELDS and name != "symbol"]
    for name in recorded:
        FieldDecision.objects.update_or_create(
            document=document,
            field=name,
            defaults={
                "value": claim_value_of(document, name),
                "note": "edited in the admin",
                "decided_by": user if getattr(user, "pk", None) else None,
            },
        )
    return recorded


def _best_value(name: str, claims: list[MetadataClaim]) -> str:
    ranked = sorted(claims, key=lambda c: (c.source_document_id is not None, c.recorded_at, c.pk))
    best = ranked[0].value
    if name == "date":
        # A source that knows the day refines one that knows only the year, without conflict.
        compatible = [c.value for c in ranked if c.value.startswith(best) or best.startswith(c.value)]
        best = max(compatible, key=len)
    return best


def apply_claims(document: Document) -> list[str]:
    """Set each claimed field to its decided or best-claimed value; return the fields changed.

    Only claims that count (the document's own text, or a published source) decide a value; a
    field that only unpublished sources state keeps the value it has.
    """
    decided = {d.field: d.value for d in document.field_decisions.all()}
    by_field: dict[str, list[MetadataClaim]] = {}
    for claim in document.claims.select_related("source_document"):
        if counts(claim):
            by_field.setdefault(claim.field, []).append(claim)
    values = {name: decided.get(name) or _best_value(name, claims) for name, claims in by_field.items()}
    changed = _set_fields(document, values)
    if changed:
        document.save()
    return changed


def _set_fields(document: Document, values: dict[str, str]) -> list[str]:
    changed = []
    for name, value in values.items():
        if name not in CLAIMED_FIELDS:
            continue
        if name == "fields_of_work":
            if document.pk and _set_fields_of_work(document, value):
                changed.append(name)
        elif name == "date":
            partial = partial_date_from_iso(value)
            if (document.date, document.date_precision) != (partial.value, partial.precision):
                document.date, document.date_precision = partial.value, partial.precision
                changed.append(name)
        elif getattr(document, name) != value:
            setattr(document, name, value)
            changed.append(name)
    return changed


def _set_fields_of_work(document: Document, value: str) -> bool:
    names = [name.strip() for name in value.split(",") if name.strip()]
    if list(document.fields_of_work.values_list("name", flat=True).order_by("name")) == sorted(names):
        return False
    fields = []
    for name in names:
        field_of_work, _ = FieldOfWork.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        fields.append(field_of_work)
    document.fields_of_work.set(fields)
    return True


def _sync_provisions(
    document: Document, parsed: ParsedDocument, *, quoted_in: Document | None, source_name: str
) -> ProvisionDiff:
    """Apply the three-way merge of ``importing.diff`` and keep the parse as the next base."""
    # A provision a curator split off this document stays where it was moved to.
    parsed = skip_split_provisions(document, parsed, quoted_in=quoted_in)
    merge = merge_set(document, parsed, quoted_in=quoted_in)
    categories = {c.slug: c for c in MigrationCategory.objects.all()}
    for item in merge.provisions:
        stored, values = item.stored, dict(item.values)
        slugs = values.pop("categories", None)
        if item.action == ADD:
            stored = Provision.objects.create(
                document=document,
                label=item.label[:60],
                position=item.position,
                origin=ProvisionOrigin.QUOTATION if quoted_in is not None else ProvisionOrigin.FULL_TEXT,
                quoted_in=quoted_in,
                **values,
            )
        elif item.action == UPDATE:
            for name, value in values.items():
                setattr(stored, name, value)
            stored.position = item.position
            stored.save()
        elif item.action == UNCHANGED and stored.position != item.position:
            stored.position = item.position
            stored.save(update_fields=["position", "updated_at"])
        elif item.action == REMOVE:
            stored.delete()
        elif item.action == STAYS_DELETED and item.record_deletion:
            _record_deletion(document, quoted_in, item.label, source_name)
        if slugs:
            # The source's own sorting (the study's sections) tags a provision no editor has decided.
            stored.categories.set([categories[slug] for slug in slugs if slug in categories])
        elif slugs is not None and item.action == UPDATE:
            stored.categories.clear()
    # A deleted provision's decision says what it had; its base would record the deletion again.
    deleted = {item.label for item in merge.provisions if item.action == STAYS_DELETED}
    _keep_base(document, parsed, quoted_in=quoted_in, leave_out=deleted)
    return merge.diff()


def _record_deletion(document: Document, quoted_in: Document | None, label: str, source_name: str) -> None:
    """A curator deleted a provision this source gave: the decision the next imports respect,
    with who deleted it and when, as its history tells."""
    base = ImportedProvision.objects.filter(document=document, quoted_in=quoted_in, label=label).first()
    deletion = (
        Provision.history.filter(document_id=document.pk, label=label, history_type="-")
        .select_related("history_user")
        .order_by("-history_date")
        .first()
    )
    who = deletion.history_user.get_username() if deletion and deletion.history_user else ""
    DeletedProvision.objects.create(
        document=document,
        quoted_in=quoted_in,
        label=label,
        text=base.text if base else "",
        deleted_by=who,
        deleted_at=deletion.history_date if deletion else None,
        basis=f"deleted after it was imported; kept deleted by the import of {source_name}"[:300],
    )


def _keep_base(
    document: Document, parsed: ParsedDocument, *, quoted_in: Document | None, leave_out: set[str]
) -> None:
    """What this import read becomes the base of the next one (``ImportedProvision``)."""
    wanted = [
        {"label": p.label[:60], **provision_values(p)} for p in parsed.provisions if p.label not in leave_out
    ]
    rows = ImportedProvision.objects.filter(document=document, quoted_in=quoted_in).order_by("pk")
    if [{"label": row.label, **base_values(row)} for row in rows] == wanted:
        return
    rows.delete()
    ImportedProvision.objects.bulk_create(
        ImportedProvision(document=document, quoted_in=quoted_in, **values) for values in wanted
    )


def _sync_attachments(document: Document, parsed: ParsedDocument, outcome: DocumentOutcome) -> None:
    stored = list(document.attachments.all())
    wanted = [(a.title[:300], a.text) for a in parsed.attachments]
    if [(a.title, a.text) for a in stored] == wanted:
        return
    document.attachments.all().delete()
    for position, (title, text) in enumerate(wanted):
        DocumentAttachment.objects.create(document=document, position=position, title=title, text=text)
    outcome.fields_changed.append("attachments")


def _store_source(document: Document, parsed: ParsedSource, source_bytes: bytes | None) -> str:
    """Remember which file the document was read from (and keep the file when given); return
    the storage name of a file written, or ""."""
    name = parsed.name[:255]
    sha256 = hashlib.sha256(source_bytes).hexdigest() if source_bytes is not None else parsed.sha256
    keep = source_bytes is not None and not (document.source_file and document.source_sha256 == sha256)
    if not keep and (document.source_sha256, document.source_filename) == (sha256, name):
        return ""
    document.source_filename, document.source_sha256 = name, sha256
    if keep:
        replaced = document.source_file.name
        # Stored under the suffix of what the file is, whatever it was named (an HTML page
        # that is also a PDF is kept as .pdf); the name it came with stays in source_filename.
        stored = f"{Path(parsed.name).stem or 'source'}{'.pdf' if parsed.format == 'pdf' else '.txt'}"
        document.source_file.save(stored, ContentFile(source_bytes), save=False)
        if replaced:
            # The file the new one replaces goes once the import has committed: a rollback
            # keeps the document on it.
            transaction.on_commit(partial(document.source_file.storage.delete, replaced))
    document.save()
    return document.source_file.name if keep else ""


def _forget_uncited(source: Document, cited_ids: set[int]) -> int:
    """Remove what an earlier import of this source said about documents it no longer cites."""
    removed = 0
    stale_relations = Relation.objects.filter(
        kind=RelationKind.CITES,
        source_document=source,
        source_provision__isnull=True,
        origin=RelationOrigin.CITATION,
    ).exclude(target_document_id__in=cited_ids)
    removed += stale_relations.count()
    stale_relations.delete()
    stale_claims = MetadataClaim.objects.filter(source_document=source, read_by_editors=False).exclude(
        document_id__in=cited_ids
    )
    removed += stale_claims.count()
    stale_claims.delete()
    stale_quotes = Provision.objects.filter(
        quoted_in=source, origin=ProvisionOrigin.QUOTATION, quotation__isnull=True
    ).exclude(document_id__in=cited_ids)
    removed += stale_quotes.count()
    stale_quotes.delete()
    for kept in (ImportedProvision, DeletedProvision):
        kept.objects.filter(quoted_in=source).exclude(document_id__in=cited_ids).delete()
    return removed

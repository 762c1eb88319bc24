"""Persisting what a source says of field operations, and linking the documents and passages
that name one. Called by ``save_parsed_source`` inside its transaction.

An operation is found by its official name or by an alias a curator gave it; each value the
source states is an ``OperationClaim`` with the source, replaced by the source's next import.
Passages are linked by the names of the operations (any spelling: "the OSCE mission to
Skopje") and their aliases; words that could mean several operations are left unlinked, with
the candidates, for a curator, and reported as a warning.
"""

import re
from dataclasses import dataclass

from commitments.models import Provision
from documents.models import Document
from field_operations.claims import apply_claims
from field_operations.models import (
    FieldOperation,
    MentionRole,
    OperationAlias,
    OperationClaim,
    OperationMention,
)
from importing.parsed import ParsedOperation, ParsedSource
from importing.parsers.operations import OPERATION_NAME, operation_name


@dataclass(frozen=True)
class _Name:
    pattern: re.Pattern
    operations: tuple[int, ...]


def save_operations(parsed: ParsedSource, own: Document, cited: dict[int, Document]) -> bool:
    """Store the operations ``parsed`` describes, with ``own`` as their source, and the documents
    they issued (``cited`` maps ``id(parsed document)`` to the stored one). Returns whether an
    operation was created, so that every document must be linked again."""
    created = False
    kept: set[int] = set()
    for described in parsed.operations:
        operation, new = _operation_for(described.name)
        created |= new
        kept |= _record_claims(operation, described, own)
    OperationClaim.objects.filter(source_document=own).exclude(pk__in=kept).delete()
    for operation in FieldOperation.objects.filter(claims__source_document=own).distinct():
        apply_claims(operation)
    _record_issuers(parsed, own, cited)
    return created


def _operation_for(name: str) -> tuple[FieldOperation, bool]:
    canonical = operation_name(name) or name
    alias = OperationAlias.objects.filter(name__iexact=canonical).values_list("operation", flat=True)
    if len(set(alias)) == 1:
        return FieldOperation.objects.get(pk=alias[0]), False
    return FieldOperation.objects.get_or_create(name=canonical)


def _record_claims(operation: FieldOperation, described: ParsedOperation, own: Document) -> set[int]:
    kept = set()
    for name, value in described.stated_values().items():
        if name == "name":
            value = operation_name(value) or value  # the official form, whatever the spelling
        locator = described.metadata_locators.get(name, described.locator)[:200]
        claim, _ = OperationClaim.objects.update_or_create(
            operation=operation,
            field=name,
            source_document=own,
            source_locator=locator,
            defaults={"value": value},
        )
        kept.add(claim.pk)
    return kept


def _record_issuers(parsed: ParsedSource, own: Document, cited: dict[int, Document]) -> None:
    OperationMention.objects.filter(role=MentionRole.ISSUED, source_document=own, curated=False).delete()
    OperationMention.objects.filter(role=MentionRole.ISSUED, document=own, source_document=None).delete()
    documents = [(parsed.document, own, None)] + [
        (d, cited[id(d)], own) for d in parsed.cited if id(d) in cited
    ]
    for described, document, stated_in in documents:
        if not described.issued_by:
            continue
        operation, _ = _operation_for(described.issued_by)
        OperationMention.objects.get_or_create(
            operation=operation,
            document=document,
            provision=None,
            role=MentionRole.ISSUED,
            words=described.issued_by[:200],
            defaults={
                "source_document": stated_in,
                "source_locator": (described.locator if stated_in else "the source line")[:200],
            },
        )


def _names() -> list[_Name]:
    """Every name an operation goes by, longest first: each official name in any spelling
    ("OSCE mission in Skopje"), and the aliases; an alias of several operations keeps them all."""
    names: dict[str, set[int]] = {}
    patterns: dict[str, str] = {}
    for operation in FieldOperation.objects.all():
        match = OPERATION_NAME.match(operation.name)
        if match:
            key = operation.name.casefold()
            kind, place = re.escape(match["kind"]), re.escape(match["place"])
            patterns[key] = rf"(?:OSCE\s+)?(?:field\s+)?{kind}\s+(?:to|in)\s+{place}"
            names.setdefault(key, set()).add(operation.pk)
    for alias in OperationAlias.objects.all():
        key = " ".join(alias.name.split()).casefold()
        words = r"\s+".join(re.escape(word) for word in alias.name.split())
        patterns.setdefault(key, rf"(?:OSCE\s+)?{words}")
        names.setdefault(key, set()).add(alias.operation_id)
    ordered = sorted(names, key=len, reverse=True)
    return [_Name(re.compile(rf"\b{patterns[key]}\b", re.I), tuple(sorted(names[key]))) for key in ordered]


def link_mentions(documents: list[Document]) -> list[str]:
    """Link the passages of ``documents`` to the operations they name; returns the warnings
    (one per ambiguous name). A curator's link stays as it is."""
    names = _names()
    warnings = []
    for document in documents:
        OperationMention.objects.filter(document=document, role=MentionRole.MENTIONS, curated=False).delete()
        curated = set(
            OperationMention.objects.filter(document=document, curated=True).values_list("provision", "words")
        )
        for provision in Provision.objects.filter(document=document).order_by("position", "pk"):
            # A web page's card names its operation in the heading ("… › Mission to Skopje").
            for words, operations in _named_in(f"{provision.heading}\n{provision.text}", names):
                if (provision.pk, words) in curated:
                    continue
                if len(operations) == 1:
                    OperationMention.objects.get_or_create(
                        operation_id=operations[0],
                        document=document,
                        provision=provision,
                        role=MentionRole.MENTIONS,
                        words=words[:200],
                    )
                    continue
                mention = OperationMention.objects.create(
                    document=document, provision=provision, role=MentionRole.MENTIONS, words=words[:200]
                )
                mention.candidates.set(operations)
                candidates = " or the ".join(
                    FieldOperation.objects.filter(pk__in=operations).values_list("name", flat=True)
                )
                warnings.append(
                    f"{provision.label}: “{words}” could mean the {candidates}; "
                    "not linked, left for a curator"
                )
    return warnings


def _named_in(text: str, names: list[_Name]) -> list[tuple[str, tuple[int, ...]]]:
    """The operations ``text`` names, each once, with the first words naming it; a span of text
    counts for the longest name that covers it."""
    taken: list[tuple[int, int]] = []
    found: dict[tuple[int, ...], tuple[int, str]] = {}
    for name in names:
        for match in name.pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            words = " ".join(match.group().split())
            if name.operations not in found or match.start() < found[name.operations][0]:
                found[name.operations] = (match.start(), words)
    return [(words, operations) for operations, (_, words) in sorted(found.items(), key=lambda i: i[1][0])]

"""Paragraphs that repeat an adopted text word for word without saying so.

A web page or a study may restate a commitment in the commitment's own words and name nothing:
the OSCE page "Border management" says "Recognizing that border security and management is a
matter of the national sovereignty and responsibility of States, …", the first sentence of
MC.DOC/2/05 para. 1. Such a paragraph *cites* that paragraph: a link between the two provisions
(``Relation``, read from the text), so that each page leads to the other and the words are
known to be the adopted ones. The comparison folds case, punctuation and spelling
(``commitments.quotation_matching.words``) and asks for ``MIN_WORDS`` words at least, so that a
common phrase links nothing.
"""

from commitments.models import Provision, ProvisionOrigin, Relation, RelationKind, RelationOrigin
from commitments.quotation_matching import words
from importing.quotations import COMMITMENT_KINDS

MIN_WORDS = 15
_EVIDENCE_LENGTH = 300


def record_repetitions(*, document_ids: list[int] | None = None) -> int:
    """Link every held paragraph of a descriptive text (not adopted by States) to the adopted
    paragraph whose words it repeats, or repeats whole; with ``document_ids``, only the links
    from or to those documents' paragraphs. Returns how many links were added or removed."""
    held = Provision.objects.filter(origin=ProvisionOrigin.FULL_TEXT).select_related("document")
    descriptive = held.exclude(document__kind__in=COMMITMENT_KINDS)
    adopted = held.filter(document__kind__in=COMMITMENT_KINDS)
    stored_links = Relation.objects.filter(
        origin=RelationOrigin.TEXT, kind=RelationKind.CITES, target_provision__isnull=False
    ).exclude(source_document__kind__in=COMMITMENT_KINDS)
    if document_ids is not None:
        # Each side is read whole only against the few paragraphs the import touched.
        wanted = _repetitions(descriptive.filter(document_id__in=document_ids), adopted)
        wanted |= _repetitions(descriptive, adopted.filter(document_id__in=document_ids))
        stored_links = stored_links.filter(source_document_id__in=document_ids) | stored_links.filter(
            target_document_id__in=document_ids
        )
    else:
        wanted = _repetitions(descriptive, adopted)
    stored = {(r.source_provision_id, r.target_provision_id): r for r in stored_links}
    changed = 0
    for key, relation in stored.items():
        if key not in wanted:
            relation.delete()
            changed += 1
    for key, (source, target, evidence) in wanted.items():
        if key in stored:
            continue
        Relation.objects.create(
            kind=RelationKind.CITES,
            source_document_id=source.document_id,
            source_provision=source,
            target_document_id=target.document_id,
            target_provision=target,
            origin=RelationOrigin.TEXT,
            evidence=evidence,
        )
        changed += 1
    return changed


def _repetitions(descriptive, adopted) -> dict[tuple[int, int], tuple[Provision, Provision, str]]:
    """``(source pk, target pk) -> (source, target, evidence)`` for each descriptive paragraph
    whose words stand in an adopted one, or that holds an adopted one whole."""
    targets = [(provision, _joined(provision.text)) for provision in adopted.order_by("pk")]
    found = {}
    for source in descriptive.order_by("pk"):
        said = _joined(source.text)
        for target, text in targets:
            shorter, longer = (said, text) if len(said) <= len(text) else (text, said)
            if shorter.count(" ") - 1 >= MIN_WORDS and shorter in longer:
                found[(source.pk, target.pk)] = (source, target, _evidence(source.text, target))
    return found


def _joined(text: str) -> str:
    return f" {' '.join(words(text))} "


def _evidence(text: str, target: Provision) -> str:
    said = " ".join(text.split())
    limit = _EVIDENCE_LENGTH - 60
    said = said if len(said) <= limit else said[:limit].rsplit(" ", 1)[0] + " …"
    return f"repeats the words of {target.citation_locator()} without naming it: “{said}”"

"""The lineage view: from one document (the Helsinki Final Act unless said otherwise), every
later published document that reaffirms, recalls, builds on or supersedes it, and then those that
take up these, in the order of their dates, each with the links that tie it to the ones before
and the words that state them."""

from dataclasses import dataclass, field

from django.db.models import Q

from commitments.models import LINEAGE_KINDS, Relation
from documents.models import Document, PublicationStatus

MAX_DOCUMENTS = 200  # a lineage longer than this is cut, and the page says so

_PUBLISHED = PublicationStatus.PUBLISHED


@dataclass
class LineageStep:
    document: Document
    links: list[Relation] = field(default_factory=list)  # to documents earlier in the lineage


@dataclass
class Lineage:
    root: Document
    steps: list[LineageStep]
    cut: bool = False


def default_root() -> Document | None:
    """Where a lineage starts unless a document is named: the Helsinki Final Act."""
    return Document.objects.published().filter(kind="final_act").order_by("date", "pk").first()


def lineage_from(root: Document) -> Lineage:
    """The documents that take up ``root``, directly or through others, oldest first; two
    queries whatever the number of links."""
    links = (
        Relation.objects.filter(kind__in=LINEAGE_KINDS)
        .filter(source_document__status=_PUBLISHED, target_document__status=_PUBLISHED)
        .filter(Q(stated_in__isnull=True) | Q(stated_in__status=_PUBLISHED))
        .select_related("source_document", "source_provision", "target_document", "stated_in")
        .order_by("pk")
    )
    taking_up: dict[int, list[Relation]] = {}
    for relation in links:
        taking_up.setdefault(relation.target_document_id, []).append(relation)
    reached: dict[int, LineageStep] = {}
    frontier, cut = [root.pk], False
    while frontier:
        next_frontier = []
        for target in frontier:
            for relation in taking_up.get(target, []):
                source = relation.source_document
                if source.pk == root.pk:
                    continue
                if source.pk not in reached:
                    if len(reached) >= MAX_DOCUMENTS:
                        cut = True
                        continue
                    reached[source.pk] = LineageStep(source)
                    next_frontier.append(source.pk)
                reached[source.pk].links.append(relation)
        frontier = next_frontier
    steps = sorted(reached.values(), key=lambda s: (s.document.date is None, s.document.date, s.document.pk))
    for step in steps:
        step.links.sort(key=lambda r: (r.target_document.date is None, r.target_document.date, r.pk))
    return Lineage(root=root, steps=steps, cut=cut)

"""Read paths of the public pages: what a document or provision page shows, in a fixed number
of queries whatever the size of the document, and only ever from published documents."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, TextField, Value, When
from django.utils.text import slugify

from commitments.models import (
    LINEAGE_KINDS,
    Provision,
    ProvisionOrigin,
    Quotation,
    QuotationStatus,
    Relation,
    RelationKind,
    published_provision,
)
from documents.conflicts import FieldConflict, conflicts_of
from documents.models import (
    Document,
    DocumentAttachment,
    FieldDecision,
    MetadataClaim,
    PublicationStatus,
)
from documents.provenance import FieldProvenance, provenance_of
from search.per_index import per_index
from search.query import SearchFilters

RELATED_PROVISIONS = 6
_PUBLISHED = PublicationStatus.PUBLISHED
_RELATION_JOINS = (
    "source_document",
    "source_provision__document",
    "target_document",
    "target_provision__document",
    "stated_in",
)
# A link stated by a third document is shown only while that document is published.
_STATED_PUBLICLY = Q(stated_in__isnull=True) | Q(stated_in__status=PublicationStatus.PUBLISHED)


@dataclass
class Section:
    """A run of consecutive provisions under one heading: an entry of the table of contents."""

    heading: str
    anchor: str
    provisions: list[Provision] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The heading, or what the provisions are when the source gives them none."""
        if self.heading:
            return self.heading
        if self.provisions and all(p.origin == ProvisionOrigin.QUOTATION for p in self.provisions):
            return "Passages quoted in other sources"
        return "Text"


@dataclass
class DocumentPage:
    document: Document
    sections: list[Section]
    provision_count: int
    cites: list[Relation]
    cited_by: list[Relation]
    quoted_in: list[Quotation]  # published sources quoting words its held text contains
    conflicts: list[FieldConflict]
    attachments: list[DocumentAttachment]
    provenance: list[FieldProvenance]

    @property
    def cites_by_kind(self) -> list[tuple[str, list[Relation]]]:
        """What it reaffirms, recalls, builds on, annexes, supersedes and cites, in that order."""
        return _by_kind(self.cites)

    @property
    def cited_by_kind(self) -> list[tuple[str, list[Relation]]]:
        """Who reaffirms, recalls, builds on, annexes, supersedes and cites it, headed in the
        passive voice (``Reaffirmed by``)."""
        return [(_PASSIVE[kind], found) for kind, found in _by_kind(self.cited_by, label=False)]

    @property
    def taken_up(self) -> bool:
        return bool(self.cited_by or self.quoted_in)


@dataclass
class ProvisionPage:
    provision: Provision
    builds_on: list[Relation]  # provisions this one reaffirms, builds on or supersedes
    followed_by: list[Relation]  # provisions that reaffirm, build on or supersede this one
    document_lineage: list[Relation]  # the same links stated for its document as a whole
    related: list[Provision]
    chapeau: Provision | None = None  # the paragraph whose opening words a sub-paragraph continues
    quoted_in: list[Quotation] = field(default_factory=list)  # published sources quoting its words
    previous: Provision | None = None  # in the document's order
    next: Provision | None = None


_KIND_ORDER = [
    RelationKind.REAFFIRMS,
    RelationKind.RECALLS,
    RelationKind.BUILDS_ON,
    RelationKind.ANNEXES,
    RelationKind.SUPERSEDES,
    RelationKind.CITES,
]


_PASSIVE = {
    RelationKind.REAFFIRMS: "Reaffirmed by",
    RelationKind.RECALLS: "Recalled by",
    RelationKind.BUILDS_ON: "Built on by",
    RelationKind.ANNEXES: "Annexed to",
    RelationKind.SUPERSEDES: "Superseded by",
    RelationKind.CITES: "Cited by",
}


def _by_kind(relations: list[Relation], *, label: bool = True) -> list[tuple[str, list[Relation]]]:
    groups = {kind: [r for r in relations if r.kind == kind] for kind in _KIND_ORDER}
    return [(RelationKind(kind).label if label else kind, found) for kind, found in groups.items() if found]


def _quotations_shown() -> QuerySet[Quotation]:
    """Quotations matched to a held provision, by published sources only."""
    return Quotation.objects.published().filter(status=QuotationStatus.MATCHED)


def provisions_for_pages() -> QuerySet[Provision]:
    """Published provisions, each with ``is_quoted``: whether a published source quotes its
    words, so that a page asks for the quotations only when there are some."""
    return published_provisions().annotate(
        is_quoted=Exists(_quotations_shown().filter(matched_provision=OuterRef("pk")))
    )


def quotations_of(provision: Provision) -> list[Quotation]:
    """The published sources' quotations of ``provision``'s words, each with
    ``credited_elsewhere``: the published documents the source credits them to other than the
    one they were found in (the study's footnote 34 credits MC.DEC/2/05)."""
    if not getattr(provision, "is_quoted", True):
        return []
    credited = Document.objects.published().exclude(pk=provision.document_id).order_by("date", "symbol", "pk")
    return list(
        _quotations_shown()
        .filter(matched_provision=provision)
        .select_related("quoting_document")
        .prefetch_related(Prefetch("candidates", queryset=credited, to_attr="credited_elsewhere"))
        .order_by("quoting_document__date", "quoting_document_id", "position", "pk")
    )


def published_documents() -> QuerySet[Document]:
    return Document.objects.published()


def published_provisions() -> QuerySet[Provision]:
    return Provision.objects.published().with_related().select_related("quoted_in")


def documents_for_list() -> QuerySet[Document]:
    """Published documents, newest first, each with ``provision_count``."""
    return (
        # distinct: filters over the provisions' tags join the same table again.
        published_documents()
        .annotate(
            provision_count=Count("provisions", filter=published_provision("provisions__"), distinct=True)
        )
        .order_by("-date", "symbol", "pk")
    )


def recent_documents(*, limit: int = 8) -> list[Document]:
    return list(published_documents().filter(date__isnull=False).order_by("-date", "symbol", "pk")[:limit])


def provisions_matching(*, filters: SearchFilters) -> QuerySet[Provision]:
    """Published provisions narrowed by ``filters``, in document date and reading order."""
    return (
        filters.apply_to(Provision.objects.published())
        .with_related()
        .order_by("document__date", "document_id", "position", "pk")
    )


def document_page(*, document: Document) -> DocumentPage:
    """Everything the page of a published ``document`` shows."""
    provisions = list(
        Provision.objects.published()
        .filter(document=document)
        .select_related("quoted_in")
        .prefetch_related("dimensions", "categories")
    )
    for provision in provisions:
        provision.document = document  # citations need it; spare a query per provision
    relations = Relation.objects.select_related(*_RELATION_JOINS).filter(_STATED_PUBLICLY)
    cites = relations.filter(source_document=document, target_document__status=_PUBLISHED).order_by(
        "target_document__date", "target_document__symbol", "kind", "pk"
    )
    cited_by = relations.filter(target_document=document, source_document__status=_PUBLISHED).order_by(
        "source_document__date", "source_document__symbol", "kind", "pk"
    )
    quoted_in = (
        Quotation.objects.published()
        .filter(attributed_to=document, status=QuotationStatus.MATCHED)
        .select_related("quoting_document", "matched_provision")
        .order_by("quoting_document__date", "quoting_document_id", "position")
    )
    cites = list(cites)
    to_paragraphs: dict[int, list[Relation]] = {}
    for relation in cites:
        if relation.source_provision_id and relation.target_provision_id:
            to_paragraphs.setdefault(relation.source_provision_id, []).append(relation)
    for provision in provisions:
        provision.paragraph_links = to_paragraphs.get(provision.pk, [])  # shown beside its text
    claims = list(MetadataClaim.objects.filter(document=document).select_related("source_document"))
    decisions = list(FieldDecision.objects.filter(document=document))
    return DocumentPage(
        document=document,
        sections=_sections(provisions),
        provision_count=len(provisions),
        cites=cites,
        cited_by=list(cited_by),
        quoted_in=list(quoted_in),
        conflicts=conflicts_of(document, include_decided=True, claims=claims, decisions=decisions),
        attachments=list(document.attachments.all()),
        provenance=provenance_of(document, claims=claims, decisions=decisions),
    )


def provision_page(*, provision: Provision) -> ProvisionPage:
    """Everything the permanent page of a published ``provision`` shows."""
    lineage_kinds = LINEAGE_KINDS
    relations = (
        Relation.objects.select_related(*_RELATION_JOINS)
        .filter(_STATED_PUBLICLY)
        .order_by("target_document__date", "source_document__date", "pk")
    )
    builds_on = relations.filter(source_provision=provision, target_document__status=_PUBLISHED)
    followed_by = relations.filter(target_provision=provision, source_document__status=_PUBLISHED)
    document_lineage = relations.filter(kind__in=lineage_kinds).filter(
        Q(source_document=provision.document_id, source_provision=None, target_document__status=_PUBLISHED)
        | Q(target_document=provision.document_id, target_provision=None, source_document__status=_PUBLISHED)
    )
    previous, following, chapeau = _neighbours(provision)
    return ProvisionPage(
        provision=provision,
        builds_on=list(builds_on),
        followed_by=list(followed_by),
        document_lineage=list(document_lineage),
        related=related_provisions(provision=provision),
        chapeau=chapeau,
        previous=previous,
        next=following,
        quoted_in=quotations_of(provision),
    )


def _neighbours(provision: Provision) -> tuple[Provision | None, Provision | None, Provision | None]:
    """The paragraphs before and after ``provision`` in its document, and its chapeau: one
    query over the document's labels, carrying the text of the chapeau alone."""
    parent = provision.parent_label
    rows = list(
        Provision.objects.published()
        .filter(document=provision.document_id)
        .annotate(
            chapeau_text=Case(When(label=parent, then=F("text")), default=Value(""), output_field=TextField())
        )
        .order_by("position", "pk")
        .values_list("pk", "label", "chapeau_text")
    )
    index = next(i for i, (pk, _, _) in enumerate(rows) if pk == provision.pk)

    def sibling(i: int, text: str = "") -> Provision | None:
        if not 0 <= i < len(rows):
            return None
        pk, label, _ = rows[i]
        return Provision(pk=pk, label=label, text=text, document=provision.document)

    parents = [i for i, (_, label, _) in enumerate(rows) if parent and label == parent]
    chapeau = sibling(parents[0], rows[parents[0]][2]) if parents else None
    return sibling(index - 1), sibling(index + 1), chapeau


def documents_named(query) -> list[Document]:
    """The published documents a search query names: by symbol (``MC.DEC/5/09``, ``Decision
    No. 5/09``), or by its whole title (``Helsinki Final Act``), in the order the query names
    them. ``query`` is a ``search.SearchRequest``."""
    symbols = query.parsed.symbols()
    named = {d.symbol: d for d in published_documents().filter(symbol__in=symbols)} if symbols else {}
    found = [named[symbol] for symbol in symbols if symbol in named]
    title = " ".join(query.query.split()).strip('"')
    if not found and len(title) >= 6:
        found = list(published_documents().filter(title__iexact=title)[:3])
    for document in found:
        document.provision_total = Provision.objects.published().filter(document=document).count()
    return found


def chapeaux_of(provisions: list[Provision]) -> dict[int, Provision]:
    """For each sub-paragraph among ``provisions`` (4.3, Annex C.1(i)), the paragraph of its
    document whose opening words it continues (4, Annex C.1), by provision id; one query
    (none for no provisions)."""
    wanted: dict[tuple[int, str], list[int]] = {}
    for provision in provisions:
        if provision.parent_label:
            wanted.setdefault((provision.document_id, provision.parent_label), []).append(provision.pk)
    if not provisions:
        return {}
    # A condition no row meets to start from: the query runs whatever the hits, so that a page
    # costs the same queries whichever provisions it shows.
    condition = Q(pk__isnull=True)
    for document_id, label in wanted:
        condition |= Q(document_id=document_id, label=label)
    found = {}
    for parent in Provision.objects.published().filter(condition).select_related("document"):
        for pk in wanted[(parent.document_id, parent.label)]:
            found[pk] = parent
    return found


def related_provisions(*, provision: Provision, limit: int = RELATED_PROVISIONS) -> list[Provision]:
    """Other published provisions sharing a category with ``provision``: those sharing the most
    categories first, commitments before other text, then the most recent.

    The ranking depends only on the provision's set of categories (there are at most 31), so it
    is read once per set and state of the search index (``search.per_index``), one more than
    shown in case the provision itself is among them.
    """
    category_ids = sorted(c.pk for c in provision.categories.all())
    if not category_ids:
        return []
    ranked = per_index(
        f"related-provisions:{','.join(map(str, category_ids))}",
        lambda: _sharing_most_categories(category_ids, limit + 1),
    )
    return [other for other in ranked if other.pk != provision.pk][:limit]


def _sharing_most_categories(category_ids: list[int], limit: int) -> list[Provision]:
    # Ranked on narrow rows (ids, dates, counts), then only the winners read whole: grouping
    # and sorting every candidate with its text made the query spill to disk at 100,000.
    order = ("-shared", "-is_commitment", "-document__date", "document_id", "position")
    ranked_ids = (
        Provision.objects.published()
        .filter(categories__in=category_ids)
        .annotate(shared=Count("categories"))
        .order_by(*order)
        .values("pk")[:limit]
    )
    return list(
        Provision.objects.filter(pk__in=ranked_ids)
        .annotate(shared=Count("categories", filter=Q(categories__in=category_ids)))
        .select_related("document")
        .order_by(*order)
    )


def _sections(provisions: list[Provision]) -> list[Section]:
    sections: list[Section] = []
    used: set[str] = set()
    for provision in provisions:
        if not sections or sections[-1].heading != provision.heading:
            sections.append(
                Section(heading=provision.heading, anchor=_unique_anchor(provision.heading, used))
            )
        sections[-1].provisions.append(provision)
    return sections


def _unique_anchor(heading: str, used: set[str]) -> str:
    # "s-" keeps section anchors apart from provision anchors ("p-4.5").
    base = "s-" + (slugify(heading)[:60] or "text")
    anchor, n = base, 2
    while anchor in used:
        anchor, n = f"{base}-{n}", n + 1
    used.add(anchor)
    return anchor

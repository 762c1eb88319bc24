"""Merging two records of one document: a curator's decision, kept so that no re-import undoes it.

Everything the absorbed record holds moves to the survivor: provisions (with their ids, so
their permanent pages stay), quotations made and attributed, the footnotes naming it, relations,
metadata claims, decisions, attachments, warnings, mentions of field operations. The absorbed
record's slug, symbol and source file become the survivor's ``DocumentAlias``: its old address
redirects to the survivor, and a re-import of its source or of a source citing its symbol finds
the survivor (``importing.identity``). A merge that would lose or confuse anything is refused
with the reason (``MergeRefused``), before anything is written.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from commitments.models import Provision, ProvisionOrigin, Relation
from commitments.quotations import Quotation
from documents.models import Document, DocumentAlias


class MergeRefused(Exception):
    """A merge that cannot be made without losing data; the message says why, in one line."""


def _refusal(absorbed: Document, survivor: Document) -> str:
    if absorbed.pk == survivor.pk:
        return "a document cannot be merged into itself"
    labels = set(absorbed.provisions.values_list("label", flat=True))
    shared = sorted(labels & set(survivor.provisions.values_list("label", flat=True)))
    if shared:
        return f"both have provisions labelled {', '.join(shared[:5])}: relabel or remove one of each first"
    if all(d.provisions.filter(origin=ProvisionOrigin.FULL_TEXT).exists() for d in (absorbed, survivor)):
        return "both hold a text of their own: a re-import of either would replace the other's"
    made = set(Quotation.objects.filter(quoting_document=absorbed).values_list("footnote", "section", "text"))
    if made & set(
        Quotation.objects.filter(quoting_document=survivor).values_list("footnote", "section", "text")
    ):
        return "both quote the same words at the same place"
    decided = dict(absorbed.field_decisions.values_list("field", "value"))
    for field, value in survivor.field_decisions.values_list("field", "value"):
        if field in decided and decided[field] != value:
            return f"curators decided the {field} of each differently ({decided[field]!r}, {value!r})"
    between = (
        absorbed.outgoing_relations.filter(target_document=survivor).exists()
        or absorbed.incoming_relations.filter(source_document=survivor).exists()
    )
    if between:
        return "a relation links the two: a merged document would relate to itself; remove it first"
    return ""


def _combine_relations(absorbed: Document, survivor: Document) -> None:
    """A relation the survivor already has (a study citing both records) stays one relation: the
    absorbed record's evidence joins the survivor's, and its copy goes."""
    for relation in Relation.objects.filter(Q(source_document=absorbed) | Q(target_document=absorbed)):
        same = Relation.objects.filter(
            kind=relation.kind,
            source_document=survivor
            if relation.source_document_id == absorbed.pk
            else relation.source_document,
            source_provision=relation.source_provision,
            target_document=survivor
            if relation.target_document_id == absorbed.pk
            else relation.target_document,
            target_provision=relation.target_provision,
        ).first()
        if same is None:
            continue
        if relation.evidence and relation.evidence not in same.evidence:
            same.evidence = "; ".join(part for part in (same.evidence, relation.evidence) if part)[:300]
            same.save(update_fields=["evidence"])
        relation.delete()


@transaction.atomic
def merge_documents(
    absorbed: Document, survivor: Document, *, basis: str, user=None, curator: str = "", at=None
) -> DocumentAlias:
    """Move everything of ``absorbed`` to ``survivor``, delete ``absorbed`` and keep its names as
    the survivor's alias, with ``basis`` and who (``user`` in the admin, ``curator`` and ``at``
    from the curation files); raises ``MergeRefused`` having written nothing."""
    basis = " ".join(basis.split())
    if not basis:
        raise MergeRefused("a merge needs a one-line basis")
    if reason := _refusal(absorbed, survivor):
        raise MergeRefused(f"{absorbed} cannot be merged into {survivor}: {reason}")
    reason = f"merged from {absorbed.slug} into {survivor.slug}: {basis}"[:100]
    for provision in Provision.objects.filter(document=absorbed):
        provision.document = survivor
        provision._change_reason = reason
        provision.save()
    for field in ("quoting_document", "attributed_to"):
        for quotation in Quotation.objects.filter(**{field: absorbed}):
            setattr(quotation, field, survivor)
            quotation._change_reason = reason
            quotation.save()
    for quotation in absorbed.candidate_quotations.all():
        quotation.candidates.remove(absorbed)
        quotation.candidates.add(survivor)
    survivor.fields_of_work.add(*absorbed.fields_of_work.all())
    _combine_relations(absorbed, survivor)
    for related in Document._meta.related_objects:
        if related.many_to_many or related.related_model in (Provision, Quotation, DocumentAlias):
            continue
        rows = related.related_model._base_manager.filter(**{related.field.name: absorbed})
        try:
            with transaction.atomic():
                rows.update(**{related.field.name: survivor})
        except IntegrityError:
            raise MergeRefused(
                f"{absorbed} cannot be merged into {survivor}: both have"
                f" {related.related_model._meta.verbose_name_plural} that cannot be combined"
            ) from None
    DocumentAlias.objects.filter(document=absorbed).update(document=survivor)
    alias = DocumentAlias.objects.create(
        document=survivor,
        slug=absorbed.slug,
        symbol=absorbed.symbol,
        title=absorbed.title,
        source_sha256=absorbed.source_sha256,
        basis=basis[:300],
        merged_by=user if getattr(user, "pk", None) else None,
        curator=(curator or (user.get_username() if getattr(user, "pk", None) else "") or "admin")[:150],
        merged_at=at or timezone.now(),
    )
    absorbed._change_reason = reason
    absorbed.delete()
    return alias

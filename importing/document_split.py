"""Splitting a document: provisions read as one document's that are another's, moved by a curator.

The chosen provisions move, with their ids (their permanent pages stay), to an existing document
or to a new one whose metadata the curator gives (recorded as decided fields, which no source
overrides). Each move is kept as a ``SplitProvision`` with its basis, so that a re-import of the
source leaves the provision where the curator put it (``skip_split_provisions``); a quotation whose
words move is attributed to the new document by a curator's decision
(``importing.curated_attributions``), which every re-import keeps too. A split that would lose or
confuse anything is refused with the reason (``SplitRefused``), before anything is written.
"""

from dataclasses import replace

from django.db import transaction
from django.utils import timezone

from commitments.models import Provision
from commitments.quotations import Quotation
from documents.dates import partial_date_from_iso
from documents.models import Document, FieldDecision
from importing.curated_attributions import decide_attribution
from importing.models import SplitProvision
from importing.parsed import ParsedDocument

# The metadata a curator gives a new document, as ``Document`` fields.
NEW_DOCUMENT_FIELDS = ("symbol", "title", "kind", "body", "place", "date")
# How the decided fields of a document a split made begin their note.
SPLIT_OFF = "split off:"


class SplitRefused(Exception):
    """A split that cannot be made without losing data; the message says why, in one line."""


def _refusal(document: Document, provisions: list[Provision], target: Document | None, new: dict) -> str:
    if not provisions:
        return "choose the provisions to move"
    if any(p.document_id != document.pk for p in provisions):
        return "a provision chosen is not one of its own"
    if len(provisions) == document.provisions.count():
        return "every provision would move, leaving it empty: merge the two records instead"
    if target is None:
        if not new.get("title", "").strip():
            return "give the new document a title"
        if new.get("symbol") and Document.objects.by_symbol(new["symbol"]).exists():
            return f"a document with the symbol {new['symbol']} exists: choose it as the target"
        if new.get("date"):
            try:
                partial_date_from_iso(new["date"])
            except (ValueError, TypeError):
                return f"the date {new['date']!r} is not a date such as 2005, 2005-12 or 2005-12-06"
        return ""
    if target.pk == document.pk:
        return "a document cannot be split into itself"
    shared = sorted({p.label for p in provisions} & set(target.provisions.values_list("label", flat=True)))
    if shared:
        return f"{target} already has provisions labelled {', '.join(shared[:5])}"
    return ""


def _new_document(new: dict, *, basis: str, user) -> Document:
    document = Document(
        **{name: new[name] for name in ("slug", "symbol", "title", "kind", "body", "place") if new.get(name)}
    )
    if new.get("date"):
        partial = partial_date_from_iso(new["date"])
        document.date, document.date_precision = partial.value, partial.precision
    document._change_reason = f"{SPLIT_OFF} {basis}"
    document.save()
    for name in NEW_DOCUMENT_FIELDS[1:]:
        if new.get(name):
            FieldDecision.objects.create(
                document=document,
                field=name,
                value=str(new[name]),
                note=f"{SPLIT_OFF} {basis}"[:500],
                decided_by=user if getattr(user, "pk", None) else None,
            )
    return document


@transaction.atomic
def split_document(
    document: Document,
    *,
    provisions: list[Provision],
    basis: str,
    target: Document | None = None,
    new: dict | None = None,
    user=None,
    curator: str = "",
    at=None,
) -> Document:
    """Move ``provisions`` of ``document`` to ``target``, or to a new document with the metadata
    ``new`` (``NEW_DOCUMENT_FIELDS``, and ``slug`` when the curation files name it; the date as
    ``2005-12-06``, ``2005-12`` or ``2005``); return the document they moved to. Who decided is
    ``user`` in the admin, ``curator`` and ``at`` from the curation files. Raises ``SplitRefused``
    having written nothing."""
    new = new or {}
    basis = " ".join(basis.split())
    if not basis:
        raise SplitRefused("a split needs a one-line basis")
    if reason := _refusal(document, provisions, target, new):
        raise SplitRefused(f"{document} cannot be split: {reason}")
    target = target or _new_document(new, basis=basis, user=user)
    moved = {p.pk for p in provisions}
    quotations = list(
        (Quotation.objects.filter(passage__in=moved) | Quotation.objects.filter(matched_provision__in=moved))
        .distinct()
        .select_related("quoting_document")
    )
    for provision in provisions:
        if any(q.passage_id == provision.pk for q in quotations):
            continue  # a quotation's passage follows its quotation's attribution, below
        SplitProvision.objects.update_or_create(
            from_document=document,
            quoted_in=provision.quoted_in,
            label=provision.label,
            defaults={
                "to_document": target,
                "basis": basis[:300],
                "decided_by": user if getattr(user, "pk", None) else None,
                "curator": (curator or (user.get_username() if getattr(user, "pk", None) else "") or "admin")[
                    :150
                ],
                "decided_at": at or timezone.now(),
            },
        )
        provision.document = target
        provision._change_reason = f"split from {document.slug} into {target.slug}: {basis}"
        provision.save()
    for quotation in quotations:
        decide_attribution(
            quotation,
            document=target,
            basis=f"split from {document}: {basis}",
            user=user,
            curator=curator,
            at=at,
        )
    return target


def skip_split_provisions(document: Document, parsed: ParsedDocument, *, quoted_in: Document | None):
    """``parsed`` without the provisions a curator split off ``document``: a re-import of the
    source leaves them in the document they were moved to."""
    split = set(
        SplitProvision.objects.filter(from_document=document, quoted_in=quoted_in).values_list(
            "label", flat=True
        )
    )
    if not split:
        return parsed
    return replace(parsed, provisions=[p for p in parsed.provisions if p.label not in split])

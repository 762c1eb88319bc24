"""Saving the quotations of a source: each once, attributed, and matched against the texts held.

A quotation credits the documents its footnote names. Which one it is from is read, in this
order, from: a curator's decision (``AttributionDecision``, keyed by the quoting source, the
locator and the words, so that every re-import keeps it); the only document named; the one the
quoting sentence names by title; the one whose held text holds the words. A document whose text
is held and lacks the words is named in the status, never silently credited; a footnote naming
several documents that nothing tells apart gives one *ambiguous* quotation listing them, never a
copy for each.

The words of a quotation that matches no held provision are carried by its ``passage``: a
provision of ``origin=quotation`` of the attributed document (or, while it is ambiguous or
unattributed, of the quoting source), so that search, tags and counts see them once.
"""

from dataclasses import dataclass

from django.utils import timezone

from commitments.models import MigrationCategory, Provision, ProvisionCuration, ProvisionOrigin
from commitments.quotation_matching import match, words
from commitments.quotations import Quotation, QuotationStatus
from documents.models import Document
from importing.diff import QUOTATION_POSITION_BASE
from importing.models import AttributionDecision, ImportWarning
from importing.parsed import ParsedQuotation
from importing.warnings import describe_warning

# Kinds whose texts participating States adopt: what they say binds them politically.
COMMITMENT_KINDS = {
    "final_act", "concluding_document", "charter", "summit_declaration", "meeting_document",
    "ministerial_declaration", "mc_decision", "mc_document", "pc_decision",
}  # fmt: skip
PASSAGE_LABEL = "quotation-{}"
# A title of fewer words ("Migration") is too common to tell that a sentence names it.
_MIN_TITLE_WORDS = 3


@dataclass
class Attribution:
    document: Document | None
    status: str
    provision: Provision | None = None
    note: str = ""


def held_provisions(document: Document) -> list[Provision]:
    """The provisions of the document's own text, when the knowledge base holds it."""
    return list(document.provisions.filter(origin=ProvisionOrigin.FULL_TEXT).order_by("position", "pk"))


def matching_provision(text: str, document: Document) -> Provision | None:
    """The provision of ``document``'s held text that best holds ``text``, or None."""
    best, best_score = None, 0.0
    for provision in held_provisions(document):
        found = match(text, provision.text)
        if found and found.score > best_score:
            best, best_score = provision, found.score
    return best


def _names(sentence: str, document: Document) -> bool:
    title = words(document.title)
    if len(title) < _MIN_TITLE_WORDS:
        return False
    said = words(sentence)
    return any(said[i : i + len(title)] == title for i in range(len(said) - len(title) + 1))


def _name(document: Document) -> str:
    return document.symbol or document.title


def _same_meeting(document: Document) -> list[Document]:
    """Other documents adopted at the same place on the same day (MC.DEC/2/05 and MC.DOC/2/05)."""
    if not document.place or document.date is None or document.date_precision != "day":
        return []
    return list(
        Document.objects.filter(place__iexact=document.place, date=document.date, date_precision="day")
        .exclude(pk=document.pk)
        .order_by("pk")
    )


def _check(text: str, document: Document, note: str = "") -> Attribution:
    """The attribution to ``document``, checked against its text when held."""
    if not held_provisions(document):
        for other in _same_meeting(document):
            provision = matching_provision(text, other) if held_provisions(other) else None
            if provision is not None:
                return Attribution(
                    other,
                    QuotationStatus.MATCHED,
                    provision,
                    f"the footnote cites {_name(document)}; the words are {provision.citation_locator()} of "
                    f"{_name(other)}, adopted at the same meeting",
                )
        return Attribution(document, QuotationStatus.TEXT_NOT_HELD, note=note)
    provision = matching_provision(text, document)
    if provision is None:
        return Attribution(document, QuotationStatus.NOT_FOUND, note=note)
    return Attribution(document, QuotationStatus.MATCHED, provision, note)


def attribute(parsed: ParsedQuotation, candidates: list[Document]) -> Attribution:
    """Which of ``candidates`` (the documents the footnote names) the words are from."""
    if len(candidates) == 1:
        return _check(parsed.text, candidates[0])
    if not candidates:
        found = [
            (document, provision)
            for document in Document.objects.filter(provisions__origin=ProvisionOrigin.FULL_TEXT)
            .exclude(kind__in=["study", "web_page", "press_release"])
            .distinct()
            .order_by("pk")
            if (provision := matching_provision(parsed.text, document)) is not None
        ]
        if len(found) == 1:
            document, provision = found[0]
            note = f"the footnote names no document we could read; the words are those of {_name(document)}"
            return Attribution(document, QuotationStatus.MATCHED, provision, note)
        return Attribution(None, QuotationStatus.UNATTRIBUTED)
    named = [c for c in candidates if _names(parsed.sentence, c)]
    if len(named) == 1:
        return _check(parsed.text, named[0], "the sentence names it among the footnote's documents")
    held = [(c, matching_provision(parsed.text, c)) for c in candidates if held_provisions(c)]
    found = [(c, p) for c, p in held if p is not None]
    if len(found) == 1:
        document, provision = found[0]
        note = "of the footnote's documents, the only one whose text holds the words"
        return Attribution(document, QuotationStatus.MATCHED, provision, note)
    return Attribution(None, QuotationStatus.AMBIGUOUS)


def save_quotations(
    source: Document, quotations: list[ParsedQuotation], cited: list[Document]
) -> tuple[int, list[str], list[str]]:
    """Store ``source``'s quotations (``cited[i]`` is the stored ``ParsedSource.cited[i]``);
    return how many were added or changed, a warning for each the knowledge base cannot vouch
    for, and the parser's warnings the attribution withdraws (words whose footnote cites
    nothing readable, found in a held text all the same: the study's footnote 50). Quotations
    the source no longer makes are removed with their passages."""
    stored = {(q.footnote, q.section, q.text): q for q in Quotation.objects.filter(quoting_document=source)}
    changed = 0
    warnings, withdrawn = [], []
    for position, parsed in enumerate(quotations):
        candidates = [cited[index] for index in parsed.cited]
        quotation = stored.pop((parsed.footnote, parsed.section, parsed.text), None)
        if quotation is None:
            quotation = Quotation(
                quoting_document=source, footnote=parsed.footnote, section=parsed.section, text=parsed.text
            )
        changed += _attribute_and_store(quotation, position, parsed, candidates)
        if warning := _warning(quotation, parsed):
            warnings.append(warning)
        if not parsed.cited and quotation.status != QuotationStatus.UNATTRIBUTED:
            withdrawn.append(parsed.unattributed_warning())
    for stale in stored.values():
        if stale.passage_id:
            stale.passage.delete()
        stale.delete()
        changed += 1
    return changed, warnings, withdrawn


def _warning(quotation: Quotation, parsed: ParsedQuotation) -> str:
    # An unattributed quotation was warned of by its parser, which knows why.
    if quotation.is_flagged and quotation.status != QuotationStatus.UNATTRIBUTED:
        return f"{_warning_prefix(parsed)}{quotation.status_text()}"
    return ""


def _warning_prefix(parsed: ParsedQuotation) -> str:
    return f"{parsed.locator}: the quotation “{_short(parsed.text)}” is "


def reattribute(quotation: Quotation) -> bool:
    """Attribute a stored quotation again, as its source's next import would (a curator's
    decision first), and give its source's stored warnings the one that import would give;
    return whether it changed."""
    parsed = ParsedQuotation(
        text=quotation.text,
        footnote=quotation.footnote,
        section=quotation.section,
        sentence=quotation.sentence,
    )
    candidates = list(quotation.candidates.order_by("pk"))
    changed = _attribute_and_store(quotation, quotation.position, parsed, candidates)
    source = quotation.quoting_document
    # The parser's own warning about words whose footnote cites nothing readable goes too, and
    # comes back only while they stay unattributed (as ``save_quotations`` withdraws it).
    parser_warning = parsed.unattributed_warning()
    stored = ImportWarning.objects.filter(document=source, message__startswith=_warning_prefix(parsed))
    stored |= ImportWarning.objects.filter(document=source, message=parser_warning)
    last = stored.first() or ImportWarning.objects.filter(document=source).first()
    source_name = last.source_name if last else source.source_filename
    stored.delete()
    warnings = [_warning(quotation, parsed)]
    if not candidates and quotation.status == QuotationStatus.UNATTRIBUTED:
        warnings.append(parser_warning)
    for warning in filter(None, warnings):
        facts = describe_warning(warning)
        ImportWarning.objects.create(
            document=source,
            source_name=source_name,
            message=warning,
            kind=facts.kind,
            locator=facts.locator[:200],
        )
    return changed


def _attribute_and_store(
    quotation: Quotation, position: int, parsed: ParsedQuotation, candidates: list[Document]
) -> bool:
    decision = AttributionDecision.objects.for_words(
        quotation.quoting_document, quotation.locator, parsed.text
    )
    if decision is None:
        attribution = attribute(parsed, candidates)
    elif decision.attributed_to_id is None:
        attribution = Attribution(None, QuotationStatus.UNATTRIBUTED, note=_decided(decision))
    else:
        attribution = _check(parsed.text, decision.attributed_to, _decided(decision))
    changed = _store(
        quotation, position, parsed, attribution, candidates, basis=decision.basis if decision else ""
    )
    _sync_passage(quotation, parsed, candidates)
    return changed


def _decided(decision: AttributionDecision) -> str:
    day = timezone.localtime(decision.decided_at)
    return f"decided by {decision.curator} ({day:%d %B %Y}): {decision.basis}"


def _store(
    quotation: Quotation,
    position: int,
    parsed: ParsedQuotation,
    attribution: Attribution,
    candidates: list[Document],
    *,
    basis: str = "",
) -> bool:
    values = {
        "attribution_basis": basis[:300],
        "position": position,
        "sentence": parsed.sentence,
        "attributed_to_id": attribution.document.pk if attribution.document else None,
        "status": attribution.status,
        "matched_provision_id": attribution.provision.pk if attribution.provision else None,
        "note": attribution.note[:500],
    }
    differs = quotation.pk is None or any(getattr(quotation, k) != v for k, v in values.items())
    if differs:
        for name, value in values.items():
            setattr(quotation, name, value)
        quotation.save()
    wanted = {c.pk for c in candidates}
    if set(quotation.candidates.values_list("pk", flat=True)) != wanted:
        quotation.candidates.set(candidates)
        differs = True
    return differs


def _sync_passage(quotation: Quotation, parsed: ParsedQuotation, candidates: list[Document]) -> None:
    passage = quotation.passage
    if quotation.status == QuotationStatus.MATCHED:
        if passage is not None:
            quotation.passage = None
            quotation.save(update_fields=["passage"])
            passage.delete()
        return
    owner = quotation.attributed_to or quotation.quoting_document
    kinds = [owner.kind] if quotation.attributed_to_id else [c.kind for c in candidates]
    values = {
        "text": parsed.text,
        "quoted_in_id": quotation.quoting_document_id,
        "quoted_locator": parsed.locator[:200],
        "position": QUOTATION_POSITION_BASE + quotation.position,
    }
    moved = passage is not None and passage.document_id != owner.pk
    if passage is not None:
        # A quotation is found again by its words, so the source has not changed them since the
        # last import: words a curator corrected in its passage stand (``importing.diff``).
        del values["text"]
    if passage is None:
        passage = Provision(document=owner, label=_free_label(owner), origin=ProvisionOrigin.QUOTATION)
    elif moved:
        passage.document, passage.label = owner, _free_label(owner)
    curated = passage.pk is not None and ProvisionCuration.objects.filter(provision=passage).exists()
    if not curated:
        values["is_commitment"] = any(kind in COMMITMENT_KINDS for kind in kinds)
    if passage.pk is None or moved or any(getattr(passage, k) != v for k, v in values.items()):
        for name, value in values.items():
            setattr(passage, name, value)
        passage.save()
    if quotation.passage_id != passage.pk:
        quotation.passage = passage
        quotation.save(update_fields=["passage"])
    if parsed.categories and not curated:
        wanted = set(parsed.categories)
        if set(passage.categories.values_list("slug", flat=True)) != wanted:
            passage.categories.set(MigrationCategory.objects.filter(slug__in=wanted))


def _free_label(document: Document) -> str:
    """A label no provision of ``document`` has: ``quotation-3``. It names the passage in the
    admin and in URLs only; a citation cites the quotation by its source (``Quotation.citation``)."""
    taken = set(document.provisions.values_list("label", flat=True))
    number = 1
    while PASSAGE_LABEL.format(number) in taken:
        number += 1
    return PASSAGE_LABEL.format(number)


def _short(text: str) -> str:
    words_ = " ".join(text.split())
    return words_ if len(words_) <= 60 else words_[:60].rsplit(" ", 1)[0] + " …"

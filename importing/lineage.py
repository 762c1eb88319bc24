"""Lineage read from the held texts: where a paragraph names another OSCE document, a relation
from that paragraph to the document, typed by the verb that governs the name.

"The participating States reaffirm the principles and commitments contained in the Copenhagen
Document 1990, the Helsinki Document 1992 and the Charter for European Security 1999" makes
para. 2.2 of MC.DOC/2/05 *reaffirm* each of the three; "as identified in paragraph 35 of the OSCE
Strategy …" makes it *cite* the Strategy at paragraph 35. The names are the catalogue's aliases
(``fixtures/curation/catalogue``). ``record_lineage`` keeps the relations it reads in step with
the texts: a paragraph that no longer names a document loses its link; links from citations or
the editors are never touched. It also links the paragraphs that repeat an adopted paragraph's
words without naming it (``importing.repetitions``).
"""

import re
from dataclasses import dataclass

from commitments.models import Provision, ProvisionOrigin, Relation, RelationKind, RelationOrigin
from documents.models import Document
from importing.repetitions import record_repetitions

# The verbs that make a link more than a citation, nearest before the name within its sentence.
_VERBS = (
    (re.compile(r"\breaffirm(?:s|ed|ing)?\b", re.IGNORECASE), RelationKind.REAFFIRMS),
    (re.compile(r"\brecall(?:s|ed|ing)?\b", re.IGNORECASE), RelationKind.RECALLS),
    (re.compile(r"\b(?:build(?:s|ing)?|built)\s+(?:up)?on\b", re.IGNORECASE), RelationKind.BUILDS_ON),
)
# A sentence or clause ends at a full stop, semicolon or colon before a capital letter.
_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=[A-Z“\"(])")
# "paragraph 35 of the", "paragraph 79, Chapter 6, of the", "Chapter VIII of the" just before a name.
_LOCATOR = re.compile(
    r"\b(?P<locator>(?:paragraph|para\.|chapter|section|annex)\s+[\w.()]+"
    r"(?:,\s*(?:chapter|section)\s+[\w.()]+)?),?\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_EVIDENCE_LENGTH = 300


@dataclass(frozen=True)
class Reference:
    """One naming of a catalogued document in a text."""

    target: str  # the catalogue key (symbol or slug) of the document named
    name: str  # the words that name it
    kind: str  # a RelationKind value
    locator: str  # the part named: "paragraph 35"
    sentence: str

    def evidence(self) -> str:
        sentence = self.sentence.strip('“”" ')
        words = sentence if len(sentence) <= _EVIDENCE_LENGTH - 2 else sentence[:290] + " …"
        return f"“{words}”"


def read_references(text: str, aliases: dict[str, str]) -> list[Reference]:
    """Every naming of a document of ``aliases`` (name -> catalogue key) in ``text``, in order;
    a longer name wins over a shorter one it contains ("CSCE Helsinki Document", not "Helsinki")."""
    text = " ".join(text.split())
    if not aliases:
        return []
    names = sorted(aliases, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)
    by_folded = {name.casefold(): key for name, key in aliases.items()}
    references = []
    for sentence in _SENTENCE_END.split(text):
        for match in pattern.finditer(sentence):
            before = sentence[: match.start()]
            locator = _LOCATOR.search(before)
            references.append(
                Reference(
                    target=by_folded[match.group().casefold()],
                    name=match.group(),
                    kind=_governing_kind(before),
                    locator=locator["locator"] if locator else "",
                    sentence=sentence,
                )
            )
    return references


def _governing_kind(before: str) -> str:
    """The kind the last lineage verb before the name gives, or *cites* when there is none."""
    found = [(m.start(), kind) for verb, kind in _VERBS for m in verb.finditer(before)]
    return max(found)[1] if found else RelationKind.CITES


def record_lineage(aliases: dict[str, str], *, document_ids: list[int] | None = None) -> int:
    """Read every held text (a document's own paragraphs and its attachments, never the
    passages it quotes), or those of ``document_ids``, and keep the relations read from them in
    step; returns how many were added, changed or removed."""
    targets = _targets(aliases)
    changed = 0
    held = Provision.objects.filter(origin=ProvisionOrigin.FULL_TEXT).select_related("document")
    if document_ids is not None:
        held = held.filter(document_id__in=document_ids)
    provisions_by_document: dict[int, list[Provision]] = {}
    for provision in held.order_by("document_id", "position", "pk"):
        provisions_by_document.setdefault(provision.document_id, []).append(provision)
    documents = Document.objects.filter(pk__in=provisions_by_document) | Document.objects.filter(
        attachments__isnull=False
    )
    if document_ids is not None:
        documents = documents.filter(pk__in=document_ids)
    for document in documents.distinct().prefetch_related("attachments"):
        wanted: dict[tuple, Reference] = {}
        for provision in provisions_by_document.get(document.pk, []):
            _collect(wanted, provision, read_references(provision.text, aliases), targets, document)
        for attachment in document.attachments.all():
            _collect(wanted, None, read_references(attachment.text, aliases), targets, document)
        changed += _sync(document, wanted, targets)
    return changed + record_repetitions(document_ids=document_ids)


def _targets(aliases: dict[str, str]) -> dict[str, Document]:
    found = {}
    for key in set(aliases.values()):
        document = Document.objects.by_symbol(key).first() or Document.objects.filter(slug=key).first()
        if document is not None:
            found[key] = document
    return found


def _collect(wanted: dict, provision, references: list[Reference], targets: dict, document) -> None:
    for reference in references:
        target = targets.get(reference.target)
        if target is None or target.pk == document.pk:
            continue  # a name of its own, or of a document not catalogued here
        # One link per paragraph, target and verb: the first naming gives its evidence.
        wanted.setdefault((reference.kind, provision.pk if provision else None, target.pk), reference)


def _sync(document: Document, wanted: dict[tuple, Reference], targets: dict) -> int:
    by_pk = {d.pk: d for d in targets.values()}
    stored = {
        (r.kind, r.source_provision_id, r.target_document_id): r
        # Links to a paragraph are those of repeated words (``importing.repetitions``).
        for r in Relation.objects.filter(
            source_document=document, origin=RelationOrigin.TEXT, target_provision=None
        )
    }
    changed = 0
    for key, stale in stored.items():
        if key not in wanted:
            stale.delete()
            changed += 1
    for key, reference in wanted.items():
        kind, provision_id, target_id = key
        values = {"evidence": reference.evidence(), "target_locator": reference.locator[:200]}
        relation = stored.get(key)
        if relation is None:
            if Relation.objects.filter(
                kind=kind,
                source_document=document,
                source_provision_id=provision_id,
                target_document=by_pk[target_id],
                target_provision=None,
            ).exists():
                continue  # the same link already stands, from a citation or the editors
            Relation.objects.create(
                kind=kind,
                source_document=document,
                source_provision_id=provision_id,
                target_document=by_pk[target_id],
                origin=RelationOrigin.TEXT,
                **values,
            )
            changed += 1
        elif (relation.evidence, relation.target_locator) != (values["evidence"], values["target_locator"]):
            relation.evidence, relation.target_locator = values["evidence"], values["target_locator"]
            relation.save()
            changed += 1
    return changed

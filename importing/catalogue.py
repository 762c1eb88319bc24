"""The editors' catalogue: ``fixtures/curation/catalogue/*.toml``.

The importers catalogue what a source's citations say about the documents they cite. The
catalogue file adds what no citation gives: the documents the held texts only name (the
Charter of Paris, the Lisbon Document, the Platform for Co-operative Security, …), the names
each document goes by in the texts (the lineage reader's aliases), facts read from a held text
by an editor (a claim of that text, whose words must stand in it) or decided by the editors on
another basis (a ``FieldDecision`` with that basis: never presented as if a source said it), and
the links between documents that no single text states of itself (MC.DEC/12/04 annexes
PC.DEC/621). ``load_corpus`` applies it after the sources; applying it again changes nothing.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from commitments.models import Relation, RelationKind, RelationOrigin
from documents.dates import partial_date_from_iso
from documents.models import ClaimField, Document, FieldDecision, MetadataClaim, PublicationStatus
from importing.curated_tags import CURATION_DIR, CurationRejected

CATALOGUE_DIR = CURATION_DIR / "catalogue"
_DOCUMENT_KEYS = {"document", "create", "aliases", "fact"}
_FACT_KEYS = {"field", "value", "source", "quote", "basis"}
_RELATION_KEYS = {"source", "kind", "target", "stated_in", "quote", "basis"}
_FACT_FIELDS = {"title", "kind", "body", "place", "date", "summary"}


@dataclass(frozen=True)
class Fact:
    field: str
    value: str
    source: str = ""  # the held document that states it, by symbol or slug
    quote: str = ""  # its words there
    basis: str = ""  # or: the editors' decision, and why


@dataclass(frozen=True)
class CatalogueDocument:
    where: str
    key: str  # symbol, or slug
    create: bool
    aliases: tuple[str, ...]
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class CatalogueRelation:
    where: str
    source: str
    kind: str
    target: str
    stated_in: str = ""
    quote: str = ""
    basis: str = ""


@dataclass
class Catalogue:
    documents: list[CatalogueDocument] = field(default_factory=list)
    relations: list[CatalogueRelation] = field(default_factory=list)
    curator: str = "KB editors"

    def aliases(self) -> dict[str, str]:
        """Every alias, with the key of the document it names."""
        return {alias: entry.key for entry in self.documents for alias in entry.aliases}


def read_catalogue(directory: Path = CATALOGUE_DIR) -> Catalogue:
    """Every entry of every catalogue file, checked for shape (not yet against the database)."""
    catalogue = Catalogue()
    for path in sorted(directory.glob("*.toml")):
        name = f"{path.parent.name}/{path.name}"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise CurationRejected(f"{name}: not a valid TOML file ({exc})") from None
        unknown = set(data) - {"curator", "date", "document", "relation"}
        if unknown:
            raise CurationRejected(f"{name}: unknown top-level key {sorted(unknown)[0]!r}")
        catalogue.curator = str(data.get("curator", catalogue.curator))
        for number, item in enumerate(data.get("document", []), start=1):
            catalogue.documents.append(_document_entry(f"{name}, document {number}", item))
        for number, item in enumerate(data.get("relation", []), start=1):
            catalogue.relations.append(_relation_entry(f"{name}, relation {number}", item))
    return catalogue


def _text(where: str, item: dict, key: str, *, required: bool = True) -> str:
    value = item.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise CurationRejected(f"{where}: {key!r} must be a non-empty text")
    return " ".join(value.split())


def _document_entry(where: str, item: dict) -> CatalogueDocument:
    key = _text(where, item, "document")
    where = f"{where} ({key})"
    if unknown := set(item) - _DOCUMENT_KEYS:
        raise CurationRejected(f"{where}: unknown key {sorted(unknown)[0]!r}")
    facts = []
    for fact in item.get("fact", []):
        if unknown := set(fact) - _FACT_KEYS:
            raise CurationRejected(f"{where}: unknown key {sorted(unknown)[0]!r} in a fact")
        name = _text(where, fact, "field")
        if name not in _FACT_FIELDS:
            raise CurationRejected(f"{where}: {name!r} is not a field the catalogue sets")
        if ("basis" in fact) == ("source" in fact):
            raise CurationRejected(f"{where}, {name}: a fact has a 'source' and its 'quote', or a 'basis'")
        if "source" in fact and "quote" not in fact:
            raise CurationRejected(f"{where}, {name}: a fact from a source quotes its words ('quote')")
        facts.append(
            Fact(
                field=name,
                value=_text(where, fact, "value"),
                source=_text(where, fact, "source", required=False),
                quote=_text(where, fact, "quote", required=False),
                basis=_text(where, fact, "basis", required=False),
            )
        )
    create = item.get("create", False)
    if create and not any(f.field == "title" for f in facts):
        raise CurationRejected(f"{where}: a document the catalogue creates needs a title")
    aliases = item.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise CurationRejected(f"{where}: 'aliases' must be a list of names")
    names = tuple(" ".join(a.split()) for a in aliases)
    return CatalogueDocument(where, key, bool(create), names, tuple(facts))


def _relation_entry(where: str, item: dict) -> CatalogueRelation:
    if unknown := set(item) - _RELATION_KEYS:
        raise CurationRejected(f"{where}: unknown key {sorted(unknown)[0]!r}")
    kind = _text(where, item, "kind")
    if kind not in RelationKind.values:
        kinds = ", ".join(RelationKind.values)
        raise CurationRejected(f"{where}: {kind!r} is not a kind of relation ({kinds})")
    if ("basis" in item) == ("stated_in" in item):
        raise CurationRejected(f"{where}: a relation has 'stated_in' (and a 'quote') or a 'basis'")
    if "stated_in" in item and "quote" not in item:
        raise CurationRejected(f"{where}: a relation stated in a document quotes its words ('quote')")
    return CatalogueRelation(
        where=where,
        source=_text(where, item, "source"),
        kind=kind,
        target=_text(where, item, "target"),
        stated_in=_text(where, item, "stated_in", required=False),
        quote=_text(where, item, "quote", required=False),
        basis=_text(where, item, "basis", required=False),
    )


def find_catalogued(key: str) -> Document | None:
    """The document a catalogue key names: its symbol, or its slug."""
    return Document.objects.by_symbol(key).first() or Document.objects.filter(slug=key).first()


def apply_catalogue(catalogue: Catalogue) -> int:
    """Create the documents the catalogue adds, record its facts and links; return how many
    values or links changed. The caller holds the transaction: the first entry that names
    nothing, or quotes words its source does not hold, raises ``CurationRejected``."""
    changed = 0
    for entry in catalogue.documents:
        document = find_catalogued(entry.key)
        if document is None:
            if not entry.create:
                raise CurationRejected(f"{entry.where}: no document has this symbol or slug")
            document = _create(entry)
            changed += 1
        for fact in entry.facts:
            changed += _apply_fact(entry, document, fact)
    for relation in catalogue.relations:
        changed += _apply_relation(relation)
    return changed


def _create(entry: CatalogueDocument) -> Document:
    title = next(f.value for f in entry.facts if f.field == "title")
    return Document.objects.create(slug=entry.key, title=title, status=PublicationStatus.PUBLISHED)


def _held_document(where: str, key: str, quote: str) -> Document:
    document = find_catalogued(key)
    if document is None:
        raise CurationRejected(f"{where}: no held document {key!r}")
    if quote and quote not in held_text(document):
        raise CurationRejected(f"{where}: {key} does not say “{quote}”")
    return document


def held_text(document: Document) -> str:
    """The words a document holds, its attachments included, with spacing normalised."""
    parts = [document.full_text, *(a.text for a in document.attachments.all())]
    return " ".join(" ".join(parts).split())


def _apply_fact(entry: CatalogueDocument, document: Document, fact: Fact) -> int:
    where = f"{entry.where}, {fact.field}"
    if fact.source:
        source = _held_document(where, fact.source, fact.quote)
        locator = f"“{fact.quote}”" if len(fact.quote) <= 198 else f"“{fact.quote[:190]} …”"
        claim, created = MetadataClaim.objects.get_or_create(
            document=document,
            field=fact.field,
            source_document=source,
            source_locator=locator,
            read_by_editors=True,
            defaults={"value": fact.value},
        )
        if not created and claim.value == fact.value:
            return 0
        claim.value = fact.value
        claim.save()
        # The value of a claim the catalogue adds stands unless another decides it.
        return _set_value(document, fact.field, fact.value) or 1
    decision = FieldDecision.objects.filter(document=document, field=fact.field).first()
    if decision is not None and decision.decided_by_id is not None:
        return 0  # decided in the admin: that decision stands
    if decision is None or (decision.value, decision.note) != (fact.value, fact.basis):
        FieldDecision.objects.update_or_create(
            document=document, field=fact.field, defaults={"value": fact.value, "note": fact.basis}
        )
        _set_value(document, fact.field, fact.value)
        return 1
    return _set_value(document, fact.field, fact.value)


def _set_value(document: Document, name: str, value: str) -> int:
    if FieldDecision.objects.filter(document=document, field=name).exclude(value=value).exists():
        return 0
    if name == ClaimField.DATE:
        partial = partial_date_from_iso(value)
        if (document.date, document.date_precision) == (partial.value, partial.precision):
            return 0
        document.date, document.date_precision = partial.value, partial.precision
    else:
        if getattr(document, name) == value:
            return 0
        setattr(document, name, value)
    document._change_reason = "Catalogue (fixtures/curation/catalogue)"
    document.save()
    return 1


def _apply_relation(entry: CatalogueRelation) -> int:
    source = _held_document(entry.where, entry.source, "")
    target = _held_document(entry.where, entry.target, "")
    stated_in = _held_document(entry.where, entry.stated_in, entry.quote) if entry.stated_in else None
    evidence = f"“{entry.quote}”" if entry.stated_in else entry.basis
    relation, created = Relation.objects.get_or_create(
        kind=entry.kind,
        source_document=source,
        source_provision=None,
        target_document=target,
        target_provision=None,
        defaults={"evidence": evidence[:300], "stated_in": stated_in, "origin": RelationOrigin.CURATOR},
    )
    if created:
        return 1
    if (relation.evidence, relation.stated_in_id, relation.origin) == (
        evidence[:300],
        stated_in.pk if stated_in else None,
        RelationOrigin.CURATOR,
    ):
        return 0
    relation.evidence, relation.stated_in, relation.origin = evidence[:300], stated_in, RelationOrigin.CURATOR
    relation.save()
    return 1

"""What importing a parsed source would change in the provisions already stored: a three-way merge.

Each source owns a set of provisions: a document's own text owns its ``full_text``
provisions; a study or web page owns the quotation provisions it is ``quoted_in`` that no
``Quotation`` carries (those of data entered before quotations had records). Provisions are
matched by label, so a re-import keeps the identity (and URL) of every label it keeps.

A re-import changes only what the source changed since the last import. Each import keeps
what it read (``ImportedProvision``, the *base*); the next one compares, field by field, the
base, the new parse (*theirs*) and the database (*ours*, where curators' edits are):

- a field the source did not change keeps the stored value, whoever set it;
- a field the source changed and no curator did takes the source's value;
- a field both changed keeps the curator's value, with a warning naming it;
- a provision a curator deleted stays deleted (``DeletedProvision``), with a warning when the
  source has changed it since;
- a provision the source no longer has is removed, unless a curator edited it: then it is kept,
  with a warning; one no import of this source stored (entered by hand) is left alone.

Whether a provision commits and its categories are the editors' decision wherever one is
recorded (``ProvisionCuration``): a source never changes them then. A set stored before bases
were kept has none: its stored values stand for the base (the source's value wins), except that
only a changed text re-decides the flags and a source that sorts nothing clears no category.
"""

from dataclasses import dataclass, field

from commitments.models import Provision, ProvisionOrigin
from documents.models import Document
from importing.identity import find_document
from importing.models import DeletedProvision, ImportedProvision
from importing.parsed import ParsedDocument, ParsedProvision, ParsedSource

# Quotations sort after the document's own provisions.
QUOTATION_POSITION_BASE = 100_000

# The stored values a parse stands for, merged field by field.
MERGED_FIELDS = ("heading", "text", "quoted_locator", "is_commitment", "is_preamble", "categories")
# What a curator edits in a provision (its tags are decisions of their own).
_EDITED_FIELDS = ("heading", "text", "quoted_locator", "is_commitment", "is_preamble")
# What an editors' decision (``ProvisionCuration``) decides.
_DECIDED_FIELDS = ("is_commitment", "categories")
_FIELD_NAMES = {
    "heading": "heading",
    "text": "text",
    "quoted_locator": "locator",
    "is_commitment": "commitment flag",
    "is_preamble": "preamble flag",
    "categories": "categories",
}

ADD, UPDATE, UNCHANGED, REMOVE, KEEP, STAYS_DELETED = (
    "add", "update", "unchanged", "remove", "keep", "stays deleted",
)  # fmt: skip


@dataclass
class ProvisionDiff:
    """Labels added, changed, removed and unchanged, in document order; besides, the labels a
    curator deleted that stay deleted, those kept although the source no longer has them, and
    the merge's warnings (``notes``: one per label)."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    stay_deleted: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    # For a changed label: its text now and after the import.
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    @property
    def warnings(self) -> list[str]:
        return list(self.notes.values())

    def merge(self, other: "ProvisionDiff") -> None:
        for name in ("added", "changed", "removed", "unchanged", "stay_deleted", "kept"):
            getattr(self, name).extend(getattr(other, name))
        self.notes.update(other.notes)
        self.texts.update(other.texts)

    def as_dict(self) -> dict[str, list[str]]:
        return {
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "unchanged": self.unchanged,
        }


@dataclass
class ProvisionMerge:
    """What an import does to one label: ``action`` and, to add or update, the ``values`` to
    write (``position`` is the new parse's order)."""

    label: str
    action: str
    stored: Provision | None = None
    values: dict = field(default_factory=dict)
    position: int | None = None
    warning: str = ""
    record_deletion: bool = False  # a curator's deletion no decision records yet


@dataclass
class SetMerge:
    """The merge of one source's set of provisions of one document."""

    provisions: list[ProvisionMerge] = field(default_factory=list)

    def diff(self) -> ProvisionDiff:
        diff = ProvisionDiff()
        lists = {
            ADD: diff.added,
            UPDATE: diff.changed,
            UNCHANGED: diff.unchanged,
            REMOVE: diff.removed,
            KEEP: diff.kept,
            STAYS_DELETED: diff.stay_deleted,
        }
        for item in self.provisions:
            lists[item.action].append(item.label)
            if item.warning:
                diff.notes[item.label] = item.warning
            if item.action == UPDATE:
                diff.texts[item.label] = (item.stored.text, item.values.get("text", item.stored.text))
        return diff


def owned_provisions(document: Document, *, quoted_in: Document | None):
    """The provisions of ``document`` that one source owns (see the module docstring)."""
    if quoted_in is None:
        return document.provisions.filter(origin=ProvisionOrigin.FULL_TEXT)
    # The passages of quotations are the quotations' own (``importing.quotations``).
    return document.provisions.filter(
        origin=ProvisionOrigin.QUOTATION, quoted_in=quoted_in, quotation__isnull=True
    )


def provision_values(parsed: ParsedProvision) -> dict:
    """The stored values a parsed provision stands for (position aside)."""
    return {
        "heading": parsed.heading[:500],
        "text": parsed.text,
        "quoted_locator": parsed.quoted_locator[:200],
        "is_commitment": parsed.is_commitment and not parsed.preamble,
        "is_preamble": parsed.preamble,
        "categories": sorted(set(parsed.categories)),
    }


def _stored_values(provision: Provision) -> dict:
    values = {name: getattr(provision, name) for name in MERGED_FIELDS if name != "categories"}
    return values | {"categories": sorted(c.slug for c in provision.categories.all())}


def base_values(row: ImportedProvision) -> dict:
    return {name: getattr(row, name) for name in MERGED_FIELDS}


def positions(parsed_provisions: list[ParsedProvision], *, quotation: bool) -> list[int]:
    base = QUOTATION_POSITION_BASE if quotation else 0
    return [base + index for index in range(len(parsed_provisions))]


def merge_set(stored: Document | None, parsed: ParsedDocument, *, quoted_in: Document | None) -> SetMerge:
    """What importing ``parsed`` does to the provisions this source stored for ``stored``.
    Reads only."""
    existing, bases, deleted = {}, {}, {}
    if stored is not None:
        owned = owned_provisions(stored, quoted_in=quoted_in).select_related("curation")
        existing = {p.label: p for p in owned.prefetch_related("categories")}
        rows = ImportedProvision.objects.filter(document=stored, quoted_in=quoted_in)
        bases = {row.label: base_values(row) for row in rows}
        deleted = {d.label: d for d in DeletedProvision.objects.filter(document=stored, quoted_in=quoted_in)}
    kept_bases = bool(bases)
    name = parsed.display_name() or (stored.symbol or stored.title if stored else "")
    merge = SetMerge()
    quotation = quoted_in is not None
    for provision, position in zip(
        parsed.provisions, positions(parsed.provisions, quotation=quotation), strict=True
    ):
        theirs = provision_values(provision)
        ours_provision = existing.pop(provision.label, None)
        base = bases.pop(provision.label, None)
        where = f"{name} {provision.label}"
        if ours_provision is None:
            decision = deleted.get(provision.label)
            item = _absent_from_ours(provision.label, where, theirs, base, decision, position)
            merge.provisions.append(item)
            continue
        ours = _stored_values(ours_provision)
        if not kept_bases:
            base = _legacy_base(ours, theirs)
        item = _merge_fields(where, theirs, ours, base, curated=hasattr(ours_provision, "curation"))
        item.label, item.stored, item.position = provision.label, ours_provision, position
        merge.provisions.append(item)
    for label, ours_provision in sorted(existing.items(), key=lambda e: (e[1].position, e[1].pk)):
        merge.provisions.append(_absent_from_theirs(f"{name} {label}", ours_provision, bases, kept_bases))
    return merge


def _legacy_base(ours: dict, theirs: dict) -> dict:
    base = dict(ours)
    if ours["text"] == theirs["text"]:
        base["is_commitment"], base["is_preamble"] = theirs["is_commitment"], theirs["is_preamble"]
    if not theirs["categories"]:
        base["categories"] = theirs["categories"]
    return base


def _absent_from_ours(
    label: str, where: str, theirs: dict, base: dict | None, decision: DeletedProvision | None, position: int
) -> ProvisionMerge:
    """A label of the new parse that is not stored: new, or deleted by a curator."""
    if base is None and decision is None:
        return ProvisionMerge(label, ADD, values=theirs, position=position)
    changed = theirs != base if base is not None else theirs["text"] != decision.text
    warning = ""
    if changed:
        warning = (
            f"{where}: a curator deleted this provision, and the source has changed it since it was"
            " imported: it stays deleted (delete the decision under Deleted provisions to import it again)"
        )
    return ProvisionMerge(label, STAYS_DELETED, warning=warning, record_deletion=decision is None)


def _merge_fields(where: str, theirs: dict, ours: dict, base: dict, *, curated: bool) -> ProvisionMerge:
    """``base`` is ``{}`` when the label is new to the source but stored (entered by hand)."""
    values, disputed = {}, []
    for name in MERGED_FIELDS:
        if curated and name in _DECIDED_FIELDS:
            continue
        mine, source = ours[name], theirs[name]
        if source == mine or (name in base and source == base[name]):
            continue
        if name in base and mine == base[name]:
            values[name] = source
        else:
            disputed.append(name)
    warning = ""
    if disputed:
        fields = ", ".join(_FIELD_NAMES[name] for name in disputed)
        how = "changed its" if base else "adds this provision with another"
        warning = f"{where}: the source {how} {fields}, and so did a curator: the curator's {fields} kept"
        if "text" in disputed:
            warning += f" (the source now reads “{_short(theirs['text'])}”)"
    return ProvisionMerge("", UPDATE if values else UNCHANGED, values=values, warning=warning)


def _absent_from_theirs(
    where: str, stored: Provision, bases: dict[str, dict], kept_bases: bool
) -> ProvisionMerge:
    """A stored provision the new parse does not have."""
    base = bases.get(stored.label)
    if not kept_bases:
        return ProvisionMerge(stored.label, REMOVE, stored=stored)
    if base is None:
        return ProvisionMerge(stored.label, KEEP, stored=stored)  # entered by hand: not the source's
    ours = _stored_values(stored)
    if all(ours[name] == base[name] for name in _EDITED_FIELDS):
        return ProvisionMerge(stored.label, REMOVE, stored=stored)
    warning = f"{where}: the source no longer has this provision, which a curator had edited: it was kept"
    return ProvisionMerge(stored.label, KEEP, stored=stored, warning=warning)


def _short(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= 80 else words[:80].rsplit(" ", 1)[0] + " …"


def diff_document(
    stored: Document | None, parsed: ParsedDocument, *, quoted_in: Document | None
) -> ProvisionDiff:
    """Compare ``parsed``'s provisions with those the same source stored for ``stored``."""
    return merge_set(stored, parsed, quoted_in=quoted_in).diff()


def diff_provisions(parsed: ParsedSource) -> dict[str, ProvisionDiff]:
    """For a preview: per document (by display name), what an import would change. Writes nothing."""
    own = find_document(parsed.document, sha256=parsed.sha256)
    result = {parsed.document.display_name(): diff_document(own, parsed.document, quoted_in=None)}
    for cited in parsed.cited:
        stored = find_document(cited)
        diff = (
            diff_document(stored, cited, quoted_in=own) if own else diff_document(None, cited, quoted_in=None)
        )
        result.setdefault(cited.display_name(), ProvisionDiff()).merge(diff)
    return result

"""What importing a parsed source would change in the provisions already stored.

Each source owns a set of provisions: a document's own text owns its ``full_text``
provisions; a study or web page owns the quotation provisions it is ``quoted_in`` that no
``Quotation`` carries (those of data entered before quotations had records). Provisions are
matched by label, so a re-import keeps the identity (and URL) of every label it keeps.
"""

from dataclasses import dataclass, field

from commitments.models import Provision, ProvisionOrigin
from documents.models import Document
from importing.identity import find_document
from importing.parsed import ParsedDocument, ParsedProvision, ParsedSource

# Quotations sort after the document's own provisions.
QUOTATION_POSITION_BASE = 100_000


@dataclass
class ProvisionDiff:
    """Labels added, changed, removed and unchanged, in document order."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def merge(self, other: "ProvisionDiff") -> None:
        for name in ("added", "changed", "removed", "unchanged"):
            getattr(self, name).extend(getattr(other, name))

    def as_dict(self) -> dict[str, list[str]]:
        return {
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "unchanged": self.unchanged,
        }


def owned_provisions(document: Document, *, quoted_in: Document | None):
    """The provisions of ``document`` that one source owns (see the module docstring)."""
    if quoted_in is None:
        return document.provisions.filter(origin=ProvisionOrigin.FULL_TEXT)
    # The passages of quotations are the quotations' own (``importing.quotations``).
    return document.provisions.filter(
        origin=ProvisionOrigin.QUOTATION, quoted_in=quoted_in, quotation__isnull=True
    )


def provision_values(parsed: ParsedProvision) -> dict:
    """The stored field values a parsed provision stands for (position and categories aside)."""
    return {
        "heading": parsed.heading[:500],
        "text": parsed.text,
        "quoted_locator": parsed.quoted_locator[:200],
    }


def positions(parsed_provisions: list[ParsedProvision], *, quotation: bool) -> list[int]:
    base = QUOTATION_POSITION_BASE if quotation else 0
    return [base + index for index in range(len(parsed_provisions))]


def provision_differs(stored: Provision, parsed: ParsedProvision) -> bool:
    """Whether the content differs; a provision that only moved (another was inserted
    before it) has not changed."""
    values = provision_values(parsed)
    if any(getattr(stored, name) != value for name, value in values.items()):
        return True
    if parsed.categories and not hasattr(stored, "curation"):
        # Editors' categories overrule the source's sorting: a difference is not a change.
        return set(stored.categories.values_list("slug", flat=True)) != set(parsed.categories)
    return False


def diff_document(
    stored: Document | None, parsed: ParsedDocument, *, quoted_in: Document | None
) -> ProvisionDiff:
    """Compare ``parsed``'s provisions with those the same source stored for ``stored``."""
    diff = ProvisionDiff()
    existing = {p.label: p for p in owned_provisions(stored, quoted_in=quoted_in)} if stored else {}
    for provision in parsed.provisions:
        current = existing.pop(provision.label, None)
        if current is None:
            diff.added.append(provision.label)
        elif provision_differs(current, provision):
            diff.changed.append(provision.label)
        else:
            diff.unchanged.append(provision.label)
    diff.removed.extend(p.label for p in sorted(existing.values(), key=lambda p: (p.position, p.pk)))
    return diff


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

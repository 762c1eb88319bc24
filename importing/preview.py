"""What the curator sees before confirming an import: the parse, and what it would change.

Read-only: the parse comes from ``importing.parse_source`` and the changes from
``diff_provisions`` (the three-way merge); this only lays them side by side with the stored
provisions, so that a changed provision shows its text now and after the import, and what a
curator changed that the import keeps against the source is shown with the provision.
"""

from dataclasses import dataclass, field

from documents.models import ClaimField, Document, DocumentKind, IssuingBody
from importing.diff import ProvisionDiff, diff_provisions
from importing.identity import find_document
from importing.parsed import ParsedDocument, ParsedProvision, ParsedSource
from importing.parsers.lines import SHARE_NAMES
from importing.text_diff import word_diff


@dataclass
class ProvisionRow:
    parsed: ParsedProvision
    change: str  # "added", "changed", "unchanged" or "stays deleted"
    stored_text: str = ""  # for a changed provision: the text it replaces
    new_text: str = ""  # and the text it will have (a curator's edit may stand against the source's)
    warning: str = ""  # what a curator decided that the import keeps against the source

    @property
    def diff(self):
        """(old, new) as safe HTML with deleted and inserted words marked, for a changed provision."""
        return word_diff(self.stored_text, self.new_text) if self.change == "changed" else None


@dataclass
class DocumentPreview:
    parsed: ParsedDocument
    stored: Document | None  # None: the import creates it
    metadata: list[tuple[str, str]]  # (field label, value the source states)
    rows: list[ProvisionRow] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # labels the import would delete
    # Labels the source no longer has that a curator edited: the import keeps them.
    kept: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = {"added": 0, "changed": 0, "unchanged": 0}
        for row in self.rows:
            if row.change in counts:
                counts[row.change] += 1
        return {**counts, "removed": len(self.removed)}


@dataclass
class ImportPreview:
    source: ParsedSource
    documents: list[DocumentPreview]

    @property
    def own(self) -> DocumentPreview:
        return self.documents[0]

    @property
    def has_changes(self) -> bool:
        return any(
            d.stored is None or d.removed or d.counts["added"] or d.counts["changed"] for d in self.documents
        )

    @property
    def text_shares(self) -> list[tuple[str, int]]:
        """(share as a curator reads it, words) for every share of the source's text."""
        return [
            (SHARE_NAMES[name], words)
            for name, words in self.source.text_shares.items()
            if name in SHARE_NAMES
        ]

    @property
    def curation_warnings(self) -> list[str]:
        """What curators changed that the import keeps against the source's change."""
        return [warning for document in self.documents for warning in document.warnings]

    @property
    def unassigned_words(self) -> int:
        return self.source.text_shares.get("unassigned", 0)

    def totals(self) -> dict[str, int]:
        totals = {"added": 0, "changed": 0, "unchanged": 0, "removed": 0}
        for document in self.documents:
            for key, value in document.counts.items():
                totals[key] += value
        return totals


def preview_import(parsed: ParsedSource) -> ImportPreview:
    """The preview of importing ``parsed``: its own document first, then the documents it cites."""
    diffs = diff_provisions(parsed)
    own_stored = find_document(parsed.document)
    documents = [_document_preview(parsed.document, diffs, quoted_in=None)]
    documents += [
        _document_preview(cited, diffs, quoted_in=own_stored, quotation=True) for cited in parsed.cited
    ]
    return ImportPreview(parsed, documents)


def _shown(name: str, value: str) -> str:
    """A stated value as a curator reads it: choice labels rather than keys."""
    choices = {ClaimField.KIND: DocumentKind, ClaimField.BODY: IssuingBody}.get(name)
    if choices is not None and value in choices.values:
        return choices(value).label
    return value


def _document_preview(
    parsed: ParsedDocument,
    diffs: dict[str, ProvisionDiff],
    *,
    quoted_in: Document | None,
    quotation: bool = False,
) -> DocumentPreview:
    stored = find_document(parsed)
    diff = diffs.get(parsed.display_name(), ProvisionDiff())
    preview = DocumentPreview(
        parsed=parsed,
        stored=stored,
        metadata=[
            (ClaimField(name).label, _shown(name, value)) for name, value in parsed.stated_values().items()
        ],
    )
    if stored is None or (quotation and quoted_in is None):
        diff = ProvisionDiff()  # nothing stored by this source yet: every provision is new
    changed, unchanged, deleted = set(diff.changed), set(diff.unchanged), set(diff.stay_deleted)
    for provision in parsed.provisions:
        label, note = provision.label, diff.notes.get(provision.label, "")
        if label in changed:
            old, new = diff.texts.get(label, ("", provision.text))
            preview.rows.append(ProvisionRow(provision, "changed", old, new, note))
        elif label in unchanged:
            preview.rows.append(ProvisionRow(provision, "unchanged", warning=note))
        elif label in deleted:
            preview.rows.append(ProvisionRow(provision, "stays deleted", warning=note))
        else:
            preview.rows.append(ProvisionRow(provision, "added"))
    preview.removed, preview.kept = list(diff.removed), list(diff.kept)
    preview.warnings = diff.warnings
    return preview

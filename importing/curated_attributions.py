"""Curators' decisions on whom quoted words are from: ``fixtures/curation/attributions/*.toml``.

A footnote that names several documents leaves its quotation *ambiguous*; one whose document's
held text lacks the words leaves it *not found*. A curator decides: the words are from this
document, or from none the knowledge base can name (*unattributed*), with a one-line basis that
names the sentence deciding it. The decision (``AttributionDecision``) is keyed by the quoting
source, the locator and the words, so every re-import keeps it; ``write_curation`` writes the
admin's decisions here, one file per quoting source, and ``load_corpus`` applies the files after
the sources. As with tags, a decision made in the admin stands over the file's until it is written.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from commitments.models import CurationSource
from commitments.quotations import Quotation
from documents.models import Document
from importing.curated_tags import (
    CURATION_DIR,
    CurationRejected,
    read_toml_entries,
    replace_toml_files,
    toml_string,
)
from importing.models import AttributionDecision, words_key
from importing.quotations import reattribute

ATTRIBUTIONS_DIR = CURATION_DIR / "attributions"
_KEYS = {"source", "locator", "text", "attributed_to", "unattributed", "basis", "curator", "date"}


@dataclass(frozen=True)
class AttributionEntry:
    file: str
    number: int
    source: Document
    locator: str
    text: str
    attributed_to: Document | None
    basis: str
    curator: str
    date: datetime.date

    def where(self) -> str:
        return f"{self.file}, attribution {self.number} ({self.locator})"


@dataclass
class AttributionRun:
    entries: int = 0
    changed: int = 0  # quotations whose attribution changed
    kept_from_admin: list[str] = field(default_factory=list)


def _document(key: str) -> Document | None:
    return Document.objects.by_symbol(key).first() or Document.objects.filter(slug=key).first()


def read_attributions(directory: Path = ATTRIBUTIONS_DIR) -> list[AttributionEntry]:
    """Every entry, checked against the database: the source and document it names exist, and
    the source quotes these words at that locator. ``CurationRejected`` names the first that fails."""
    return [
        _entry(name, number, item)
        for name, items in read_toml_entries(directory, "attribution")
        for number, item in enumerate(items, start=1)
    ]


def _entry(name: str, number: int, item: dict) -> AttributionEntry:
    where = f"{name}, attribution {number}"
    unknown = set(item) - _KEYS
    if unknown:
        raise CurationRejected(f"{where}: unknown key {sorted(unknown)[0]!r}")
    for key in ("source", "locator", "text", "basis", "curator"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise CurationRejected(f"{where}: {key!r} must be a non-empty text")
    if not isinstance(item.get("date"), datetime.date) or isinstance(item["date"], datetime.datetime):
        raise CurationRejected(f"{where}: 'date' must be a date such as 2026-12-04")
    if ("attributed_to" in item) == bool(item.get("unattributed")):
        raise CurationRejected(f"{where}: give either 'attributed_to' or 'unattributed = true'")
    source = _document(item["source"])
    if source is None:
        raise CurationRejected(f"{where}: no document with symbol or slug {item['source']!r}")
    attributed_to = None
    if "attributed_to" in item:
        attributed_to = _document(str(item["attributed_to"]))
        if attributed_to is None:
            raise CurationRejected(f"{where}: no document with symbol or slug {item['attributed_to']!r}")
    entry = AttributionEntry(
        file=name,
        number=number,
        source=source,
        locator=item["locator"].strip(),
        text=item["text"],
        attributed_to=attributed_to,
        basis=" ".join(item["basis"].split()),
        curator=item["curator"].strip(),
        date=item["date"],
    )
    if not _quotations_of(entry.source, entry.text):
        raise CurationRejected(f"{entry.where()}: {source} quotes no such words")
    return entry


def _quotations_of(source: Document, text: str) -> list[Quotation]:
    key = words_key(text)
    return [q for q in Quotation.objects.filter(quoting_document=source) if words_key(q.text) == key]


@transaction.atomic
def apply_attributions(directory: Path = ATTRIBUTIONS_DIR) -> AttributionRun:
    """Make the file decisions the stored ones (keeping a decision made in the admin since the
    files were written), then attribute again every quotation a decision touches."""
    entries = read_attributions(directory)
    run = AttributionRun(entries=len(entries))
    kept, touched = set(), set()
    for entry in entries:
        stored = AttributionDecision.objects.filter(
            quoting_document=entry.source, locator=entry.locator, text_key=words_key(entry.text)
        ).first()
        if stored is not None and stored.source == CurationSource.ADMIN:
            if stored.attributed_to_id != (entry.attributed_to.pk if entry.attributed_to else None):
                run.kept_from_admin.append(entry.where())
            kept.add(stored.pk)
            continue
        decision = stored or AttributionDecision(quoting_document=entry.source, locator=entry.locator)
        decision.text = entry.text
        decision.attributed_to = entry.attributed_to
        decision.basis = entry.basis[:300]
        decision.curator = entry.curator[:150]
        decision.decided_at = timezone.make_aware(datetime.datetime.combine(entry.date, datetime.time(12)))
        decision.source = CurationSource.FILE
        decision.save()
        kept.add(decision.pk)
        touched.add(entry.source.pk)
    stale = AttributionDecision.objects.filter(source=CurationSource.FILE).exclude(pk__in=kept)
    touched |= set(stale.values_list("quoting_document", flat=True))
    stale.delete()
    for quotation in Quotation.objects.filter(quoting_document__in=touched).select_related(
        "quoting_document"
    ):
        run.changed += reattribute(quotation)
    return run


@transaction.atomic
def decide_attribution(
    quotation: Quotation, *, document: Document | None, basis: str, user, curator: str = "", at=None
) -> AttributionDecision:
    """A curator's decision, from the admin (``user``) or the curation files (``curator``, ``at``):
    ``quotation``'s words are from ``document`` (None: unattributed). Recorded with who and when,
    applied at once, and kept by every re-import."""
    basis = " ".join(basis.split())
    if not basis:
        raise ValueError("a decision needs a one-line basis")
    decision, _ = AttributionDecision.objects.get_or_create(
        quoting_document=quotation.quoting_document,
        locator=quotation.locator,
        text_key=words_key(quotation.text),
        defaults={"text": quotation.text, "basis": basis, "curator": "", "decided_at": timezone.now()},
    )
    decision.text = quotation.text
    decision.attributed_to = document
    decision.basis = basis[:300]
    decision.curator = (curator or (user.get_username() if user is not None else "") or "admin")[:150]
    decision.decided_by = user if getattr(user, "pk", None) else None
    decision.decided_at = at or timezone.now()
    # A decision the curation files make (``curator`` given) is theirs already.
    decision.source = CurationSource.FILE if curator else CurationSource.ADMIN
    decision.save()
    reattribute(quotation)
    return decision


@transaction.atomic
def withdraw_attribution(quotation: Quotation) -> bool:
    """Take the curator's decision on ``quotation`` back: the importer attributes it again."""
    decision = AttributionDecision.objects.for_words(
        quotation.quoting_document, quotation.locator, quotation.text
    )
    if decision is None:
        return False
    decision.delete()
    reattribute(quotation)
    return True


def write_attributions(directory: Path = ATTRIBUTIONS_DIR) -> dict[str, int]:
    """Write every decision, one file per quoting source (by slug); return the entries per file.
    Files of sources with no decision left are removed; the admin's decisions are then in the files."""
    by_source: dict[Document, list[AttributionDecision]] = {}
    for decision in AttributionDecision.objects.select_related("quoting_document", "attributed_to").order_by(
        "quoting_document__slug", "pk"
    ):
        by_source.setdefault(decision.quoting_document, []).append(decision)
    files = {
        f"{s.slug}.toml": (_file_text(s, decisions), len(decisions)) for s, decisions in by_source.items()
    }
    written = replace_toml_files(directory, files)
    AttributionDecision.objects.filter(source=CurationSource.ADMIN).update(source=CurationSource.FILE)
    return written


def _key(document: Document) -> str:
    return document.symbol or document.slug


def _file_text(source: Document, decisions: list[AttributionDecision]) -> str:
    lines = [
        f"# Curator decisions on whom the words {_key(source)} quotes are from",
        "# One [[attribution]] per quotation: the document it is from (or unattributed = true) and a",
        "# one-line basis naming the sentence that decides it. Written by `manage.py write_curation`.",
    ]
    for decision in decisions:
        lines += [
            "",
            "[[attribution]]",
            f"source = {toml_string(_key(source))}",
            f"locator = {toml_string(decision.locator)}",
            f"text = {toml_string(decision.text)}",
            f"attributed_to = {toml_string(_key(decision.attributed_to))}"
            if decision.attributed_to_id
            else "unattributed = true",
            f"basis = {toml_string(decision.basis)}",
            f"curator = {toml_string(decision.curator)}",
            f"date = {timezone.localtime(decision.decided_at).date().isoformat()}",
        ]
    return "\n".join(lines) + "\n"

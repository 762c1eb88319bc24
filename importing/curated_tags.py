"""The editors' decisions shipped with the corpus: ``fixtures/curation/*.toml``.

One entry per provision, keyed by what survives a re-import (the document's symbol, or its slug
when it has none, and the provision's label; for a passage known only from a quotation, whose
label says where it was first quoted, its words: ``text``): its dimensions and migration
categories, each with a one-line basis, whether it is a commitment, the basis of that, who
decided and when.

``load_corpus`` checks every entry before it applies any (``CurationRejected`` names the file,
the entry and the reason) and applies an entry only to a provision whose last decision came
from these files or that has none: a decision made in the admin stands until ``write_curation``
has written it here. ``write_curation`` writes every decided provision back, one file per
document, in document order, so that a review reads as a diff of decisions.
"""

import datetime
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from commitments.models import (
    CurationSource,
    Dimension,
    MigrationCategory,
    Provision,
    ProvisionCuration,
    ProvisionOrigin,
)
from commitments.tag_decisions import Decider, decide_tags
from documents.models import Document
from documents.symbols import normalize_symbol
from importing.models import DeletedProvision, SplitProvision

CURATION_DIR = Path(settings.BASE_DIR) / "fixtures" / "curation"
_KEYS = {"document", "label", "text", "commitment", "basis", "curator", "date", "dimensions", "categories"}
_REQUIRED = ("document", "commitment", "basis", "curator", "date", "dimensions")


class CurationRejected(Exception):
    """A curation entry that cannot be applied; the message is one line naming it and why."""


@dataclass(frozen=True)
class CurationEntry:
    file: str
    number: int  # 1-based, within its file
    document: str
    label: str  # empty when the entry names its provision by ``text``
    commitment: bool
    basis: str
    curator: str
    date: datetime.date
    dimensions: tuple[tuple[str, str], ...]  # (slug, basis)
    categories: tuple[tuple[str, str], ...]
    text: str = ""

    def where(self) -> str:
        return f"{self.file}, entry {self.number} ({self.document} {self.label or _quoted(self.text)})"


def _quoted(text: str) -> str:
    words = " ".join(text.split())
    return f"“{words if len(words) <= 40 else words[:40].rsplit(' ', 1)[0] + ' …'}”"


@dataclass
class CurationRun:
    """What applying the curation files did."""

    entries: int = 0
    applied: int = 0  # provisions whose tags or flag changed
    kept_from_admin: list[str] = field(default_factory=list)  # entries an admin decision overrides
    # Entries naming a provision a curator deleted (``DeletedProvision``): the deletion stands.
    kept_deleted: list[str] = field(default_factory=list)


def read_curation(directory: Path = CURATION_DIR) -> list[CurationEntry]:
    """Every entry of every ``*.toml`` file, checked for shape (not yet against the database)."""
    return [
        _entry(name, number, item)
        for name, items in read_toml_entries(directory, "provision")
        for number, item in enumerate(items, start=1)
    ]


def read_toml_entries(directory: Path, key: str) -> list[tuple[str, list[dict]]]:
    """Each ``*.toml`` file of ``directory`` (by its display name) with its ``[[key]]`` entries;
    ``CurationRejected`` names a file that is not TOML or has another top-level key."""
    files = []
    for path in sorted(directory.glob("*.toml")):
        name = display_name(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise CurationRejected(f"{name}: not a valid TOML file ({exc})") from None
        unknown = set(data) - {key}
        if unknown:
            raise CurationRejected(f"{name}: unknown top-level key {sorted(unknown)[0]!r}")
        files.append((name, data.get(key, [])))
    return files


def display_name(path: Path) -> str:
    """``fixtures/curation/mc-doc-2-05.toml`` inside the project, ``curation/…`` elsewhere."""
    try:
        return str(path.resolve().relative_to(Path(settings.BASE_DIR).resolve()))
    except ValueError:
        return f"{path.parent.name}/{path.name}"


def _entry(name: str, number: int, item: dict) -> CurationEntry:
    where = f"{name}, entry {number}"
    if "document" in item and ("label" in item or "text" in item):
        key = item["label"] if "label" in item else _quoted(str(item["text"]))
        where += f" ({item['document']} {key})"
    for key in _REQUIRED:
        if key not in item:
            raise CurationRejected(f"{where}: no {key!r}")
    unknown = set(item) - _KEYS
    if unknown:
        raise CurationRejected(f"{where}: unknown key {sorted(unknown)[0]!r}")
    if not isinstance(item["commitment"], bool):
        raise CurationRejected(f"{where}: 'commitment' must be true or false")
    if not isinstance(item["date"], datetime.date) or isinstance(item["date"], datetime.datetime):
        raise CurationRejected(f"{where}: 'date' must be a date such as 2026-12-03")
    tags = {}
    for key in ("dimensions", "categories"):
        value = item.get(key, {})
        if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() for v in value.values()):
            raise CurationRejected(f"{where}: {key!r} must map each tag to a one-line basis")
        tags[key] = tuple(sorted((slug, basis.strip()) for slug, basis in value.items()))
    if not tags["dimensions"]:
        raise CurationRejected(f"{where}: every provision needs at least one dimension")
    if ("label" in item) == ("text" in item):
        raise CurationRejected(f"{where}: name the provision by 'label' or, for a quoted passage, by 'text'")
    for key in ("document", "label", "text", "basis", "curator"):
        if key in item and (not isinstance(item[key], str) or not item[key].strip()):
            raise CurationRejected(f"{where}: {key!r} must be a non-empty text")
    return CurationEntry(
        file=name,
        number=number,
        document=item["document"].strip(),
        label=item.get("label", "").strip(),
        text=" ".join(item.get("text", "").split()),
        commitment=item["commitment"],
        basis=item["basis"].strip(),
        curator=item["curator"].strip(),
        date=item["date"],
        dimensions=tags["dimensions"],
        categories=tags["categories"],
    )


def _find_document(key: str) -> Document | None:
    return Document.objects.by_symbol(key).first() or Document.objects.filter(slug=key).first()


def _resolve(entries: list[CurationEntry], run: CurationRun) -> list[tuple[CurationEntry, Provision]]:
    """Each entry with its provision; the first entry that names nothing stops everything, but
    for a provision a curator deleted (listed in ``run.kept_deleted``)."""
    dimensions = {d.slug for d in Dimension.objects.all()}
    categories = {c.slug for c in MigrationCategory.objects.all()}
    seen: dict[int, CurationEntry] = {}
    resolved = []
    for entry in entries:
        document = _find_document(entry.document)
        if document is None:
            raise CurationRejected(f"{entry.where()}: no document with symbol or slug {entry.document!r}")
        if entry.text:
            same = _with_words(document.provisions.all(), entry.text)
            if not same:
                # A curator's attribution (the admin's, not yet written here) moved the passage
                # to the document its words are from: the entry follows it.
                same = _with_words(Provision.objects.filter(origin=ProvisionOrigin.QUOTATION), entry.text)
                same = same if len(same) == 1 else []
            if len(same) > 1:
                raise CurationRejected(
                    f"{entry.where()}: {entry.document} has {len(same)} provisions with these words"
                )
            provision = same[0] if same else None
            if provision is None:
                raise CurationRejected(f"{entry.where()}: {entry.document} has no provision with these words")
        else:
            provision = document.provisions.filter(label=entry.label).first() or _split_off(
                document, entry.label
            )
        if (
            provision is None
            and DeletedProvision.objects.filter(document=document, label=entry.label).exists()
        ):
            run.kept_deleted.append(entry.where())
            continue
        if provision is None:
            raise CurationRejected(
                f"{entry.where()}: {entry.document} has no provision labelled {entry.label!r}"
            )
        for slug, _ in entry.dimensions:
            if slug not in dimensions:
                raise CurationRejected(
                    f"{entry.where()}: no dimension {slug!r} (dimensions: {', '.join(sorted(dimensions))})"
                )
        for slug, _ in entry.categories:
            if slug not in categories:
                raise CurationRejected(
                    f"{entry.where()}: no migration category {slug!r}"
                    f" (categories: {', '.join(sorted(categories))})"
                )
        if provision.pk in seen:
            raise CurationRejected(
                f"{entry.where()}: a second entry for this provision (first: {seen[provision.pk].where()})"
            )
        seen[provision.pk] = entry
        resolved.append((entry, provision))
    return resolved


def _split_off(document: Document, label: str) -> Provision | None:
    """The provision a curator split off ``document`` under ``label``: the entry follows it."""
    split = SplitProvision.objects.filter(from_document=document, quoted_in=None, label=label).first()
    return split.to_document.provisions.filter(label=label).first() if split else None


def _with_words(provisions, text: str) -> list[Provision]:
    return [p for p in provisions if " ".join(p.text.split()) == text]


@transaction.atomic
def apply_curation(directory: Path = CURATION_DIR) -> CurationRun:
    """Check every entry, then apply them; raises ``CurationRejected`` having written nothing."""
    run = CurationRun()
    resolved = _resolve(read_curation(directory), run)
    dimensions = {d.slug: d for d in Dimension.objects.all()}
    categories = {c.slug: c for c in MigrationCategory.objects.all()}
    run.entries = len(resolved)
    for entry, provision in resolved:
        curation = ProvisionCuration.objects.filter(provision=provision).first()
        if curation is not None and curation.source == CurationSource.ADMIN:
            if not _matches(entry, provision):
                run.kept_from_admin.append(entry.where())
            continue
        decided_at = timezone.make_aware(datetime.datetime.combine(entry.date, datetime.time(12)))
        changed = decide_tags(
            provision,
            dimensions={dimensions[slug]: basis for slug, basis in entry.dimensions},
            categories={categories[slug]: basis for slug, basis in entry.categories},
            is_commitment=entry.commitment,
            basis=entry.basis,
            decider=Decider(curator=entry.curator, at=decided_at, source=CurationSource.FILE),
        )
        run.applied += changed
    return run


def _matches(entry: CurationEntry, provision: Provision) -> bool:
    return (
        {d.slug for d in provision.dimensions.all()} == {slug for slug, _ in entry.dimensions}
        and {c.slug for c in provision.categories.all()} == {slug for slug, _ in entry.categories}
        and provision.is_commitment == entry.commitment
    )


def write_curation(directory: Path = CURATION_DIR) -> dict[str, int]:
    """Write every provision with a curation record to the files, one per document (by slug);
    return the number of entries per file written. Files of documents with no decision left
    are removed. Marks the admin's decisions as now in the files."""
    by_document: dict[Document, list[Provision]] = {}
    curated = (
        Provision.objects.filter(curation__isnull=False)
        .select_related("document", "curation")
        .prefetch_related("dimensions", "categories", "tag_decisions__dimension", "tag_decisions__category")
        .order_by("document__date", "document__slug", "position", "pk")
    )
    for provision in curated:
        if not provision.dimensions.all():
            raise CurationRejected(
                f"{provision.citation()}: every provision needs at least one dimension;"
                " give it one before writing"
            )
        by_document.setdefault(provision.document, []).append(provision)
    files = {
        f"{d.slug}.toml": (_file_text(d, provisions), len(provisions))
        for d, provisions in by_document.items()
    }
    written = replace_toml_files(directory, files)
    ProvisionCuration.objects.filter(source=CurationSource.ADMIN).update(source=CurationSource.FILE)
    return written


def replace_toml_files(directory: Path, files: dict[str, tuple[str, int]]) -> dict[str, int]:
    """Make ``directory``'s TOML files exactly ``files`` (name -> (text, entries)); return the
    entries per file written."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, (text, _) in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    for stale in directory.glob("*.toml"):
        if stale.name not in files:
            stale.unlink()
    return {name: entries for name, (_, entries) in files.items()}


def toml_string(value: str) -> str:
    # A JSON string is a valid TOML basic string for everything json.dumps emits.
    return json.dumps(value, ensure_ascii=False)


def _toml_key(slug: str) -> str:
    return slug if slug.replace("-", "").replace("_", "").isalnum() else toml_string(slug)


def _provision_key(provision: Provision) -> str:
    # A quoted passage's label says where it was first quoted, which a re-import of the quoting
    # source may change; its words do not.
    if provision.origin == ProvisionOrigin.QUOTATION:
        return f"text = {toml_string(' '.join(provision.text.split()))}"
    return f"label = {toml_string(provision.label)}"


def _file_text(document: Document, provisions: list[Provision]) -> str:
    key = normalize_symbol(document.symbol) if document.symbol else document.slug
    lines = [
        f"# Curator decisions for {document.symbol or document.title}"[:110],
        "# One [[provision]] per provision: its dimensions and migration categories, each with a",
        "# one-line basis, and whether it is a commitment. Written by `manage.py write_curation`.",
    ]
    for provision in provisions:
        curation = provision.curation
        bases = {
            ("dimension" if d.dimension_id else "category", d.tag.slug): d.basis
            for d in provision.tag_decisions.all()
        }

        def basis_of(kind: str, slug: str, bases=bases) -> str:
            return bases.get((kind, slug)) or "tagged before the basis of each tag was recorded"

        lines += [
            "",
            "[[provision]]",
            f"document = {toml_string(key)}",
            _provision_key(provision),
            f"commitment = {'true' if provision.is_commitment else 'false'}",
            f"basis = {toml_string(curation.basis or 'decided in the admin')}",
            f"curator = {toml_string(curation.curator)}",
            f"date = {timezone.localtime(curation.decided_at).date().isoformat()}",
            "[provision.dimensions]",
        ]
        lines += [
            f"{_toml_key(d.slug)} = {toml_string(basis_of('dimension', d.slug))}"
            for d in provision.dimensions.all()
        ]
        categories = list(provision.categories.all())
        if categories:
            lines.append("[provision.categories]")
            lines += [
                f"{_toml_key(c.slug)} = {toml_string(basis_of('category', c.slug))}" for c in categories
            ]
    return "\n".join(lines) + "\n"

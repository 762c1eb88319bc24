"""Curators' decisions on which record is which document: ``fixtures/curation/records/*.toml``.

One ``[[record]]`` per decision, in the order they were taken (a merge may keep a document a
split made): ``action = "merge"``, a record merged into another (``absorbed``, its slug, which
redirects; ``symbol``; ``into``, the survivor's symbol or slug), or ``action = "split"``, a
provision moved off a document (``document``, ``label``, ``quoted_in`` for a passage another
source quotes; ``into``, and ``[record.new]`` with the metadata of a document the split made).
Each with ``basis``, ``curator`` and ``date``. ``write_curation`` writes them from the admin's decisions;
``load_corpus`` applies them after the sources, before the attributions and tags that may name
the documents they create, by the same functions as the admin (``document_merge``,
``document_split``); an entry already applied changes nothing.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from documents.models import Document, DocumentAlias
from importing.curated_tags import (
    CURATION_DIR,
    CurationRejected,
    read_toml_entries,
    replace_toml_files,
    toml_string,
)
from importing.document_merge import MergeRefused, merge_documents
from importing.document_split import NEW_DOCUMENT_FIELDS, SPLIT_OFF, SplitRefused, split_document
from importing.models import SplitProvision

RECORDS_DIR = CURATION_DIR / "records"
RECORDS_FILE = "merges-and-splits.toml"
_COMMON = {"basis", "curator", "date"}
_KEYS = {
    "merge": _COMMON | {"absorbed", "symbol", "title", "into"},
    "split": _COMMON | {"document", "label", "quoted_in", "into", "new"},
}


@dataclass
class RecordsRun:
    merged: int = 0
    split: int = 0


def _document(key: str) -> Document | None:
    return Document.objects.by_symbol(key).first() or Document.objects.filter(slug=key).first()


def _read(directory: Path) -> list[tuple[str, str, dict]]:
    entries = []
    for name, items in read_toml_entries(directory, "record"):
        for number, item in enumerate(items, start=1):
            where = f"{name}, record {number}"
            kind = item.get("action")
            if kind not in _KEYS:
                raise CurationRejected(f'{where}: \'action\' must be "merge" or "split"')
            if unknown := set(item) - _KEYS[kind] - {"action"}:
                raise CurationRejected(f"{where}: unknown key {sorted(unknown)[0]!r}")
            for key in ("basis", "curator", "into", "absorbed" if kind == "merge" else "document"):
                if not isinstance(item.get(key), str) or not item[key].strip():
                    raise CurationRejected(f"{where}: {key!r} must be a non-empty text")
            if not isinstance(item.get("date"), datetime.date) or isinstance(item["date"], datetime.datetime):
                raise CurationRejected(f"{where}: 'date' must be a date such as 2026-12-04")
            entries.append((where, kind, item))
    return entries


def _decided_at(item: dict) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(item["date"], datetime.time(12)))


@transaction.atomic
def apply_records(directory: Path = RECORDS_DIR) -> RecordsRun:
    """Apply every merge and split the files hold that the database does not have yet."""
    run = RecordsRun()
    for where, kind, item in _read(directory):
        who = {"basis": item["basis"], "curator": item["curator"], "at": _decided_at(item)}
        try:
            if kind == "merge":
                run.merged += _merge(where, item, who)
            else:
                run.split += _split(where, item, who)
        except (MergeRefused, SplitRefused) as exc:
            raise CurationRejected(f"{where}: {exc}") from None
    return run


def _merge(where: str, item: dict, who: dict) -> bool:
    if DocumentAlias.objects.filter(slug=item["absorbed"]).exists():
        return False  # merged already
    absorbed = Document.objects.filter(slug=item["absorbed"]).first()
    if absorbed is None and item.get("symbol"):
        absorbed = Document.objects.by_symbol(item["symbol"]).first()
    if absorbed is None:
        raise CurationRejected(f"{where}: no document {item['absorbed']!r} to merge")
    survivor = _document(item["into"])
    if survivor is None:
        raise CurationRejected(f"{where}: no document with symbol or slug {item['into']!r}")
    merge_documents(absorbed, survivor, **who)
    return True


def _split(where: str, item: dict, who: dict) -> bool:
    document = _document(item["document"])
    quoted_in = _document(item["quoted_in"]) if item.get("quoted_in") else None
    if document is None or (item.get("quoted_in") and quoted_in is None):
        raise CurationRejected(f"{where}: no document {item.get('quoted_in') or item['document']!r}")
    provision = document.provisions.filter(label=item.get("label", ""), quoted_in=quoted_in).first()
    if provision is None:
        if SplitProvision.objects.filter(from_document=document, label=item.get("label", "")).exists():
            return False  # split already
        raise CurationRejected(f"{where}: {item['document']} has no provision labelled {item.get('label')!r}")
    target = _document(item["into"])
    new = {**item.get("new", {}), "slug": item["into"]} if target is None else None
    if target is None and not item.get("new"):
        raise CurationRejected(f"{where}: no document {item['into']!r}, and no [record.new] to make it")
    split_document(document, provisions=[provision], target=target, new=new, **who)
    return True


def write_records(directory: Path = RECORDS_DIR) -> dict[str, int]:
    """Write every merge and split to one file; return the entries written."""
    lines = [
        "# Curators' decisions on which record is which document: merges and splits, each with a",
        "# one-line basis. Written by `manage.py write_curation`; applied by `load_corpus`.",
    ]
    decisions = [
        (alias.merged_at, alias.pk, "merge", alias)
        for alias in DocumentAlias.objects.select_related("document")
    ]
    decisions += [
        (split.decided_at, split.pk, "split", split)
        for split in SplitProvision.objects.select_related("from_document", "to_document", "quoted_in")
    ]
    # In the order they were taken; on one day (the files keep only the day), splits first, as a
    # merge may keep a document a split made.
    for _, _, kind, decision in sorted(decisions, key=lambda d: (d[0], d[2] != "split", d[1])):
        lines += ["", "[[record]]", f'action = "{kind}"']
        lines += _merge_lines(decision) if kind == "merge" else _split_lines(decision)
    entries = len(decisions)
    files = {RECORDS_FILE: ("\n".join(lines) + "\n", entries)} if entries else {}
    return replace_toml_files(directory, files)


def _merge_lines(alias: DocumentAlias) -> list[str]:
    lines = [f"absorbed = {toml_string(alias.slug)}"]
    lines += [f"symbol = {toml_string(alias.symbol)}"] if alias.symbol else []
    lines += [f"title = {toml_string(alias.title)}", f"into = {toml_string(alias.document.slug)}"]
    return lines + _who(alias.basis, alias.curator, alias.merged_at)


def _split_lines(split: SplitProvision) -> list[str]:
    lines = [
        f"document = {toml_string(split.from_document.symbol or split.from_document.slug)}",
        f"label = {toml_string(split.label)}",
    ]
    lines += [f"quoted_in = {toml_string(split.quoted_in.slug)}"] if split.quoted_in_id else []
    lines += [f"into = {toml_string(split.to_document.slug)}"]
    return lines + _who(split.basis, split.curator, split.decided_at) + _new(split.to_document)


def _who(basis: str, curator: str, at: datetime.datetime) -> list[str]:
    return [
        f"basis = {toml_string(basis)}",
        f"curator = {toml_string(curator or 'admin')}",
        f"date = {timezone.localtime(at).date().isoformat()}",
    ]


def _new(document: Document) -> list[str]:
    """The metadata of a document no source describes (one a split made), to make it again."""
    if not document.field_decisions.filter(note__startswith=SPLIT_OFF).exists():
        return []
    values = {name: getattr(document, name) for name in NEW_DOCUMENT_FIELDS[:-1] if getattr(document, name)}
    if document.date:
        values["date"] = document.partial_date.iso()
    return ["[record.new]", *(f"{name} = {toml_string(str(value))}" for name, value in values.items())]

"""The editors' decisions on field operations shipped with the corpus
(``fixtures/curation/operations/*.toml``): host countries no seed states, aliases, and which
tagged commitments concern each field of work. Applied after the sources by ``load_corpus``;
running it again changes nothing.

A decision is a claim without source document and with its basis, so a value a seed states
stays beside it (and a disagreement shows as a conflict); aliases and scopes not in the files
any more are removed.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from commitments.models import Dimension, MigrationCategory
from documents.models import Document, FieldOfWork
from field_operations.claims import apply_claims
from field_operations.models import (
    FieldOfWorkScope,
    FieldOperation,
    OperationAlias,
    OperationClaim,
    OperationField,
)
from importing.curated_tags import CURATION_DIR, CurationRejected
from importing.operations_save import link_mentions

OPERATIONS_DIR = CURATION_DIR / "operations"
_OPERATION_FIELDS = {OperationField.HOST_COUNTRY.value, OperationField.STATUS.value}


@dataclass
class OperationsCurationRun:
    claims: int = 0
    aliases: int = 0
    scopes: int = 0


def _read(directory: Path) -> dict[str, list[dict]]:
    data: dict[str, list[dict]] = {"operation": [], "alias": [], "field_of_work": []}
    for path in sorted(directory.glob("*.toml")):
        try:
            content = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise CurationRejected(f"{path.name}: not a valid TOML file ({exc})") from None
        unknown = set(content) - set(data)
        if unknown:
            raise CurationRejected(f"{path.name}: unknown top-level key {sorted(unknown)[0]!r}")
        for key in data:
            for number, item in enumerate(content.get(key, []), start=1):
                if not str(item.get("basis", "")).strip():
                    raise CurationRejected(f"{path.name}: {key} {number} has no basis")
                data[key].append({**item, "_where": f"{path.name}: {key} {number}"})
    return data


def _operation(item: dict, key: str) -> FieldOperation:
    try:
        return FieldOperation.objects.get(name=item[key])
    except (KeyError, FieldOperation.DoesNotExist):
        raise CurationRejected(f"{item['_where']}: no field operation {item.get(key)!r}") from None


@transaction.atomic
def apply_operations_curation(directory: Path = OPERATIONS_DIR) -> OperationsCurationRun:
    data = _read(directory)
    run = OperationsCurationRun()
    kept_claims, touched = set(), set()
    for item in data["operation"]:
        operation = _operation(item, "name")
        for name in _OPERATION_FIELDS & set(item):
            claim, _ = OperationClaim.objects.update_or_create(
                operation=operation,
                field=name,
                source_document=None,
                defaults={"value": str(item[name]), "basis": item["basis"][:300]},
            )
            kept_claims.add(claim.pk)
            touched.add(operation.pk)
    stale = OperationClaim.objects.filter(source_document=None).exclude(pk__in=kept_claims)
    touched |= set(stale.values_list("operation", flat=True))
    stale.delete()
    for operation in FieldOperation.objects.filter(pk__in=touched):
        apply_claims(operation)
    run.claims = len(kept_claims)

    before = set(OperationAlias.objects.values_list("pk", "name", "operation"))
    kept_aliases = set()
    for item in data["alias"]:
        alias, _ = OperationAlias.objects.update_or_create(
            operation=_operation(item, "operation"),
            name=item["alias"],
            defaults={"basis": item["basis"][:300], "source_document": None},
        )
        kept_aliases.add(alias.pk)
    OperationAlias.objects.filter(source_document=None).exclude(pk__in=kept_aliases).delete()
    run.aliases = len(kept_aliases)
    if set(OperationAlias.objects.values_list("pk", "name", "operation")) != before:
        link_mentions(list(Document.objects.all()))

    kept_scopes = set()
    for item in data["field_of_work"]:
        kept_scopes.add(_scope(item).pk)
    FieldOfWorkScope.objects.exclude(pk__in=kept_scopes).delete()
    run.scopes = len(kept_scopes)
    return run


def _scope(item: dict) -> FieldOfWorkScope:
    name = item["name"]
    field_of_work, _ = FieldOfWork.objects.get_or_create(slug=slugify(name)[:100], defaults={"name": name})
    scope, _ = FieldOfWorkScope.objects.update_or_create(
        field_of_work=field_of_work, defaults={"basis": item["basis"][:300]}
    )
    dimensions = list(Dimension.objects.filter(slug__in=item.get("dimensions", [])))
    categories = list(MigrationCategory.objects.filter(slug__in=item.get("categories", [])))
    if len(dimensions) != len(item.get("dimensions", [])) or len(categories) != len(
        item.get("categories", [])
    ):
        raise CurationRejected(f"{item['_where']}: an unknown dimension or category")
    scope.dimensions.set(dimensions)
    scope.categories.set(categories)
    return scope

"""``manage.py import_source PATH``: import one source file (text, PDF, the study, an OSCE page)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from documents.models import PublicationStatus
from importing.diff import diff_provisions
from importing.errors import ImportRejected
from importing.parsers.decoding import FORMATS
from importing.service import import_file
from importing.sources import parse_source, read_source


class Command(BaseCommand):
    help = (
        "Import a source file into documents and provisions, in one transaction. "
        "With --dry-run nothing is written; --json prints the parsed result (or the import report)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--format", choices=FORMATS, help="guessed from the file when omitted")
        parser.add_argument(
            "--symbol", default="", help="the symbol the document must have, e.g. MC.DOC/2/05"
        )
        parser.add_argument("--dry-run", action="store_true", help="parse and show what would change")
        parser.add_argument("--json", action="store_true", help="print JSON on stdout")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish the documents the import creates (otherwise drafts, for a curator to read)",
        )

    def handle(
        self,
        *args,
        path: Path,
        format: str | None,
        symbol: str,
        dry_run: bool,
        json: bool,
        publish: bool = False,
        **options,
    ):
        try:
            result = handle_one_source(path, format=format, symbol=symbol, dry_run=dry_run, publish=publish)
        except ImportRejected as exc:
            raise CommandError(f"{path}: {exc.reason}") from None
        if json:
            self.stdout.write(_dumps(result["parsed"] if dry_run else result["report"]))
            return
        self.stdout.write(_describe(result, dry_run=dry_run))


def handle_one_source(
    path: Path, *, format: str | None = None, symbol: str = "", dry_run: bool = False, publish: bool = False
) -> dict:
    """Parse (and unless ``dry_run``, store) one file; returns plain data for printing.

    Raises ImportRejected for any bad input; nothing is written then.
    """
    data = read_source(path)
    if dry_run:
        parsed = parse_source(data, name=path.name, format=format, symbol=symbol)
        diff = {name: d.as_dict() for name, d in diff_provisions(parsed).items()}
        return {"parsed": parsed.as_dict(), "diff": diff}
    status = PublicationStatus.PUBLISHED if publish else PublicationStatus.DRAFT
    result = import_file(data, name=path.name, format=format, symbol=symbol, new_documents=status)
    report = result.report
    return {
        "parsed": result.parsed.as_dict(),
        "report": {
            "source": report.source,
            "changed": report.has_changes,
            "summary": report.summary(),
            "totals": report.totals(),
            "conflicts": report.conflicts(),
            "warnings": report.warnings,
            "new_documents": status,
            "documents_created": report.totals()["documents_created"],
        },
    }


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _describe(result: dict, *, dry_run: bool) -> str:
    parsed = result["parsed"]
    document = parsed["document"]
    name = document["symbol"] or document["title"]
    provisions, cited = len(document["provisions"]), len(parsed["cited"])
    counted = ngettext("%(n)d provision", "%(n)d provisions", provisions) % {"n": provisions}
    lines = [f"{parsed['name']} ({parsed['format']}): {name}, {counted}"]
    if cited:
        lines.append(ngettext("cites %(n)d document", "cites %(n)d documents", cited) % {"n": cited})
    if dry_run:
        for doc_name, diff in result["diff"].items():
            counts = ", ".join(
                _provisions_counted(len(labels), kind) for kind, labels in diff.items() if labels
            )
            if counts:
                lines.append(f"  {doc_name}: {counts}")
        lines.append("dry run: nothing written")
    else:
        report = result["report"]
        lines.append(report["summary"] if report["changed"] else "unchanged: nothing to do")
        created = report["documents_created"]
        if created and report["new_documents"] == PublicationStatus.DRAFT:
            lines.append(
                ngettext(
                    "the new document is a draft: publish it in the admin, or import with --publish",
                    "the %(n)d new documents are drafts: publish them in the admin, or import with --publish",
                    created,
                )
                % {"n": created}
            )
        for doc_name, fields in report["conflicts"].items():
            lines.append(f"  conflicting sources for {doc_name}: {', '.join(fields)}")
    lines.extend(f"warning: {warning}" for warning in parsed["warnings"])
    return "\n".join(lines)


def _provisions_counted(n: int, kind: str) -> str:
    """``1 provision added``, ``3 provisions changed``: a line of the dry run's diff."""
    return ngettext("%(n)d provision %(kind)s", "%(n)d provisions %(kind)s", n) % {"n": n, "kind": kind}

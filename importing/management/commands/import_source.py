"""``manage.py import_source PATH_OR_URL``: import one source (text, PDF, the study, an OSCE page)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from documents.models import PublicationStatus
from importing.diff import diff_provisions
from importing.errors import ImportRejected
from importing.fetching import fetch_source, is_url
from importing.parsers.decoding import FORMATS
from importing.parsers.lines import SHARE_NAMES, SHARES
from importing.service import import_file
from importing.sources import parse_source, read_source, record_source_url


class Command(BaseCommand):
    help = (
        "Import a source file, or the file at an http(s) URL, into documents and provisions, in one "
        "transaction. With --dry-run nothing is written; --json prints the parsed result (or the import "
        "report). A source whose body text is partly assigned to nothing is refused unless "
        "--accept-warnings is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="a file's path, or an http(s) URL of a PDF or plain text")
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
        parser.add_argument(
            "--replace",
            action="store_true",
            help="let a source without a symbol replace the stored document whose title it has",
        )
        parser.add_argument(
            "--accept-warnings",
            action="store_true",
            help="import even when part of the body text was assigned to no provision, heading or note",
        )

    def handle(self, *args, source: str, format: str | None, symbol: str, dry_run: bool, json: bool,
               accept_warnings: bool, publish: bool = False, replace: bool = False, **options):  # fmt: skip
        try:
            result = handle_one_source(
                source,
                format=format,
                symbol=symbol,
                dry_run=dry_run,
                accept_warnings=accept_warnings,
                publish=publish,
                replace=replace,
            )
        except ImportRejected as exc:
            raise CommandError(f"{source}: {exc.reason}") from None
        if json:
            self.stdout.write(_dumps(result["parsed"] if dry_run else result["report"]))
            return
        self.stdout.write(_describe(result, dry_run=dry_run))


def handle_one_source(
    source: str | Path,
    *,
    format: str | None = None,
    symbol: str = "",
    dry_run: bool = False,
    accept_warnings: bool = False,
    publish: bool = False,
    replace: bool = False,
) -> dict:
    """Parse (and unless ``dry_run``, store) one file or URL; returns plain data for printing.

    Raises ImportRejected for any bad input, and for a source with body text assigned to
    nothing unless ``accept_warnings``; nothing is written then.
    """
    url = ""
    if is_url(str(source)):
        fetched = fetch_source(str(source))
        data, name, url = fetched.data, fetched.name, str(source)
    else:
        path = Path(source)
        data, name = read_source(path), path.name
    if dry_run:
        parsed = parse_source(data, name=name, format=format, symbol=symbol)
        if url:
            record_source_url(parsed, url)
        diffs = diff_provisions(parsed)
        diff = {doc_name: d.as_dict() for doc_name, d in diffs.items()}
        curation = [warning for d in diffs.values() for warning in d.warnings]
        return {"parsed": parsed.as_dict(), "diff": diff, "curation_warnings": curation}
    status = PublicationStatus.PUBLISHED if publish else PublicationStatus.DRAFT
    result = import_file(
        data,
        name=name,
        format=format,
        symbol=symbol,
        source_url=url,
        accept_lost_text=accept_warnings,
        new_documents=status,
        replace=replace,
    )
    report = result.report
    return {
        "parsed": result.parsed.as_dict(),
        "report": {
            "source": report.source,
            "source_url": url,
            "changed": report.has_changes,
            "summary": report.summary(),
            "totals": report.totals(),
            "conflicts": report.conflicts(),
            "warnings": report.warnings,
            "curation_warnings": report.curation_warnings,
            "text_shares": result.parsed.text_shares,
            "new_documents": status,
            "documents_created": report.totals()["documents_created"],
        },
    }


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def describe_shares(shares: dict[str, int]) -> str:
    """``words: 1,890 in provisions, 71 in headings and titles, …, 0 assigned to nothing``."""
    parts = [
        f"{shares[name]:,} {SHARE_NAMES[name]}" for name in SHARES if shares.get(name) or name == "unassigned"
    ]
    return "words: " + ", ".join(parts)


def _describe(result: dict, *, dry_run: bool) -> str:
    parsed = result["parsed"]
    document = parsed["document"]
    name = document["symbol"] or document["title"]
    provisions, cited = len(document["provisions"]), len(parsed["cited"])
    counted = ngettext("%(n)d provision", "%(n)d provisions", provisions) % {"n": provisions}
    lines = [f"{parsed['name']} ({parsed['format']}): {name}, {counted}"]
    if parsed["text_shares"]:
        lines.append(describe_shares(parsed["text_shares"]))
    if cited:
        lines.append(ngettext("cites %(n)d document", "cites %(n)d documents", cited) % {"n": cited})
    if dry_run:
        for doc_name, diff in result["diff"].items():
            counts = ", ".join(
                _provisions_counted(len(labels), kind) for kind, labels in diff.items() if labels
            )
            if counts:
                lines.append(f"  {doc_name}: {counts}")
        lines.extend(f"kept for a curator: {warning}" for warning in result["curation_warnings"])
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
        lines.extend(f"kept for a curator: {warning}" for warning in report["curation_warnings"])
    lines.extend(f"warning: {warning}" for warning in parsed["warnings"])
    return "\n".join(lines)


def _provisions_counted(n: int, kind: str) -> str:
    """``1 provision added``, ``3 provisions changed``: a line of the dry run's diff."""
    return ngettext("%(n)d provision %(kind)s", "%(n)d provisions %(kind)s", n) % {"n": n, "kind": kind}

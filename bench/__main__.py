"""``python -m bench``: run the benchmarks (``run``), or one of their steps in its own process.

python -m bench run --scales 1000,10000,100000          # what ``make bench`` runs
python -m bench report                                   # rewrite BENCHMARKS.md from bench/results.json
python -m bench search --engines whoosh                  # search again on what a run left (A/B of a change)
"""

import argparse
import json
import os
import shlex
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/osce_kb_bench"


def _scales(raw: str) -> list[int]:
    try:
        scales = [int(part.replace("_", "")) for part in raw.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a comma-separated list of whole numbers") from None
    if not scales or min(scales) < 1:
        raise argparse.ArgumentTypeError("give at least one corpus size of 1 or more")
    return scales


def _positive(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{raw} must be 1 or more")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="measure every corpus size and write the results and report")
    run.add_argument("--scales", type=_scales, default=[1000, 10000, 100000])
    run.add_argument("--repetitions", type=_positive, default=5, help="passes over the query set per engine")
    run.add_argument("--edits", type=_positive, default=20, help="edits timed from save to searchable")
    run.add_argument("--http-seconds", type=_positive, default=15, help="wrk duration per endpoint")
    run.add_argument(
        "--workers", type=_positive, default=3, help="gunicorn workers (the README's deployment)"
    )
    run.add_argument("--pdf-pages", type=_positive, default=100)
    run.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    run.add_argument("--work-dir", type=Path, default=BASE_DIR / "var" / "bench")
    run.add_argument("--results", type=Path, default=BASE_DIR / "bench" / "results.json")
    run.add_argument("--markdown", type=Path, default=BASE_DIR / "BENCHMARKS.md")
    run.add_argument("--command", dest="label", default=None, help="how this run was started, for the report")
    run.add_argument("--no-profile", action="store_true")
    run.add_argument("--no-warm-up", action="store_true", help="skip the unmeasured first pass (smoke runs)")
    run.add_argument("--drop-databases", action="store_true", help="drop the benchmark databases afterwards")

    pdf_only = commands.add_parser(
        "pdf-run", help="measure only the PDF import and put it into the results and report (make bench-pdf)"
    )
    pdf_only.add_argument("--pages", type=_positive, default=100)
    pdf_only.add_argument("--repetitions", type=_positive, default=3)
    pdf_only.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    )
    pdf_only.add_argument("--work-dir", type=Path, default=BASE_DIR / "var" / "bench")
    pdf_only.add_argument("--results", type=Path, default=BASE_DIR / "bench" / "results.json")
    pdf_only.add_argument("--markdown", type=Path, default=BASE_DIR / "BENCHMARKS.md")
    pdf_only.add_argument("--command", dest="label", default=None)

    report = commands.add_parser("report", help="rewrite the Markdown report from a results file")
    report.add_argument("--results", type=Path, default=BASE_DIR / "bench" / "results.json")
    report.add_argument("--markdown", type=Path, default=BASE_DIR / "BENCHMARKS.md")

    search = commands.add_parser(
        "search",
        help="measure search again on the database and indexes a run left behind, to compare a change "
        "before and after (DATABASE_URL and BENCH_WORK_DIR name them, as for one corpus size)",
    )
    search.add_argument("--engines", default="whoosh", help="comma-separated engine names")
    search.add_argument("--repetitions", type=_positive, default=5)

    scale = commands.add_parser("scale", help="(internal) measure one corpus size in this process")
    scale.add_argument("--scale", type=_positive, required=True)
    scale.add_argument("--repetitions", type=_positive, required=True)
    scale.add_argument("--edits", type=_positive, required=True)
    scale.add_argument("--http-seconds", type=_positive, required=True)
    scale.add_argument("--workers", type=_positive, required=True)
    scale.add_argument("--database-url", required=True)
    scale.add_argument("--no-profile", action="store_true")
    scale.add_argument("--no-warm-up", action="store_true")
    scale.add_argument("--out", type=Path, required=True)

    pdf = commands.add_parser("pdf", help="(internal) measure the PDF import in this process")
    pdf.add_argument("--pages", type=_positive, required=True)
    pdf.add_argument("--repetitions", type=_positive, required=True)
    pdf.add_argument("--out", type=Path, required=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser().parse_args(argv)
    if args.command == "run":
        from bench.run import BenchFailed, run

        try:
            run(
                scales=args.scales,
                repetitions=args.repetitions,
                edits=args.edits,
                http_seconds=args.http_seconds,
                workers=args.workers,
                pdf_pages=args.pdf_pages,
                database_url=args.database_url,
                work_dir=args.work_dir,
                results_path=args.results,
                markdown_path=args.markdown,
                command=args.label or shlex.join(["python", "-m", "bench", *argv]),
                profile=not args.no_profile,
                warm_up=not args.no_warm_up,
                drop_databases=args.drop_databases,
            )
        except BenchFailed as exc:
            print(f"bench: {exc}", file=sys.stderr)
            return 2
        print(f"bench: wrote {args.results}" + (f" and {args.markdown}" if args.markdown else ""))
        return 0
    if args.command == "pdf-run":
        from bench.run import run_pdf_only

        run_pdf_only(
            pdf_pages=args.pages,
            repetitions=args.repetitions,
            database_url=args.database_url,
            work_dir=args.work_dir,
            results_path=args.results,
            markdown_path=args.markdown,
            command=args.label or shlex.join(["python", "-m", "bench", *argv]),
        )
        print(f"bench: wrote the PDF figures into {args.results} and {args.markdown}")
        return 0
    if args.command == "report":
        from bench.report import write_markdown

        write_markdown(results=json.loads(args.results.read_text()), path=args.markdown)
        return 0

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.conf import settings

    work_dir = Path(settings.BENCH_WORK_DIR)
    if args.command == "scale":
        from bench.scale import measure_scale

        result = measure_scale(
            scale=args.scale,
            repetitions=args.repetitions,
            edits=args.edits,
            http_seconds=args.http_seconds,
            workers=args.workers,
            database_url=args.database_url,
            work_dir=work_dir,
            profile=not args.no_profile,
            warm_up=not args.no_warm_up,
            partial_path=args.out.with_suffix(".partial.json"),
        )
    elif args.command == "search":
        from bench.engines import all_engines
        from bench.measure_search import measure_search
        from bench.queries import query_set

        names = args.engines.split(",")
        engines = [engine for engine in all_engines() if engine.name in names]
        if len(engines) != len(names):
            known = ", ".join(engine.name for engine in all_engines())
            print(f"bench: unknown engine in {args.engines!r}; known: {known}", file=sys.stderr)
            return 2
        measured = measure_search(engines=engines, queries=query_set(), repetitions=args.repetitions)
        summaries = {name: {k: v for k, v in r.items() if k != "queries"} for name, r in measured.items()}
        print(json.dumps(summaries))
        return 0
    else:
        from django.core.management import call_command

        from bench.measure_pdf import measure_pdf
        from bench.vocabulary import build_vocabulary

        call_command("migrate", verbosity=0, interactive=False)
        result = measure_pdf(
            vocabulary=build_vocabulary(), pages=args.pages, work_dir=work_dir, repetitions=args.repetitions
        )
    args.out.write_text(json.dumps(result, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())

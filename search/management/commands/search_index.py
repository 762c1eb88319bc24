"""``manage.py search_index rebuild|check|update``: the search index against the database."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from search import get_search_backend
from search.base import SearchUnavailable
from search.index import count_indexable
from search.maintenance import IndexDifferences, compare_index, rebuild_index, repair_index

SHOWN_IDS = 20


class Command(BaseCommand):
    help = (
        "rebuild: build the search index afresh and swap it in; check: compare it with the "
        "database (exit status 1 on any difference); update: repair the differences."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check", "update"])
        parser.add_argument("--backend", default="default", help="SEARCH_BACKENDS alias (default: default)")

    def handle(self, *args, action: str, backend: str, **options):
        search_backend = get_search_backend(backend)
        if not search_backend.keeps_index:
            self.stdout.write(f"The {search_backend.name} backend reads the database directly: no index.")
            return
        try:
            if action == "rebuild":
                self._rebuild(search_backend)
            elif action == "check":
                differences = compare_index(backend=search_backend)
                self._report(differences)
                if differences:
                    raise CommandError(
                        f"The search index differs from the database in {differences.total} place(s)."
                    )
            else:
                repaired = repair_index(backend=search_backend)
                self._report(repaired, verb="repaired")
        except SearchUnavailable as exc:
            raise CommandError(str(exc)) from None

    def _rebuild(self, backend) -> None:
        total = max(count_indexable(), 1)
        width = 30

        def progress(done: int) -> None:
            filled = min(width, width * done // total)
            self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
            self.stdout.flush()

        count = rebuild_index(backend=backend, progress=progress)
        self.stdout.write("")
        rebuilt = ngettext("%(n)d provision", "%(n)d provisions", count) % {"n": count}
        self.stdout.write(f"Search index ({backend.name}) rebuilt: {rebuilt}.")

    def _report(self, differences: IndexDifferences, verb: str = "found") -> None:
        for name in ("missing", "stale", "extra"):
            ids = getattr(differences, name)
            shown = ", ".join(str(i) for i in ids[:SHOWN_IDS]) + (" …" if len(ids) > SHOWN_IDS else "")
            self.stdout.write(f"{name}: {len(ids)}" + (f" ({shown})" if ids else ""))
        total = differences.total
        self.stdout.write(
            ngettext("%(n)d difference %(verb)s.", "%(n)d differences %(verb)s.", total)
            % {"n": total, "verb": verb}
        )

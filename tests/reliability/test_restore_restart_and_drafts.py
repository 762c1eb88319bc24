"""On the production stack (gunicorn, PostgreSQL, separate processes): a backup restores every
row into a new database, a restart keeps curators' work, and a withdrawn source shows nowhere.
Each case prints its figures for RELIABILITY.md."""

import json
import re
import shutil
import time
from collections import Counter

import pytest
import requests

from tests.reliability.conftest import DATABASE, ROOT, _psql, manage, serve

pytestmark = pytest.mark.reliability

RESTORED = f"{DATABASE}_restored"

# Every row of every backed-up model as one digest per model, and the row counts.
_TABLE_DIGESTS = """
import hashlib, json
from operations.backup import _backed_up_models
out = {}
for model in _backed_up_models():
    rows = list(model._default_manager.order_by("pk").values())
    out[model._meta.label] = [len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()]
print(json.dumps(out))
"""


def _shell(env, code: str) -> str:
    result = manage(env, "shell", "-c", code)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


def test_a_backup_restores_every_row_into_a_new_database(site_env, tmp_path):
    archive = tmp_path / "site.tar.gz"
    assert manage(site_env, "backup", str(archive)).returncode == 0
    before = json.loads(_shell(site_env, _TABLE_DIGESTS))

    _psql(f"DROP DATABASE IF EXISTS {RESTORED} WITH (FORCE)")
    _psql(f"CREATE DATABASE {RESTORED}")
    restored_env = {
        **site_env,
        "DATABASE_URL": site_env["DATABASE_URL"].rsplit("/", 1)[0] + f"/{RESTORED}",
        "VAR_DIR": str(tmp_path / "restored-var"),
    }
    try:
        assert manage(restored_env, "migrate", "--noinput").returncode == 0
        result = manage(restored_env, "restore_backup", str(archive))
        assert result.returncode == 0, result.stderr[-2000:]
        after = json.loads(_shell(restored_env, _TABLE_DIGESTS))
    finally:
        _psql(f"DROP DATABASE IF EXISTS {RESTORED} WITH (FORCE)")

    rows = sum(n for n, _ in before.values())
    differing = sorted(label for label in before if before[label] != after.get(label))
    lost = sum(max(0, before[label][0] - after.get(label, [0])[0]) for label in before)
    print(f"\nrestore: {rows} rows in {len(before)} models backed up; {lost} rows lost;", end=" ")
    print(f"models differing: {differing}")
    assert differing == []
    assert "not in the backup: the search index" in result.stdout


_EDIT = """
import json
from commitments.models import Provision
from documents.models import Document
from importing.save import record_admin_edits
page = Document.objects.get(title="Border management")
page.place = "Vienna (edited)"
page.save()
from django.contrib.auth.models import User
curator, _ = User.objects.get_or_create(username="carla", defaults={"is_staff": True})
record_admin_edits(page, fields=["place"], user=curator)  # what the admin's save records
provision = Provision.objects.get(document__symbol="MC.DOC/2/05", label="4.5")
provision.text = provision.text + " (edited)"
provision.save()
deleted = Provision.objects.get(document__symbol="MC.DOC/2/05", label="4.6")
deleted_pk = deleted.pk  # delete() clears it
deleted.delete()
print(json.dumps({"edited": provision.pk, "deleted": deleted_pk}))
"""

_STATE = """
import json
from commitments.models import Provision
from documents.models import Document
print(json.dumps({
    "place": Document.objects.get(title="Border management").place,
    "text": Provision.objects.get(pk={edited}).text,
    "deleted_back": Provision.objects.filter(document__symbol="MC.DOC/2/05", label="4.6").count(),
    "provisions": dict(Provision.objects.values_list("pk", "label")),
}))
"""

_PROVISIONS = """
import json
from commitments.models import Provision
print(json.dumps(dict(Provision.objects.values_list("pk", "label"))))
"""

# What the bundled MC.DOC/2/05 says differently in the revision the last restart loads.
_REVISION = (
    ("To promote dignified treatment of all individuals", "To ensure dignified treatment of all persons"),
    ("To create beneficial conditions for social", "To create good conditions for social"),
    ("17. The provisions of this Concept will be shared", "17. This Concept will be shared"),
)


def _make_run(env, *load_args: str) -> str:
    """What ``make run`` does before serving: migrate, load the corpus if it changed, index."""
    for step in (
        ["migrate", "--noinput"],
        ["load_corpus", "--if-changed", *load_args],
        ["search_index", "rebuild"],
    ):
        result = manage(env, *step)
        assert result.returncode == 0, f"{step}: {result.stderr[-2000:]}"
        if step[0] == "load_corpus":
            loaded = result.stdout
    return loaded


def test_a_restart_keeps_curators_work_also_when_a_bundled_file_changed(site_env, tmp_path):
    corpus, curation = tmp_path / "corpus", tmp_path / "curation"
    shutil.copytree(ROOT / "fixtures" / "corpus", corpus)
    shutil.copytree(ROOT / "fixtures" / "curation", curation)
    copied = ("--corpus-dir", str(corpus), "--curation-dir", str(curation))
    with serve(site_env):
        ids = json.loads(_shell(site_env, _EDIT))
        before = {int(pk): label for pk, label in json.loads(_shell(site_env, _PROVISIONS)).items()}

    rounds = []
    for name in ("restart 1", "restart 2", "restart 3", "copied files", "changed file"):
        if name == "changed file":
            source = corpus / "004_d74716776d70ede2.txt"
            text = source.read_text(encoding="utf-8")
            for old, new in _REVISION:
                assert old in text
                text = text.replace(old, new)
            source.write_text(text, encoding="utf-8")
        started = time.monotonic()
        loaded = _make_run(site_env, *(copied if name in ("copied files", "changed file") else ()))
        with serve(site_env) as base:
            seconds = time.monotonic() - started
            state = json.loads(_shell(site_env, _STATE.replace("{edited}", str(ids["edited"]))))
            now = {int(pk): label for pk, label in state["provisions"].items()}
            statuses = Counter(
                requests.get(f"{base}/provisions/{pk}/", timeout=60).status_code for pk in before
            )
            page = requests.get(f"{base}/provisions/{ids['edited']}/", timeout=60).text
            gone = requests.get(f"{base}/provisions/{ids['deleted']}/", timeout=60).status_code
        reverted = [
            what
            for what, kept in (
                ("place", state["place"] == "Vienna (edited)"),
                ("text", state["text"].endswith(" (edited)") and "(edited)" in page),
                ("deletion", state["deleted_back"] == 0 and gone == 404),
            )
            if not kept
        ]
        lost = sorted(pk for pk, label in before.items() if now.get(pk) != label)
        rounds.append((name, "nothing imported" in loaded, seconds, dict(statuses), reverted, lost))
        if name == "changed file":
            kept_lines = [line.strip() for line in loaded.splitlines() if "kept" in line]

    print()
    for name, skipped, seconds, statuses, reverted, lost in rounds:
        print(
            f"restart ({name}): {'load skipped' if skipped else 'corpus loaded'}, back in {seconds:.1f} s;"
            f" {len(before)} permalinks: {statuses}; reverted: {reverted or 'nothing'}; ids lost: {len(lost)}"
        )
    print("the changed file's load said:", *kept_lines, sep="\n  ")
    assert [skipped for _, skipped, *_ in rounds] == [True, True, True, True, False]
    assert all(statuses == {200: len(before)} for _, _, _, statuses, _, _ in rounds)
    assert all(reverted == [] and lost == [] for *_, reverted, lost in rounds)
    assert any(
        "MC.DOC/2/05 4.5: the source changed its text, and so did a curator" in line for line in kept_lines
    )
    assert any("MC.DOC/2/05 4.6: a curator deleted this provision" in line for line in kept_lines)


_WITHDRAW = """
from documents.models import Document
from importing.publication import set_publication_status
study = Document.objects.get(kind="study")
set_publication_status([study], "{status}")
"""

_URLS = """
import json
from commitments.models import Provision
from documents.models import Document
study = Document.objects.get(kind="study")
texts = Provision.objects.filter(quoted_in=study).values_list("text", flat=True)
passages = [" ".join(t.split())[:60].rsplit(" ", 1)[0] for t in texts]
other_texts = Provision.objects.exclude(quoted_in=study).values_list("text", flat=True)
others = " ".join(" ".join(t.split()) for t in other_texts)
plain = [p for p in passages if not any(c in p for c in "'\\"&<>")]
print(json.dumps({
    "documents": [d.slug for d in Document.objects.order_by("pk")],
    "provisions": list(Provision.objects.order_by("pk").values_list("pk", flat=True)),
    "study": study.get_absolute_url(),
    "passages": [p for p in plain if len(p) >= 25 and p not in others],
}))
"""


def _crawl(base: str, site: dict) -> tuple[int, dict[int, int], list[str]]:
    urls = [
        "/",
        "/documents/",
        "/search/?q=migration",
        "/export/provisions.csv",
        "/export/provisions.json",
        "/feeds/provisions.atom",
        "/api/provisions/?page_size=100",
        "/api/documents/?page_size=100",
        "/data/corpus.json",
        "/lineage/",
        "/operations/",
    ]
    urls += [f"/documents/{slug}/" for slug in site["documents"]]
    urls += [f"/provisions/{pk}/" for pk in site["provisions"]]
    urls += [f"/api/provisions/{pk}/" for pk in site["provisions"]]
    urls += ["/search/?q=" + " ".join(p.split()[:4]) for p in site["passages"][:8]]
    markers = [site["study"], *site["passages"]]
    statuses: dict[int, int] = {}
    leaks = []
    for url in urls:
        response = requests.get(base + url, timeout=60)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        text = re.sub(r'<footer class="site-footer">.*?</footer>', "", response.text, flags=re.S)
        leaks += [f"{url}: {marker}" for marker in markers if marker in text]
    return len(urls), statuses, leaks


def test_a_withdrawn_source_shows_nowhere_on_the_running_site(site_env, live_site):
    site = json.loads(_shell(site_env, _URLS))
    assert len(site["passages"]) > 10
    _, _, leaks_published = _crawl(live_site, site)
    assert len(leaks_published) > 20  # published, the study is linked and quoted all over the site
    try:
        _shell(site_env, _WITHDRAW.format(status="draft") + "\nprint('ok')")
        requests_made, statuses, leaks = _crawl(live_site, site)
    finally:
        _shell(site_env, _WITHDRAW.format(status="published") + "\nprint('ok')")
    errors = sum(n for status, n in statuses.items() if status >= 500)
    print(
        f"\ndraft leak: {requests_made} requests after withdrawing the study, statuses {statuses}; "
        f"{len(leaks)} leaks (published: {len(leaks_published)} mentions), {errors} server errors"
    )
    assert leaks == []
    assert errors == 0

"""On the production stack (gunicorn, PostgreSQL, separate processes): a backup restores every
row into a new database, a restart keeps curators' work, and a withdrawn source shows nowhere.
Each case prints its figures for RELIABILITY.md."""

import json
import re

import pytest
import requests

from tests.reliability.conftest import DATABASE, _psql, manage

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
from commitments.models import Provision
from documents.models import Document
page = Document.objects.get(title="Border management")
page.place = "Vienna (edited)"
page.save()
provision = Provision.objects.get(document__symbol="MC.DOC/2/05", label="4.5")
provision.text = provision.text + " (edited)"
provision.save()
Provision.objects.get(document__symbol="MC.DOC/2/05", label="4.6").delete()
print(provision.pk)
"""

_STATE = """
from commitments.models import Provision
from documents.models import Document
place = Document.objects.get(title="Border management").place
back = Provision.objects.filter(document__symbol="MC.DOC/2/05", label="4.6").count()
print(place, "|", Provision.objects.get(pk={pk}).text[-9:], "|", back, "|", Provision.objects.count())
"""


def test_a_restart_keeps_curators_work(site_env, live_site):
    assert manage(site_env, "load_corpus", "--if-changed").returncode == 0  # the load of the first start
    count_before = int(
        _shell(site_env, "from commitments.models import Provision; print(Provision.objects.count())")
    )
    pk = int(_shell(site_env, _EDIT))

    for _ in range(3):  # three restarts
        result = manage(site_env, "load_corpus", "--if-changed")
        assert result.returncode == 0, result.stderr[-2000:]
        assert "nothing imported" in result.stdout
    place, text, deleted, count = (part.strip() for part in _shell(site_env, _STATE.format(pk=pk)).split("|"))
    print(f"\nrestart: 3 restarts; place {place!r}, text ends {text!r},", end=" ")
    print(f"deleted provision back: {deleted}, provisions expected {count_before - 1}, found {count}")
    assert (place, text, deleted, int(count)) == ("Vienna (edited)", "(edited)", "0", count_before - 1)
    assert requests.get(f"{live_site}/provisions/{pk}/", timeout=30).status_code == 200


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

"""``manage.py search_index rebuild|check|update`` against the database's truth."""

import io

import pytest
from django.core.management import CommandError, call_command

from commitments.models import Provision
from search import SearchRequest, search_provisions
from tests.factories import ProvisionFactory
from tests.search.library import build_library


@pytest.fixture
def library(db):
    return build_library()


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("search_index", *args, stdout=out)
    return out.getvalue()


def test_rebuild_shows_progress_and_check_then_finds_no_difference(library, whoosh_index):
    output = run("rebuild")
    count = Provision.objects.published().count()
    assert f"{count}/{count}" in output
    assert f"rebuilt: {count} provisions" in output
    assert "0 differences found." in run("check")


def test_check_names_missing_stale_and_extra_entries_and_fails(library, whoosh_index):
    # Saves in a test transaction never reach the index: on_commit does not fire.
    added = ProvisionFactory(document=library.final_act, label="99", text="A provision the index never saw.")
    library.trafficking.text = "Changed behind the index's back."
    library.trafficking.save()
    removed = library.smuggling.pk
    library.smuggling.delete()

    out = io.StringIO()
    with pytest.raises(CommandError, match="differs from the database in 3 place"):
        call_command("search_index", "check", stdout=out)
    report = out.getvalue()
    assert f"missing: 1 ({added.pk})" in report
    assert f"stale: 1 ({library.trafficking.pk})" in report
    assert f"extra: 1 ({removed})" in report

    assert "3 differences repaired." in run("update")
    assert "0 differences found." in run("check")
    hits = search_provisions(SearchRequest(query="never saw")).hits
    assert [hit.provision_id for hit in hits] == [added.pk]


def test_rebuild_swaps_the_new_index_in_and_keeps_one_previous(library, whoosh_index):
    first = whoosh_index.store.current_dir()
    run("rebuild")
    second = whoosh_index.store.current_dir()
    run("rebuild")
    third = whoosh_index.store.current_dir()
    assert len({first, second, third}) == 3
    assert not first.exists()
    assert second.exists() and third.exists()


def test_check_on_a_missing_index_fails_with_the_reason(library, whoosh_index):
    import shutil

    shutil.rmtree(whoosh_index.store.root)
    with pytest.raises(CommandError, match="no search index"):
        run("check")

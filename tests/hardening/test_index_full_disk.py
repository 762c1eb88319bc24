"""``search_index rebuild`` on a full disk: one line saying why, the index in use unchanged
and still answering, no half-built index left (it used to end in a traceback)."""

import errno
import os

import pytest
from django.core.management import CommandError, call_command
from whoosh.filedb.filestore import FileStorage

from search import SearchRequest, search_provisions
from tests.factories import ProvisionFactory

pytestmark = pytest.mark.django_db


def _full_disk(self, name, *args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)


def test_a_rebuild_on_a_full_disk_is_one_line_and_keeps_the_index(whoosh_index, settings, monkeypatch):
    ProvisionFactory(text="The participating States will ensure dignified treatment of migrants.")
    whoosh_index.rebuild()
    before = sorted(p.name for p in settings.SEARCH_INDEX_DIR.glob("index-*"))

    monkeypatch.setattr(FileStorage, "create_file", _full_disk)
    with pytest.raises(CommandError) as refusal:
        call_command("search_index", "rebuild")
    monkeypatch.undo()

    assert str(refusal.value) == (
        "the search index could not be rebuilt (No space left on device); the index in use is unchanged"
    )
    assert sorted(p.name for p in settings.SEARCH_INDEX_DIR.glob("index-*")) == before
    assert search_provisions(SearchRequest(query="dignified treatment")).total == 1

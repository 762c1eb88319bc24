"""System checks catch a search configuration that cannot work before a request does."""

import os

import pytest
from django.db import connection

from search.checks import check_search_backends


def ids(messages) -> list[str]:
    return [message.id for message in messages]


def test_the_default_configuration_passes(settings, tmp_path):
    settings.SEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.whoosh", "PATH": tmp_path / "var" / "index"}
    }
    assert check_search_backends() == []


def test_a_backend_that_cannot_be_imported_is_an_error(settings):
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.elastic"}}
    assert ids(check_search_backends()) == ["search.E001"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_index_directory_that_cannot_be_written_is_an_error(settings, tmp_path):
    read_only = tmp_path / "read-only"
    read_only.mkdir(mode=0o500)
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.whoosh", "PATH": read_only / "index"}}
    assert ids(check_search_backends()) == ["search.E002"]


def test_an_index_path_under_a_file_is_an_error(settings, tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.whoosh", "PATH": a_file / "index"}}
    (message,) = check_search_backends()
    assert message.id == "search.E002"
    assert "cannot be created" in message.msg


def test_the_postgres_backend_needs_postgresql(settings):
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.postgres"}}
    expected = [] if connection.vendor == "postgresql" else ["search.E002"]
    assert ids(check_search_backends()) == expected

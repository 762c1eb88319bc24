"""Whoosh's private names are used in one module only, and only on a version it was tested with.

Outside ``search/backends/whoosh_internals.py`` no module may import a private Whoosh name
or reach into an object for an ``_attribute`` it does not define itself: a new Whoosh
release can change those without notice, and this module is where that is checked.
"""

import ast
from pathlib import Path

import pytest

from search.backends import whoosh_internals
from search.checks import check_search_backends, check_whoosh_version

ROOT = Path(__file__).resolve().parents[2]
ADAPTER = ROOT / "search" / "backends" / "whoosh_internals.py"
PROJECT_DIRS = (
    "documents",
    "commitments",
    "search",
    "importing",
    "operations",
    "curation",
    "web",
    "osce_kb",
    "bench",
)


def _uses_whoosh(tree: ast.Module) -> bool:
    return any(
        (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "whoosh")
        or (
            isinstance(node, ast.Import) and any(alias.name.split(".")[0] == "whoosh" for alias in node.names)
        )
        for node in ast.walk(tree)
    )


def private_whoosh_uses(source: str) -> list[str]:
    """Private Whoosh names ``source`` imports, and ``_attributes`` it reads or writes on
    objects without defining them itself (as a method, or by assigning ``self._x``)."""
    tree = ast.parse(source)
    if not _uses_whoosh(tree):
        return []
    own = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.ClassDef)}
    own |= {
        target.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == "self"
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "whoosh":
            found += [f"import {node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
        elif isinstance(node, ast.Attribute):
            name = node.attr
            if name.startswith("_") and not name.startswith("__") and name not in own:
                found.append(f"line {node.lineno}: .{name}")
        elif isinstance(node, ast.keyword) and (node.arg or "").startswith("_"):
            found.append(f"line {node.lineno}: {node.arg}=")
        elif isinstance(node, ast.Constant) and node.value in ("deleted_docs_set",):
            found.append(f"line {node.lineno}: {node.value!r}")
    return found


def test_no_module_but_the_adapter_uses_whoosh_internals():
    offenders = {}
    for directory in PROJECT_DIRS:
        for path in sorted((ROOT / directory).rglob("*.py")):
            if path == ADAPTER or "migrations" in path.parts:
                continue
            uses = private_whoosh_uses(path.read_text())
            if uses:
                offenders[str(path.relative_to(ROOT))] = uses
    assert offenders == {}


@pytest.mark.parametrize(
    "source",
    [
        "from whoosh.codec.whoosh3 import _lenfield",
        "from whoosh import index\ndef f(ix):\n    return ix._read_toc()",
        "from whoosh.writing import SegmentWriter\n"
        "class W(SegmentWriter):\n    def f(self):\n        return self._tempstorage",
        "from whoosh import index\ndef f(reader, segment):\n    reader._segment = segment",
        "from whoosh import index\ndef f(ix):\n    return Writer(ix, _lk=False)",
    ],
)
def test_the_seam_rule_sees_each_kind_of_private_use(source):
    assert private_whoosh_uses(source)


def test_the_seam_rule_lets_a_module_use_its_own_private_names():
    source = (
        "from whoosh import index\n"
        "class Backend:\n"
        "    def __init__(self):\n        self._local = 1\n"
        "    def _searcher(self):\n        return self._local\n"
        "def g(backend):\n    return backend._searcher()\n"
    )
    assert private_whoosh_uses(source) == []


def test_the_adapter_itself_uses_the_names_it_is_there_for():
    assert "._read_toc()" in ADAPTER.read_text()  # the rule above is not vacuous


def test_the_installed_whoosh_is_a_tested_version(settings):
    assert whoosh_internals.installed_version() in whoosh_internals.TESTED_VERSIONS
    assert check_whoosh_version() == []


def test_an_untested_whoosh_version_stops_the_project_from_starting(settings, tmp_path, monkeypatch):
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.whoosh", "PATH": tmp_path / "index"}}
    monkeypatch.setattr(whoosh_internals, "installed_version", lambda: "2.8.0")
    (message,) = check_whoosh_version()
    assert message.id == "search.E003"
    assert message.is_serious()
    assert "whoosh-reloaded 2.8.0 is installed" in message.msg and "2.7.5" in message.msg
    assert check_search_backends() == []  # the other checks are unaffected


def test_the_original_whoosh_distribution_is_refused_too(settings, tmp_path, monkeypatch):
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.whoosh", "PATH": tmp_path / "index"}}
    monkeypatch.setattr(whoosh_internals, "installed_version", lambda: None)
    (message,) = check_whoosh_version()
    assert message.id == "search.E003" and "is not installed" in message.msg


def test_a_project_on_another_backend_does_not_care_which_whoosh_is_installed(settings, monkeypatch):
    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}
    monkeypatch.setattr(whoosh_internals, "installed_version", lambda: "3.0")
    assert check_whoosh_version() == []


def test_a_renamed_whoosh_internal_fails_loudly_instead_of_falling_back(corpus_index, monkeypatch):
    """What a Whoosh release renaming a private method would do: an error, not the database."""
    from whoosh.codec.whoosh3 import W3LeafMatcher

    from search import SearchRequest, search_provisions

    monkeypatch.delattr(W3LeafMatcher, "_read_ids")
    with pytest.raises(AttributeError, match="_read_ids"):
        search_provisions(SearchRequest(query="migration"))

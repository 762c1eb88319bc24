"""The project's layers, read from the code's own imports: a lower layer never imports a higher one.

From the bottom: the model apps (``documents``; ``commitments`` on it; ``search`` on both),
then ``importing`` and ``operations`` beside each other, then the two faces, ``curation`` (the
admin) and ``web`` (the public site and API). ``osce_kb`` holds the settings and helpers every
layer may use, and its ``urls``/``wsgi``/``asgi``, which stand above everything.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What each package may import of the project's other packages.
ALLOWED = {
    "documents": set(),
    "commitments": {"documents"},
    "field_operations": {"documents", "commitments"},
    "search": {"documents", "commitments"},
    "importing": {"documents", "commitments", "field_operations", "search"},
    "operations": {"documents", "commitments", "field_operations", "search"},
    "curation": {"documents", "commitments", "field_operations", "search", "importing"},
    "web": {"documents", "commitments", "field_operations", "search", "importing", "operations"},
    "bench": {
        "documents",
        "commitments",
        "field_operations",
        "search",
        "importing",
        "operations",
        "curation",
        "web",
    },  # fmt: skip
}
PACKAGES = {*ALLOWED, "osce_kb"}
# osce_kb's modules that route requests to every layer; the rest of osce_kb imports none.
PROJECT_TOP = {"osce_kb/urls.py", "osce_kb/wsgi.py", "osce_kb/asgi.py"}


def imported_packages(path: Path) -> dict[str, int]:
    """The project packages ``path`` imports (at module level or inside functions), each with
    the line of its first import."""
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        for module in modules:
            top = module.split(".")[0]
            if top in PACKAGES:
                found.setdefault(top, node.lineno)
    return found


def violations(root: Path = ROOT) -> list[str]:
    problems = []
    for package in sorted(PACKAGES):
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            if package == "osce_kb":
                allowed = PACKAGES if relative in PROJECT_TOP else {"osce_kb"}
            else:
                allowed = ALLOWED[package] | {package, "osce_kb"}
            for imported, line in imported_packages(path).items():
                if imported not in allowed:
                    problems.append(f"{relative}:{line} imports {imported}")
    return problems


def test_no_module_of_a_lower_layer_imports_a_higher_one():
    assert violations() == []


def test_every_top_level_package_of_the_project_has_a_place_in_the_layers():
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    assert packages - {"tests"} == PACKAGES


@pytest.mark.parametrize(
    ("package", "module", "statement", "reported"),
    [
        ("documents", "probe.py", "from commitments.models import Provision", "2 imports commitments"),
        ("commitments", "probe.py", "def f():\n    from web.selectors import page", "3 imports web"),
        ("search", "probe.py", "import importing.save", "2 imports importing"),
        ("importing", "probe.py", "from curation.tagging import add_tags", "2 imports curation"),
        ("web", "probe.py", "from curation.history import revert_to_version", "2 imports curation"),
        ("osce_kb", "settings.py", "from web.urls import urlpatterns", "2 imports web"),
    ],
)
def test_an_upward_import_is_reported_with_its_file_and_line(tmp_path, package, module, statement, reported):
    for name in PACKAGES:
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("")
    (tmp_path / package / module).write_text(f'"""A probe."""\n{statement}\n')
    assert violations(tmp_path) == [f"{package}/{module}:{reported}"]

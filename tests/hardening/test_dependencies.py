"""Installed dependencies are the ones the project pins, without known-vulnerable versions."""

from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _pins(filename: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / filename).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[name.strip().lower()] = version.strip()
    return pins


@pytest.mark.parametrize("name_version", sorted(_pins("requirements.txt").items()), ids=lambda nv: nv[0])
def test_runtime_dependencies_are_installed_at_their_pins(name_version):
    name, version = name_version
    assert metadata.version(name) == version


def test_pdfminer_is_past_the_pickle_deserialisation_fix():
    # CVE-2025-64512: pdfminer.six before 20251107 could run code from a crafted CMap.
    assert int(metadata.version("pdfminer.six")) >= 20251107


def test_whoosh_reloaded_is_not_shadowed_by_the_original_whoosh():
    with pytest.raises(metadata.PackageNotFoundError):
        metadata.distribution("Whoosh")
    assert metadata.version("whoosh-reloaded") == "2.7.5"

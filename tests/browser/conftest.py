"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Without Chromium these tests skip, unless REQUIRE_BROWSER=1 (as in CI), when they fail.
"""

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AXE = Path(__file__).resolve().parents[1] / "assets" / "axe.min.js"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # The live server needs committed data (tests/conftest.py puts back the rows of data
            # migrations that the flush removes).
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture
def page(browser, live_server):
    from django.db import connection

    if connection.vendor == "sqlite":
        # The SQLite process crashes (segmentation fault) in the flush between two transactional
        # live-server tests on the file-backed test database; the PostgreSQL run covers these tests.
        pytest.skip("browser tests run on PostgreSQL (SQLite crashes flushing between live-server tests)")
    context = browser.new_context(
        base_url=live_server.url,
        permissions=["clipboard-read", "clipboard-write"],
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A page answering 400 or 404 on purpose is not an error; a stylesheet or script that fails is.
    page.on(
        "response",
        lambda response: (
            errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and response.request.resource_type != "document"
            else None
        ),
    )
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    page.script_errors = errors
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as a test artefact."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def tab_to(page, selector: str, *, limit: int = 400) -> None:
    """Press Tab until the focused element matches ``selector``, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    screenshot(page, "tab-failure")
    raise AssertionError(f"{selector!r} cannot be reached with the Tab key on {page.url}")


def axe_violations(page, *, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (from the project's test assets) on the page; the violations of ``impacts``."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in impacts
    ]

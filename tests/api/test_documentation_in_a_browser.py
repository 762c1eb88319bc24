"""The API documentation page renders in a real browser, under the site's CSP, asking no other host."""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is required (REQUIRE_BROWSER is set)")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the database work of the test
    # itself is still synchronous, so Django's guard against async use does not apply.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _artifacts():
    directory = Path("test-artifacts")
    directory.mkdir(exist_ok=True)
    return directory


def _open(browser, url):
    page = browser.new_page()
    requested_hosts, problems = set(), []
    page.on("request", lambda request: requested_hosts.add(urlsplit(request.url).netloc))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url)
    return page, requested_hosts, problems


def test_swagger_ui_lists_every_operation(browser, live_server):
    page, hosts, problems = _open(browser, f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    paths = {e.inner_text().replace("\u200b", "") for e in page.query_selector_all(".opblock-summary-path")}
    assert "/api/search/" in paths
    assert "/api/documents/{ref}/" in paths
    assert len(paths) == 11
    page.screenshot(path=str(_artifacts() / "swagger.png"))
    assert hosts == {urlsplit(live_server.url).netloc}
    assert problems == []
    page.close()

"""The API documentation page renders in a real browser, under the site's CSP, asking no other host."""

import threading
from pathlib import Path
from socketserver import ThreadingMixIn
from urllib.parse import urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.wsgi import get_wsgi_application

pytestmark = pytest.mark.browser


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


@pytest.fixture(scope="module")
def site_url():
    """The site served on a free loopback port. The documentation page and the schema read no
    database, so this server needs none of the test database machinery of ``live_server``."""
    server = make_server(
        "127.0.0.1",
        0,
        StaticFilesHandler(get_wsgi_application()),
        server_class=_ThreadingServer,
        handler_class=_QuietHandler,
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


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


def test_swagger_ui_lists_every_operation(browser, site_url):
    page, hosts, problems = _open(browser, f"{site_url}/api/docs/")
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    paths = {e.inner_text().replace("\u200b", "") for e in page.query_selector_all(".opblock-summary-path")}
    assert "/api/search/" in paths
    assert "/api/documents/{ref}/" in paths
    assert len(paths) == 13
    page.screenshot(path=str(_artifacts() / "swagger.png"))
    assert hosts == {urlsplit(site_url).netloc}
    assert problems == []
    page.close()

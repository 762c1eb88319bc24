import pytest
from django.db import OperationalError
from django.test import RequestFactory

from osce_kb.middleware import DatabaseUnavailableMiddleware

pytestmark = pytest.mark.django_db


def test_pages_forbid_inline_and_foreign_scripts(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["style-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_admin_allows_inline_styles_but_never_inline_scripts(client):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "style-src 'self' 'unsafe-inline'" in policy


def test_a_spoofed_host_header_is_refused(client):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400


def test_a_lost_database_connection_answers_503_with_retry_after():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = RequestFactory().get("/search/?q=migration")
    response = middleware.process_exception(request, OperationalError("server closed the connection"))
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert b"Temporarily unavailable" in response.content


def test_other_errors_are_left_to_django():
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/"), ValueError("bug")) is None


@pytest.mark.parametrize(
    "path",
    ["/static/css/kb.css", "/static/drf_spectacular_sidecar/swagger-ui-dist/oauth2-redirect.html"],
)
def test_static_files_carry_the_pages_policy(settings, client, path):
    settings.WHITENOISE_USE_FINDERS = True  # WhiteNoise serves them as in production
    response = client.get(path)
    assert response.status_code == 200 and response.__class__.__name__ == "WhiteNoiseFileResponse"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"

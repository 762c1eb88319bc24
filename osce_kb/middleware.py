"""Site-wide response hardening and a clean answer when the database is unreachable."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


# Pages whose widgets set inline styles: the admin, and the API documentation (Swagger UI
# styles itself with <style> elements it creates).
INLINE_STYLE_PATHS = ("/api/docs/",)


def content_security_policy(path: str) -> str:
    """No inline or third-party script anywhere. Some pages' widgets set inline styles."""
    inline_styles = path.startswith((f"/{settings.ADMIN_URL}", *INLINE_STYLE_PATHS))
    style_src = "'self' 'unsafe-inline'" if inline_styles else "'self'"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            f"style-src {style_src}",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeadersMiddleware:
    """Adds the headers Django's SecurityMiddleware does not: CSP and friends, on every
    response, static files included (it stands outside WhiteNoise); X-Frame-Options too, which
    Django's own middleware sets only on what passes through it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy(request.path))
        if not getattr(response, "xframe_options_exempt", False):
            response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class DatabaseUnavailableMiddleware:
    """Answers 503 when the database drops out mid-request, and lets the next request reconnect.

    Health checks on persistent connections (``conn_health_checks``) then open a fresh
    connection, so the site recovers by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable while serving %s: %s", request.path, exception)
        for connection in connections.all(initialized_only=True):
            connection.close_if_unusable_or_obsolete()
        try:
            body = render_to_string("503.html", request=None)
        except Exception:  # the template layer may itself need the database
            body = "<h1>Service temporarily unavailable</h1><p>Please try again in a moment.</p>"
        response = HttpResponse(body, status=503)
        response["Retry-After"] = "10"
        return response

"""Rate limiting of login attempts, per client address and per user name.

Failures are counted in the cache for a window; past the limit, further attempts are
refused with 429 before the password is even checked, until the window has passed.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string

from osce_kb.client_address import client_address


def _keys(request) -> list[str]:
    address = client_address(request)
    username = request.POST.get("username", "").strip().lower()
    digest = hashlib.sha256(username.encode("utf-8", "replace")).hexdigest()
    return [f"login-failures:addr:{address}", f"login-failures:user:{digest}"]


def is_locked_out(request) -> bool:
    return any((cache.get(key) or 0) >= settings.LOGIN_FAILURE_LIMIT for key in _keys(request))


def record_failure(request) -> None:
    for key in _keys(request):
        cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def clear_failures(request) -> None:
    cache.delete_many(_keys(request))


def throttle_login(login_view):
    """Wrap a login view (e.g. ``admin.site.login``) with failure counting and lock-out."""

    @wraps(login_view)
    def view(request, *args, **kwargs):
        if request.method != "POST":
            return login_view(request, *args, **kwargs)
        if is_locked_out(request):
            minutes = max(1, settings.LOGIN_FAILURE_WINDOW_SECONDS // 60)
            body = render_to_string("429_login.html", {"minutes": minutes})
            response = HttpResponse(body, status=429)
            response["Retry-After"] = str(settings.LOGIN_FAILURE_WINDOW_SECONDS)
            return response
        response = login_view(request, *args, **kwargs)
        if request.user.is_authenticated:
            clear_failures(request)
        else:
            record_failure(request)
        return response

    return view

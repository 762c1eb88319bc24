"""Rate limiting of admin logins, per user name at each address, and per address.

An attempt is written down before its password is checked, and then the attempts in the
window are counted: each attempt counts itself and every one before it, so however many
arrive at once, at most ``LOGIN_FAILURE_LIMIT`` passwords are checked for one name at one
address (the count and the check cannot interleave as a read-then-increment in a cache can).
Past the limit, attempts answer 429 without a password check until the window has passed.

A lockout is per user name and address: failures against other names, or against the same
name from elsewhere, never lock the right user out of their own address. One address trying
many names is stopped by ``LOGIN_FAILURE_ADDRESS_LIMIT`` across all names. The address is
the client's as ``osce_kb.client_address`` reads it (behind a proxy, set TRUSTED_PROXIES).
"""

import datetime
import hashlib
from functools import wraps

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from curation.models import LoginAttempt
from osce_kb.client_address import client_address


def _digest(request) -> str:
    username = request.POST.get("username", "").strip().lower()
    return hashlib.sha256(username.encode("utf-8", "replace")).hexdigest()


def admit_attempt(request) -> LoginAttempt | None:
    """Write down this attempt; return it when its password may be checked, None when over a limit."""
    window_start = timezone.now() - datetime.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    LoginAttempt.objects.filter(at__lt=window_start).delete()
    attempt = LoginAttempt.objects.create(
        address=client_address(request)[:45], username_digest=_digest(request)
    )
    recent = LoginAttempt.objects.filter(address=attempt.address, at__gte=window_start, pk__lte=attempt.pk)
    for_name = recent.filter(username_digest=attempt.username_digest).count()
    if for_name > settings.LOGIN_FAILURE_LIMIT or recent.count() > settings.LOGIN_FAILURE_ADDRESS_LIMIT:
        return None
    return attempt


def forget_attempts(attempt: LoginAttempt) -> None:
    """A successful login: its name's failures at its address no longer count."""
    LoginAttempt.objects.filter(address=attempt.address, username_digest=attempt.username_digest).delete()


def throttle_login(login_view):
    """Wrap a login view (e.g. ``admin.site.login``) with attempt counting and lock-out."""

    @wraps(login_view)
    def view(request, *args, **kwargs):
        if request.method != "POST":
            return login_view(request, *args, **kwargs)
        attempt = admit_attempt(request)
        if attempt is None:
            minutes = max(1, settings.LOGIN_FAILURE_WINDOW_SECONDS // 60)
            body = render_to_string("429_login.html", {"minutes": minutes})
            response = HttpResponse(body, status=429)
            response["Retry-After"] = str(settings.LOGIN_FAILURE_WINDOW_SECONDS)
            return response
        response = login_view(request, *args, **kwargs)
        if request.user.is_authenticated:
            forget_attempts(attempt)
        return response

    return view

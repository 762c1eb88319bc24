"""Throttling of anonymous clients, at the rate ``settings.API_THROTTLE_ANON_RATE``."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from osce_kb.client_address import client_address


class AnonymousRateThrottle(AnonRateThrottle):
    """Per-address limit for clients that are not logged in (the address as
    ``osce_kb.client_address`` reads it).

    The rate is read from settings on each request (DRF's own class reads it once at import),
    so a deployment's value and a test's override both take effect.
    """

    def get_rate(self) -> str:
        return settings.API_THROTTLE_ANON_RATE

    def get_ident(self, request) -> str:
        # DRF's own believes any X-Forwarded-For unless NUM_PROXIES is set.
        return client_address(request)

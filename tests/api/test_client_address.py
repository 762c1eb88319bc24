"""Throttles count per client address, and X-Forwarded-For names that address only when it
comes from a proxy the deployment trusts (``TRUSTED_PROXIES``): a client cannot spoof it."""

import pytest
from django.test import RequestFactory

from osce_kb.client_address import client_address

pytestmark = pytest.mark.django_db


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


def test_behind_a_trusted_proxy_the_nearest_untrusted_hop_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The client itself may put anything at the start of the header: the proxy appends the truth.
    request = _request("10.0.0.2", "1.2.3.4, 203.0.113.9, 10.0.0.5")
    assert client_address(request) == "203.0.113.9"


def test_a_direct_client_claiming_to_be_forwarded_is_counted_as_itself(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(_request("198.51.100.7", "10.0.0.9, 203.0.113.1")) == "198.51.100.7"


def test_a_garbled_header_stops_at_the_last_trusted_hop(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_address(_request("10.0.0.1", "not-an-address")) == "10.0.0.1"
    assert client_address(_request("10.0.0.1", "")) == "10.0.0.1"


def test_a_spoofed_header_does_not_escape_the_api_throttle(client, settings, api_data):
    settings.API_THROTTLE_ANON_RATE = "3/minute"
    settings.TRUSTED_PROXIES = []
    answers = [
        client.get("/api/dimensions/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(10)
    ]
    assert answers == [200] * 3 + [429] * 7


def test_clients_behind_a_trusted_proxy_are_throttled_apart(client, settings, api_data):
    settings.API_THROTTLE_ANON_RATE = "1/minute"
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    first = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.1"}
    second = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.2"}
    assert client.get("/api/dimensions/", **first).status_code == 200
    assert client.get("/api/dimensions/", **first).status_code == 429
    assert client.get("/api/dimensions/", **second).status_code == 200

"""The address a request comes from, for the throttles: never what a client merely claims.

``X-Forwarded-For`` is written by whoever sent the request, so it is believed only as far as
the proxies the deployment trusts (``settings.TRUSTED_PROXIES``: addresses or networks)
wrote it: read from the right, each trusted hop names the one before it, and the first
address that is not a trusted proxy is the client. Without trusted proxies the header is
ignored and the client is the connection's own address.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parsed(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's address as the throttles should count it."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    address = _parsed(remote)
    if not networks or address is None:
        return remote

    def trusted(ip) -> bool:
        return any(ip in network for network in networks)

    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    while trusted(address) and hops:
        previous = _parsed(hops.pop())
        if previous is None:  # a garbled hop: the last trusted proxy is as far as we can see
            break
        address = previous
    return str(address)

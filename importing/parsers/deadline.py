"""A time limit on parsing a text, checked by the parsers' loops as they go.

A text source is parsed in the request that uploads it, so its parse must end within the
web server's timeout whatever the text holds. ``parse_deadline`` sets the limit for the
code it wraps (per thread and per request, through a context variable); ``check_deadline``,
called once per line by the loops over a text, raises ``ImportRejected`` once it has passed.
Without a deadline set (a test calling a parser directly), ``check_deadline`` does nothing.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from importing.errors import ImportRejected

_deadline: ContextVar[tuple[float, str] | None] = ContextVar("parse_deadline", default=None)


@contextmanager
def parse_deadline(seconds: float, *, reason: str) -> Iterator[None]:
    """Within the block, parsing longer than ``seconds`` is refused with ``reason``."""
    token = _deadline.set((time.monotonic() + seconds, reason))
    try:
        yield
        check_deadline()  # the work after the parsers' last check counts too
    finally:
        _deadline.reset(token)


def check_deadline() -> None:
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise ImportRejected(deadline[1])

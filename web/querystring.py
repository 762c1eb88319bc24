"""A page's own query string with one change: every link a page builds from its URL.

Facet links, page links, the export and feed links, the spelling suggestion and "without
filters" are the current search with one value added, removed or replaced, so that every
state of a page is a URL that can be bookmarked and shared. A changed search starts again
at its first page: ``page`` is dropped unless the change sets it.
"""

from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

from django.http import QueryDict


def query_with(
    params: QueryDict,
    *,
    add: tuple[str, str] | None = None,
    remove: tuple[str, str] | None = None,
    replace: Mapping[str, str | Iterable[str]] | None = None,
    drop: Iterable[str] = (),
    keep: Iterable[str] | None = None,
) -> str:
    """``?…`` for ``params`` changed so: only the names in ``keep`` (when given), without the
    names in ``drop`` nor ``page``, without the pair ``remove``, with the pair ``add``, and with
    each name of ``replace`` holding the given value(s) (an empty one drops the name)."""
    replace = dict(replace or {})
    kept = None if keep is None else set(keep)
    dropped = {"page", *drop, *replace}
    # Pairs rather than QueryDict.copy(), which deep-copies: a page builds a hundred of these.
    pairs = [
        (name, value)
        for name, values in params.lists()
        if name not in dropped and (kept is None or name in kept)
        for value in values
        if (name, value) != remove
    ]
    if add:
        pairs.append(add)
    for name, values in replace.items():
        pairs += [(name, value) for value in ([values] if isinstance(values, str) else values) if value]
    return "?" + urlencode(pairs)

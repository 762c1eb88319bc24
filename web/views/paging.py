"""Page links for long lists: first, last, and the pages around the current one."""

from dataclasses import dataclass

from django.http import QueryDict

from web.querystring import query_with

WINDOW = 2


@dataclass
class PageLink:
    number: int | None  # None: a gap ("…")
    url: str = ""
    current: bool = False


@dataclass
class Pagination:
    number: int
    num_pages: int
    links: list[PageLink]
    previous_url: str | None
    next_url: str | None


def pagination(*, params: QueryDict, number: int, num_pages: int) -> Pagination:
    def url(n: int) -> str:
        return query_with(params, replace={"page": str(n)} if n > 1 else None)

    wanted = {1, num_pages, *range(number - WINDOW, number + WINDOW + 1)}
    links: list[PageLink] = []
    for n in sorted(p for p in wanted if 1 <= p <= num_pages):
        if links and links[-1].number is not None and n > links[-1].number + 1:
            links.append(PageLink(None))
        links.append(PageLink(n, url(n), n == number))
    return Pagination(
        number=number,
        num_pages=num_pages,
        links=links,
        previous_url=url(number - 1) if number > 1 else None,
        next_url=url(number + 1) if number < num_pages else None,
    )

"""Atom feeds (RFC 4287) that tell a reader what has entered the knowledge base: the provisions
a search or a filtered list finds, and new documents, newest first by when they were added.

A feed is the search page's URL with its path changed, so following a search is saving its
feed's address in a feed reader; only published documents and their provisions are listed.
"""

from collections.abc import Callable, Iterable

from django.db.models import QuerySet
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from commitments.models import Provision
from documents.models import Document
from search import SearchRequest, matching_provision_ids

FEED_LENGTH = 50
AUTHOR = "OSCE Migration Commitments Knowledge Base"
# A search's feed looks at this many of its hits, in the search's order, for the newest ones (a
# search matching more is a search of most of the corpus, whose feed is much the unfiltered one).
MAX_SEARCH_HITS = 5_000

Absolute = Callable[[str], str]


def newest_provisions(request: SearchRequest, *, limit: int = FEED_LENGTH) -> list[Provision]:
    """The published provisions a search (or, without a query, a filtered list) finds, the
    latest to enter the knowledge base first."""
    provisions = request.filters.apply_to(Provision.objects.published())
    if request.parsed.node is not None or request.parsed.nothing_searchable:
        provisions = provisions.filter(pk__in=matching_provision_ids(request).ids[:MAX_SEARCH_HITS])
    return list(provisions.with_related().order_by("-created_at", "-pk")[:limit])


def newest_documents(documents: QuerySet[Document], *, limit: int = FEED_LENGTH) -> list[Document]:
    return list(documents.published().order_by("-created_at", "-pk")[:limit])


def provisions_feed(
    provisions: Iterable[Provision], *, title: str, page_url: str, feed_url: str, absolute: Absolute
) -> Atom1Feed:
    feed = _feed(title=title, page_url=page_url, feed_url=feed_url)
    for provision in provisions:
        url = absolute(provision.get_absolute_url())
        tags = [*(c.name for c in provision.categories.all()), *(d.name for d in provision.dimensions.all())]
        feed.add_item(
            title=str(provision),
            link=url,
            unique_id=url,
            pubdate=provision.created_at,
            updateddate=provision.updated_at,
            description=(
                f"<p>{escape(provision.citation())}</p><blockquote><p>{escape(provision.text)}</p></blockquote>"
            ),
            categories=tags,
        )
    return feed


def documents_feed(
    documents: Iterable[Document], *, title: str, page_url: str, feed_url: str, absolute: Absolute
):
    feed = _feed(title=title, page_url=page_url, feed_url=feed_url)
    for document in documents:
        url = absolute(document.get_absolute_url())
        summary = f"<p>{escape(document.citation())}</p>"
        if document.summary:
            summary += f"<p>{escape(document.summary)}</p>"
        feed.add_item(
            title=str(document),
            link=url,
            unique_id=url,
            pubdate=document.created_at,
            updateddate=document.updated_at,
            description=summary,
            categories=[document.get_kind_display()],
        )
    return feed


def _feed(*, title: str, page_url: str, feed_url: str) -> Atom1Feed:
    # An empty feed's <updated> is the time of the request (Django's default), as Atom requires one.
    return Atom1Feed(
        title=title,
        link=page_url,
        feed_url=feed_url,
        feed_guid=feed_url,
        description="",
        author_name=AUTHOR,
        language="en",
    )

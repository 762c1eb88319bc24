"""Following a search: an Atom feed of the provisions it finds, newest first by when they
entered the knowledge base, valid Atom (RFC 4287), never showing a draft; and one of new
documents."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from commitments.models import MigrationCategory, Provision
from documents.models import PublicationStatus
from tests.factories import DocumentFactory, ProvisionFactory

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).resolve().parents[1] / "assets" / "atom.rng")))


def atom(client, url: str) -> etree._Element:
    """The feed at ``url``, checked against RFC 4287's schema and the rules the schema leaves to
    prose (each entry has one id, title and updated; the feed or every entry has an author)."""
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = etree.fromstring(response.content)
    assert SCHEMA.validate(feed), SCHEMA.error_log
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    for entry in feed.iter(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.iter(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))
    return feed


def titles(feed) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]


def test_the_schema_refuses_what_is_not_atom():
    not_atom = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><updated>today</updated></feed>'
    assert not SCHEMA.validate(etree.fromstring(not_atom))


def test_a_saved_search_s_feed_lists_a_provision_added_after_it_first(client, corpus_index):
    saved = reverse("provisions-feed") + "?q=trafficking&category=illegal"
    before = titles(atom(client, saved))
    assert before  # the corpus already has such provisions

    document = DocumentFactory(symbol="MC.DEC/6/18", title="Strengthening efforts to combat trafficking")
    added = ProvisionFactory(
        document=document,
        label="3",
        text="Calls on participating States to combat trafficking in human beings.",
    )
    added.categories.add(MigrationCategory.objects.get(slug="illegal"))
    corpus_index.update([added.pk])

    feed = atom(client, saved)
    assert titles(feed) == ["MC.DEC/6/18, para. 3", *before][: len(titles(feed))]
    first = feed.find(f"{ATOM}entry")
    assert first.findtext(f"{ATOM}id") == f"http://testserver/provisions/{added.pk}/"
    assert "combat trafficking in human beings" in first.findtext(f"{ATOM}summary")
    assert [c.get("term") for c in first.findall(f"{ATOM}category")] == ["Illegal migration"]
    assert feed.findtext(f"{ATOM}updated") == first.findtext(f"{ATOM}updated")
    # The feed's page is the search it follows.
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == (
        "http://testserver/search/?q=trafficking&category=illegal"
    )


def test_entries_are_in_the_order_provisions_entered_the_knowledge_base(client, db):
    document = DocumentFactory(date=datetime.date(1990, 1, 1))  # an old document added last
    first, second, third = (ProvisionFactory(document=document, label=str(n)) for n in (1, 2, 3))
    now = timezone.now()
    for provision, hours in ((first, 3), (second, 1), (third, 2)):
        Provision.objects.filter(pk=provision.pk).update(created_at=now - datetime.timedelta(hours=hours))
    feed = atom(client, reverse("provisions-feed"))
    assert titles(feed) == [f"{document.symbol}, para. {n}" for n in (2, 3, 1)]


def test_a_feed_never_shows_a_draft(client, corpus_index):
    draft = DocumentFactory(title="Draft decision on trafficking", status=PublicationStatus.DRAFT)
    hidden = ProvisionFactory(document=draft, label="1", text="Trafficking in human beings, a draft.")
    corpus_index.update([hidden.pk])
    for url in (
        reverse("provisions-feed"),
        reverse("provisions-feed") + "?q=trafficking",
        reverse("documents-feed"),
    ):
        feed = etree.tostring(atom(client, url)).decode()
        assert "draft" not in feed.lower()


def test_a_filtered_list_has_a_feed_too(client, corpus):
    feed = atom(client, reverse("provisions-feed") + "?document=MC.DOC/2/05&year_from=2005")
    assert len(titles(feed)) == 50  # the feed's length; MC.DOC/2/05 has more
    assert all(title.startswith("MC.DOC/2/05, ") for title in titles(feed))
    assert "MC.DOC/2/05; 2005–…" in feed.findtext(f"{ATOM}title")


def test_an_empty_search_still_gives_a_valid_feed(client, corpus_index):
    feed = atom(client, reverse("provisions-feed") + "?q=zzyzx")
    assert titles(feed) == []


def test_new_documents_have_a_feed_newest_first(client, corpus):
    newest = DocumentFactory(symbol="MC.DEC/3/26", title="Decision on labour migration")
    feed = atom(client, reverse("documents-feed"))
    assert titles(feed)[0] == "MC.DEC/3/26 Decision on labour migration"
    assert feed.find(f"{ATOM}entry/{ATOM}link").get("href") == f"http://testserver{newest.get_absolute_url()}"
    only_decisions = atom(client, reverse("documents-feed") + "?kind=mc_decision")
    assert all(title.startswith(("MC.DEC", "MC(")) for title in titles(only_decisions))


@pytest.mark.parametrize("query", ["year_from=abc", "category=nonsense", "commitments_only=maybe"])
def test_a_feed_address_with_a_bad_parameter_is_refused_with_the_reason(client, db, query):
    response = client.get(reverse("provisions-feed") + "?" + query)
    assert response.status_code == 400
    assert query.split("=")[0] in response.content.decode()


def test_pages_link_to_their_feed(client, corpus_index):
    html = client.get("/search/?q=trafficking&category=illegal").content.decode()
    feed = reverse("provisions-feed") + "?q=trafficking&amp;category=illegal"
    assert (
        '<link rel="alternate" type="application/atom+xml" title="New provisions matching this search"'
        f' href="{feed}">' in html
    )
    assert f'<a href="{feed}" type="application/atom+xml">Follow this search</a>' in html
    html = client.get("/documents/").content.decode()
    assert f'href="{reverse("documents-feed")}"' in html
    html = client.get("/categories/forced/").content.decode()
    assert f'href="{reverse("provisions-feed")}?category=forced"' in html
